"""Rebuilding broken saved pages into markup lxml parses the way a reader sees them.

Saved pages are often truncated or mangled: an unclosed ``<title>`` or an
attribute with a stray quote makes libxml2 swallow the whole page into one
node. Python's own tokenizer recovers from those locally, so the page is
re-tokenized here and written back out clean, with scripts, styles and
comments dropped (nothing of them is ever run or kept).
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

_DROP_CONTENT = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg", "math"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Closing these early (as mangled pages do) would drop everything after them.
_OUTER = frozenset({"html", "head", "body"})
_SAFE_NAME = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_:.")


def _clean_name(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch in _SAFE_NAME)


class _Rebuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip_depth = 0
        self._skip_tag = ""
        self._in_title = False
        self._title_done = False

    def _close_title(self) -> None:
        if self._in_title:
            self.out.append("</title>")
            self._in_title = False
            self._title_done = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = _clean_name(tag)
        if not tag:
            return
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        self._close_title()
        if tag in _DROP_CONTENT:
            if tag not in _VOID:
                self._skip_tag, self._skip_depth = tag, 1
            return
        if tag == "title":
            if self._title_done:
                return
            self._in_title = True
        parts = [tag]
        for name, value in attrs:
            name = _clean_name(name)
            if name and not name.startswith("on"):
                parts.append(f'{name}="{escape(value or "", quote=True)}"')
        self.out.append("<" + " ".join(parts) + ">")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # As in browsers, "/>" closes nothing on a non-void element.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        tag = _clean_name(tag)
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth -= 1
            return
        if tag == "title":
            self._close_title()
            return
        self._close_title()
        if tag and tag not in _VOID and tag not in _DROP_CONTENT and tag not in _OUTER:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._in_title:
            # A title never spans lines of markup; the rest is debris of a mangled page.
            first = data.strip().split("\n", 1)[0]
            self.out.append(escape(first, quote=False))
            if "\n" in data.strip():
                self._close_title()
            return
        self.out.append(escape(data, quote=False))


def rebuild(html: str) -> str:
    """``html`` re-tokenized into well-formed markup without scripts, styles or comments."""
    parser = _Rebuilder()
    parser.feed(html)
    parser.close()
    parser._close_title()
    return "".join(parser.out)
