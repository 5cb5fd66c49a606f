"""Zip-packaged documents (.docx, .odt, .epub): members read with bounds, XML parsed inertly.

A zip's declared sizes are checked before anything is inflated, and every member is read with a
cap, so a zip bomb (a few KB that inflate to gigabytes) is refused, not unpacked. XML is parsed
without DTDs, entities or network access.
"""

from __future__ import annotations

import io
import zipfile

import lxml.etree

MAX_MEMBER_BYTES = 64 * 1024 * 1024  # far above any article's text; a bomb's member is larger
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # inflated size over compressed size; text compresses ~10x, a bomb ~1000x
MAX_MEMBERS = 20_000

XML_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)


class PackageProblem(Exception):
    """A packaged document that cannot be read; the message is the reason."""


def open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """The zip package; ``kind`` names it with its article ("a Word (.docx)", "an EPUB")."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PackageProblem(f"not {kind} file (not a readable zip package: {exc})") from exc
    if len(members) > MAX_MEMBERS:
        raise PackageProblem(f"too many files inside ({len(members):,}); not {kind} document")
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        raise PackageProblem(f"inflates to {total:,} bytes: a zip bomb, not {kind} document")
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member's bytes, refusing one that inflates beyond its declared size or the caps."""
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise PackageProblem(f"missing {name} inside the package") from exc
    if info.file_size > MAX_MEMBER_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
        raise PackageProblem(f"{name} inflates to {info.file_size:,} bytes: a zip bomb, not a document")
    try:
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        message = str(exc).lower()
        if "encrypted" in message or "password" in message:
            raise PackageProblem("encrypted (needs a password)") from exc
        raise PackageProblem(f"damaged package: {name} cannot be read ({exc})") from exc
    if len(data) > info.file_size:
        raise PackageProblem(f"{name} inflates beyond its declared size: a zip bomb, not a document")
    return data


def parse_xml(data: bytes, name: str) -> lxml.etree._Element:
    try:
        root = lxml.etree.fromstring(data, XML_PARSER)
    except lxml.etree.XMLSyntaxError as exc:
        raise PackageProblem(f"damaged package: {name} is not XML ({exc})") from exc
    if root is None:
        raise PackageProblem(f"damaged package: {name} is empty")
    return root
