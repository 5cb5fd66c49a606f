"""Real files of the kinds analysts save articles in, built with the formats' own writers.

MHTML and e-mails are made with the stdlib email package, as Chromium and mail clients write them;
.docx/.odt/.epub are zip packages of the XML parts their specifications name (no office suite or
writer library here), .webarchive a binary property list as Safari writes it.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import io
import plistlib
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime
from xml.sax.saxutils import escape

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


def _zip(members: dict[str, str | bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:  # EPUB's mimetype: first and uncompressed
            archive.writestr(zipfile.ZipInfo(stored_first), members.pop(stored_first), zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(title: str, paragraphs: list[str], *, author: str, created: str) -> bytes:
    """A Word document as Word writes its parts: a Title-styled headline, then body paragraphs."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def para(text: str, style: str | None = None) -> str:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"

    body = para(title, "Title") + "".join(para(p) for p in paragraphs)
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
            ),
            "word/document.xml": f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>',
            "docProps/core.xml": (
                '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
                '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:dcterms="http://purl.org/dc/terms/"><dc:creator>'
                f"{escape(author)}</dc:creator><dcterms:created>{created}</dcterms:created>"
                "</cp:coreProperties>"
            ),
        }
    )


def odt(title: str, paragraphs: list[str], *, author: str, created: str) -> bytes:
    """An OpenDocument text: a heading, then paragraphs; the author and date in meta.xml."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    )
    body = f'<text:h text:outline-level="1">{escape(title)}</text:h>' + "".join(
        f"<text:p>{escape(p)}</text:p>" for p in paragraphs
    )
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": f'<?xml version="1.0"?><office:document-content {ns}><office:body><office:text>'
            f"{body}</office:text></office:body></office:document-content>",
            "meta.xml": f'<?xml version="1.0"?><office:document-meta {ns}><office:meta><meta:initial-creator>'
            f"{escape(author)}</meta:initial-creator><meta:creation-date>{created}</meta:creation-date>"
            "</office:meta></office:document-meta>",
        },
        stored_first="mimetype",
    )


def epub(title: str, chapters: list[list[str]], *, author: str, publisher: str, date: str) -> bytes:
    """An EPUB 3 book: container, package document (metadata, manifest, spine), XHTML chapters."""
    item = '<item id="c{n}" href="text/c{n}.xhtml" media-type="application/xhtml+xml"/>'
    manifest = "".join(item.format(n=n) for n in range(len(chapters)))
    spine = "".join(f'<itemref idref="c{n}"/>' for n in range(len(chapters)))
    members: dict[str, str | bytes] = {
        "mimetype": "application/epub+zip",
        "META-INF/container.xml": (
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:'
            'container"><rootfiles><rootfile full-path="OEBPS/book.opf" media-type="application/'
            'oebps-package+xml"/></rootfiles></container>'
        ),
        "OEBPS/book.opf": (
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escape(title)}</dc:title><dc:creator>'
            f"{escape(author)}</dc:creator><dc:publisher>{escape(publisher)}</dc:publisher><dc:date>{date}"
            f"</dc:date></metadata><manifest>{manifest}</manifest><spine>{spine}</spine></package>"
        ),
    }
    for n, chapter in enumerate(chapters):
        body = "".join(f"<p>{escape(p)}</p>" for p in chapter)
        members[f"OEBPS/text/c{n}.xhtml"] = (
            '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter'
            f"</title></head><body><h2>Chapter {n + 1}</h2>{body}</body></html>"
        )
    return _zip(members, stored_first="mimetype")


def webarchive(page: bytes, url: str, encoding: str | None = "UTF-8") -> bytes:
    """A Safari web archive: the page as the main resource, an image as a subresource."""
    main: dict[str, object] = {"WebResourceData": page, "WebResourceMIMEType": "text/html"}
    main["WebResourceURL"] = url
    if encoding:
        main["WebResourceTextEncodingName"] = encoding
    image = {"WebResourceData": b"\x89PNG", "WebResourceMIMEType": "image/png", "WebResourceURL": url}
    return plistlib.dumps({"WebMainResource": main, "WebSubresources": [image]}, fmt=plistlib.FMT_BINARY)


def rtf(title: str, paragraphs: list[str], *, author: str) -> bytes:
    """Rich Text as WordPad writes it: an \\info group, then one \\par per paragraph, non-ASCII as \\u."""

    def escaped(text: str) -> str:
        text = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
        signed = [ord(ch) if ord(ch) < 32768 else ord(ch) - 65536 for ch in text]
        return "".join(ch if ord(ch) < 128 else f"\\u{code}?" for ch, code in zip(text, signed, strict=True))

    body = "".join(f"\\pard {escaped(p)}\\par\n" for p in paragraphs)
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}"
        f"{{\\info{{\\title {escaped(title)}}}{{\\author {escaped(author)}}}"
        "{\\creatim\\yr2005\\mo2\\dy14}}\n"
        f"\\pard\\b {escaped(title)}\\b0\\par\n{body}}}"
    ).encode("ascii")
