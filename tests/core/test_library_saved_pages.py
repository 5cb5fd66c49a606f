"""A browser's "Web page, complete" (NAME.html beside NAME_files/) is one article; the folder's own
pages and scripts are neither indexed nor counted as skipped files."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.core.ingest import SUPPORTED_SUFFIXES, read
from briefing.core.library.scan import scan

STEM = "01ccc7c5-a1d1-46e1-a5f7-43310df16575"


def test_saved_page_folder_is_part_of_its_page(shared_dir: Path, tmp_path: Path) -> None:
    library = tmp_path / "library"
    assets = library / "Kosovo talks_files"
    assets.mkdir(parents=True)
    page = shared_dir / "corpus" / "html-l3s-gn1" / "original" / f"{STEM}.html"
    shutil.copy(page, library / "Kosovo talks.html")
    (assets / "ads.html").write_text("<html><body><p>An advert frame with words enough to be text.</p>")
    (assets / "player.js").write_text("document.write('x');")
    (assets / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    orphan = library / "notes_files"  # no notes.html beside it: an ordinary folder
    orphan.mkdir()
    (orphan / "page.html").write_text("<html><body><p>A page of its own, an article.</p></body></html>")
    result = scan([library], SUPPORTED_SUFFIXES)
    assert sorted(Path(p).relative_to(library).as_posix() for p in result.files) == [
        "Kosovo talks.html",
        "notes_files/page.html",
    ]
    assert result.skipped == {}
    article = read(library / "Kosovo talks.html")
    assert "Special Representative" in article.text
