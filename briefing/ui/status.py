"""The status bar's indexing indicator: what runs, how far (counts), a progress bar and a cancel button."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QToolButton, QWidget

LABEL_MAX_WIDTH = 420  # the label elides past this, so a long folder name never widens the window


@dataclass(slots=True)
class IndexCounts:
    """How far one index operation is: files read, and of those analysed and written, of ``total``."""

    what: str = ""
    read: int = 0
    written: int = 0
    total: int = 0

    def stage(self) -> str:
        """ "Reading 12 of 300", then "Analysing 120 of 300" (reading runs ahead of the analysis);
        "" before the first count."""
        if self.total <= 0:
            return ""
        if self.written == 0 and self.read < self.total:
            return f"Reading {self.read:,} of {self.total:,}"
        return f"Analysing {min(self.written, self.total):,} of {self.total:,}"

    def status(self) -> str:
        """The status bar's words: "Adding news: Analysing 120 of 300…"."""
        stage = self.stage()
        return f"{self.what}: {stage}…" if stage else f"{self.what}…"

    def placeholder(self) -> str:
        """The reader's words while no article is open yet."""
        stage = self.stage()
        far = f" ({stage[0].lower()}{stage[1:]} articles)" if stage else ""
        return f"{self.what}{far}… the first article opens when it is ready."


class ElidingLabel(QLabel):
    """A label that shows as much of its text as its width allows, "…" in the middle of the rest."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), LABEL_MAX_WIDTH), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(60, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), shown)


class IndexProgress(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = IndexCounts()
        self.label = ElidingLabel(self)
        self.label.setMaximumWidth(LABEL_MAX_WIDTH)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton(self)
        self.cancel.setText("Cancel")
        self.cancel.setToolTip("Stop indexing (what is done so far is kept)")
        self.cancel.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def _show_text(self, text: str) -> None:
        self.label.setToolTip(text)
        self.label.setText(text)

    def begin(self, what: str) -> None:
        self.counts = IndexCounts(what)
        self._show_text(self.counts.status())
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.cancel.setEnabled(True)
        self.show()

    def _update(self, path: str) -> None:
        counts = self.counts
        if counts.total > 0:
            # reading and analysing each fill half of the bar: it only moves forward
            self.bar.setRange(0, 2 * counts.total)
            self.bar.setValue(min(2 * counts.total, counts.read + counts.written))
        name = os.path.basename(path)
        self.bar.setToolTip(counts.stage() + (f": {name}" if name else ""))
        self._show_text(counts.status())

    def advance(self, done: int, total: int, path: str) -> None:
        """Files read so far."""
        self.counts.read, self.counts.total = done, total
        self._update(path)

    def analysed(self, done: int, total: int, path: str) -> None:
        """Files analysed and written so far."""
        self.counts.written, self.counts.total = done, total
        self._update(path)

    def cancelling(self) -> None:
        self.cancel.setEnabled(False)
        self._show_text("Cancelling…")

    def end(self) -> None:
        self.hide()
