"""The library pane: all articles, the watched folders, and facets with counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.across.entity_facets import FacetEntry
from briefing.core.library.entity_overrides import RETYPE_LABELS
from briefing.core.palette import swatch
from briefing.resources import sample_library
from briefing.ui.entity_types import FACET_LABELS, FACET_NAMES, Scheme, type_by_key
from briefing.ui.icons import dot_icon
from briefing.ui.side_panel import heading

FACETS_SHOWN = 12  # values per facet in the pane
KIND_ROLE = Qt.ItemDataRole.UserRole + 10
VALUE_ROLE = Qt.ItemDataRole.UserRole + 11
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 12  # this value is a filter of the current search
NAMES_ROLE = Qt.ItemDataRole.UserRole + 13  # an entity facet's names (its name and aliases)
MORE_KIND = "more"  # the "more…" entry of a facet, folding its noise and its long tail


class LibraryPane(QWidget):
    all_requested = Signal()
    facet_toggled = Signal(str, str)  # field, value
    add_folder_requested = Signal()
    remove_folder_requested = Signal(object)  # Path
    problems_requested = Signal()
    entity_page_requested = Signal(str)  # an entity facet's name: open its page
    since_requested = Signal()  # "Since last briefing": list what is new
    hide_requested = Signal(list)  # an entity's names: hide it in this library
    retype_requested = Signal(list, str)  # an entity's names, the label it should have

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibraryPane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("LibraryTree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setIndentation(12)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        # A click on a facet filters, a double-click on an entity opens its page (and filters
        # nothing): the click waits out the double-click interval before it acts.
        self._pending: QTreeWidgetItem | None = None
        self._click_timer = QTimer(self)
        self._click_timer.setSingleShot(True)
        self._click_timer.setInterval(QApplication.doubleClickInterval())
        self._click_timer.timeout.connect(self._click_now)
        self._double_clicked = False
        self.tree.itemClicked.connect(self._clicked_later)
        self.tree.itemDoubleClicked.connect(self._double_click)
        self.tree.itemActivated.connect(self._activated)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        self.add_button = QPushButton("Add folder…", self)
        self.add_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon))
        self.add_button.clicked.connect(self.add_folder_requested)
        self.problems_button = QPushButton("Problems", self)
        self.problems_button.setToolTip("Files that could not be read or indexed")
        self.problems_button.clicked.connect(self.problems_requested)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(8, 6, 8, 8)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.problems_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(heading("Library", self))
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._scheme: Scheme = "light"
        self._roots: list[Path] = []
        self._count = 0
        self._new: tuple[int, str] | None = None  # articles new since the last briefing, and a tooltip
        self._facets: dict[str, dict[str, int]] = {}
        self._filters: dict[str, str] = {}
        self._entries: dict[str, list[FacetEntry]] = {}
        self._more_open: set[str] = set()  # facets whose "more…" entry is unfolded
        self.set_problem_count(0)
        self._rebuild()

    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        self._rebuild()

    def set_library(self, roots: list[Path], count: int) -> None:
        self._roots, self._count = list(roots), count
        self._rebuild()

    def set_facets(self, facets: dict[str, dict[str, int]], filters: dict[str, str],
                   entries: dict[str, list[FacetEntry]] | None = None) -> None:
        """Show ``facets`` (key -> value -> count); ``entries`` add what a value stands for (aliases,
        noise) where the search had the library's entity directory."""
        self._facets, self._filters = facets, dict(filters)
        self._entries = entries or {}
        self._rebuild()

    def grey_facets(self) -> None:
        """Grey out the facet counts (of a search that no longer stands) until the next results."""
        for top in self._tops():
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, KIND_ROLE) in FACET_NAMES:
                    child.setDisabled(True)
                    child.setToolTip(0, "The query was not understood: these counts are of no search")

    def set_new_count(self, count: int | None, tooltip: str = "") -> None:
        """Show the "Since last briefing" entry with ``count`` new articles (None: hide it)."""
        self._new = None if count is None else (count, tooltip)
        self._rebuild()

    def set_problem_count(self, count: int, *, skipped: bool = False) -> None:
        """``skipped``: files of other types were counted, which the Problems dialog tells too."""
        self.problems_button.setText(f"Problems ({count})" if count else "Problems")
        self.problems_button.setEnabled(count > 0 or skipped)

    def _tops(self) -> list[QTreeWidgetItem]:
        tops = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [top for top in tops if top is not None]

    def facet_item(self, field: str, value: str) -> QTreeWidgetItem | None:
        """The pane's entry for a facet value (under its section, or folded under "more…")."""
        for top in self._tops():
            pending = [top.child(j) for j in range(top.childCount())]
            while pending:
                child = pending.pop(0)
                if child is None:
                    continue
                if child.data(0, KIND_ROLE) == field and child.data(0, VALUE_ROLE) == value:
                    return child
                if child.data(0, KIND_ROLE) == MORE_KIND:
                    pending += [child.child(k) for k in range(child.childCount())]
        return None

    def _rebuild(self) -> None:
        collapsed = {top.text(0) for top in self._tops() if not top.isExpanded()}
        self.tree.clear()
        everything = QTreeWidgetItem(["All articles", str(self._count)])
        everything.setData(0, KIND_ROLE, "all")
        everything.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.tree.addTopLevelItem(everything)
        if self._new is not None:
            new = QTreeWidgetItem(["Since last briefing", f"{self._new[0]:,}"])
            new.setData(0, KIND_ROLE, "since")
            new.setToolTip(0, f"Since last briefing: {self._new[0]:,}\n{self._new[1]}")
            new.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder))
            if self._new[0]:
                font = new.font(0)
                font.setBold(True)
                new.setFont(0, font)
            self.tree.addTopLevelItem(new)
        folders = self._section("Folders")
        sample = sample_library().resolve()
        for root in self._roots:
            item = QTreeWidgetItem(["Sample articles" if root == sample else root.name or str(root), ""])
            item.setToolTip(0, f"{root}\nRight-click to stop watching this folder")
            item.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon))
            item.setData(0, KIND_ROLE, "folder")
            item.setData(0, VALUE_ROLE, str(root))
            folders.addChild(item)
        for field, title in FACET_NAMES.items():
            values = self._facets.get(field) or {}
            if not values:
                continue
            section = self._section(title)
            label = FACET_LABELS.get(field)
            colour = type_by_key(label).colours(self._scheme).swatch if label else None
            known = {e.name: e for e in self._entries.get(field, [])}
            ranked = sorted(values.items(), key=lambda kv: (-kv[1], kv[0].lower()))
            # The first FACETS_SHOWN that are not noise; the rest (and every active filter) behind "more…".
            shown = [v for v in ranked if not (v[0] in known and known[v[0]].noise)][:FACETS_SHOWN]
            shown += [v for v in ranked if self._filters.get(field) == v[0] and v not in shown]
            rest = [v for v in ranked if v not in shown]
            for value, count in shown:
                section.addChild(self._facet_item(field, value, count, colour, known.get(value)))
            if rest:
                more = QTreeWidgetItem([f"more… ({len(rest)})", ""])
                more.setData(0, KIND_ROLE, MORE_KIND)
                more.setData(0, VALUE_ROLE, field)
                more.setToolTip(0, "Names seen less often (once, in one article, or past the first "
                                   f"{FACETS_SHOWN}): click to show or hide them")
                font = more.font(0)
                font.setItalic(True)
                more.setFont(0, font)
                section.addChild(more)
                for value, count in rest:
                    more.addChild(self._facet_item(field, value, count, colour, known.get(value)))
                more.setExpanded(field in self._more_open)
        for top in self._tops():
            top.setExpanded(top.text(0) not in collapsed)

    def _facet_item(self, field: str, value: str, count: int, colour: str | None,
                    entry: FacetEntry | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([value, str(count)])
        item.setData(0, KIND_ROLE, field)
        item.setData(0, VALUE_ROLE, value)
        item.setData(0, NAMES_ROLE, [value, *(entry.aliases if entry is not None else ())])
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        if colour:
            item.setIcon(0, dot_icon(colour))
        active = self._filters.get(field) == value
        item.setData(0, ACTIVE_ROLE, active)
        if active:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setText(1, f"✓ {count}")
        # The full name first: the pane may elide it ("Mikhail Khodor…").
        action = "Click: remove the filter" if active else "Click: show only its articles"
        page = " · double-click: its page" if field in FACET_LABELS else ""
        tip = f"{value} ({count:,})\n{action}{page}"
        if entry is not None and entry.aliases:
            tip += "\nAlso named: " + ", ".join(entry.aliases[:8]) + ("…" if len(entry.aliases) > 8 else "")
        item.setToolTip(0, tip)
        return item

    def more_item(self, field: str) -> QTreeWidgetItem | None:
        for top in self._tops():
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, KIND_ROLE) == MORE_KIND \
                        and child.data(0, VALUE_ROLE) == field:
                    return child
        return None

    def _section(self, title: str) -> QTreeWidgetItem:
        section = QTreeWidgetItem([title, ""])
        section.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = section.font(0)
        font.setBold(True)
        section.setFont(0, font)
        self.tree.addTopLevelItem(section)
        return section

    def _clicked_later(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, KIND_ROLE) in FACET_LABELS:  # an entity: it may be the start of a double-click
            self._pending = item
            self._click_timer.start()
        else:
            self._clicked(item, 0)

    def _click_now(self) -> None:
        item, self._pending = self._pending, None
        if item is not None:
            self._clicked(item, 0)

    def _double_click(self, item: QTreeWidgetItem, _column: int) -> None:
        self._click_timer.stop()
        self._pending = None
        self._double_clicked = True  # the itemActivated that follows is this double-click
        if item.data(0, KIND_ROLE) in FACET_LABELS:
            self.entity_page_requested.emit(str(item.data(0, VALUE_ROLE)))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        """Enter on a row (or a platform's single-click activation) acts at once."""
        if self._double_clicked:
            self._double_clicked = False
            return
        if self._click_timer.isActive() or self._pending is item:
            return  # the click already waiting will act
        self._clicked(item, 0)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind == "all":
            self.all_requested.emit()
        elif kind == "since":
            self.since_requested.emit()
        elif kind == MORE_KIND:
            field = str(item.data(0, VALUE_ROLE))
            self._more_open ^= {field}
            item.setExpanded(field in self._more_open)
        elif kind in FACET_NAMES:
            self.facet_toggled.emit(kind, item.data(0, VALUE_ROLE))

    def _context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        menu = QMenu(self)
        if item is not None and item.data(0, KIND_ROLE) == "folder":
            folder = Path(item.data(0, VALUE_ROLE))
            menu.addAction(f"Remove “{folder.name}” from the library").triggered.connect(
                lambda: self.remove_folder_requested.emit(folder)
            )
        if item is not None and item.data(0, KIND_ROLE) in FACET_LABELS:
            name = str(item.data(0, VALUE_ROLE))
            menu.addAction(f"Open entity page for “{name}”").triggered.connect(
                lambda: self.entity_page_requested.emit(name)
            )
            names = [str(n) for n in item.data(0, NAMES_ROLE) or [name]]
            menu.addSeparator()
            menu.addAction(f"Hide “{name}” in this library").triggered.connect(
                lambda: self.hide_requested.emit(names)
            )
            retype = menu.addMenu(f"“{name}” is a…")
            current = FACET_LABELS[str(item.data(0, KIND_ROLE))]
            for label in RETYPE_LABELS:
                if label != current:
                    retype.addAction(swatch(label).name).triggered.connect(
                        lambda _checked=False, chosen=label: self.retype_requested.emit(names, chosen)
                    )
            field = str(item.data(0, KIND_ROLE))
            menu.addAction(f"Show articles naming “{name}”").triggered.connect(
                lambda: self.facet_toggled.emit(field, name)
            )
        menu.addAction("Add folder…").triggered.connect(self.add_folder_requested)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
