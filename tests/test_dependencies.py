"""Every third-party package the code imports is a declared dependency (not one that comes along)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from tests.conftest import PROJECT


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_roots() -> set[str]:
    roots: set[str] = set()
    for path in (PROJECT / "briefing").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                roots.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                roots.add(node.module.split(".")[0])
    return {r for r in roots if r not in sys.stdlib_module_names and r != "briefing"}


def test_every_imported_package_is_declared() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {}).values()
    specs = [*project["dependencies"], *(spec for extra in extras for spec in extra)]
    declared = {_normal(re.split(r"[<>=!~; \[]", spec, maxsplit=1)[0]) for spec in specs}
    providers = importlib.metadata.packages_distributions()
    roots = _imported_roots()
    assert {"lxml", "whoosh", "PySide6", "numpy"} <= roots
    undeclared = sorted(
        f"{root} (from {', '.join(providers.get(root, ['?']))})"
        for root in roots
        if not any(_normal(dist) in declared for dist in providers.get(root, []))
    )
    assert not undeclared, f"imported but not in [project.dependencies] or an extra: {undeclared}"
