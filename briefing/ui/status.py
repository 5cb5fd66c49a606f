"""The status bar's indexing indicator: what runs, a progress bar and a cancel button."""

from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget


class IndexProgress(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton(self)
        self.cancel.setText("Cancel")
        self.cancel.setToolTip("Stop indexing (what is done so far is kept)")
        self.cancel.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def begin(self, what: str) -> None:
        self.label.setText(f"{what}…")
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.cancel.setEnabled(True)
        self.show()

    def advance(self, done: int, total: int, path: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        name = os.path.basename(path)
        self.bar.setToolTip(f"{done} of {total}" + (f": {name}" if name else ""))
        base = self.label.text().split(" (")[0].removesuffix("…")
        self.label.setText(f"{base} ({done} of {total})…" if total else f"{base}…")

    def cancelling(self) -> None:
        self.cancel.setEnabled(False)
        self.label.setText("Cancelling…")

    def end(self) -> None:
        self.hide()
