"""`briefing brief` to Markdown and HTML: complete files, and no Qt loaded for them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT

PROBE = """
import sys
from briefing.cli import main
status = main(sys.argv[1:])
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print("QT:" + ",".join(qt))
sys.exit(status)
"""


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_brief_writes_markdown_and_html_without_qt(tmp_path: Path, seed_path: Path, suffix: str) -> None:
    out = tmp_path / f"seed{suffix}"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "brief", str(seed_path), "--out", str(out)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "QT:\n" in result.stdout
    text = out.read_text(encoding="utf-8")
    for expected in (
        "US personnel suffer minor injuries in attack on Iraqi base",
        "The Jerusalem Post",
        "2,500",
        "900",
        "Erbil",
        "al-Sudani",
        "Key figures",
        "Key entities",
    ):
        assert expected in text
    assert ("<table" in text) == (suffix == ".html")
    assert ("| --- |" in text) == (suffix == ".md")


def test_brief_skips_unreadable_files_but_writes_the_rest(tmp_path: Path, seed_path: Path) -> None:
    from briefing.cli import main

    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out.md"
    assert main(["brief", str(seed_path), str(bad), "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8").startswith("# US personnel suffer minor injuries")
    assert main(["brief", str(bad), "--out", str(tmp_path / "none.md")]) == 2
    assert not (tmp_path / "none.md").exists()
