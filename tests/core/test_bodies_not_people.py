"""A party the model calls a person ("Lib Dem plans", "Lib Dem leader Charles Kennedy"), on real BBC
politics articles: not a person in the article when the article names it as a body too, and joined
to its plural, typed as a body, across the library; real people stay people."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.core.across.entity_facets import entity_facets
from briefing.core.across.entity_pages import PLURAL, EntityDirectory, library_directory
from briefing.core.analysis import Analyzer
from briefing.core.analysis.modifiers import plural_forms
from briefing.core.article import Analysis
from briefing.core.library import Library
from briefing.core.library.catalog import CatalogEntity
from tests.core.articles import raw_article
from tests.core.test_entity_facets import assert_facets_find_what_they_count

# BBC politics articles naming the Liberal Democrats: in 028, 081 and 147 only as "Lib Dem" before a
# noun (the model: a person, and nothing in the article says otherwise); in 213 also as "the Lib
# Dems"; in 363 the model itself once says ORG ("the Lib Dem leader asked").
LIB_DEM_FILES = ("028", "081", "147", "213", "339", "363", "416")


def labels_of(analysis: Analysis, written: str) -> set[str]:
    return {e.label for e in analysis.entities if e.text == written}


def bbc(shared_dir: Path, number: str) -> Path:
    return shared_dir / "corpus" / "bbc" / f"bbc_politics_{number}.txt"


@pytest.mark.shared
def test_a_party_named_only_before_nouns_is_no_person(analyzer: Analyzer, shared_dir: Path) -> None:
    # "The Lib Dem plan for a local income tax ..." (the model: PERSON), "the Lib Dem leader asked" (ORG)
    analysis = analyzer.analyse(raw_article(bbc(shared_dir, "363")))
    assert labels_of(analysis, "Lib Dem") == {"ORG"}
    assert labels_of(analysis, "Charles Kennedy") == {"PERSON"}  # the party's leader, in the same article
    assert labels_of(analysis, "Gordon Brown") == {"PERSON"}


@pytest.mark.shared
def test_a_singular_votes_with_its_plural(analyzer: Analyzer, shared_dir: Path) -> None:
    # "Lib Dem plans" twice a person by the model (and by the parse "plans" is a verb), twice ORG,
    # beside "the Lib Dems" four times ORG: one organisation, one canonical name.
    analysis = analyzer.analyse(raw_article(bbc(shared_dir, "213")))
    assert labels_of(analysis, "Lib Dem") == {"ORG"}
    assert {e.canonical for e in analysis.entities if e.text == "Lib Dem"} == {"Lib Dems"}
    assert labels_of(analysis, "Charles Kennedy") == {"PERSON"}
    assert labels_of(analysis, "Tim Collins") == {"PERSON"}


@pytest.mark.shared
def test_members_are_no_part_of_a_persons_name(analyzer: Analyzer, shared_dir: Path) -> None:
    # "Tory and Lib Dem MPs": the model's "Lib Dem MPs" is a person; people have no plural acronym
    analysis = analyzer.analyse(raw_article(bbc(shared_dir, "378")))
    assert not [e for e in analysis.entities if e.text.endswith("MPs")]


def test_people_named_before_nouns_stay_people(analyzer: Analyzer) -> None:
    text = (
        "Tony Blair defended the Blair government's record.\n\n"
        "The Bush administration said on Monday that George W Bush would visit London, and Bush "
        "aides said the trip was costly. Police reopened the Marc Dutroux case."
    )
    analysis = analyzer.analyse_text(text)
    assert labels_of(analysis, "Blair") == {"PERSON"}  # a part of "Tony Blair"
    assert labels_of(analysis, "Bush") == {"PERSON"}
    assert {e.canonical for e in analysis.entities if e.text == "Bush"} == {"George W Bush"}
    # only ever before a noun, but nothing in the article names it as a body
    assert labels_of(analysis, "Marc Dutroux") == {"PERSON"}


def test_plural_forms() -> None:
    assert plural_forms("libdem") == {"libdems"}
    assert plural_forms("libdems") == {"libdemss", "libdem"}
    assert plural_forms("tory") == {"torys", "tories"}
    assert plural_forms("tories") == {"toriess", "tory", "torie"}


def _rows(*items: tuple[str, str, str]) -> list[CatalogEntity]:
    return [CatalogEntity(path, label, name, 1, 0) for path, label, name in items]


def test_a_name_joins_its_plural_body_and_takes_its_type() -> None:
    directory = EntityDirectory(_rows(
        ("a", "PERSON", "Lib Dem"), ("a", "PERSON", "Mark Oaten"), ("a", "GPE", "Hornsey"),
        ("b", "PERSON", "Lib Dem"), ("b", "PERSON", "Charles Kennedy"), ("b", "GPE", "Torbay"),
        ("c", "PERSON", "Lib Dem"),
        ("d", "ORG", "Lib Dems"), ("d", "GPE", "Hornsey"), ("e", "NORP", "Lib Dems"), ("e", "GPE", "Torbay"),
        ("f", "PERSON", "Williams"), ("f", "PERSON", "Serena Williams"), ("g", "ORG", "William"),
        ("h", "ORG", "RBS"), ("h", "GPE", "Leith"), ("i", "ORG", "R&B"), ("i", "GPE", "Leith"),
    ), [])  # fmt: skip
    party = directory.named("Lib Dem")
    # the articles share rarer names (Hornsey, Torbay); the plural's types decide: ORG
    assert party is not None and (party.name, party.label, party.articles) == ("Lib Dems", "ORG", 5)
    assert ("Lib Dem", "PERSON", "Lib Dems", "ORG", PLURAL) in {
        (m.name, m.label, m.entity, m.entity_label, m.rule) for m in directory.merges()
    }
    # a person's surname is no plural of a body's name
    williams = directory.named("Williams")
    assert williams is not None and williams.label == "PERSON" and williams.name != "William"
    # nor an acronym ending in S the plural of another ("RBS", "R&B": keys "rbs", "rb")
    rbs = directory.named("RBS")
    assert rbs is not None and rbs.name == "RBS" and not rbs.aliases


def build_lib_dem_library(shared_dir: Path, base: Path, analyzer: Analyzer) -> Path:
    """The LIB_DEM_FILES copied to ``base``/library and indexed with the real analyzer; the index folder."""
    root = base / "library"
    root.mkdir()
    for number in LIB_DEM_FILES:
        shutil.copy2(bbc(shared_dir, number), root)
    with Library(base / "index") as library:
        report = library.update([root], analyser=analyzer.analyse_batch)
        assert report.added == len(LIB_DEM_FILES) and not report.failed
    return base / "index"


@pytest.fixture(scope="module")
def lib_dem_library(
    shared_dir: Path, analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Library]:
    with Library(build_lib_dem_library(shared_dir, tmp_path_factory.mktemp("lib-dems"), analyzer)) as library:
        yield library


@pytest.mark.shared
def test_the_library_facets_list_the_party_under_organisations(lib_dem_library: Library) -> None:
    library = lib_dem_library
    people = {row.name for row in library.catalog().entity_rows() if row.label == "PERSON"}
    assert "Lib Dem" in people  # some articles still call it a person ...
    entities = library_directory(library)
    result = library.searcher().search("", facets=True)
    entries = entity_facets(result.facets, entities, library.overrides.current(), result.total)
    named = {key: {(e.name, *e.aliases) for e in found} for key, found in entries.items()}
    # ... but the library's facets list it once, with its plural, as an organisation
    assert not [names for names in named["person"] if "Lib Dem" in names or "Lib Dems" in names]
    assert [names for names in named["org"] if "Lib Dem" in names and "Lib Dems" in names]
    assert any("Charles Kennedy" in names for names in named["person"])
    party = entities.named("Lib Dem")
    assert party is not None and party.label == "ORG" and party.articles == len(LIB_DEM_FILES)
    assert_facets_find_what_they_count(library)
