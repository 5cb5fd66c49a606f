"""The app's persisted preferences: an INI file under ``paths.data_home()``.

BRIEFING_HOME moves it (each test gets its own), so tests never touch the
user's settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, cast

from PySide6.QtCore import QByteArray, QSettings

from briefing.core import paths
from briefing.ui.entity_types import default_visible

ThemeChoice = Literal["system", "light", "dark"]
SortOrder = Literal["relevance", "date"]


def settings_path() -> Path:
    return paths.data_home() / "settings.ini"


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._store.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _str(self, key: str, default: str) -> str:
        value = self._store.value(key, default)
        return value if isinstance(value, str) else default

    # window and splitters
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_rect(self) -> tuple[int, int, int, int] | None:
        """The main window's last client area (x, y, width, height) in its normal state."""
        value = self._store.value("window/rect")
        if isinstance(value, str):  # INI stores a one-item list as a plain string
            value = [value]
        if not isinstance(value, list) or len(value) != 4:
            return None
        try:
            x, y, width, height = (int(v) for v in value)
        except (TypeError, ValueError):
            return None
        return x, y, width, height

    def set_window_rect(self, rect: tuple[int, int, int, int]) -> None:
        self._store.setValue("window/rect", [str(v) for v in rect])

    def maximized(self) -> bool:
        return self._str("window/maximized", "false") == "true"

    def set_maximized(self, value: bool) -> None:
        self._store.setValue("window/maximized", "true" if value else "false")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def set_splitter(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"splitters/{name}", value)

    # view
    def theme(self) -> ThemeChoice:
        value = self._str("view/theme", "system")
        return cast(ThemeChoice, value) if value in ("system", "light", "dark") else "system"

    def set_theme(self, value: ThemeChoice) -> None:
        self._store.setValue("view/theme", value)

    def zoom(self) -> int:
        try:
            return max(-6, min(12, int(self._str("view/zoom", "0"))))
        except ValueError:
            return 0

    def set_zoom(self, steps: int) -> None:
        self._store.setValue("view/zoom", str(steps))

    def visible_types(self) -> frozenset[str]:
        value = self._store.value("reader/visible_types")
        if value is None:
            return default_visible()
        if isinstance(value, str):  # INI stores a one-item list as a plain string
            value = [value] if value else []
        return frozenset(str(v) for v in value) if isinstance(value, list) else default_visible()

    def set_visible_types(self, keys: frozenset[str]) -> None:
        self._store.setValue("reader/visible_types", sorted(keys) if keys else "")

    def sort(self) -> SortOrder:
        return "date" if self._str("search/sort", "relevance") == "date" else "relevance"

    def set_sort(self, value: SortOrder) -> None:
        self._store.setValue("search/sort", value)

    def last_article(self) -> str | None:
        value = self._str("reader/last_article", "")
        return value or None

    def set_last_article(self, path: str) -> None:
        self._store.setValue("reader/last_article", path)

    # briefings
    def export_dir(self) -> str | None:
        """The folder the last briefing was exported to."""
        value = self._str("briefing/export_dir", "")
        return value or None

    def set_export_dir(self, folder: str) -> None:
        self._store.setValue("briefing/export_dir", folder)
