"""Search over a small real library: Markdown files on disk, read by the ingest readers, indexed by Whoosh.

Entities come from a tiny gazetteer analyser defined here: a real, deterministic
function from text to Analysis (the spaCy Analyzer has its own tests and a
slow test in test_library_index.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from briefing.core.article import Analysis, Article, Entity
from briefing.core.errors import QueryError
from briefing.core.library import Library, Searcher

# Surface form -> (label, canonical name).
GAZETTEER: dict[str, tuple[str, str]] = {
    "Mohammed Shia al-Sudani": ("PERSON", "Mohammed Shia al-Sudani"),
    "al-Sudani": ("PERSON", "Mohammed Shia al-Sudani"),
    "Baghdad": ("GPE", "Baghdad"),
    "Washington": ("GPE", "Washington"),
    "Ain al-Asad": ("FAC", "Ain al-Asad Airbase"),
    "Federal Reserve": ("ORG", "Federal Reserve"),
    "Real Madrid": ("ORG", "Real Madrid"),
    "Iraqi": ("NORP", "Iraqi"),
}
_NAMES = re.compile("|".join(re.escape(n) for n in sorted(GAZETTEER, key=len, reverse=True)))


def gazetteer_analyser(articles: Sequence[Article]) -> list[Analysis]:
    out = []
    for article in articles:
        found = _NAMES.finditer(article.text)
        entities = tuple(Entity(m.start(), m.end(), m.group(0), *GAZETTEER[m.group(0)]) for m in found)
        out.append(Analysis(entities=entities))
    return out


ARTICLES = {
    "iraq-base.md": (
        "Rockets hit Iraqi base", "2024-01-20", "The Jerusalem Post",
        "Militia rockets hit the Ain al-Asad air base in Iraq on Saturday while troops were running drills. "
        "Prime Minister Mohammed Shia al-Sudani condemned the militia attack on the base from Baghdad. "
        "Iraqi officials said the militia rockets damaged the base runway.",
    ),
    "sudani-visit.md": (
        "Sudani to visit Washington", "2024-02-10", "Reuters",
        "Prime Minister al-Sudani will travel from Baghdad to Washington after militia rockets hit an "
        "air base in Iraq. The militia attack on the base will be discussed, Iraqi officials said.",
    ),
    "markets.md": (
        "Markets rally on rate hopes", "2024-03-05", "Reuters",
        "Stocks running higher lifted Wall Street as the Federal Reserve signalled rate cuts. "
        "Traders said bond yields fell.",
    ),
    "football.md": (
        "Real Madrid win the final", "2023-12-01", "BBC",
        "Real Madrid beat their rivals in the final, with a late goal sealing the cup.",
    ),
    "undated.md": (
        "An undated note", None, "BBC",
        "A short note about gardening and tomatoes, with no date at all.",
    ),
    "profits.md": (
        "Profits & losses", "2024-01-05", "Company Wire",
        "AT&T said profits rose while costs fell by <2% and x<y.",
    ),
}


def _markdown(title: str, date: str | None, source: str, body: str) -> str:
    head = [f"title: {title}", f"source: {source}"]
    if date:
        head.append(f"date: {date}")
    return "---\n" + "\n".join(head) + "\n---\n\n" + body + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    base = tmp_path_factory.mktemp("search")
    root = base / "articles"
    root.mkdir()
    for name, (title, date, source, body) in ARTICLES.items():
        (root / name).write_text(_markdown(title, date, source, body), encoding="utf-8")
    lib = Library(base / "index")
    report = lib.update([root], analyser=gazetteer_analyser)
    assert (report.added, report.failed) == (len(ARTICLES), [])
    yield lib
    lib.close()


@pytest.fixture()
def searcher(library: Library) -> Searcher:
    return library.searcher()


def names(searcher: Searcher, query: str, **kwargs: object) -> list[str]:
    result = searcher.search(query, **kwargs)  # type: ignore[arg-type]
    return [Path(hit.path).name for hit in result.hits]


def test_the_reader_saw_title_date_and_source(library: Library) -> None:
    found = library.document(str(library.roots()[0] / "iraq-base.md"))
    assert found is not None
    article, analysis = found
    assert (article.title, article.published, article.source) == (
        "Rockets hit Iraqi base", "2024-01-20", "The Jerusalem Post"
    )
    assert analysis == gazetteer_analyser([article])[0]


def test_stemmed_search_finds_other_word_forms(searcher: Searcher) -> None:
    assert sorted(names(searcher, "run")) == ["iraq-base.md", "markets.md"]


def test_phrase(searcher: Searcher) -> None:
    assert names(searcher, '"stocks running higher"') == ["markets.md"]
    assert names(searcher, '"higher stocks"') == []


def test_boolean_operators(searcher: Searcher) -> None:
    assert sorted(names(searcher, "Baghdad AND Washington")) == ["sudani-visit.md"]
    assert sorted(names(searcher, "Washington OR goal")) == ["football.md", "sudani-visit.md"]
    assert sorted(names(searcher, "Baghdad NOT Washington")) == ["iraq-base.md"]
    assert sorted(names(searcher, "(tomatoes OR cup) AND final")) == ["football.md"]


def test_fields(searcher: Searcher) -> None:
    assert names(searcher, "title:Washington") == ["sudani-visit.md"]
    assert sorted(names(searcher, "source:reuters")) == ["markets.md", "sudani-visit.md"]
    assert names(searcher, 'source:"jerusalem post"') == ["iraq-base.md"]
    assert sorted(names(searcher, 'person:"al-Sudani"')) == ["iraq-base.md", "sudani-visit.md"]
    assert sorted(names(searcher, 'person:"Shia al-Sudani"')) == ["iraq-base.md", "sudani-visit.md"]
    assert names(searcher, "org:reserve") == ["markets.md"]
    assert sorted(names(searcher, "facility:asad")) == ["iraq-base.md"]
    # FAC names are places too; "Madrid" only occurs inside an ORG name, so no place matches it.
    assert sorted(names(searcher, "place:asad")) == ["iraq-base.md"]
    assert names(searcher, "place:madrid") == []
    assert sorted(names(searcher, "group:iraqi")) == ["iraq-base.md", "sudani-visit.md"]


def test_entity_phrase_matches_the_canonical_name(searcher: Searcher) -> None:
    # The visit article only says "al-Sudani"; its canonical name is searchable too.
    assert sorted(names(searcher, 'person:"Mohammed Shia al-Sudani"')) == ["iraq-base.md", "sudani-visit.md"]


def test_date_ranges(searcher: Searcher) -> None:
    assert sorted(names(searcher, "date:[2024-01-10 to 2024-02-28]")) == ["iraq-base.md", "sudani-visit.md"]
    assert names(searcher, "date:2023") == ["football.md"]
    assert sorted(names(searcher, "Reuters date:[2024-03-01 to]")) == ["markets.md"]


def test_sort_by_date_newest_first_undated_last(searcher: Searcher) -> None:
    assert names(searcher, "militia", sort="date") == ["sudani-visit.md", "iraq-base.md"]
    assert names(searcher, "") == [
        "markets.md", "sudani-visit.md", "iraq-base.md", "profits.md", "football.md", "undated.md"
    ]


def test_relevance_ranks_the_richer_match_first(searcher: Searcher) -> None:
    # Four mentions of militia/rockets/base against two.
    assert names(searcher, "militia rockets base")[0] == "iraq-base.md"


def test_facets_count_all_matches_not_just_the_page(searcher: Searcher) -> None:
    result = searcher.search("", limit=1)
    assert result.total == len(ARTICLES)
    assert len(result.hits) == 1
    assert result.facets["source"] == {"BBC": 2, "Reuters": 2, "Company Wire": 1, "The Jerusalem Post": 1}
    assert result.facets["person"] == {"Mohammed Shia al-Sudani": 2}
    assert result.facets["place"] == {"Baghdad": 2, "Ain al-Asad Airbase": 1, "Washington": 1}
    assert result.facets["facility"] == {"Ain al-Asad Airbase": 1}
    assert result.facets["org"] == {"Federal Reserve": 1, "Real Madrid": 1}
    assert result.facets["group"] == {"Iraqi": 2}
    assert result.facets["event"] == {}
    narrowed = searcher.search("militia")
    assert narrowed.facets["source"] == {"Reuters": 1, "The Jerusalem Post": 1}


def test_filters_by_facet_value(searcher: Searcher) -> None:
    assert sorted(names(searcher, "", filters={"source": "Reuters"})) == ["markets.md", "sudani-visit.md"]
    both = {"source": "Reuters", "person": "Mohammed Shia al-Sudani"}
    result = searcher.search("", filters=both)
    assert [Path(h.path).name for h in result.hits] == ["sudani-visit.md"]
    assert result.total == 1
    assert result.facets["source"] == {"Reuters": 1}
    assert names(searcher, "", filters={"place": "Ain al-Asad Airbase"}) == ["iraq-base.md"]
    # Exact values only: a part of a name is not a facet value.
    assert names(searcher, "", filters={"person": "al-Sudani"}) == []
    with pytest.raises(QueryError, match="unknown filter"):
        searcher.search("", filters={"colour": "red"})


def test_similar_articles(searcher: Searcher, library: Library) -> None:
    path = str(library.roots()[0] / "iraq-base.md")
    similar = searcher.similar(path, limit=3)
    assert similar, "expected at least one similar article"
    assert Path(similar[0].path).name == "sudani-visit.md"
    assert path not in [hit.path for hit in similar]
    assert searcher.similar("/no/such/article.md") == []


def test_snippets_are_escaped_and_marked(searcher: Searcher) -> None:
    [hit] = searcher.search("profits").hits
    assert '<b class="match">profits</b>' in hit.snippet
    assert "AT&amp;T" in hit.snippet
    assert "by &lt;2% and x&lt;y" in hit.snippet
    assert hit.title == "Profits & losses"
    assert (hit.source, hit.date) == ("Company Wire", "2024-01-05")
    [entity_hit] = searcher.search('person:"Mohammed Shia al-Sudani" Washington').hits
    assert '<b class="match">Washington</b>' in entity_hit.snippet
    assert '<b class="match">Sudani</b>' in entity_hit.snippet
    # Words the query excludes are not marked as matches.
    [base_hit] = searcher.search("militia NOT Washington").hits
    assert '<b class="match">militia</b>' in base_hit.snippet
    assert "Washington" not in base_hit.snippet


def test_a_query_without_body_words_shows_the_opening(searcher: Searcher) -> None:
    [hit] = searcher.search("source:wire").hits
    assert hit.snippet.startswith("AT&amp;T said profits rose")
    assert "<b" not in hit.snippet


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unclosed phrase', "never closed"),
        ("(Baghdad OR Washington", "never closed"),
        ("Baghdad)", "no opening"),
        ("date:[2024-01-01 to 2024-02-01", "never closed"),
        ("colour:red", "unknown field 'colour:'"),
        ("path:/etc", "unknown field"),
        ("title: Baghdad", "needs a word"),
        ("Baghdad AND", "AND needs something to its right"),
        ("OR Baghdad", "OR needs something to its left"),
        ("Baghdad AND OR Washington", "two operators"),
        ("date:nonsense", "is not a date"),
        ("date:[soon to later]", "date"),
    ],
)
def test_malformed_queries_say_what_is_wrong(searcher: Searcher, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        searcher.search(query)


def test_search_sees_later_commits(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "one.md").write_text(_markdown("First", "2024-01-01", "BBC", "alpha words"), encoding="utf-8")
    with Library(tmp_path / "index") as lib:
        lib.update([root])
        searcher = lib.searcher()
        assert searcher.search("beta").total == 0
        (root / "two.md").write_text(_markdown("Second", "2024-01-02", "BBC", "beta words"), encoding="utf-8")
        # Another Library object (as another process would) writes; this searcher refreshes.
        with Library(tmp_path / "index") as other:
            other.update()
        assert [Path(h.path).name for h in searcher.search("beta").hits] == ["two.md"]
        assert lib.count() == 2


def test_snippet_picks_the_richest_passages_in_text_order() -> None:
    from briefing.core.library.snippets import SnippetMaker, index_form

    filler = "Nothing to see in this sentence at all. " * 8
    body = (
        "Opening words about Rome.\n\n" + filler + "The harbour at Genoa was running late. "
        + filler + "Genoa and the harbour again, harbours full."
    )
    snippet = SnippetMaker().snippet(body, {index_form("harbour"), index_form("genoa"), index_form("run")})
    first, second = snippet.split(" … ")
    marked = '<b class="match">harbour</b> at <b class="match">Genoa</b> was <b class="match">running</b>'
    assert marked in first
    assert '<b class="match">harbours</b>' in second
    assert "\n" not in snippet and "Opening words" not in snippet
    assert len(first) < 400
    assert SnippetMaker().snippet("Café society", {index_form("cafe")}) == '<b class="match">Café</b> society'
