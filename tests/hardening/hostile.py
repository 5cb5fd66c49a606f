"""A library of hostile files, generated on the spot, and the verdict each one must get.

``INDEXED`` means the file must be in the index; any other verdict is a piece of the reason it must
be skipped with. Every entry is listed, with what happened to it, in the hardening notes (README "Limits").
"""

from __future__ import annotations

import os
import random
from pathlib import Path

INDEXED = "indexed"
SECRET = "TOP-SECRET-LOCAL-FILE-7f3a"  # a local file hostile markup tries to pull in

_STORY = (
    "The harbour authority said on Tuesday that the new quay would open in spring. "
    "Fishermen welcomed the decision after years of delays, the mayor added. "
)

HOSTILE_HTML = f"""<!DOCTYPE html>
<html><head>
<title>Harbour quay opens | The Coastal Times</title>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=http://tracker.invalid/refresh">
<base href="http://tracker.invalid/">
<link rel="stylesheet" href="http://tracker.invalid/style.css">
<link rel="preload" href="file:///etc/passwd">
<script src="http://tracker.invalid/analytics.js"></script>
<script>document.write('<p>INJECTED BY SCRIPT</p>'); fetch('http://tracker.invalid/beacon');</script>
<style>@import url("http://tracker.invalid/import.css");
body {{ background: url(http://tracker.invalid/bg.png) }}</style>
</head>
<body onload="fetch('http://tracker.invalid/onload')">
<iframe src="http://tracker.invalid/frame.html"></iframe>
<img src="http://tracker.invalid/pixel.gif" width="1" height="1" onerror="alert('pixel')">
<object data="http://tracker.invalid/flash.swf"></object><embed src="http://tracker.invalid/embed.swf">
<svg onload="alert('svg')"><image href="http://tracker.invalid/svg.png"/></svg>
<noscript><img src="http://tracker.invalid/noscript.gif"></noscript>
<article>
<h1>Harbour quay opens</h1>
<p>{_STORY * 2}</p>
<p><a href="javascript:alert('link')">The quayside</a> will host a market every Saturday, {_STORY}</p>
<p>{_STORY}<video src="http://tracker.invalid/v.mp4" autoplay></video></p>
</article>
<form action="http://tracker.invalid/post"><input name="q" autofocus onfocus="alert(1)"></form>
</body></html>
"""


