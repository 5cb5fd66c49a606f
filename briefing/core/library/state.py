"""The library's small persisted settings in the index folder: roots, schema version, last failures."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from briefing.core.article import FileError

SETTINGS_NAME = "library.json"
FAILURES_NAME = "failures.json"


def _write_json(path: Path, data: Any) -> None:
    # Write-then-rename, so a reader never sees half a file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class LibraryState:
    def __init__(self, folder: Path) -> None:
        self.settings_path = folder / SETTINGS_NAME
        self.failures_path = folder / FAILURES_NAME

    def _settings(self) -> dict[str, Any]:
        data = _read_json(self.settings_path)
        return data if isinstance(data, dict) else {}

    def _update(self, **changes: Any) -> None:
        data = self._settings()
        data.update(changes)
        _write_json(self.settings_path, data)

    def roots(self) -> list[Path]:
        return [Path(p) for p in self._settings().get("roots", []) if isinstance(p, str)]

    def set_roots(self, roots: list[Path]) -> None:
        self._update(roots=[str(p) for p in dict.fromkeys(roots)])

    def schema_version(self) -> int | None:
        value = self._settings().get("schema_version")
        return value if isinstance(value, int) else None

    def set_schema_version(self, version: int) -> None:
        self._update(schema_version=version)

    def analysis_version(self) -> str | None:
        """The analysis version of the last update that had an analyser."""
        value = self._settings().get("analysis_version")
        return value if isinstance(value, str) else None

    def set_analysis_version(self, version: str) -> None:
        self._update(analysis_version=version)

    def failures(self) -> list[FileError]:
        data = _read_json(self.failures_path)
        if not isinstance(data, list):
            return []
        return [FileError(str(f["path"]), str(f["reason"])) for f in data if isinstance(f, dict)]

    def set_failures(self, failures: list[FileError]) -> None:
        _write_json(self.failures_path, [f.to_dict() for f in failures])
