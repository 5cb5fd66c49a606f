"""Safari web archives (.webarchive): a property list whose main resource is the saved page's HTML,
read like a saved .html page (plistlib from the standard library); subresources are ignored."""

from __future__ import annotations

import plistlib

from briefing.core.ingest.html_page import read_html
from briefing.core.ingest.parsed import Parsed


class WebArchiveProblem(Exception):
    """A web archive that cannot be read; the message is the reason."""


def parse_webarchive(data: bytes) -> Parsed:
    try:
        archive = plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, OverflowError, TypeError, KeyError, IndexError) as exc:
        raise WebArchiveProblem("not a Safari web archive (not a readable property list)") from exc
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict) or not isinstance(main.get("WebResourceData"), bytes):
        raise WebArchiveProblem("not a Safari web archive (no main resource)")
    encoding = main.get("WebResourceTextEncodingName")
    page = read_html(
        main["WebResourceData"], encoding if isinstance(encoding, str) else None, site_links=True
    )
    if not page.paragraphs:
        raise WebArchiveProblem("no article text found in this page")
    url = main.get("WebResourceURL")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        page.url = page.url or url
    return page
