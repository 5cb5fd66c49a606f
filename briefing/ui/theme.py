"""Light and dark themes: Fusion with our palettes and a small stylesheet.

"system" follows ``QStyleHints.colorScheme`` and switches live when it changes.
"""

from __future__ import annotations

from string import Template

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from briefing.resources import resource
from briefing.ui.entity_types import Scheme
from briefing.ui.settings import ThemeChoice

_COLOURS: dict[Scheme, dict[str, str]] = {
    "light": {
        "window": "#f3f4f6", "base": "#ffffff", "alt": "#f7f8fa", "text": "#1d2129", "muted": "#5f6673",
        "button": "#f7f7f8", "border": "#d5d8de", "accent": "#2f6fdb", "accent_text": "#ffffff",
        "hover": "#e8ecf3", "pane": "#eceef2", "tooltip": "#2b2f36", "tooltip_text": "#f3f4f6",
        "error": "#b42318", "match": "#fff0a8", "match_text": "#1d2129",
    },
    "dark": {
        "window": "#181a1f", "base": "#1f2228", "alt": "#23262d", "text": "#e3e6eb", "muted": "#9aa1ad",
        "button": "#2a2e36", "border": "#363b45", "accent": "#3b6bd1", "accent_text": "#ffffff",
        "hover": "#2c313b", "pane": "#1b1d22", "tooltip": "#e3e6eb", "tooltip_text": "#1d2129",
        "error": "#ff8a80", "match": "#6b5a12", "match_text": "#fff6d0",
    },
}


def colours(scheme: Scheme) -> dict[str, str]:
    return dict(_COLOURS[scheme])


def system_scheme() -> Scheme:
    return scheme_of(QGuiApplication.styleHints().colorScheme())


def scheme_of(value: Qt.ColorScheme) -> Scheme:
    return "dark" if value == Qt.ColorScheme.Dark else "light"


def make_palette(scheme: Scheme) -> QPalette:
    c = _COLOURS[scheme]
    pal = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"), (role.WindowText, "text"), (role.Base, "base"),
        (role.AlternateBase, "alt"), (role.Text, "text"), (role.Button, "button"),
        (role.ButtonText, "text"), (role.Highlight, "accent"), (role.HighlightedText, "accent_text"),
        (role.ToolTipBase, "tooltip"), (role.ToolTipText, "tooltip_text"), (role.Link, "accent"),
        (role.PlaceholderText, "muted"), (role.BrightText, "error"), (role.Mid, "border"),
    ):
        pal.setColor(r, QColor(c[key]))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(disabled, r, QColor(c["muted"]))
    return pal


def stylesheet(scheme: Scheme) -> str:
    template = Template(resource("styles", "briefing.qss").read_text(encoding="utf-8"))
    return template.substitute(_COLOURS[scheme])


class ThemeController(QObject):
    """Owns the app's look; emits ``changed`` with the scheme now in use."""

    changed = Signal(str)

    def __init__(
        self, app: QApplication, choice: ThemeChoice = "system", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._choice: ThemeChoice = choice
        self._scheme: Scheme | None = None
        self._system: Scheme = system_scheme()
        app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.apply()

    @property
    def choice(self) -> ThemeChoice:
        return self._choice

    @property
    def scheme(self) -> Scheme:
        return self._scheme or "light"

    def set_choice(self, choice: ThemeChoice) -> None:
        self._choice = choice
        self.apply()

    def apply(self) -> None:
        scheme: Scheme = self._system if self._choice == "system" else self._choice
        if scheme == self._scheme:
            return
        self._scheme = scheme
        self._app.setPalette(make_palette(scheme))
        self._app.setStyleSheet(stylesheet(scheme))
        self.changed.emit(scheme)

    def _system_changed(self, value: Qt.ColorScheme) -> None:
        self._system = scheme_of(value)
        if self._choice == "system":
            self.apply()
