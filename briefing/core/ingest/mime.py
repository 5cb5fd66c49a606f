"""MIME containers (saved pages as .mhtml, e-mails as .eml) parsed with the stdlib email package.

Only the parts' bytes are read: no part is ever fetched (a ``Content-Location`` is just a name) and
attachments are never opened. The structure is bounded before parsing, since Python's parser takes
seconds on thousands of parts and recurses once per nesting level (a "MIME bomb").
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage, Message

# A saved page holds its HTML and one part per image or style sheet; an e-mail nests a few levels.
MAX_PARTS = 3000
MAX_NESTED = 32
_BOUNDARY = re.compile(rb"""boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))""", re.IGNORECASE)
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]?[^\r\n]*\r?$")


class MimeProblem(Exception):
    """A MIME file that cannot be read; the message is the reason."""


def _check_bounds(data: bytes) -> None:
    boundaries = {b or c for b, c in _BOUNDARY.findall(data)}
    if len(boundaries) > MAX_NESTED:
        levels = len(boundaries)
        raise MimeProblem(f"too many nested MIME parts ({levels} multipart levels; at most {MAX_NESTED})")
    parts = sum(len(re.findall(rb"(?m)^--" + re.escape(boundary), data)) for boundary in boundaries)
    if parts > MAX_PARTS:
        raise MimeProblem(f"too many MIME parts ({parts:,}; at most {MAX_PARTS:,})")


def parse_message(data: bytes) -> EmailMessage:
    """The message in ``data``; MimeProblem when it is not one or is too large a structure."""
    head = data.lstrip()[:1000].splitlines()[:1]
    if not head or not _HEADER_LINE.match(head[0]):
        raise MimeProblem("no MIME headers at the start of the file")
    _check_bounds(data)
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except RecursionError as exc:
        raise MimeProblem("MIME parts nested too deeply to read") from exc
    if not isinstance(message, EmailMessage):  # the default policy always makes one; for mypy
        raise MimeProblem("not a MIME message")
    return message


def header(message: Message, name: str) -> str | None:
    """A header's decoded value, or None (a malformed header gives None, not an exception)."""
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):
        return None
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def payload(part: Message) -> bytes:
    """A part's content bytes with its transfer encoding (base64, quoted-printable) undone."""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def charset(part: Message) -> str | None:
    try:
        return part.get_content_charset()
    except (ValueError, LookupError):
        return None


def truncated(message: Message) -> bool:
    """Whether a multipart message ends before its closing boundary (a file cut off)."""
    return any(
        type(defect).__name__ in {"CloseBoundaryNotFoundDefect", "StartBoundaryNotFoundDefect"}
        for part in message.walk()
        for defect in part.defects
    )
