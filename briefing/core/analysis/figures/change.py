"""Whether the text says a figure rose, fell, is approximate or is a bound."""

from __future__ import annotations

from .context import Sentence
from .lexicon import (
    APPROXIMATE,
    AT_LEAST,
    AT_LEAST_PAIRS,
    AT_MOST,
    AT_MOST_PAIRS,
    DOWN_AFTER,
    DOWN_WORDS,
    FILLERS,
    UP_AFTER,
    UP_WORDS,
)
from .mentions import Mention

UP, DOWN, APPROX, AT_LEAST_, AT_MOST_ = "up", "down", "approximate", "at least", "at most"


def detect_change(sent: Sentence, first: int, after: int, m: Mention, previous: str | None) -> str | None:
    """The change of the mention spanning words ``first``..``after-1``; ``previous`` is the one before it.

    A direction ("up 5%", "fell 3%", "0.68 percent lower") wins over a bound ("at least",
    "up to"), which wins over an approximation ("about", "nearly").
    """
    if m.plus:
        return UP
    bound = m.bounded
    approx = False
    direction: str | None = None
    saw_by = False
    j = first - 1
    steps = 0
    while j >= 0 and steps < 5:
        steps += 1
        word = sent.lower[j]
        pair = (sent.lower[j - 1], word) if j > 0 else ("", word)
        if pair in AT_MOST_PAIRS:
            bound = bound or AT_MOST_
            j -= 2
            continue
        if pair in AT_LEAST_PAIRS:
            bound = bound or AT_LEAST_
            j -= 2
            continue
        if word in AT_LEAST:
            bound = bound or AT_LEAST_
        elif word in AT_MOST:
            bound = bound or AT_MOST_
        elif word in APPROXIMATE or (word == "as" and pair[0] != "such"):
            approx = approx or word != "as"
        elif word == "by":
            saw_by = True
        elif word in UP_WORDS:
            direction = UP
            break
        elif word in DOWN_WORDS:
            direction = DOWN
            break
        elif word not in FILLERS and word not in ("sharp", "steep", "modest", "slight"):
            break
        j -= 1
    if direction is None and after < len(sent):
        word = sent.lower[after]
        if (word in UP_AFTER and word != "up") or word == "higher":
            direction = UP
        elif (word in DOWN_AFTER and word != "down") or word == "lower":
            direction = DOWN
    if direction is None and saw_by and previous in (UP, DOWN):
        direction = previous
    if direction:
        return direction
    if bound:
        return bound
    return APPROX if approx else None
