"""The side panel: the open article's key figures, summary, sources and entities by type, in tabs.

Each key figure says where else the library reports it ("also 66 on 9 Jan 2024 in B"); selecting
one shows its course (``figure_chart``). The series come from the catalog on the panel's own worker
(``tasks``): the figures show at once and their histories join them when read (up to a second in a
library of 100,000 articles); the index worker keeps the catalog in step.
"""

from __future__ import annotations

import html
import logging
from collections import Counter, defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.across.figure_series import FigureSeries, describe_elsewhere, histories
from briefing.core.article import Analysis, Attribution, Entity, Figure
from briefing.core.briefing.model import shorten
from briefing.core.library.catalog import Catalog
from briefing.ui.entity_types import ENTITY_TYPES, Scheme, type_for_label
from briefing.ui.figure_chart import DISAGREE_COLOURS, FigureHistoryView
from briefing.ui.formatting import figure_value
from briefing.ui.icons import dot_icon
from briefing.ui.results_html import figure_html, figures_css
from briefing.ui.rich_delegate import HTML_ROLE, PAYLOAD_ROLE, RichTextDelegate, payloads
from briefing.ui.tasks import TaskRunner
from briefing.ui.theme import colours

log = logging.getLogger(__name__)


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text.upper(), parent)
    label.setProperty("role", "heading")
    return label


