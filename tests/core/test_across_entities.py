"""Entities across the library, on real BBC articles and the seed indexed with the real analyzer."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.core.across.entity_briefing import entity_briefing
from briefing.core.across.entity_pages import ACRONYM, SURNAME, EntityDirectory, directory
from briefing.core.across.entity_text import names_any, naming_keys, sentence_at
from briefing.core.analysis import Analyzer
from briefing.core.briefing import to_html, to_markdown
from briefing.core.library import Library
from briefing.core.library.catalog import CatalogEntity
from tests.core.test_entity_facets import assert_facets_find_what_they_count

# Real BBC stories naming the same people and organisations (oldest day first).
TONY_BLAIR = ("politics_218", "politics_253", "politics_255")  # "Tony Blair" in full
BLAIR_ONLY = ("politics_112", "politics_263")  # only "Mr Blair": no full name in the article
SMITHS = ("sport_099", "entertainment_055")  # Walter Smith (football), Will Smith (actor)
SMITH_ONLY = ("sport_095",)  # a team sheet's "Smith": which one? Neither is assumed
YUKOS = ("business_083", "business_164", "business_314")  # spaCy says PERSON
YUKOS_ORG = ("business_444",)  # ... and here ORG
GOOGLE = ("tech_010", "tech_236")
ENTITY_FILES = TONY_BLAIR + BLAIR_ONLY + SMITHS + SMITH_ONLY + YUKOS + YUKOS_ORG + GOOGLE
FIRST_DAY = dt.date(2024, 3, 1)


def bbc_file(root: Path, name: str) -> Path:
    return root / f"bbc_{name}.txt"


def build_entity_library(shared_dir: Path, seed_path: Path, base: Path, analyser: Analyzer) -> Path:
    """Copy the articles (each a day later than the one before), index them; returns the index folder."""
    root = base / "library"
    root.mkdir(parents=True)
    for number, name in enumerate(ENTITY_FILES):
        target = shutil.copy2(shared_dir / "corpus" / "bbc" / f"bbc_{name}.txt", bbc_file(root, name))
        moment = dt.datetime.combine(FIRST_DAY + dt.timedelta(days=number), dt.time(12)).timestamp()
        os.utime(target, (moment, moment))
    shutil.copy2(seed_path, root / seed_path.name)
    index = base / "index"
    with Library(index) as library:
        report = library.update([root], analyser=analyser.analyse_batch)
    assert report.added == len(ENTITY_FILES) + 1 and not report.failed
    return index


@pytest.fixture(scope="module")
def entity_index(
    shared_dir: Path, seed_path: Path, analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    return build_entity_library(shared_dir, seed_path, tmp_path_factory.mktemp("entities"), analyzer)


@pytest.fixture
def library(entity_index: Path) -> Iterator[Library]:
    with Library(entity_index) as opened:
        yield opened


def _names(paths: object) -> set[str]:
    return {Path(str(p)).stem.removeprefix("bbc_") for p in paths}  # type: ignore[attr-defined]


def test_a_surname_only_article_joins_the_one_full_name(library: Library) -> None:
    catalog = library.catalog()
    # each article on its own: the Blair-only ones have no "Tony Blair" to resolve to
    for name in BLAIR_ONLY:
        path = next(a.path for a in catalog.articles() if a.path.endswith(f"bbc_{name}.txt"))
        names = {e.name for e in catalog.entities_of(path) if e.label == "PERSON"}
        assert "Blair" in names and "Tony Blair" not in names
    entities = directory(catalog)
    blair = entities.find("Blair")
    assert blair is not None and blair.name == "Tony Blair" and blair.label == "PERSON"
    assert "Blair" in blair.aliases
    assert blair.articles == len(TONY_BLAIR + BLAIR_ONLY)
    assert entities.find("tony blair") == blair  # any case
    merge = next(m for m in entities.merges() if m.name == "Blair")
    assert (merge.entity, merge.rule, merge.new_articles) == ("Tony Blair", SURNAME, len(BLAIR_ONLY))


def test_an_ambiguous_surname_stays_apart(library: Library) -> None:
    entities = directory(library.catalog())
    smith = entities.find("Smith")
    assert smith is not None and smith.name == "Smith" and smith.articles == 1
    walter, will = entities.find("Walter Smith"), entities.find("Will Smith")
    assert walter is not None and will is not None and walter != will
    assert "Smith" not in walter.aliases + will.aliases
    page = entities.page("Smith")
    assert page is not None and _names(a.path for a in page.articles) == set(SMITH_ONLY)


def test_one_entity_under_its_majority_label(library: Library) -> None:
    catalog = library.catalog()
    rows = catalog.entity_rows(["Yukos"])
    labels = Counter(r.label for r in rows)
    assert len(labels) > 1  # the analysis labels it differently in different articles
    yukos = directory(catalog).find("Yukos")
    assert yukos is not None
    assert yukos.label == labels.most_common(1)[0][0]
    assert yukos.articles == len(YUKOS + YUKOS_ORG) == len({r.path for r in rows})
    assert yukos.mentions == sum(r.mentions for r in rows)


def test_entity_page_lists_articles_figures_and_related_entities(library: Library) -> None:
    entities = directory(library.catalog())

    def text_of(path: str) -> str | None:
        found = library.document(path)
        return found[0].text if found else None

    page = entities.page("Blair", text_of=text_of)
    assert page is not None and page.name == "Tony Blair"
    assert _names(a.path for a in page.articles) == set(TONY_BLAIR + BLAIR_ONLY)
    days = [a.day or "" for a in page.articles]
    assert days == sorted(days, reverse=True)  # newest first
    for article in page.articles:
        assert article.title == Path(article.path).read_text(encoding="utf-8").splitlines()[0].strip()
        assert article.mentions >= 1
        assert article.sentence is not None and "Blair" in article.sentence
    assert page.figures
    for item in page.figures:
        figure = item.figure
        assert _names([figure.path]) <= set(TONY_BLAIR + BLAIR_ONLY)
        assert any("Blair" in (text or "") for text in (figure.sentence, figure.concept, figure.label))
    related = {r.name: r.articles for r in page.related}
    assert related.get("Gordon Brown", 0) >= 3  # the chancellor is in most of these stories
    assert "Tony Blair" not in related
    as_json = json.loads(json.dumps(page.to_dict()))
    assert as_json["article_count"] == len(page.articles) and as_json["aliases"] == ["Blair"]


def test_facets_of_entities_named_two_ways_find_what_they_count(library: Library) -> None:
    # Yukos is a person in some articles, an organisation in another: one entity, one facet entry;
    # every entry's filter (the entity's names under all their types) finds as many as it counts
    yukos = directory(library.catalog()).find("Yukos")
    assert yukos is not None and len({label for label, _ in directory(library.catalog()).labelled_names(
        yukos.name)}) > 1
    assert_facets_find_what_they_count(library)


def test_entities_by_label_most_named_first(library: Library) -> None:
    entities = directory(library.catalog())
    orgs = entities.entities("ORG")
    assert orgs and all(e.label == "ORG" for e in orgs)
    counts = [e.articles for e in orgs]
    assert counts == sorted(counts, reverse=True)
    google = next(e for e in orgs if e.name == "Google")
    naming = {r.path for r in library.catalog().entity_rows(["Google"])}
    assert google.articles == len(naming) and set(GOOGLE) <= _names(naming)
    assert entities.find("Nobody Atall") is None
    assert "Tony Blair" in entities.suggest("Tony Blare")


def test_directory_is_kept_per_catalog_state(library: Library, entity_index: Path) -> None:
    first = directory(library.catalog())
    assert directory(library.catalog())._summaries is first._summaries  # built once, shared
    first_count = first.find("Google").articles  # type: ignore[union-attr]
    root = next(Path(a.path).parent for a in library.catalog().articles())
    extra = shutil.copy2(bbc_file(root, "tech_010"), root / "copy_of_google_story.txt")
    try:
        library.update()
        again = directory(library.catalog())
        assert again._summaries is not first._summaries
        google = again.find("Google")
        assert google is not None and google.articles == first_count + 1
    finally:
        Path(extra).unlink()
        library.update()


def test_entity_briefing_is_headed_by_the_page(library: Library) -> None:
    briefing = entity_briefing(library, "Blair", limit=3, created=dt.date(2024, 4, 1))
    assert briefing is not None and briefing.entity is not None
    assert briefing.title == "Tony Blair" and len(briefing.articles) == 3
    assert briefing.entity.article_count == len(TONY_BLAIR + BLAIR_ONLY)
    assert briefing.entity.aliases == ("Blair",)
    assert briefing.entity.figures
    numbered = [f.article for f in briefing.entity.figures if f.article is not None]
    assert numbered and all(1 <= n <= 3 for n in numbered)
    markdown = to_markdown(briefing)
    assert "## Tony Blair across the library" in markdown and "**Also called:** Blair" in markdown
    assert "## Figures involving Tony Blair" in markdown
    html = to_html(briefing)
    assert "Tony Blair across the library" in html and "the 3 newest" in html
    assert entity_briefing(library, "Nobody Atall") is None


# -- the command line ------------------------------------------------------------------------


def test_cli_entities_json(entity_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = ["--index-dir", str(entity_index)]
    assert main(["entities", *index, "--label", "person", "--limit", "0", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    names = {e["name"]: e for e in out["entities"]}
    assert names["Tony Blair"]["aliases"] == ["Blair"] and names["Tony Blair"]["articles"] == 5
    assert "Smith" in names and all(e["label"] == "PERSON" for e in out["entities"])
    assert main(["entities", "--index-dir", str(entity_index), "--limit", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["entities"]) == 3 and out["total"] > 3
    assert main(["entities", "--index-dir", str(entity_index), "--label", "DATE"]) == 2


def test_cli_entity_page_and_unknown_names(entity_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entity", "Mr Blair", "--index-dir", str(entity_index), "--json"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["name"] == "Tony Blair" and page["article_count"] == 5
    assert {"path", "title", "source", "day", "mentions", "sentence"} <= set(page["articles"][0])
    assert page["figures"] and {"text", "value", "concept", "sentence", "path"} <= set(page["figures"][0])
    assert main(["entity", "Tony Blare", "--index-dir", str(entity_index), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no entity called “Tony Blare”" in captured.err and "Tony Blair" in captured.err
    assert main(["entity", "Blair", "--index-dir", str(entity_index / "missing")]) == 2


def test_cli_brief_entity_markdown_and_html(
    entity_index: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "google.md"
    assert main(["brief", "--entity", "Google", "--index-dir", str(entity_index), str(out)]) == 0
    assert "(3 articles)" in capsys.readouterr().out  # the two on Google, and one more naming it
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Google") and "## Google across the library" in text
    for name in GOOGLE:
        title = (entity_index.parent / "library" / f"bbc_{name}.txt").read_text().splitlines()[0].strip()
        assert title in text
    html_out = tmp_path / "yukos.html"
    assert main(["brief", "--entity", "yukos", "--index-dir", str(entity_index), "--out", str(html_out)]) == 0
    assert "Yukos across the library" in html_out.read_text(encoding="utf-8")
    assert main(["brief", "--entity", "Nobody", "--index-dir", str(entity_index), str(out)]) == 1
    wrong = tmp_path / "google.doc"
    assert main(["brief", "--entity", "Google", "--index-dir", str(entity_index), str(wrong)]) == 2


# -- the rules on their own --------------------------------------------------------------------


def _rows(*items: tuple[str, str, str]) -> list[CatalogEntity]:
    return [CatalogEntity(path, label, name, 1, 0) for path, label, name in items]


def test_acronym_joins_its_one_long_name_given_shared_context() -> None:
    rows = _rows(
        ("a", "ORG", "International Monetary Fund"), ("a", "GPE", "Argentina"),
        ("b", "ORG", "IMF"), ("b", "GPE", "Argentina"),
        ("c", "ORG", "International Monetary Fund"), ("c", "PERSON", "Rodrigo Rato"),
        ("d", "ORG", "BBC"),  ("e", "ORG", "British Bankers Council"),  # no shared context: apart
    )
    entities = EntityDirectory(rows, [])
    imf = entities.find("IMF")
    assert imf is not None and imf.name == "International Monetary Fund" and imf.articles == 3
    assert [m.rule for m in entities.merges() if m.name == "IMF"] == [ACRONYM]
    bbc = entities.find("BBC")
    assert bbc is not None and bbc.name == "BBC"


def test_spellings_meet_and_a_name_part_shared_by_two_people_is_ambiguous() -> None:
    rows = _rows(
        ("a", "ORG", "WorldCom"), ("b", "ORG", "Worldcom"), ("c", "ORG", "Worldcom"),
        ("a", "PERSON", "George W. Bush"), ("b", "PERSON", "Laura Bush"), ("c", "PERSON", "Bush"),
        ("a", "GPE", "Texas"), ("c", "GPE", "Texas"), ("b", "GPE", "Texas"),
    )
    entities = EntityDirectory(rows, [])
    worldcom = entities.find("WORLDCOM")
    assert worldcom is not None and worldcom.name == "Worldcom" and worldcom.aliases == ("WorldCom",)
    bush = entities.find("Bush")
    assert bush is not None and bush.name == "Bush" and bush.articles == 1


def test_naming_and_sentences() -> None:
    keys = naming_keys("Tony Blair", "PERSON", ("Blair",))
    assert names_any("Mr Blair's spokesman said so.", keys)
    assert not names_any("The blair witch project", keys)  # not capitalised: not a name
    us = naming_keys("United States", "GPE", ())
    assert names_any("The U.S. has 900 troops in Syria.", us) and not names_any("Tell us more.", us)
    text = "U.S. forces were hit. Iraqi Prime Minister Mohammed Shia al-Sudani's office said so. Then more."
    said = "Iraqi Prime Minister Mohammed Shia al-Sudani's office said so."
    assert sentence_at(text, text.index("al-Sudani")) == said
    assert sentence_at(text, 0) == "U.S. forces were hit."


def test_names_are_found_without_accents_and_by_a_unique_surname() -> None:
    rows = _rows(
        ("a", "PERSON", "Gerhard Schroeder"), ("a", "GPE", "Germany"),
        ("b", "PERSON", "Gerhard Schroeder"), ("b", "ORG", "Federal Labour Agency"),
        ("c", "PERSON", "Laura Bush"), ("d", "PERSON", "George W. Bush"),
        ("e", "PERSON", "José Manuel Barroso"),
    )
    entities = EntityDirectory(rows, [])
    schroeder = entities.find("Gerhard Schroeder")
    assert schroeder is not None
    assert entities.find("Gerhard Schröder") == schroeder  # written with its umlaut
    assert entities.find("Schroeder") == schroeder  # the library's one Schroeder
    assert entities.find("Mr Schroeder") == schroeder
    assert entities.find("Jose Manuel Barroso") == entities.find("José Manuel Barroso") is not None
    assert entities.find("Bush") is None  # two people: no guess


def test_a_name_with_and_without_its_middle_initial_is_one_person_and_its_surname_joins_it() -> None:
    rows = _rows(
        ("a", "PERSON", "George W Bush"), ("a", "ORG", "Pentagon"),
        ("b", "PERSON", "George W Bush"), ("b", "GPE", "Iraq"),
        ("c", "PERSON", "George Bush"), ("c", "ORG", "Pentagon"),
        ("d", "PERSON", "Bush"), ("d", "ORG", "Pentagon"),
        ("e", "PERSON", "John Smith"), ("e", "ORG", "Labour"),  # no shared context: apart
        ("f", "PERSON", "John A Smith"), ("f", "GPE", "Texas"),
    )
    entities = EntityDirectory(rows, [])
    bush = entities.find("George W Bush")
    assert bush is not None and bush.articles == 4
    assert entities.find("George Bush") == bush and entities.find("Bush") == bush
    assert set(bush.aliases) == {"George Bush", "Bush"}
    # Not joined (nothing shared around them), so "Smith" alone would be ambiguous.
    assert entities.find("John Smith") != entities.find("John A Smith")


def test_the_catalog_streams_every_entity_row_a_batch_at_a_time(library: Library) -> None:
    """The directory reads the rows as a stream (millions in a large library): the same rows as the list."""
    catalog = library.catalog()
    listed = catalog.entity_rows()
    assert len(listed) > 10
    assert list(catalog.each_entity_row(batch=7)) == listed


def test_a_directory_from_streamed_rows_equals_one_from_the_listed_rows(library: Library) -> None:
    # The app's directory streams the rows and reads a page's articles from the catalog when the
    # page is asked for (it holds none of them): the same as from lists of rows and articles.
    catalog = library.catalog()
    streamed = EntityDirectory(catalog.each_entity_row(batch=5), None, catalog)
    listed = EntityDirectory(catalog.entity_rows(), catalog.articles(), catalog)
    assert streamed.article_count == listed.article_count == catalog.count()
    assert [s.to_dict() for s in streamed.entities()] == [s.to_dict() for s in listed.entities()]
    pages = 0
    for summary in listed.entities()[:5]:
        page, again = streamed.page(summary.name), listed.page(summary.name)
        assert page is not None and again is not None and page.to_dict() == again.to_dict()
        pages += any(a.title != a.path and a.day for a in page.articles)
    assert pages == 5  # the articles' titles and days, not their paths


def test_the_row_stream_holds_the_catalog_only_until_it_is_closed(library: Library) -> None:
    """The directory closes the stream even when its build fails: another thread's catalog call waits
    for the stream, then goes on."""
    catalog = library.catalog()
    rows = catalog.each_entity_row(batch=2)
    next(rows)
    done = threading.Event()

    def read_articles() -> None:
        catalog.articles()
        done.set()

    other = threading.Thread(target=read_articles)
    other.start()
    assert not done.wait(0.5)  # the open stream holds the catalog
    rows.close()
    assert done.wait(30)
    other.join()
