"""E-mails (.eml): one message, one article — a newsletter, a forwarded story, a press release.

Subject is the title, the sender's name (or the mailing list's) the source, ``Date:`` the date
published. The HTML body (else the plain text) goes through the page extraction; a newsletter's
footer (unsubscribe, "view in browser", the sender's postal address) is cut off.
"""

from __future__ import annotations

import re
from email.message import EmailMessage, Message
from email.utils import parseaddr, parsedate_to_datetime

from briefing.core.ingest.dates import to_iso
from briefing.core.ingest.debris import clean_paragraphs
from briefing.core.ingest.encoding import decode
from briefing.core.ingest.html_page import read_html
from briefing.core.ingest.mime import MimeProblem, charset, header, parse_message, payload
from briefing.core.ingest.parsed import Parsed
from briefing.core.ingest.reflow import normalise_space, paragraphs_from_plain

# Lines only a mailing's wrapper says: where they start near the end, the rest is footer.
_FOOTER = re.compile(
    r"""\bunsubscribe\b|\bopt[ -]out\b|(?:manage|update|change)\s+(?:your\s+)?(?:e-?mail\s+)?
    (?:preferences|subscriptions?|settings)|you\s+(?:are\s+)?receiv(?:ed|ing)\s+this|this\s+e-?mail\s+was\s+sent
    |was\s+sent\s+to\s+\S+@|(?:sent|delivered)\s+to\s+you\s+(?:by|because)|you\s+(?:signed|subscribed)\s+up
    |forward(?:ed)?\s+(?:this\s+e-?mail\s+)?to\s+a\s+friend|add\s+\S+@\S+\s+to\s+your\s+address\s+book
    |privacy\s+(?:policy|notice)\s*[|·•]""",
    re.IGNORECASE | re.VERBOSE,
)
# Wrapper lines at the top of a mailing.
_WRAPPER = re.compile(
    r"""^(?:view|read|open|see)\s+(?:this|it|the|our)?\s*(?:e-?mail|newsletter|message|issue|version)?\s*
    (?:in|on)\s+(?:your|a|the)\s+(?:web\s+)?browser|^(?:having\s+trouble\s+viewing|can'?t\s+see\s+(?:this|images))
    |^(?:view|read)\s+(?:online|on\s+the\s+web)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A postal address line: a street number and a street word, or a ZIP/postcode with a place.
_ADDRESS = re.compile(
    r"""\b\d{1,5}\s+(?:[A-Z][\w.]*\s+){1,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|square|way|place
    |plaza|drive|suite)\b|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b""",
    re.VERBOSE,
)
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:fwd?|fw|re|aw|tr|wg)\s*:\s*)+", re.IGNORECASE)
_FOOTER_ZONE = 0.5  # a footer marker only counts in the second half of the message


def _body(message: EmailMessage) -> tuple[Message | None, str]:
    try:
        part = message.get_body(preferencelist=("html", "plain"))
    except (KeyError, ValueError):
        part = None
    return part, part.get_content_type() if part is not None else ""


def _attachments(message: EmailMessage) -> list[str]:
    names = []
    for part in message.walk():
        name = part.get_filename()
        if name and not part.is_multipart():
            names.append(name)
    return names


def _strip_wrapper(paragraphs: list[str]) -> list[str]:
    """The paragraphs without a "view in browser" head and the footer from its first marker on."""
    while paragraphs and _WRAPPER.search(paragraphs[0]) and len(paragraphs[0].split()) <= 20:
        paragraphs = paragraphs[1:]
    start = int(len(paragraphs) * _FOOTER_ZONE)
    for index in range(start, len(paragraphs)):
        if _FOOTER.search(paragraphs[index]) or _is_address(paragraphs[index]):
            return paragraphs[:index]
    return [p for p in paragraphs if not _WRAPPER.search(p)]


def _is_address(paragraph: str) -> bool:
    return len(paragraph.split()) <= 25 and bool(_ADDRESS.search(paragraph))


def _sender(message: EmailMessage) -> str | None:
    """The sender's display name, else the mailing list's name, else the sender's address."""
    name, address = parseaddr(header(message, "From") or "")
    list_name, _ = parseaddr(header(message, "List-Id") or "")
    return normalise_space(name).strip("\"'") or list_name or address or None


def _subject(message: EmailMessage) -> str | None:
    """The Subject without the "Fwd:"/"Re:" a forwarded story carries."""
    subject = header(message, "Subject")
    return _REPLY_PREFIX.sub("", subject).strip() or None if subject else None


def _published(message: EmailMessage) -> str | None:
    raw = header(message, "Date")
    if not raw:
        return None
    try:
        return to_iso(parsedate_to_datetime(raw))
    except (TypeError, ValueError, IndexError):
        return to_iso(raw)


def parse_eml(data: bytes) -> Parsed:
    message = parse_message(data)
    if not any(header(message, name) for name in ("From", "Subject", "Date", "To", "Message-ID")):
        raise MimeProblem("not an e-mail message (no From, Subject or Date header)")
    part, kind = _body(message)
    content = payload(part) if part is not None else b""
    if not content.strip():
        attached = _attachments(message)
        if attached:
            listed = ", ".join(attached[:5]) + (", …" if len(attached) > 5 else "")
            raise MimeProblem(f"an e-mail with no text, only attachments ({listed}); nothing to read")
        raise MimeProblem("an e-mail with no text (its body is empty)")
    assert part is not None
    if kind == "text/html":
        page = read_html(content, charset(part))
        paragraphs = page.paragraphs
    else:
        page = Parsed(None, [])
        paragraphs = clean_paragraphs(paragraphs_from_plain(decode(content, charset(part))))
    page.paragraphs = _strip_wrapper(paragraphs)
    if not page.paragraphs:
        raise MimeProblem("no article text in this e-mail")
    page.title = _subject(message) or page.title
    page.source = _sender(message) or page.source
    page.published = _published(message) or page.published
    return page
