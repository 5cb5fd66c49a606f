"""Qt's print dialogs, patched to answer by themselves and print into a PDF file (tests only).

``exec`` is replaced, not the dialogs: the real dialog objects are built, and the
application's own code paints on the real printer they hand over.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

Accepted, Rejected = QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected


def answer_previews(
    monkeypatch: pytest.MonkeyPatch, out: Path, answers: list[QDialog.DialogCode] | None = None
) -> list[str]:
    """Print previews answer ``answers`` in turn (always Accepted when None); an accepted one first
    paints into the PDF ``out``, as "Print" in the preview does. Returns the titles shown."""
    shown: list[str] = []

    def answer(dialog: QPrintPreviewDialog) -> int:
        shown.append(dialog.windowTitle())
        code = answers.pop(0) if answers is not None else Accepted
        if code == Accepted:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            dialog.paintRequested.emit(printer)
        return int(code.value)

    monkeypatch.setattr(QPrintPreviewDialog, "exec", answer)
    return shown


def answer_print_dialogs(
    monkeypatch: pytest.MonkeyPatch, out: Path, answers: list[QDialog.DialogCode]
) -> list[str]:
    """Print dialogs answer ``answers`` in turn, their printer set to write the PDF ``out``.
    Returns the document names they were asked to print."""
    asked: list[str] = []

    def answer(dialog: QPrintDialog) -> int:
        asked.append(dialog.printer().docName())
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return int(answers.pop(0).value)

    monkeypatch.setattr(QPrintDialog, "exec", answer)
    return asked
