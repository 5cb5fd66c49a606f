"""The library pane: all articles, the watched folders, and facets with counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.resources import sample_library
from briefing.ui.entity_types import FACET_LABELS, FACET_NAMES, Scheme, type_by_key
from briefing.ui.icons import dot_icon
from briefing.ui.side_panel import heading

FACETS_SHOWN = 12  # values per facet in the pane
KIND_ROLE = Qt.ItemDataRole.UserRole + 10
VALUE_ROLE = Qt.ItemDataRole.UserRole + 11
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 12  # this value is a filter of the current search


class LibraryPane(QWidget):
    all_requested = Signal()
    facet_toggled = Signal(str, str)  # field, value
    add_folder_requested = Signal()
    remove_folder_requested = Signal(object)  # Path
    problems_requested = Signal()
    entity_page_requested = Signal(str)  # an entity facet's name: open its page
    since_requested = Signal()  # "Since last briefing": list what is new

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibraryPane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("LibraryTree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setIndentation(12)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
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
        self.set_problem_count(0)
        self._rebuild()

    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        self._rebuild()

    def set_library(self, roots: list[Path], count: int) -> None:
        self._roots, self._count = list(roots), count
        self._rebuild()

    def set_facets(self, facets: dict[str, dict[str, int]], filters: dict[str, str]) -> None:
        self._facets, self._filters = facets, dict(filters)
        self._rebuild()

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
        for top in self._tops():
            for j in range(top.childCount()):
                child = top.child(j)
                if child is None:
                    continue
                if child.data(0, KIND_ROLE) == field and child.data(0, VALUE_ROLE) == value:
                    return child
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
            new.setToolTip(0, self._new[1])
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
            ranked = sorted(values.items(), key=lambda kv: (-kv[1], kv[0].lower()))[:FACETS_SHOWN]
            for value, count in ranked:
                item = QTreeWidgetItem([value, str(count)])
                item.setData(0, KIND_ROLE, field)
                item.setData(0, VALUE_ROLE, value)
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
                item.setToolTip(0, f"{'Remove' if active else 'Show only'} articles with {value}")
                section.addChild(item)
        for top in self._tops():
            top.setExpanded(top.text(0) not in collapsed)

    def _section(self, title: str) -> QTreeWidgetItem:
        section = QTreeWidgetItem([title, ""])
        section.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = section.font(0)
        font.setBold(True)
        section.setFont(0, font)
        self.tree.addTopLevelItem(section)
        return section

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind == "all":
            self.all_requested.emit()
        elif kind == "since":
            self.since_requested.emit()
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
        menu.addAction("Add folder…").triggered.connect(self.add_folder_requested)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
