"""Pages saved as one file (.mhtml/.mht, Chrome's and Edge's "Save as single file").

The page's HTML part goes through the same extraction as a saved .html page; the images and style
sheets saved with it are ignored. ``Snapshot-Content-Location`` (Chromium) or the HTML part's
``Content-Location`` is the address the page was saved from.
"""

from __future__ import annotations

from email.message import EmailMessage, Message

from briefing.core.ingest.html_page import read_html
from briefing.core.ingest.mime import MimeProblem, charset, header, parse_message, payload, truncated
from briefing.core.ingest.parsed import Parsed

_WEB_URL = ("http://", "https://")


def _html_part(message: EmailMessage) -> Message | None:
    """The page: the multipart/related root (its ``start`` part, else the first part) or a lone HTML."""
    html = [part for part in message.walk() if part.get_content_type() == "text/html"]
    start = message.get_param("start") if message.get_content_type() == "multipart/related" else None
    if isinstance(start, str):
        for part in html:
            if header(part, "Content-ID") == start:
                return part
    return html[0] if html else None


def parse_mhtml(data: bytes) -> Parsed:
    message = parse_message(data)
    part = _html_part(message)
    if part is None:
        raise MimeProblem("not a saved web page (no HTML part in this MHTML file)")
    markup = payload(part)
    cut = truncated(message)
    if cut and list(message.walk())[-1] is part:
        raise MimeProblem("truncated: the file ends inside its page (the saved page is incomplete)")
    if not markup.strip():
        raise MimeProblem("the saved page's HTML part is empty")
    page = read_html(markup, charset(part), site_links=True)
    if not page.paragraphs:
        raise MimeProblem("no article text found in this page")
    location = header(message, "Snapshot-Content-Location") or header(part, "Content-Location")
    if location and location.lower().startswith(_WEB_URL):
        page.url = location
    if not page.title:
        page.title = header(message, "Subject")
    if cut:
        page.warnings.append("the file is cut off after its page (some saved images are missing)")
    return page
