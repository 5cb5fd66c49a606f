"""The import contract: nothing in briefing.core imports Qt, even indirectly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import briefing.core

CORE = Path(briefing.core.__file__).parent


def core_modules() -> list[str]:
    names = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE.parent.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_core_imports_no_qt() -> None:
    modules = core_modules()
    assert len(modules) > 5
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt_roots = ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6')\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in qt_roots)\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt imported by the core: {result.stdout}"
