"""Lines of sports results and tables, where a town or county names its team.

"San Diego 3 NEW YORK 2", "NEW YORK 74 59 .556 -", "Warwickshire 195 and 109 , Surrey 468",
"CHICAGO AT TORONTO": a name followed by a score on a line of names and numbers (or a name
facing another with "at"/"v") is a club, an organisation, not the place. The shape of the
line decides, not a list of clubs; datelines ("LONDON 1996-08-30") and prices
("Frankfurt 1.5040") are no scores.
"""

from __future__ import annotations

import re

_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SCORE = re.compile(r"\d{1,3}(?:-\d{1,3})?")  # "3", "429-7"; not "1996-08-30", not "1.5040"
_SCORE_AFTER = re.compile(r"[ \t]+(\S+)")
_NUMBER = re.compile(r"[-+]?\.?\d[\d.,/-]*")
_LOWER_WORD = re.compile(r"[a-z][a-z']+")
_FIXTURE = re.compile(r"[ \t]+(?:AT|at|v|vs\.?)[ \t]+(\S.*)$")
MAX_LOWER_WORDS = 2  # "Surrey 24 points , Warwickshire 2": a word or two of prose at most


def in_score_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a team in a results line or table row."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    after = text[end:line_end]
    if _fixture(text[line_start:start], after):
        return True
    score = _SCORE_AFTER.match(after)
    if score is None or not _SCORE.fullmatch(score.group(1).rstrip(",")):
        return False
    line = _BRACKETED.sub(" ", text[line_start:line_end])
    tokens = line.split()
    numbers = sum(1 for t in tokens if _NUMBER.fullmatch(t))
    prose = sum(1 for t in tokens if _LOWER_WORD.fullmatch(t))
    return numbers >= 2 and prose <= MAX_LOWER_WORDS


def _fixture(before: str, after: str) -> bool:
    """ "CHICAGO AT TORONTO", "Swansea v Cardiff" alone on a line: two teams facing each other."""
    if not before.strip():
        match = _FIXTURE.match(after)
        return match is not None and len(match.group(1).split()) <= 3 and match.group(1)[:1].isupper()
    words = before.split()
    return (
        len(words) <= 4
        and words[-1] in ("AT", "at", "v", "vs", "vs.")
        and not after.strip(" \t.")
        and before[:1].isupper()
    )


_GLUED = re.compile(r"[ \t]+\d{1,3}[ \t]+")


def split_at_score(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """ "Leeds 2 Sheffield" taken as one name on a results line: the two teams' spans, else None."""
    inner = _GLUED.search(text, start, end)
    if inner is None or inner.end() >= end or not text[inner.end()].isupper():
        return None
    if not in_score_line(text, start, inner.start()):
        return None
    return [(start, inner.start()), (inner.end(), end)]
