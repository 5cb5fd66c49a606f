"""The side panel: the open article's key figures, summary, sources and entities by type."""

from __future__ import annotations

import html
from collections import Counter, defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.article import Analysis, Attribution, Entity, Figure
from briefing.core.briefing.model import shorten
from briefing.ui.entity_types import ENTITY_TYPES, Scheme, type_for_label
from briefing.ui.icons import dot_icon
from briefing.ui.results_html import figure_html, figures_css
from briefing.ui.rich_delegate import HTML_ROLE, PAYLOAD_ROLE, RichTextDelegate
from briefing.ui.theme import colours


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text.upper(), parent)
    label.setProperty("role", "heading")
    return label


class SidePanel(QWidget):
    figure_activated = Signal(object)  # Figure
    entity_activated = Signal(object)  # Entity (a representative mention)
    attribution_activated = Signal(object)  # Attribution

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
        self.figures.itemClicked.connect(self._figure_clicked)
        self.figures.itemActivated.connect(self._figure_clicked)
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
        self.sources.itemClicked.connect(self._source_clicked)
        self.sources.itemActivated.connect(self._source_clicked)
        self.entities = QTreeWidget(self)
        self.entities.setObjectName("EntitiesTree")
        self.entities.setHeaderHidden(True)
        self.entities.setColumnCount(2)
        self.entities.setRootIsDecorated(False)
        self.entities.setIndentation(14)
        self.entities.itemActivated.connect(self._entity_clicked)
        self.entities.itemClicked.connect(self._entity_clicked)
        summary_scroll = QScrollArea(self)
        summary_scroll.setWidget(self.summary)
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setFrameShape(QFrame.Shape.NoFrame)
        summary_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("SideSplitter")
        self.splitter.setChildrenCollapsible(False)
        for title, widget in (("Key figures", self.figures), ("Summary", summary_scroll),
                              ("Sources", self.sources), ("Entities", self.entities)):
            self.splitter.addWidget(self._section(title, widget))
        self.splitter.setSizes([230, 200, 170, 250])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
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
        self._figure_delegate.css = figures_css(c["muted"], c["accent"])
        self.figures.viewport().update()

    def clear(self) -> None:
        self.sources.clear()
        self.figures.clear()
        self.entities.clear()
        self.summary.clear()

    def show_analysis(self, analysis: Analysis | None, text: str | None = None) -> None:
        """The analysis of the open article; ``text`` (the article's) gives the sources their claims."""
        self.sources.clear()
        self.figures.clear()
        self.entities.clear()
        if analysis is None:
            self.summary.setText("<i>Not analysed yet.</i>")
            return
        for figure in analysis.figures:
            item = QListWidgetItem()
            item.setData(HTML_ROLE, figure_html(figure))
            item.setData(PAYLOAD_ROLE, figure)
            item.setToolTip(figure.sentence)
            self.figures.addItem(item)
        if not analysis.figures:
            self.figures.addItem(QListWidgetItem("No key figures found."))
        sentences = "".join(f"<p style='margin-bottom:6px'>{html.escape(s)}</p>" for s in analysis.summary)
        self.summary.setText(sentences or "<i>No summary.</i>")
        self._fill_sources(analysis.attributions, text)
        self._fill_entities(analysis.entities)

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
        items = (self.sources.item(row).data(PAYLOAD_ROLE) for row in range(self.sources.count()))
        return [a for a in items if isinstance(a, Attribution)]

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
                child.setToolTip(0, f"Show articles that mention {name}")
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

    def _entity_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        entity = item.data(0, PAYLOAD_ROLE)
        if isinstance(entity, Entity):
            self.entity_activated.emit(entity)
