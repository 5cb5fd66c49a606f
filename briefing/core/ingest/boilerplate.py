"""Line-level boilerplate left in a web page's extracted text.

Main-text extraction keeps whole blocks; on old or mangled pages it often keeps
navigation, script text, copyright lines and "related stories" lists too. These
rules are about the shape of a line (code, a bare date, a copyright notice) and
about where the article ends (a "Related stories"/"Comments" heading after the
body), so they hold across sites.
"""

from __future__ import annotations

import re

from briefing.core.ingest.dates import to_iso

_WORD = re.compile(r"\w+")
_CODE = re.compile(
    r"""(?:\bfunction\s*\w*\s*\(|document\.(?:write|getElement|cookie|location)|window\.\w+|\bvar\s+\w+\s*=
    |\bif\s*\(.*\)\s*\{|^\s*\}\s*(?:else\b.*)?\{?\s*$|^\s*[{}]\s*$|<\/?\w+[^>]*>|\);\s*$|^\s*//|^\s*/\*|\*/\s*$
    |\w+\s*\(\s*['"][^'"]*['"]\s*\)\s*;|OAS_\w+)""",
    re.VERBOSE,
)
_COPYRIGHT = re.compile(
    r"(?:^\s*(?:©|\(c\)|copyright\b)|all rights reserved|\bcopyright\s*(?:©|\(c\)|\d{4}))", re.IGNORECASE
)
_DATE_LABEL = re.compile(
    r"^(?:(?:last\s+)?(?:updated|posted|published|modified|created|date)(?:\s+(?:on|at))?\s*:?\s*)",
    re.IGNORECASE,
)
# Headings after which a page has only comments, links and other stories.
_TERMINATOR = re.compile(
    r"""^(?:related(?:\s+(?:articles?|stories|links|news|content|coverage|items|topics))?
    |(?:more|other|latest|recent|top|current|popular)\s+(?:[\w'-]+\s+){0,2}(?:news|stories|articles|headlines|
        from\s+.+)
    |(?:most\s+(?:read|popular|viewed|emailed|commented))(?:\s+.*)?
    |(?:post|add|leave|write|view|read|show)\s+(?:a\s+|your\s+|all\s+)?comments?
    |comments?(?:\s*\(\d+\))?|\d+\s+comments?|have\s+your\s+say|your\s+views?(?:\s+on\s+.*)?
    |tell\s+us\s+what\s+you\s+think|what\s+do\s+you\s+think\??|discuss\s+this\s+(?:article|story)
    |share\s+this(?:\s+(?:article|story))?(?:\s+on)?|e-?mail\s+(?:this|to\s+a\s+friend).*|print\s+this.*
    |tags?\s*:.*|see\s+also|external\s+links|also\s+in\s+.+|you\s+might\s+also\s+like|recommended(?:\s+.*)?
    |trackbacks?|rate\s+this(?:\s+article)?)
    \s*[:»>.]*\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_BODY_WORDS = 25  # a paragraph this long means the article has started
_EDGE_WORDS = 12


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def is_code(line: str) -> bool:
    return bool(_CODE.search(line))


def is_copyright(line: str) -> bool:
    return _words(line) <= 40 and bool(_COPYRIGHT.search(line))


def is_dateline(line: str) -> bool:
    """A line that only says when ("Posted 11 January 2008 at 18:14 GMT", "17:20, Jan 1 2008")."""
    if _words(line) > 12:
        return False
    rest = _DATE_LABEL.sub("", line.strip()).strip(" -|,:")
    rest = re.sub(r"\b(?:at|GMT|UTC|[ECMP][SD]T|ET|am|pm|a\.m\.|p\.m\.)\b", " ", rest, flags=re.IGNORECASE)
    rest = rest.strip(" -|,:")
    if not rest or not re.search(r"\d", rest):
        return False
    try:
        return to_iso(rest[:80]) is not None
    except (ValueError, OverflowError):
        return False


def _is_body(line: str) -> bool:
    return _words(line) >= _EDGE_WORDS or (
        _words(line) >= 4 and line.rstrip().endswith((".", "!", "?", '"', "”"))
    )


def strip_boilerplate(lines: list[str]) -> list[str]:
    """``lines`` of extracted page text without boilerplate lines and without what follows the article."""
    kept: list[str] = []
    body_started = False
    for line in lines:
        if body_started and _words(line) <= 8 and _TERMINATOR.match(line.strip()):
            break
        if is_code(line) or is_copyright(line) or is_dateline(line):
            continue
        kept.append(line)
        if _words(line) >= _BODY_WORDS:
            body_started = True
    body = [i for i, line in enumerate(kept) if _is_body(line)]
    if not body:
        return kept
    return kept[body[0] : body[-1] + 1]
