"""The import contracts of pyproject.toml ([tool.importlinter]): layers point down, no Qt in the core,
only the app's entry point knows the main window (controllers get the Session), no Qt in the Session.

``lint-imports`` runs on the real package, and on a copy of it with one import added that points
up (or pulls Qt into the core), to show that such an import is caught. A last test keeps imports
at the top of modules: an import inside a function hides a dependency (often a cycle) from readers
and from the contract.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT / "briefing"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# Imports deliberately made inside a function, each for load time, none for a cycle: ``briefing``
# runs either the app (Qt widgets) or one command, never both; and a command loads Qt only to
# write a PDF (tests/core/test_briefing_command.py); only a run given a cluster loads Dask
# (tests/cluster/test_cluster_cli.py).
DEFERRED_IMPORTS = {
    ("briefing/cli.py", "from briefing import commands"),
    ("briefing/cli.py", "from briefing.ui.app import run_app"),
    ("briefing/operations/briefings.py", "from briefing.printing.gui import ensure_gui_application"),
    ("briefing/operations/briefings.py", "from briefing.printing.pdf import page_size_named, write_pdf"),
    ("briefing/core/analysis/choice.py", "from briefing.core.analysis import cluster"),
}


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
    assert "Operations use no argparse and no Qt directly KEPT" in result.stdout
    assert "Only the app's entry point knows the main window KEPT" in result.stdout
    assert "The window's state model uses no Qt KEPT" in result.stdout
    assert "Contracts: 5 kept, 0 broken." in result.stdout


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
        # The operations reaching up into the command line, or using Qt themselves.
        ("briefing/operations/formats.py", "from briefing.commands import brief  # noqa",
         "Layers point down BROKEN", "briefing.operations.formats -> briefing.commands.brief"),
        ("briefing/operations/briefings.py", "from PySide6.QtGui import QPdfWriter  # noqa",
         "Operations use no argparse and no Qt directly BROKEN",
         "briefing.operations.briefings -> PySide6"),
        # Printing reaching up into the app.
        ("briefing/printing/pdf.py", "from briefing.ui import theme  # noqa",
         "Layers point down BROKEN", "briefing.printing.pdf -> briefing.ui.theme"),
        # Qt in the core, even from a module that imports nothing else upward.
        ("briefing/core/article.py", "import PySide6.QtCore  # noqa",
         "No Qt under briefing.core BROKEN", "briefing.core.article -> PySide6"),
        # A controller handed the whole window again, even only for its type.
        ("briefing/ui/indexing.py",
         "if TYPE_CHECKING:\n    from briefing.ui.main_window import MainWindow  # noqa",
         "Only the app's entry point knows the main window BROKEN",
         "briefing.ui.indexing -> briefing.ui.main_window"),
        ("briefing/ui/since_view.py", "from briefing.ui import main_window  # noqa",
         "Only the app's entry point knows the main window BROKEN",
         "briefing.ui.since_view -> briefing.ui.main_window"),
        # Qt in the window's state model.
        ("briefing/ui/session.py", "from PySide6.QtCore import QObject  # noqa",
         "The window's state model uses no Qt BROKEN", "briefing.ui.session -> PySide6"),
    ],
)
def test_an_upward_import_is_caught(tmp_path: Path, module: str, line: str, broken: str, named: str) -> None:
    result = lint_imports(_copy_with(tmp_path, module, line))
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout
    assert named in result.stdout


def _inner_imports(path: Path) -> list[tuple[int, str]]:
    """(line, statement) of each ``briefing`` import not at a module's top level (nor TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[int] = set()
    for node in tree.body:
        top.add(id(node))
        if isinstance(node, ast.If):  # ``if TYPE_CHECKING:``, module level
            top.update(id(child) for child in node.body)
    found = []
    for node in ast.walk(tree):
        if id(node) in top:
            continue
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            statement = f"from {module} import {', '.join(alias.name for alias in node.names)}"
        elif isinstance(node, ast.Import):
            module = node.names[0].name
            statement = f"import {', '.join(alias.name for alias in node.names)}"
        else:
            continue
        if module.startswith(("briefing", ".")):
            found.append((node.lineno, statement))
    return found


def test_no_imports_inside_functions() -> None:
    found = {
        (path.relative_to(PROJECT).as_posix(), name, line)
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, name in _inner_imports(path)
    }
    unexpected = sorted(f"{path}:{line}: {name}" for path, name, line in found
                        if (path, name) not in DEFERRED_IMPORTS)
    assert not unexpected, "imports inside functions:\n" + "\n".join(unexpected)
    assert {(path, name) for path, name, _ in found} == DEFERRED_IMPORTS


def _process_events_calls(path: Path) -> list[str]:
    """The functions of ``path`` that call ``processEvents`` (``<module>`` for a call outside any)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Attribute) and child.attr == "processEvents":
                found.append(function)
            visit(child, inner)

    visit(tree, "<module>")
    return found


def test_process_events_only_in_the_screenshot_helper() -> None:
    """Work waits on signals and timers; spinning the event loop from inside a slot re-enters the
    window's code. The one exception: the screenshot paints once more after the window settled."""
    calls = {
        (path.relative_to(PROJECT).as_posix(), function)
        for path in sorted(PACKAGE.rglob("*.py"))
        for function in _process_events_calls(path)
    }
    assert calls == {("briefing/ui/app.py", "take_screenshot")}
