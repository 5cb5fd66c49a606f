"""An entity's page: everything the library says of one person, organisation or place.

A non-modal window beside the main one. The page (``across.entity_pages``) is
built on the io worker; the view shows it as offline rich text whose links open
an article in the main window (``article_requested``) or another entity's page,
with back and forward between the pages seen. Print and export go through the
main window's briefing actions, as an entity briefing.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.across.entity_briefing import best_figures
from briefing.core.across.entity_pages import EntityPage
from briefing.core.across.figure_series import day_label
from briefing.core.briefing import Briefing
from briefing.core.library import Library
from briefing.core.palette import swatch
from briefing.operations import UnknownEntityError, entity_briefing, find_entity
from briefing.ui.entity_types import PAGE_COLOURS, Scheme
from briefing.ui.formatting import saved_label
from briefing.ui.reader import Reader
from briefing.ui.tasks import TaskRunner

MAX_FIGURES_SHOWN = 60
BRIEFING_ARTICLES = 20  # the newest articles an entity briefing holds

# (library, name) -> the page, or None for an unknown name; runs on the io worker
LoadPage = Callable[[Library, str], EntityPage | None]


def load_page(library: Library, name: str) -> EntityPage | None:
    try:
        return find_entity(library, name, sentences=30)
    except UnknownEntityError:
        return None


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def page_html(page: EntityPage, scheme: Scheme) -> str:
    """The page as rich text; links: ``article:N`` (page.articles[N]) and ``entity:N`` (page.related[N])."""
    background, ink, muted = PAGE_COLOURS[scheme]
    accent = swatch(page.label).accent
    kind = swatch(page.label).name
    count = len(page.articles)
    parts = [
        f'<html><body style="background-color:{background}; color:{ink};">',
        f'<p style="color:{accent}; font-weight:600;">{_e(kind.upper())}</p>',
        f"<h1>{_e(page.name)}</h1>",
        f'<p style="color:{muted};">Named in {count:,} article{"s" if count != 1 else ""}, '
        f"{page.mentions:,} mention{'s' if page.mentions != 1 else ''}</p>",
    ]
    if page.aliases:
        parts.append(f"<p><b>Also called:</b> {_e(', '.join(page.aliases))}</p>")
    if page.related:
        links = ", ".join(f'<a href="entity:{i}">{_e(r.name)}</a>&nbsp;({r.articles})'
                          for i, r in enumerate(page.related))
        parts.append(f"<p><b>Named with:</b> {links}</p>")
    parts.append("<h2>Articles</h2>")
    for i, article in enumerate(page.articles):
        day = saved_label(article.day) if article.dated_by == "saved" else day_label(article.day, long=True)
        meta = " · ".join(_e(p) for p in (article.source, day if article.day else None) if p)
        meta += f"{' · ' if meta else ''}{article.mentions} mention{'s' if article.mentions != 1 else ''}"
        parts.append(f'<p><a href="article:{i}"><b>{_e(article.title)}</b></a><br>'
                     f'<span style="color:{muted};">{meta}</span>'
                     + (f"<br>“{_e(article.sentence)}”" if article.sentence else "") + "</p>")
    figures = best_figures(page, MAX_FIGURES_SHOWN)
    if figures:
        number = {a.path: i for i, a in enumerate(page.articles)}
        parts.append(f"<h2>Figures involving {_e(page.name)}</h2>")
        rows = []
        for item in figures:
            f = item.figure
            counts = _e(f.concept or f.unit or "")
            rows.append(
                f'<tr><td><b>{_e(f.text)}</b></td><td>{counts}</td><td>{_e(f.sentence)}</td>'
                f'<td><a href="article:{number[f.path]}">{_e(item.title)}</a></td></tr>'
            )
        head = ("<tr><th align=left>Figure</th><th align=left>What it counts</th>"
                "<th align=left>Sentence</th><th align=left>Article</th></tr>")
        parts.append(f'<table cellspacing="0" cellpadding="4" width="100%">{head}{"".join(rows)}</table>')
        if len(page.figures) > len(figures):
            parts.append(f'<p style="color:{muted};">and {len(page.figures) - len(figures):,} more '
                         "in the articles above</p>")
    parts.append("</body></html>")
    return "".join(parts)


class PageBrowser(QTextBrowser):
    """Offline rich text: no resource is loaded, no link is followed by the widget itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, type: int, name: QUrl | str, /) -> Any:
        return None


