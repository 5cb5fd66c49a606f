"""The operations the command line and the app share, on a real library of the seed article."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.core.across.entity_pages import directory
from briefing.core.analysis import Analyzer
from briefing.core.briefing import to_html, to_markdown
from briefing.core.ingest import SUPPORTED_SUFFIXES
from briefing.core.library import Library
from briefing.operations import (
    ARTICLE_SUFFIXES,
    EXPORT_FORMATS,
    EXPORT_SUFFIXES,
    BriefingOutputError,
    UnknownEntityError,
    entity_briefing,
    export_format,
    find_entity,
    library_briefing,
    record_briefing,
    write_briefing,
)


@pytest.fixture(scope="module")
def seed_index(seed_path: Path, analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("operations")
    (base / "library").mkdir()
    shutil.copy2(seed_path, base / "library" / seed_path.name)
    with Library(base / "index") as library:
        report = library.update([base / "library"], analyser=analyzer.analyse_batch)
    assert report.added == 1 and not report.failed
    return base / "index"


@pytest.fixture
def library(seed_index: Path) -> Iterator[Library]:
    with Library(seed_index) as opened:
        yield opened


@pytest.fixture
def seed(library: Library) -> str:
    return library.catalog().articles()[0].path


def test_formats_and_suffixes_are_named_once() -> None:
    assert set(EXPORT_SUFFIXES.values()) == set(EXPORT_FORMATS) == {"pdf", "html", "md"}
    assert export_format(Path("a/Brief.HTM")) == "html"
    assert export_format(Path("brief.markdown")) == "md"
    assert export_format(Path("brief.txt")) is None
    assert ARTICLE_SUFFIXES == SUPPORTED_SUFFIXES


def test_a_library_briefing_holds_the_articles_it_still_has(library: Library, seed: str) -> None:
    briefing = library_briefing(library, [seed, "/nowhere/gone.txt"])
    assert briefing is not None
    assert [a.path for a in briefing.articles] == [seed]
    assert library_briefing(library, ["/nowhere/gone.txt"]) is None


@pytest.mark.parametrize("name", ["seed.md", "seed.markdown", "seed.html", "seed.htm"])
def test_write_markdown_and_html(library: Library, seed: str, tmp_path: Path, name: str) -> None:
    briefing = library_briefing(library, [seed])
    assert briefing is not None
    out = tmp_path / "out" / name
    written = write_briefing(briefing, out)
    assert written.path == out and written.pages is None and written.detail() == ""
    expected = to_html(briefing) if written.format == "html" else to_markdown(briefing)
    assert written.format == export_format(out)
    assert out.read_text(encoding="utf-8") == expected


def test_a_name_with_no_format_or_an_unknown_paper_is_refused(
    library: Library, seed: str, tmp_path: Path
) -> None:
    briefing = library_briefing(library, [seed])
    assert briefing is not None
    with pytest.raises(BriefingOutputError, match=r"seed\.txt: the file name must end in \.pdf, \.html"):
        write_briefing(briefing, tmp_path / "seed.txt")
    with pytest.raises(BriefingOutputError, match="no paper called a5"):
        write_briefing(briefing, tmp_path / "seed.md", page_size="a5")
    assert list(tmp_path.iterdir()) == []


def test_recording_counts_only_the_library_articles(library: Library, seed: str) -> None:
    catalog = library.catalog()
    before = len(catalog.briefings())
    assert record_briefing(library, ["/nowhere/gone.txt"], "Nothing known", "md", 1.0) == 0
    assert len(catalog.briefings()) == before
    assert record_briefing(library, [seed, "/nowhere/gone.txt"], "The seed", "html", 2.0) == 1
    last = catalog.last_briefing()
    assert last is not None
    assert (last.title, last.kind, last.paths, last.made_at) == ("The seed", "html", (seed,), 2.0)


def test_an_entity_is_found_by_any_case_and_its_briefing_made(library: Library) -> None:
    known = directory(library.catalog()).entities("PERSON")[0]
    page = find_entity(library, known.name.upper(), sentences=5)
    assert page.name == known.name
    briefing = entity_briefing(library, known.name, limit=5)
    assert briefing.entity is not None and briefing.entity.name == known.name
    assert briefing.title == known.name


def test_an_unknown_entity_is_an_error_with_close_names(library: Library) -> None:
    known = directory(library.catalog()).entities("PERSON")[0].name
    misspelt = known[:-1] + ("x" if known[-1] != "x" else "y")
    with pytest.raises(UnknownEntityError) as raised:
        find_entity(library, misspelt)
    assert str(raised.value) == f"no entity called “{misspelt}” in the library"
    assert known in raised.value.suggestions
    with pytest.raises(UnknownEntityError):
        entity_briefing(library, "Nobody Whatsoever Zzyzx")