def _xxe_html(secret: Path) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE html [
  <!ENTITY secret SYSTEM "file://{secret}">
  <!ENTITY remote SYSTEM "http://tracker.invalid/entity">
  <!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<html xmlns:xi="http://www.w3.org/2001/XInclude"><head><title>Entity page</title></head><body>
<xi:include href="file://{secret}" parse="text"/>
<p>&secret; &remote; &lol3;</p>
<p>{_STORY * 3}</p>
</body></html>
"""


def build(root: Path, secret: Path) -> dict[str, str]:
    """Write the hostile library into ``root`` (and the secret file at ``secret``); name -> verdict."""
    rng = random.Random(8)
    root.mkdir(parents=True, exist_ok=True)
    secret.write_text(SECRET, encoding="utf-8")
    expected: dict[str, str] = {}

    def put(name: str, data: bytes, verdict: str) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = verdict
        return path

    story = f"Quay article\n\n{_STORY * 3}\n".encode()
    put("good.txt", story, INDEXED)
    # Binary junk with text names.
    put("image.txt", b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000), "binary data, not text")
    put("noise.md", rng.randbytes(6000), "binary data, not text")
    put("archive.html", b"PK\x03\x04" + rng.randbytes(3000), "binary data, not text")
    put("elf.txt", b"\x7fELF\x02\x01\x01" + bytes(200), "binary data, not text")
    put("controls.txt", bytes(range(1, 9)) * 200, "binary data, not text")
    # Empty and blank.
    put("empty.txt", b"", "empty file (0 bytes)")
    put("blank.md", b" \n\n\t\r\n   \n", "empty (only whitespace)")
    put("blank.html", b"<html><body>   </body></html>", "no article text found")
    # Too large: a sparse 40 MB file, rejected before a byte of it is read.
    with open(root / "dump.txt", "wb") as handle:
        handle.truncate(40 * 1024 * 1024)
    expected["dump.txt"] = "too large: 40.0 MB is over the 32.0 MB limit"
    # Broken bytes and charsets.
    put(
        "broken-utf8.txt",
        b"Broken bytes\n\nThe caf\xc3\xa9 \xff\xfe sold cr\xc3\xa8me br\xc3\xbbl\xc3\xa9e. " + story,
        INDEXED,
    )
    put(
        "utf16-le-bom.txt",
        "\ufeffUTF sixteen\n\nThe Zürich quay story ".encode("utf-16-le")
        + story.decode().encode("utf-16-le"),
        INDEXED,
    )
    put(
        "utf16-be-bom.md",
        "\ufeff# Big endian\n\nThe Ærø ferry story. ".encode("utf-16-be")
        + story.decode().encode("utf-16-be"),
        INDEXED,
    )
    put("utf8-bom.txt", b"\xef\xbb\xbf" + story, INDEXED)
    lie = (
        "<html><head><meta charset=iso-8859-1><title>Gen\u00e8ve quay</title></head>"
        f"<body><p>Gen\u00e8ve {_STORY * 2}</p></body></html>"
    )
    put("declares-latin1-is-utf8.html", lie.encode("utf-8"), INDEXED)
    lie2 = lie.replace("iso-8859-1", "utf-8").replace("Gen\u00e8ve", "Malm\u00f6")
    put("declares-utf8-is-cp1252.html", lie2.encode("cp1252"), INDEXED)
    put("unknown-charset.html", lie.replace("iso-8859-1", "x-klingon-9").encode("utf-8"), INDEXED)
    # Hostile markup.
    put("trackers.html", HOSTILE_HTML.encode(), INDEXED)
    put("entities.html", _xxe_html(secret).encode(), INDEXED)
    deep = b"<html><body>" + b"<div>" * 60_000 + _STORY.encode() * 3 + b"</div>" * 60_000 + b"</body></html>"
    put("deep-nesting.html", deep, "no article text found")
    # Text nested below libxml2's depth limit (256) is out of reach of the HTML parser: a clean skip.
    put(
        "unclosed-tags.htm",
        b"<html><body><p><b><i><span>" * 20_000 + _STORY.encode() * 3,
        "no article text found",
    )
    put("unclosed-shallow.htm", b"<html><body>" + b"<p><b>" * 100 + _STORY.encode() * 3, INDEXED)
    put("nested-quotes.md", b"# Quotes\n\n" + b">" * 50_000 + b" deep\n\n" + _STORY.encode() * 2, INDEXED)
    # Front matter.
    put("bad-yaml.md", f'---\ntitle: "Unclosed quote\nauthor: [a, b\n---\n\n{_STORY * 2}'.encode(), INDEXED)
    put(
        "unclosed-front-matter.md",
        f"---\ntitle: Never closed\nsource: Gazette\n\n{_STORY * 2}".encode(),
        INDEXED,
    )
    laughs = "".join(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 9))
    put("yaml-bomb.md", f"---\nl0: &l0 [lol]\n{laughs}title: *l8\n---\n\n{_STORY * 2}".encode(), INDEXED)
    put("not-a-mapping.md", f"---\n- just\n- a list\n---\n\n{_STORY * 2}".encode(), INDEXED)
    # PDFs that are not.
    put("fake.pdf", b"%PDF-1.7\n" + rng.randbytes(2000), "PDF")
    put("truncated.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n", "PDF")
    put("text-named.pdf", story, "PDF")
    # Odd text.
    put("one-long-line.txt", b"Long line\n\n" + b"quay " * 5_000, INDEXED)
    put("one-huge-word.txt", b"Huge word\n\n" + b"x" * 50_000 + b" " + story, INDEXED)
    put("bidi-and-zero-width.txt", "Quay \u202e\u200b\u2066story\n\n\u200f".encode() + story, INDEXED)
    put("nul-after-sniff.txt", story * 200 + b"\x00\x00" + story, INDEXED)
    put("crlf-and-cr.txt", story.replace(b"\n", b"\r\n") + story.replace(b"\n", b"\r"), INDEXED)
    # Names and links.
    put("x.txt/inside.txt", story, INDEXED)  # a folder named like a file: walked into
    put("new\nline name.txt", story, INDEXED)
    put("spaces and ünïcödé — name.md", story, INDEXED)
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    expected["loop-a.txt"] = expected["loop-b.txt"] = "symbolic link loop"
    (root / "dangling.md").symlink_to(root / "nowhere.md")
    expected["dangling.md"] = "broken symbolic link"
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root)
    expected["sub/up"] = "symbolic link loop"
    os.mkfifo(root / "pipe.txt")
    expected["pipe.txt"] = "not a regular file"
    bad_name = os.path.join(os.fsencode(root), b"caf\xe9-latin1-name.txt")
    with open(bad_name, "wb") as handle:
        handle.write(story)
    expected["caf\ufffd-latin1-name.txt"] = "not valid UTF-8"
    put(".hidden.txt", story, "")  # hidden files are not part of the library: no verdict at all
    del expected[".hidden.txt"]
    put("notes.pages", b"PK\x03\x04" + bytes(100), "")  # unsupported types are only counted
    del expected["notes.pages"]
    # Saved pages, e-mails and documents that are not.
    put("fake.docx", b"PK\x03\x04" + bytes(100), "not a Word (.docx) file")
    put("text-named.epub", story, "not an EPUB file")
    put("photo-named.eml", b"\xff\xd8\xff\xe0" + rng.randbytes(500), "no MIME headers")
    put("text-named.mhtml", story, "MIME")
    return expected
