"""How much a figure matters: the ``score`` figures are ranked by.

score = kind weight (money > percent > measure > count with a noun > duration > age > bare)
        x lead factor (earlier paragraphs weigh more)
        + magnitude (millions and billions) + repetition (its concept recurs in the article)
        + movement (it rose or fell)
then trivia is damped: "one of the ...", weak counts ("two security sources said"), counts of
one or two, bare numbers with no concept. Trivia is kept (ranked low, below ``TRIVIA_SCORE``)
so a reader can still see it; views that list only key figures cut at that score.
"""

from __future__ import annotations

import re

from .lexicon import CLEAR_VERBS, TIME_WORDS, VERBS, WEAK_NOUNS, is_nounish, is_verb

TRIVIA_SCORE = 0.25
KIND_WEIGHT = {"currency": 1.0, "percent": 0.9, "measure": 0.8, "count": 0.7, "time": 0.4, "age": 0.3}
_WORD_RE = re.compile(r"[a-z]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "its",
        "their",
        "his",
        "her",
        "by",
        "with",
        "from",
        "as",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
    ]
)


def score(
    *,
    family: str,
    value: float | tuple[float, float],
    concept: str | None,
    change: str | None,
    paragraph: int,
    text_lower: str,
    written: bool,
    trivia: bool,
) -> float:
    weight = KIND_WEIGHT.get(family, 0.5)
    if family == "count" and not concept:
        weight = 0.3
    lead = 1.0 / (1.0 + 0.08 * max(0, paragraph - 1))
    result = weight * lead
    magnitude = max(abs(v) for v in value) if isinstance(value, tuple) else abs(value)
    if magnitude >= 1e6:
        result += 0.15
    elif magnitude >= 1e3:
        result += 0.05
    result += _repetition(concept, text_lower)
    if change in ("up", "down"):
        result += 0.1
    if family == "count" and magnitude < 10:
        if _counted_words(concept) & WEAK_NOUNS:
            result *= 0.3
        elif written and magnitude <= 2:
            result *= 0.4
    if trivia:
        result *= 0.2
    return round(result, 4)


def _counted_words(concept: str | None) -> set[str]:
    """The words of the counted noun phrase: "security sources" in "security sources in Iraq (U.S.)"."""
    if not concept:
        return set()
    noun = re.split(r" \(| in | of | on | at | from | for ", concept.lower(), maxsplit=1)[0]
    return set(_WORD_RE.findall(noun))


def _head_word(concept: str | None) -> str | None:
    if not concept:
        return None
    words = [w for w in _WORD_RE.findall(concept.lower()) if w not in _STOP]
    return words[0] if words else None


def _repetition(concept: str | None, text_lower: str) -> float:
    """0.05 per other mention of the concept's first content word (its stem), up to 0.25."""
    head = _head_word(concept)
    if not head or len(head) < 3:
        return 0.0
    stem = head[:-1] if head.endswith("s") and len(head) > 4 else head
    count = text_lower.count(stem) - 1
    return min(0.25, 0.05 * max(0, count))


_ADVERBS = frozenset({"now", "then", "here", "there", "today", "currently", "recently", "ago", "again"})
_OWNER = re.compile(r"\s*\([^()]*\)\s*$")
_CONCEPT_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*")


def names_a_thing(concept: str | None) -> bool:
    """Whether a concept reads as a noun phrase ("government e-mails", "attacks on U.S. forces").

    Not: nothing, a time word alone ("now"), a verb form alone ("save", "ranging") or a phrase
    running through a finite verb ("fouls proves"). Views that list figures apart from their
    sentence (a briefing's table across articles) keep only these.
    """
    if not concept:
        return False
    words = _CONCEPT_WORD.findall(_OWNER.sub("", concept))
    nouns = [
        w
        for w in words
        if len(w) > 2 and is_nounish(w) and w.lower() not in TIME_WORDS and w.lower() not in _ADVERBS
    ]
    if not nouns:
        return False
    if any(w.lower() in CLEAR_VERBS for w in words if w.islower()):
        return False
    single = words[0] if len(words) == 1 else ""
    return not (single.islower() and (is_verb(single) or single in VERBS or single.endswith("ing")))