class EntityPageView(QWidget):
    """The entity page window: back / forward, the page, Print… and Export… of its briefing."""

    article_requested = Signal(str)  # path
    page_shown = Signal(str)  # the entity's name, once its page is on screen

    def __init__(self, io: TaskRunner, library: Callable[[], Library | None],
                 parent: QWidget | None = None, load: LoadPage = load_page) -> None:
        super().__init__(parent, Qt.WindowType.Window)  # a window of its own, not modal
        self._io = io
        self._library = library
        self._load = load
        self._scheme: Scheme = "light"
        self.page: EntityPage | None = None
        self._history: list[str] = []
        self._at = -1
        self._pending: str | None = None
        self.setObjectName("EntityPage")
        self.setWindowTitle("Entity — Briefing")
        icon = self.style().standardIcon
        self.back_button = QPushButton(icon(QStyle.StandardPixmap.SP_ArrowBack), "", self)
        self.back_button.setToolTip("Back (Alt+Left)")
        self.back_button.clicked.connect(self.back)
        self.forward_button = QPushButton(icon(QStyle.StandardPixmap.SP_ArrowForward), "", self)
        self.forward_button.setToolTip("Forward (Alt+Right)")
        self.forward_button.clicked.connect(self.forward)
        self.title = QLabel(self)
        self.title.setObjectName("EntityPageTitle")
        self.print_button = QPushButton("Print…", self)
        self.print_button.setToolTip("Print a briefing of this entity: its page and the newest articles")
        self.export_button = QPushButton("Export…", self)
        self.export_button.setToolTip("Export a briefing of this entity as PDF, HTML or Markdown")
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        for widget in (self.back_button, self.forward_button):
            bar.addWidget(widget)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        self.browser = PageBrowser(self)
        self.browser.setObjectName("EntityPageBrowser")
        self.browser.anchorClicked.connect(self._link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        QShortcut(QKeySequence("Alt+Left"), self, self.back)
        QShortcut(QKeySequence("Alt+Right"), self, self.forward)
        self.resize(760, 720)
        self._refresh_buttons()

    # -- what is shown ---------------------------------------------------------------------

    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        if self.page is not None:
            self.browser.setHtml(page_html(self.page, scheme))

    def show_entity(self, name: str) -> None:
        """Show the page of ``name`` (an entity's name or alias), after those seen before."""
        del self._history[self._at + 1 :]
        self._history.append(name)
        self._at = len(self._history) - 1
        self._fetch(name)

    def refresh(self) -> None:
        """Read the shown page again (the library's corrections changed: a hidden entity, a new type)."""
        if 0 <= self._at < len(self._history):
            self._fetch(self._history[self._at])

    def back(self) -> None:
        if self._at > 0:
            self._at -= 1
            self._fetch(self._history[self._at])

    def forward(self) -> None:
        if self._at + 1 < len(self._history):
            self._at += 1
            self._fetch(self._history[self._at])

    def _fetch(self, name: str) -> None:
        library = self._library()
        self._refresh_buttons()
        if library is None:
            return
        self._pending = name
        self.title.setText(f"Loading {name}…")

        def shown(page: EntityPage | None) -> None:
            if self._pending != name:
                return  # another page was asked for meanwhile
            self._pending = None
            self._show(name, page)

        def failed(error: BaseException) -> None:
            if self._pending == name:
                self._pending = None
                self._show(name, None, f"Could not read the library: {error}")

        self._io.run(lambda: self._load(library, name), shown, failed)

    def _show(self, name: str, page: EntityPage | None, problem: str | None = None) -> None:
        self.page = page
        if page is None:
            _background, _ink, muted = PAGE_COLOURS[self._scheme]
            message = problem or f"No entity called “{name}” in the library."
            self.browser.setHtml(f'<p style="color:{muted};">{_e(message)}</p>')
            self.title.setText(name)
        else:
            self.browser.setHtml(page_html(page, self._scheme))
            self.title.setText(f"<b>{_e(page.name)}</b>")
            self.setWindowTitle(f"{page.name} — Briefing")
            self._history[self._at] = page.name
        self._refresh_buttons()
        self.page_shown.emit(page.name if page else name)

    def _refresh_buttons(self) -> None:
        self.back_button.setEnabled(self._at > 0)
        self.forward_button.setEnabled(self._at + 1 < len(self._history))
        ready = self.page is not None
        self.print_button.setEnabled(ready)
        self.export_button.setEnabled(ready)

    def _link(self, url: QUrl) -> None:
        kind, _, index = url.toString().partition(":")
        if self.page is None or not index.isdigit():
            return
        i = int(index)
        if kind == "article" and i < len(self.page.articles):
            self.article_requested.emit(self.page.articles[i].path)
        elif kind == "entity" and i < len(self.page.related):
            self.show_entity(self.page.related[i].name)

    # -- its briefing ------------------------------------------------------------------------

    def briefing_paths(self) -> list[str]:
        return [a.path for a in self.page.articles[:BRIEFING_ARTICLES]] if self.page else []

    def build_briefing(self) -> Callable[[Library, list[str]], Briefing | None]:
        """How the briefing actions build this entity's briefing (on the io worker)."""
        name = self.page.name if self.page else ""

        def build(library: Library, _paths: list[str]) -> Briefing | None:
            try:
                return entity_briefing(library, name, limit=BRIEFING_ARTICLES)
            except UnknownEntityError:  # gone since the page was shown
                return None

        return build


# -- where pages are opened from: lists and the reader offer "Open entity page" ------------------


def show_articles_label(name: str) -> str:
    return f"Show articles naming “{name}”"


def offer_pages_in_tree(
    tree: QTreeWidget,
    name_of: Callable[[QTreeWidgetItem], str | None],
    open_page: Callable[[str], object],
    show_articles: Callable[[QTreeWidgetItem], object] | None = None,
) -> None:
    """Double-click or the context menu on an entity row of ``tree`` opens its page; the context
    menu also filters the results by it (``show_articles``), the one way a row adds a filter.

    ``name_of(item)`` is the entity's name for rows that are entities, else None.
    """

    def double_clicked(item: QTreeWidgetItem, _column: int) -> None:
        name = name_of(item)
        if name:
            open_page(name)

    def menu(pos: QPoint) -> None:
        item = tree.itemAt(pos)
        name = name_of(item) if item is not None else None
        if not name or item is None:
            return
        popup = QMenu(tree)
        popup.addAction(f"Open entity page for “{name}”").triggered.connect(lambda: open_page(name))
        if show_articles is not None:
            popup.addAction(show_articles_label(name)).triggered.connect(lambda: show_articles(item))
        popup.exec(tree.viewport().mapToGlobal(pos))

    tree.itemDoubleClicked.connect(double_clicked)
    tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    tree.customContextMenuRequested.connect(menu)


def entity_menu(reader: Reader, pos: QPoint, open_page: Callable[[str], object]) -> QMenu:
    """The reader's context menu at ``pos`` (viewport): over an entity, "Open entity page" and
    "Show articles naming …" (which filters the results: ``reader.entity_activated``)."""
    menu = reader.createStandardContextMenu(pos)
    entity = reader.entity_at(reader.anchorAt(pos))
    if entity is not None:
        name = entity.canonical
        page = QAction(f"Open entity page for “{name}”", menu)
        page.triggered.connect(lambda: open_page(name))
        articles = QAction(show_articles_label(name), menu)
        articles.triggered.connect(lambda: reader.entity_activated.emit(entity))
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, [page, articles])  # type: ignore[arg-type]
        if first is not None:
            menu.insertSeparator(first)
    return menu


def offer_pages_in_reader(reader: Reader, open_page: Callable[[str], object]) -> None:
    """The reader's context menu over a highlighted entity offers its page; a double-click opens it."""

    def show(pos: QPoint) -> None:
        entity_menu(reader, pos, open_page).exec(reader.viewport().mapToGlobal(pos))

    reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    reader.customContextMenuRequested.connect(show)
    reader.entity_page_requested.connect(open_page)
