"""A briefing as a QTextDocument: the HTML renderer's output, laid out for print."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat

from briefing.core.briefing import Briefing, to_html


class OfflineTextDocument(QTextDocument):
    """A QTextDocument that never loads a resource: nothing is fetched while rendering."""

    def loadResource(self, type: int, name: QUrl | str, /) -> Any:
        return None


def briefing_document(briefing: Briefing, pages: Mapping[int, int] | None = None) -> QTextDocument:
    """The briefing's HTML in a document using the CSS ``@media print`` rules.

    ``pages`` (article number -> page) prints page numbers in the contents.
    The document is not paginated yet; ``briefing.printing.render`` does that
    for a given paint device.
    """
    document = OfflineTextDocument()
    document.setMetaInformation(QTextDocument.MetaInformation.CssMedia, "print")
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, briefing.title)
    document.setDocumentMargin(0)
    document.setHtml(to_html(briefing, pages=pages, colophon=False))
    _drop_heading_size_steps(document)
    return document


def _drop_heading_size_steps(document: QTextDocument) -> None:
    """Let the CSS font size of <h1>..<h6> stand.

    Qt's HTML import gives headings a relative size step on top of any CSS
    font-size, so a heading styled at 8.5pt would print at 13.5pt.
    """
    step = QTextFormat.Property.FontSizeAdjustment
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                char_format = fragment.charFormat()
                if char_format.hasProperty(step) and char_format.hasProperty(
                    QTextFormat.Property.FontPointSize
                ):
                    char_format.clearProperty(step)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(char_format)
                iterator += 1
        block = block.next()
