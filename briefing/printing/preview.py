"""Printing from the desktop app: a print preview, or the system print dialog."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QWidget

from briefing.core.briefing import Briefing
from briefing.printing.page import apply_page_setup
from briefing.printing.render import paint_briefing


def new_printer() -> QPrinter:
    """A high-resolution printer set up with the locale's paper and Briefing's margins."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    apply_page_setup(printer)
    return printer


def print_with_preview(parent: QWidget | None, briefing: Briefing) -> bool:
    """Show Qt's print preview of ``briefing``; printing from it paints on the chosen printer.

    Returns whether it printed (the preview closes accepted after printing).
    """
    printer = new_printer()
    printer.setDocName(briefing.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print preview — {briefing.title}")
    dialog.paintRequested.connect(lambda target: paint_briefing(briefing, target))
    fit_to_width(dialog)
    return dialog.exec() == QDialog.DialogCode.Accepted


def fit_to_width(dialog: QPrintPreviewDialog) -> None:
    """Open the preview with the page as wide as the dialog (Qt's default zoom shows a whole page,
    38 % on a laptop screen), and keep it fitted when the dialog is resized."""
    preview = dialog.findChild(QPrintPreviewWidget)
    if preview is not None:
        preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)


def print_with_dialog(parent: QWidget | None, briefing: Briefing) -> bool:
    """Show the system print dialog and print if accepted; returns whether it printed."""
    printer = new_printer()
    printer.setDocName(briefing.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print briefing")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_briefing(briefing, printer)
    return True
