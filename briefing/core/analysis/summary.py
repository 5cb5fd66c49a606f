"""A short extractive summary: three to five whole sentences of the article, in its order.

News puts what matters first, so position weighs most; among the rest,
sentences that share the article's recurring words, entities and figures win.
Captions, credits, subheadings, headlines and quote fragments are never chosen.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from briefing.core.analysis.figures import TRIVIA_SCORE
from briefing.core.analysis.sentences import Sentence, is_terminal
from briefing.core.article import Entity, Figure

MIN_SENTENCES = 3
MAX_SENTENCES = 5

_MIN_WORDS = 6
_MAX_WORDS = 70
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*")
_STARTS_WELL = re.compile(r"[\"\u201c\u2018'(]?[A-Z0-9]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_TRAILING_OFF = re.compile(
    r"(?:\.\.\.|\u2026)[\"'\u201d\u2019)]*$"
)  # a teaser or a title cut by the sentence model
_REDUNDANT = 0.5  # content-word overlap (Jaccard) above which a sentence repeats one already chosen

# Sentences that lean on the one before read badly out of context.
_DANGLING = re.compile(r"(?:He|She|It|They|This|These|Those|His|Her|Its|Their|Such)\b")
_CONNECTIVE = re.compile(r"(?:But|And|However|Also|Meanwhile|Still|Yet)\b")

_WEIGHT_LEAD = 1.0
_WEIGHT_WORDS = 0.6
_WEIGHT_ENTITIES = 0.4
_WEIGHT_FIGURES = 0.2


@functools.cache
def _stop_words() -> frozenset[str]:
    # Imported on first use: importing spaCy costs seconds, and merely reading
    # ANALYSIS_VERSION (as the library does at start-up) must not pay it.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(sentence: str) -> list[str]:
    stop = _stop_words()
    words = (w.lower().strip("'\u2019-") for w in _WORD.findall(sentence))
    return [w for w in words if len(w) > 2 and w not in stop]


def _balanced_quotes(sentence: str) -> bool:
    return sentence.count('"') % 2 == 0 and sentence.count("\u201c") == sentence.count("\u201d")


def _norm(text: str) -> str:
    return _NON_ALNUM.sub("", text.lower())


def is_summary_candidate(sentence: str, s: Sentence, title: str | None) -> bool:
    """Whether a sentence can stand in a summary: a finished, whole sentence of the body."""
    if s.caption or not is_terminal(sentence) or not _STARTS_WELL.match(sentence):
        return False
    if _TRAILING_OFF.search(sentence):
        return False
    if not _MIN_WORDS <= len(sentence.split()) <= _MAX_WORDS or not _balanced_quotes(sentence):
        return False
    if title:
        norm, title_norm = _norm(sentence), _norm(title)
        if title_norm and (norm.startswith(title_norm) or title_norm.startswith(norm)):
            return False
    return True


def summarise(
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity] = (),
    figures: Sequence[Figure] = (),
    title: str | None = None,
) -> tuple[str, ...]:
    """Three to five sentences of ``text`` (exact substrings, in order) that best stand for it."""
    every = [content_words(text[s.start : s.end]) for s in sentences]
    frequency = Counter(w for ws in every for w in set(ws))
    usable = [i for i, s in enumerate(sentences) if is_summary_candidate(text[s.start : s.end], s, title)]
    if not usable:
        return ()
    candidates = [sentences[i] for i in usable]
    words = [every[i] for i in usable]
    mentions = Counter(e.canonical for e in entities)

    def per_length(value: float, n: int) -> float:
        return value / math.sqrt(n + 1)

    salient = sorted(e.start for e in entities if mentions[e.canonical] > 1)
    figure_starts = sorted(f.start for f in figures if f.score > TRIVIA_SCORE)

    def inside(starts: list[int], s: Sentence) -> int:
        return bisect_left(starts, s.end) - bisect_left(starts, s.start)

    centrality = [per_length(sum(min(frequency[w] - 1, 3) for w in set(ws)), len(ws)) for ws in words]
    salience = [per_length(inside(salient, s), len(ws)) for s, ws in zip(candidates, words, strict=True)]
    numbers = [min(2, inside(figure_starts, s)) / 2 for s in candidates]
    top_c, top_s = max(centrality) or 1.0, max(salience) or 1.0
    scores = [
        _WEIGHT_LEAD / (1 + 0.35 * i)
        + _WEIGHT_WORDS * centrality[i] / top_c
        + _WEIGHT_ENTITIES * salience[i] / top_s
        + _WEIGHT_FIGURES * numbers[i]
        for i in range(len(candidates))
    ]
    for i, s in enumerate(candidates):
        opening = text[s.start : s.end].lstrip("\"'\u201c\u2018(")
        scores[i] *= 0.6 if _DANGLING.match(opening) else 0.8 if _CONNECTIVE.match(opening) else 1.0
    wanted = MIN_SENTENCES if len(candidates) <= 12 else 4 if len(candidates) <= 25 else MAX_SENTENCES
    chosen: list[int] = []
    for i in sorted(range(len(candidates)), key=lambda i: -scores[i]):
        if len(chosen) == wanted:
            break
        if all(_overlap(words[i], words[j]) <= _REDUNDANT for j in chosen):
            chosen.append(i)
    return tuple(text[candidates[i].start : candidates[i].end] for i in sorted(chosen))


def _overlap(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0
