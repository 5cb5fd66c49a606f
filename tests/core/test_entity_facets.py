"""Entity facets a reader trusts: aliases under one name, noise apart, hidden and retyped entities,
kept in the library (not the articles) and applied to its documents and searches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.across.entity_briefing import entity_briefing
from briefing.core.across.entity_facets import FacetEntry, entity_facets, filter_terms
from briefing.core.across.entity_pages import EntityDirectory, library_directory, library_page
from briefing.core.analysis import Analyzer
from briefing.core.article import Analysis, Article, Entity
from briefing.core.library import Library
from briefing.core.library.catalog import CatalogArticle, CatalogEntity
from briefing.core.library.entity_overrides import OVERRIDES_FILE, Overrides, OverrideStore


def rows(*items: tuple[str, str, str, int]) -> list[CatalogEntity]:
    return [CatalogEntity(path, label, name, mentions, 0) for path, label, name, mentions in items]


# A small library: "Bush" alone in one article that also names George W Bush's context, spellings of
# one party, and a one-off mention.
DIRECTORY = EntityDirectory(rows(
    ("a", "PERSON", "George W Bush", 3), ("a", "GPE", "Iraq", 2), ("a", "ORG", "Pentagon", 1),
    ("b", "PERSON", "George W Bush", 2), ("b", "GPE", "Iraq", 1),
    ("c", "PERSON", "Bush", 2), ("c", "GPE", "Iraq", 1), ("c", "ORG", "Pentagon", 1),
    ("d", "ORG", "Lib Dems", 2), ("e", "ORG", "Lib Dems", 1), ("e", "ORG", "lib dems", 1),
    ("f", "PERSON", "Blair¿s", 1),
), [])


def names(entries: list[FacetEntry]) -> list[tuple[str, int]]:
    return [(e.name, e.count) for e in entries]


def test_aliases_fold_into_the_entity_with_a_count_of_its_articles() -> None:
    facets = {"person": {"George W Bush": 2, "Bush": 1, "Blair¿s": 1}, "org": {"Lib Dems": 2, "lib dems": 1},
              "source": {"BBC": 5}}
    entries = entity_facets(facets, DIRECTORY, Overrides(), total=6)
    assert names(entries["person"]) == [("George W Bush", 3), ("Blair¿s", 1)]
    bush = entries["person"][0]
    assert bush.aliases == ("Bush",) and set(bush.terms) == {("person", "George W Bush"), ("person", "Bush")}
    # e names the party twice: two spellings, one article; the count is the entity's articles
    assert names(entries["org"]) == [("Lib Dems", 2)]
    assert names(entries["source"]) == [("BBC", 5)]


def test_a_name_seen_once_in_one_article_is_noise() -> None:
    entries = entity_facets({"person": {"George W Bush": 2, "Blair¿s": 1}}, DIRECTORY, Overrides(), total=6)
    assert [(e.name, e.noise) for e in entries["person"]] == [("George W Bush", False), ("Blair¿s", True)]


def test_without_a_directory_the_names_stay_as_they_are() -> None:
    entries = entity_facets({"person": {"Bush": 1, "George W Bush": 2}}, None, Overrides(), total=3)
    assert names(entries["person"]) == [("George W Bush", 2), ("Bush", 1)]
    assert not any(e.noise for e in entries["person"])


def test_hidden_and_retyped_entities() -> None:
    overrides = Overrides(frozenset({"Blair¿s"}), {"Pentagon": "FAC"})
    facets = {"person": {"Blair¿s": 1, "Bush": 1}, "org": {"Pentagon": 2}}
    entries = entity_facets(facets, DIRECTORY, overrides, total=6)
    assert names(entries["person"]) == [("George W Bush", 1)]
    assert "org" not in entries or not entries["org"]
    assert names(entries["facility"]) == [("Pentagon", 2)]
    assert entries["facility"][0].terms == (("org", "Pentagon"),)
    # hiding an entity by its name hides the aliases folded into it
    hidden = entity_facets(facets, DIRECTORY, Overrides(frozenset({"George W Bush"})), total=6)
    assert names(hidden["person"]) == [("Blair¿s", 1)]


def test_filters_match_every_name_of_the_entity() -> None:
    assert filter_terms({"person": "George W Bush", "source": "BBC"}, DIRECTORY, Overrides()) == [
        [("person", "George W Bush"), ("person", "Bush")], [("source", "BBC")]
    ]
    retyped = filter_terms({"facility": "Pentagon"}, DIRECTORY, Overrides(retyped={"Pentagon": "FAC"}))
    assert ("org", "Pentagon") in retyped[0] and ("facility", "Pentagon") in retyped[0]


def test_the_store_keeps_overrides_in_the_index_folder(tmp_path: Path) -> None:
    store = OverrideStore(tmp_path)
    assert not store.current()
    store.hide(["Blair¿s"])
    store.retype(["Pentagon"], "FAC")
    again = OverrideStore(tmp_path).current()  # another connection reads what was written
    assert again.hidden == frozenset({"Blair¿s"}) and dict(again.retyped) == {"Pentagon": "FAC"}
    assert json.loads((tmp_path / OVERRIDES_FILE).read_text(encoding="utf-8")) == {
        "hidden": ["Blair¿s"], "retyped": {"Pentagon": "FAC"}
    }
    store.restore(["Blair¿s", "Pentagon"])
    assert not store.current()
    with pytest.raises(ValueError, match="unknown entity type"):
        store.retype(["x"], "FISH")


def test_an_unreadable_store_counts_as_none(tmp_path: Path) -> None:
    (tmp_path / OVERRIDES_FILE).write_text("{not json", encoding="utf-8")
    assert not OverrideStore(tmp_path).current()
    (tmp_path / OVERRIDES_FILE).write_text('{"hidden": [3, "A"], "retyped": {"B": "FISH", "C": "ORG"}}',
                                           encoding="utf-8")
    found = OverrideStore(tmp_path).current()
    assert found.hidden == frozenset({"A"}) and dict(found.retyped) == {"C": "ORG"}


def _analysed(articles: list[Article]) -> list[Analysis]:
    """Each article's capitalised "Blair¿s" and "Pentagon" as entities (the analyser's output shape)."""
    found = []
    for article in articles:
        entities = []
        for name, label in (("Blair¿s", "PERSON"), ("Pentagon", "ORG")):
            start = article.text.find(name)
            if start >= 0:
                entities.append(Entity(start, start + len(name), name, label, name))
        found.append(Analysis(entities=tuple(entities)))
    return found


def test_the_library_applies_them_to_documents_and_searches(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    text = "Talks at the Pentagon\n\nMr Blair¿s aides met officials at the Pentagon on Monday.\n"
    (folder / "talks.txt").write_bytes(text.encode("utf-8"))
    article_bytes = (folder / "talks.txt").read_bytes()
    with Library(tmp_path / "index") as library:
        library.update([folder], analyser=_analysed)
        path = str((folder / "talks.txt").resolve())
        found = library.document(path)
        assert found is not None and found[1] is not None
        assert {e.canonical for e in found[1].entities} == {"Blair¿s", "Pentagon"}
        library.overrides.hide(["Blair¿s"])
        library.overrides.retype(["Pentagon"], "FAC")
        found = library.document(path)
        assert found is not None and found[1] is not None
        assert [(e.canonical, e.label) for e in found[1].entities] == [("Pentagon", "FAC")]
        assert (tmp_path / "index" / OVERRIDES_FILE).exists()
        # the filter of the retyped entity still finds its article (indexed under its old type)
        terms = filter_terms({"facility": "Pentagon"}, None, library.overrides.current())
        result = library.searcher().search("", any_of=terms)
        assert result.total == 1
    assert (folder / "talks.txt").read_bytes() == article_bytes  # never written into the article
    assert sorted(p.name for p in folder.iterdir()) == ["talks.txt"]



def test_an_entity_tagged_two_ways_is_counted_and_filtered_under_both() -> None:
    # the analysis takes "Bush" for a place in c: the directory's one entity, under its majority type
    items = rows(("a", "PERSON", "Bush", 2), ("b", "PERSON", "Bush", 1), ("c", "GPE", "Bush", 1),
                 ("c", "GPE", "Iraq", 1), ("d", "GPE", "Iraq", 1))
    articles = [CatalogArticle(p, p, None, None, None, "saved", 0.0, 0.0) for p in "abcd"]
    both = EntityDirectory(items, articles)
    assert both.labelled_names("Bush") == (("PERSON", "Bush"), ("GPE", "Bush"))
    terms = filter_terms({"person": "Bush"}, both, Overrides())
    assert terms == [[("person", "Bush"), ("place", "Bush")]]
    # the index's top values of the whole library: the count is the entity's articles, all of them
    facets = {"person": {"Bush": 2}, "place": {"Iraq": 2}}
    assert names(entity_facets(facets, both, Overrides(), total=4)["person"]) == [("Bush", 3)]
    # narrowed to two articles: what the index counted, never more than the results
    assert names(entity_facets(facets, both, Overrides(), total=2)["person"]) == [("Bush", 2)]

# -- entity pages and briefings follow the overrides too ------------------------------------------


def test_the_directory_leaves_hidden_entities_out_and_moves_retyped_ones() -> None:
    items = rows(
        ("a", "PERSON", "George W Bush", 3), ("a", "GPE", "Iraq", 2), ("a", "ORG", "Pentagon", 1),
        ("b", "PERSON", "George W Bush", 2), ("b", "GPE", "Iraq", 1),
        ("c", "PERSON", "Bush", 2), ("c", "GPE", "Iraq", 1), ("c", "ORG", "Pentagon", 1),
    )
    plain = EntityDirectory(items, [])
    assert plain.find("Pentagon") is not None
    corrected = EntityDirectory(items, [], overrides=Overrides(frozenset({"Pentagon"}), {"Iraq": "LOC"}))
    assert corrected.find("Pentagon") is None and corrected.page("Pentagon") is None
    assert corrected.named("Pentagon") is None and "Pentagon" not in corrected.suggest("Pentagon")
    assert [(e.name, e.label) for e in corrected.entities("LOC")] == [("Iraq", "LOC")]
    assert not corrected.entities("GPE") and not corrected.entities("ORG")
    page = corrected.page("Bush")
    assert page is not None and page.name == "George W Bush"
    assert {(r.name, r.label) for r in page.related} == {("Iraq", "LOC")}  # no Pentagon among them
    iraq = corrected.page("Iraq")
    assert iraq is not None and iraq.label == "LOC" and iraq.kind_phrase == "A location"


def assert_facets_find_what_they_count(library: Library) -> None:
    """Every entity facet entry of the whole library: its filter finds as many articles as it says."""
    entities = library_directory(library)
    overrides = library.overrides.current()
    searcher = library.searcher()
    result = searcher.search("", facets=True)
    entries = entity_facets(result.facets, entities, overrides, result.total)
    checked = 0
    for key, found in entries.items():
        for entry in found:
            if key == "source":
                continue
            terms = filter_terms({key: entry.name}, entities, overrides)
            assert searcher.search("", facets=False, any_of=terms).total == entry.count, (key, entry)
            checked += 1
    assert checked >= 5


def _write(folder: Path) -> None:
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "Bush and Blair meet in Washington\n\nPresident George W Bush met Prime Minister Tony Blair at the "
        "White House in Washington on Monday. George W Bush said the talks on Iraq and the Pentagon budget "
        "went well, and Tony Blair agreed.\n", encoding="utf-8")
    (folder / "praise.txt").write_text(
        "Bush praises Blair\n\nBush told reporters in Washington that Blair was a loyal friend. Bush said "
        "the Iraq talks would continue, and the Pentagon would pay.\n", encoding="utf-8")


def test_entity_pages_and_briefings_follow_the_librarys_overrides(tmp_path: Path, analyzer: Analyzer,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "articles"
    _write(folder)
    index = tmp_path / "index"
    with Library(index) as library:
        library.update([folder], analyser=analyzer.analyse_batch)
        # What the real analysis makes of these: "Blair" in one article is Tony Blair's; spaCy takes
        # the lone "Bush" for a place.
        blair = library_page(library, "Blair")
        assert blair is not None and blair.name == "Tony Blair" and blair.aliases == ("Blair",)
        bush = library_page(library, "Bush")
        assert bush is not None and bush.label == "GPE" and len(bush.articles) == 1
        assert "Tony Blair" in {r.name for r in library_page(library, "Pentagon").related}  # type: ignore[union-attr]
        assert_facets_find_what_they_count(library)

        # Hiding Tony Blair by his name hides the "Blair" that joined him too, as the facets do.
        library.overrides.hide(["Tony Blair"])
        assert library_page(library, "Tony Blair") is None and library_page(library, "Blair") is None
        assert not {"Tony Blair", "Blair"} & {e.name for e in library_directory(library).entities()}
        pentagon = library_page(library, "Pentagon")
        assert pentagon is not None and "Tony Blair" not in {r.name for r in pentagon.related}
        briefing = entity_briefing(library, "Pentagon")
        assert briefing is not None and briefing.entity is not None
        assert "Tony Blair" not in dict(briefing.entity.related) and "Iraq" in dict(briefing.entity.related)
        assert entity_briefing(library, "Tony Blair") is None

        # "Bush" is a person in this library: under its new type, where it meets George W Bush.
        library.overrides.retype(["Bush"], "PERSON")
        bush = library_page(library, "Bush")
        assert bush is not None and (bush.name, bush.label) == ("George W Bush", "PERSON")
        assert bush.aliases == ("Bush",) and len(bush.articles) == 2
        assert "Bush" not in {e.name for e in library_directory(library).entities("GPE")}
        briefing = entity_briefing(library, "Bush")
        assert briefing is not None and briefing.entity is not None and briefing.entity.kind == "Person"
        assert briefing.title == "George W Bush" and len(briefing.articles) == 2

    # The command line reads the same corrections from the index folder.
    assert main(["entity", "Blair", "--index-dir", str(index), "--json"]) == 1
    assert "no entity called “Blair”" in capsys.readouterr().err
    assert main(["entities", "--index-dir", str(index), "--label", "PERSON", "--json"]) == 0
    people = {e["name"]: e for e in json.loads(capsys.readouterr().out)["entities"]}
    assert set(people) == {"George W Bush"} and people["George W Bush"]["aliases"] == ["Bush"]
