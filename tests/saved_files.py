"""Real files of the kinds analysts save articles in, built with the formats' own writers.

MHTML and e-mails are made with the stdlib email package, as Chromium and mail clients write them.
"""

from __future__ import annotations

import datetime as dt
import email.policy
from email.message import EmailMessage
from email.utils import format_datetime

CRLF = email.policy.default.clone(linesep="\r\n")


def mhtml(page: bytes, url: str, *, cte: str = "quoted-printable", images: int = 2) -> bytes:
    """``page`` saved by Chromium as one file: the HTML first, then its images (with remote addresses)."""
    root = EmailMessage(policy=CRLF)
    root["From"] = "<Saved by Blink>"
    root["Snapshot-Content-Location"] = url
    root["Subject"] = "Saved page"
    root["Date"] = "Wed, 3 Dec 2026 10:00:00 -0000"
    root["MIME-Version"] = "1.0"
    root.make_related()
    html = EmailMessage(policy=CRLF)
    html.set_content(page, maintype="text", subtype="html", cte=cte)
    html["Content-Location"] = url
    root.attach(html)
    for n in range(images):
        image = EmailMessage(policy=CRLF)
        image.set_content(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, maintype="image", subtype="png")
        image["Content-Location"] = f"https://cdn.example.invalid/photo{n}.png"
        root.attach(image)
    return root.as_bytes()


def eml(
    subject: str,
    sender: str,
    *,
    html: bytes | None = None,
    text: str | None = None,
    date: dt.datetime | None = None,
    attachments: dict[str, bytes] | None = None,
    list_id: str | None = None,
) -> bytes:
    """An e-mail with an HTML and/or a plain-text body and attachments, as a mail client saves it."""
    message = EmailMessage(policy=CRLF)
    message["From"] = sender
    message["To"] = "analyst@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(date or dt.datetime(2008, 1, 16, 9, 30, tzinfo=dt.UTC))
    message["Message-ID"] = "<briefing-test@example.org>"
    if list_id:
        message["List-Id"] = list_id
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, maintype="text", subtype="html", cte="quoted-printable")
        else:
            message.add_alternative(html, maintype="text", subtype="html", cte="quoted-printable")
    for name, data in (attachments or {}).items():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()
