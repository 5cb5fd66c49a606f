"""Turning a file's bytes into text, trusting the bytes more than any declared charset.

Order: a byte-order mark, strict UTF-8, UTF-8 with a few broken bytes, a declared
charset that decodes cleanly, charset-normalizer's guess, and finally cp1252.
Broken bytes become U+FFFD rather than being dropped.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Longest marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers read these labels as windows-1252; so do we (its 0x80-0x9F are printable).
_LATIN1_ALIASES = frozenset({"iso8859-1", "ascii", "cp1252"})
# Latin-script single-byte code pages that charset-normalizer confuses with cp1252 on short text.
_LATIN_FAMILY = frozenset(
    {
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "cp775",
        "cp850",
        "cp852",
        "mac-latin2",
        "iso8859-1",
        "iso8859-2",
        "iso8859-4",
        "iso8859-9",
        "iso8859-10",
        "iso8859-13",
        "iso8859-15",
        "iso8859-16",
    }
)

# Latin code pages of old terminals, mainframes and printers that charset-normalizer sometimes prefers
# on short text with one or two accents ("Malmö" read as hp-roman8); no saved web page uses them.
_LEGACY = frozenset(
    {
        "hp-roman8", "cp437", "cp850", "cp857", "cp858", "cp860", "cp861", "cp863",
        "cp865", "cp037", "cp273", "cp500", "cp1026", "cp1140", "mac-roman", "mac-iceland", "mac-turkish",
        "mac-croatian", "mac-romanian",
    }
)

_SNIFF = 8192
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"%PDF",
    b"\x7fELF",
    b"MZ",
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
    b"RIFF",
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of ``data``, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


# Codecs Python knows that are no page's charset: transforms (rot-13, base64, zlib...), escapes,
# IDNA, and UTF-7 (a classic way to smuggle markup). A page declaring one gets its bytes guessed.
_NOT_CHARSETS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "utf-7", "charmap"}
)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except (LookupError, ValueError):  # unknown, or not a name at all (a NUL in it)
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes are UTF-8 with only a few broken sequences."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    # Single-byte text almost never forms valid multi-byte sequences by accident.
    return multibyte > 0 and broken <= multibyte


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text; ``declared`` is a charset the file claims (HTML meta, HTTP header)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    utf16 = _utf16_without_bom(data[:_SNIFF])
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    codec = _codec(declared)
    if codec in _LATIN1_ALIASES:
        codec = "cp1252"
    if codec and codec != "utf-8":
        try:
            return data.decode(codec)
        except (UnicodeError, LookupError):
            pass
    return data.decode(_guess(data) or "cp1252", errors="replace")


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess, preferring cp1252 when it fits the bytes just as well.

    On short Western text several single-byte code pages fit about as well (cp1250 reads
    "élèves" as "élčves" with the same "chaos"); cp1252 is by far the likeliest of them.
    """
    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        return None
    best = matches[0]
    if _codec(best.encoding) in _LEGACY and _fits_cp1252(data):
        return "cp1252"
    if _codec(best.encoding) in _LATIN_FAMILY:
        for match in matches:
            if match.chaos <= best.chaos + 0.1 and _codec(match.encoding) in _LATIN1_ALIASES:
                return "cp1252"
    return _codec(best.encoding)


def _fits_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        return False
    return True


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (images, archives, executables...)."""
    head = data[:_SNIFF]
    if bom_encoding(head):
        return False
    if head.startswith(_MAGIC):
        return True
    if _utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in _ALLOWED_CONTROLS)
    return controls > max(4, len(head) // 100)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark: NULs in every other byte of mostly-Latin text."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None
