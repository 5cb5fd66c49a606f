"""The app's print paths: the preview dialog and the system print dialog, with exec() patched."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from briefing.core.article import Analysis, Article
from briefing.core.briefing import build_briefing
from briefing.printing.preview import print_with_dialog, print_with_preview
from tests.printing.dialogs import answer_previews
from tests.printing.poppler import pdf_pages, pdf_text

pytestmark = pytest.mark.usefixtures("qapp")


def test_preview_paints_the_briefing_on_the_printer_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_pair: tuple[Article, Analysis]
) -> None:
    out = tmp_path / "preview.pdf"
    shown = answer_previews(monkeypatch, out)
    print_with_preview(None, build_briefing([seed_pair]))
    assert shown == ["Print preview — US personnel suffer minor injuries in attack on Iraqi base"]
    text = pdf_text(out)
    assert "US personnel suffer minor injuries in attack on Iraqi base" in text
    assert "The Jerusalem Post" in text and "2,500" in text
    assert pdf_pages(out) >= 1


def test_print_dialog_prints_when_accepted_and_not_when_cancelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_pair: tuple[Article, Analysis]
) -> None:
    out = tmp_path / "printed.pdf"
    answer = {"code": QDialog.DialogCode.Rejected}

    def fake_exec(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return int(answer["code"].value)

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    briefing = build_briefing([seed_pair])
    assert print_with_dialog(None, briefing) is False
    assert not out.exists()
    answer["code"] = QDialog.DialogCode.Accepted
    assert print_with_dialog(None, briefing) is True
    assert "Erbil" in pdf_text(out)
