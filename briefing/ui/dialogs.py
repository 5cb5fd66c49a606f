"""Small dialogs: About, and Problems (files that could not be read or indexed)."""

from __future__ import annotations

import html
from importlib import metadata

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing.core.article import FileError
from briefing.core.library.scan import describe_skipped
from briefing.ui.icons import app_icon


def app_version() -> str:
    try:
        return metadata.version("briefing")
    except metadata.PackageNotFoundError:
        return "development"


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("About Briefing")
    box.setIconPixmap(app_icon().pixmap(72, 72))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<h3>Briefing {html.escape(app_version())}</h3>")
    box.setInformativeText(
        "A desktop reader for saved news articles: search your library, see who and what "
        "each article is about, and find its key figures at a glance.<br><br>"
        "Everything stays on this computer; articles are never fetched or sent anywhere.<br><br>"
        f"Qt {qVersion()} · spaCy · Whoosh · MIT licence"
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


class ProblemsDialog(QDialog):
    def __init__(
        self, failures: list[FileError], parent: QWidget | None = None, skipped: dict[str, int] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Problems")
        self.resize(760, 380)
        intro = QLabel(
            f"{len(failures)} file(s) could not be read or indexed in the last run. "
            "Fix or remove them; the library is re-indexed when they change.",
            self,
        )
        intro.setWordWrap(True)
        # Files of kinds Briefing does not read are counted, so none goes missing without a word.
        self.skipped_label = QLabel(describe_skipped(skipped) if skipped else "", self)
        self.skipped_label.setWordWrap(True)
        self.skipped_label.setVisible(bool(skipped))
        self.table = QTreeWidget(self)
        self.table.setHeaderLabels(["File", "Reason"])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        for failure in failures:
            item = QTreeWidgetItem([failure.path, failure.reason])
            item.setToolTip(0, failure.path)
            item.setToolTip(1, failure.reason)
            self.table.addTopLevelItem(item)
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
