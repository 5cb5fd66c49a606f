"""`briefing brief` writing PDFs: files, a search, and headless from a fresh process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from tests.conftest import PROJECT
from tests.printing.conftest import BBC_FIVE
from tests.printing.poppler import pdf_pages, pdf_text

pytestmark = pytest.mark.usefixtures("qapp")


def test_brief_seed_to_pdf(tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seed.pdf"
    assert main(["brief", str(seed_path), "--out", str(out), "--page-size", "a4"]) == 0
    assert f"wrote {out} (1 article, 2 pages)" in capsys.readouterr().out
    text = pdf_text(out)
    assert "US personnel suffer minor injuries in attack on Iraqi base" in text
    assert "The Jerusalem Post" in text
    for figure in ("58", "83", "900", "2,500"):
        assert figure in text
    assert "troops in Iraq" in text and "troops in Syria" in text  # what 2,500 and 900 count
    assert "Erbil" in text and "al-Sudani" in text
    assert "SOURCES" in text.upper() and "Pentagon" in text and "anonymous" in text


def test_brief_five_bbc_files_to_one_pdf(tmp_path: Path, shared_dir: Path) -> None:
    files = [str(shared_dir / "corpus" / "bbc" / name) for name in BBC_FIVE]
    out = tmp_path / "five.pdf"
    assert main(["brief", *files, "--out", str(out), "--title", "Five stories"]) == 0
    assert pdf_pages(out) >= 6
    text = pdf_text(out)
    assert "contents" in text.casefold()
    for path in files:
        title = Path(path).read_text(encoding="utf-8").splitlines()[0].strip()
        assert title in text


def test_brief_query_briefs_what_the_search_finds(tmp_path: Path, shared_dir: Path, seed_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    for name in BBC_FIVE:
        shutil.copy(shared_dir / "corpus" / "bbc" / name, library / name)
    shutil.copy(seed_path, library / seed_path.name)
    index = tmp_path / "index"
    assert main(["index", str(library), "--index-dir", str(index)]) == 0
    out = tmp_path / "iraq.pdf"
    assert main(["brief", "--query", "Iraq OR Warner", "--index-dir", str(index), "--out", str(out)]) == 0
    text = pdf_text(out)
    assert "Briefing: Iraq OR Warner" in text
    assert "US personnel suffer minor injuries in attack on Iraqi base" in text
    assert "Ad sales boost Time Warner profit" in text
    assert "Gallery unveils interactive tree" not in text  # not found by the search


def test_brief_runs_headless_in_a_fresh_process(tmp_path: Path, seed_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "headless.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "brief", str(seed_path), "--out", str(out)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Erbil" in pdf_text(out)


def test_brief_refuses_unknown_formats_and_missing_inputs(tmp_path: Path, seed_path: Path) -> None:
    assert main(["brief", str(seed_path), "--out", str(tmp_path / "x.docx")]) == 2
    assert main(["brief", "--out", str(tmp_path / "x.pdf")]) == 2
    assert (
        main(
            [
                "brief",
                "--query",
                "Iraq",
                "--index-dir",
                str(tmp_path / "none"),
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    assert not (tmp_path / "x.pdf").exists()