class SidePanel(QWidget):
    figure_activated = Signal(object)  # Figure
    attribution_activated = Signal(object)  # Attribution
    article_requested = Signal(str)  # a path: open that article (from a figure's history)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SidePanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.figures = QListWidget(self)
        self.figures.setObjectName("FiguresList")
        self._figure_delegate = RichTextDelegate(self.figures)
        self.figures.setItemDelegate(self._figure_delegate)
        self.figures.setWordWrap(True)
        self.figures.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.figures.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.figures.itemClicked.connect(self._figure_clicked)
        self.figures.itemActivated.connect(self._figure_clicked)
        self.figures.currentRowChanged.connect(lambda _row: self._show_selected_history())
        self.history = FigureHistoryView(self)
        self.history.article_requested.connect(self.article_requested)
        self.catalog: Catalog | None = None
        self.tasks: TaskRunner | None = None  # reads the histories; without one, on the GUI thread
        self._path: str | None = None
        self._histories: dict[int, FigureSeries] = {}
        self._asked: object | None = None  # the histories asked for last: older answers are dropped
        self.summary = QLabel(self)
        self.summary.setObjectName("Summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setContentsMargins(10, 0, 10, 6)
        self.sources = QListWidget(self)
        self.sources.setObjectName("SourcesList")
        self.sources.setWordWrap(True)
        self.sources.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.sources.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sources.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.sources.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.sources.itemClicked.connect(self._source_clicked)
        self.sources.itemActivated.connect(self._source_clicked)
        self.entities = QTreeWidget(self)
        self.entities.setObjectName("EntitiesTree")
        self.entities.setHeaderHidden(True)
        self.entities.setColumnCount(2)
        self.entities.setRootIsDecorated(False)
        self.entities.setIndentation(14)
        summary_scroll = QScrollArea(self)
        summary_scroll.setWidget(self.summary)
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setFrameShape(QFrame.Shape.NoFrame)
        summary_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Figures over their selected figure's course; the other sections in tabs of their own.
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("SideSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.figures)
        self.splitter.addWidget(self._section("Elsewhere in the library", self.history))
        self.splitter.setSizes([380, 320])
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("SideTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(False)
        self.tabs.tabBar().setExpanding(True)
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        # Four tabs in a narrow panel: tight padding keeps their names whole at the default width.
        self.tabs.setStyleSheet("QTabBar::tab { padding: 5px 3px; min-width: 0px; }")
        for title, widget in (("Figures", self.splitter), ("Summary", summary_scroll),
                              ("Sources", self.sources), ("Entities", self.entities)):
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        # A little room on the right: the last tab's border is not cut by the window's edge.
        layout.setContentsMargins(0, 0, 3, 0)
        layout.addWidget(self.tabs)
        self.set_scheme("light")

    def _section(self, title: str, body: QWidget) -> QWidget:
        section = QWidget(self)
        column = QVBoxLayout(section)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(heading(title, section))
        column.addWidget(body, 1)
        return section

    def set_scheme(self, scheme: Scheme) -> None:
        c = colours(scheme)
        self._scheme = scheme
        self._figure_delegate.css = figures_css(c["muted"], c["accent"]) + (
            f" .history {{ color: {c['muted']}; font-size: small; }}"
            f" .disagrees {{ color: {DISAGREE_COLOURS[scheme]}; font-weight: 600; }}"
        )
        on_accent = c["accent_text"]
        self._figure_delegate.selected_css = (
            f".value, .meta, .history, .disagrees {{ color: {on_accent}; }} .value {{ font-weight: 700; }}"
        )
        self.history.set_scheme(scheme)
        self.figures.viewport().update()

    def clear(self) -> None:
        self._path = None
        self._histories = {}
        self._asked = None
        self.history.show_series(None)
        self.sources.clear()
        self.figures.clear()
        self.entities.clear()
        self.summary.clear()

    def show_analysis(
        self, analysis: Analysis | None, text: str | None = None, path: str | None = None
    ) -> None:
        """The analysis of the open article; ``text`` (the article's) gives the sources their claims,
        ``path`` (with a ``catalog``) each figure's reports in other articles."""
        self._path = path
        self._histories = {}
        self._asked = None
        self.history.show_series(None)
        self.sources.clear()
        self.figures.clear()
        self.entities.clear()
        if analysis is None:
            self.summary.setText("<i>Not analysed yet.</i>")
            return
        for position, figure in enumerate(analysis.figures):
            item = QListWidgetItem()
            item.setData(HTML_ROLE, figure_html(figure) + self._history_html(position))
            item.setData(PAYLOAD_ROLE, figure)
            item.setToolTip(figure.sentence)
            self.figures.addItem(item)
        if not analysis.figures:
            self.figures.addItem(QListWidgetItem("No key figures found."))
        sentences = "".join(f"<p style='margin-bottom:6px'>{html.escape(s)}</p>" for s in analysis.summary)
        self.summary.setText(sentences or "<i>No summary.</i>")
        self._fill_sources(analysis.attributions, text)
        self._fill_entities(analysis.entities)
        self._ask_histories(analysis, path)

    def _ask_histories(self, analysis: Analysis, path: str | None) -> None:
        catalog, figures = self.catalog, analysis.figures
        if catalog is None or path is None or not figures:
            return
        if self.tasks is None:
            self._show_histories(histories(catalog, path, figures))
            return
        asked = self._asked = object()

        def read() -> dict[int, FigureSeries] | None:
            # An article left before its turn came is not looked up.
            return histories(catalog, path, figures) if asked is self._asked else None

        def failed(error: BaseException) -> None:
            log.warning("figure histories of %s not read: %s", path, error)

        self.tasks.run(read, lambda found: self._histories_read(asked, found), failed)

    def _histories_read(self, asked: object, found: dict[int, FigureSeries] | None) -> None:
        if asked is self._asked and found is not None:
            self._show_histories(found)

    def _show_histories(self, found: dict[int, FigureSeries]) -> None:
        self._histories = found
        for position in found:
            item = self.figures.item(position)
            figure = item.data(PAYLOAD_ROLE) if item is not None else None
            if isinstance(figure, Figure):
                item.setData(HTML_ROLE, figure_html(figure) + self._history_html(position))
        if found and self.figures.currentRow() >= 0:
            self._show_selected_history()

    def _history_html(self, position: int) -> str:
        series = self._histories.get(position)
        if series is None or self._path is None:
            return ""
        text = html.escape(describe_elsewhere(series, self._path, limit=2))
        mine = any(p.disagrees and p.path == self._path and p.position == position for p in series.points)
        flag = '<span class="disagrees">≠ reports disagree</span> ' if mine else ""
        return f'<div class="history">{flag}Also {text}</div>'

    def history_for(self, position: int) -> FigureSeries | None:
        """The series of the figure at ``position`` when other articles report it too."""
        return self._histories.get(position)

    def _show_selected_history(self) -> None:
        row = self.figures.currentRow()
        figure = self.figures.item(row).data(PAYLOAD_ROLE) if row >= 0 else None
        if not isinstance(figure, Figure) or self._path is None:
            self.history.show_series(None)
            return
        series = self._histories.get(row)
        if series is None:
            self.history.show_alone(figure.text.strip() or figure_value(figure))
        else:
            self.history.show_series(series, self._path)

    def _fill_sources(self, attributions: tuple[Attribution, ...], text: str | None) -> None:
        for attribution in attributions:
            kind = "anonymous" if attribution.anonymous else "named"
            claim = shorten(text[attribution.claim_start : attribution.claim_end], 90) if text else ""
            item = QListWidgetItem(f"{attribution.source} \u2014 {kind}" + (f"\n{claim}" if claim else ""))
            item.setData(PAYLOAD_ROLE, attribution)
            item.setToolTip(text[attribution.claim_start : attribution.claim_end] if text else "")
            self.sources.addItem(item)
        if not attributions:
            self.sources.addItem(QListWidgetItem("No attributed statements found."))

    def source_items(self) -> list[Attribution]:
        return payloads(self.sources, Attribution)

    def _source_clicked(self, item: QListWidgetItem) -> None:
        attribution = item.data(PAYLOAD_ROLE)
        if isinstance(attribution, Attribution):
            self.attribution_activated.emit(attribution)

    def _fill_entities(self, entities: tuple[Entity, ...]) -> None:
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        first: dict[tuple[str, str], Entity] = {}
        for entity in entities:
            key = type_for_label(entity.label).key
            groups[key][entity.canonical] += 1
            first.setdefault((key, entity.canonical), entity)
        for kind in ENTITY_TYPES:
            names = groups.get(kind.key)
            if not names:
                continue
            top = QTreeWidgetItem([kind.plural, str(sum(names.values()))])
            top.setIcon(0, dot_icon(kind.colours(self._scheme).swatch))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for name, count in sorted(names.items(), key=lambda kv: (-kv[1], kv[0].lower())):
                child = QTreeWidgetItem([name, str(count)])
                child.setData(0, PAYLOAD_ROLE, first[(kind.key, name)])
                child.setToolTip(0, f"{name}\nDouble-click: its page · right-click: the articles naming it")
                child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                top.addChild(child)
            top.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            self.entities.addTopLevelItem(top)
            top.setExpanded(True)
        self.entities.resizeColumnToContents(1)
        self.entities.header().setStretchLastSection(False)
        self.entities.header().setSectionResizeMode(0, self.entities.header().ResizeMode.Stretch)

    def figure_items(self) -> list[Figure]:
        figures = []
        for row in range(self.figures.count()):
            figure = self.figures.item(row).data(PAYLOAD_ROLE)
            if isinstance(figure, Figure):
                figures.append(figure)
        return figures

    def _figure_clicked(self, item: QListWidgetItem) -> None:
        figure = item.data(PAYLOAD_ROLE)
        if isinstance(figure, Figure):
            self.figure_activated.emit(figure)
