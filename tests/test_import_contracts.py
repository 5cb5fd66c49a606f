"""The import contracts of pyproject.toml ([tool.importlinter]): layers point down, no Qt in the core.

``lint-imports`` runs on the real package, and on a copy of it with one import added that points
up (or pulls Qt into the core), to show that such an import is caught.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT / "briefing"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the package under ``root`` (its pyproject.toml, its copy of briefing)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root, capture_output=True, text=True, timeout=240,
        # The copy, not the installed package, must be the ``briefing`` grimp finds.
        env={"PYTHONPATH": str(root), "PATH": str(LINT_IMPORTS.parent), "PYTHONSAFEPATH": ""},
    )


def test_the_contracts_hold() -> None:
    result = lint_imports(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Layers point down KEPT" in result.stdout
    assert "No Qt under briefing.core KEPT" in result.stdout


def _copy_with(tmp_path: Path, module: str, line: str) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PACKAGE, root / "briefing", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "pyproject.toml", root / "pyproject.toml")
    target = root / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("module", "line", "broken", "named"),
    [
        # The catalog (library) reaching up into what is built across the library.
        ("briefing/core/library/catalog.py", "from briefing.core.across import since  # noqa",
         "Layers point down BROKEN", "briefing.core.library.catalog -> briefing.core.across.since"),
        # Briefing composition reaching into the library (siblings must not import each other).
        ("briefing/core/briefing/model.py", "from briefing.core.library import catalog  # noqa",
         "Layers point down BROKEN", "briefing.core.briefing.model -> briefing.core.library.catalog"),
        # Printing reaching up into the app.
        ("briefing/printing/pdf.py", "from briefing.ui import theme  # noqa",
         "Layers point down BROKEN", "briefing.printing.pdf -> briefing.ui.theme"),
        # Qt in the core, even from a module that imports nothing else upward.
        ("briefing/core/article.py", "import PySide6.QtCore  # noqa",
         "No Qt under briefing.core BROKEN", "briefing.core.article -> PySide6"),
    ],
)
def test_an_upward_import_is_caught(tmp_path: Path, module: str, line: str, broken: str, named: str) -> None:
    result = lint_imports(_copy_with(tmp_path, module, line))
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout
    assert named in result.stdout
