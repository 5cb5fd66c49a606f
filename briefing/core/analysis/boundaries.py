"""Sentences that stay whole: undo the sentence model's cuts after titles, abbreviations and initials.

The statistical ``senter`` cuts after "Navy Capt." and "George W." and even
between "Lt" and its full stop. Run right after it as a pipeline component, this
rejoins a sentence to the one before when the cut is not a sentence end:

- the next piece starts with a lower-case word or with punctuation (". Col.",
  ", he said") — no sentence starts that way;
- the piece before ends in a title or an abbreviation that stands before a name
  or a number ("Capt.", "Sen.", "Mr.", "St.", "No. 5") or in a capital initial, and
  the next piece starts with a capitalised word or a number;
- the piece before leaves a quotation open and the next piece starts with the
  closing quote mark.

A line break is always a boundary (``sentences.py`` cuts there too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

COMPONENT = "briefing_whole_sentences"

# Abbreviations that stand before a name or a number, never at a sentence's end.
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "hon", "sen", "sens", "rep", "reps", "gov",
        "pres", "capt", "cpt", "gen", "lt", "col", "maj", "sgt", "cpl", "pvt", "cmdr", "cdr", "adm",
        "brig", "lieut", "supt", "insp", "det", "st", "ste", "mt", "ft", "fr", "sr", "jr", "no", "nos",
        "amb", "atty", "rt", "vs", "pp", "vol", "art", "fig", "approx",
    }
)  # fmt: skip
_QUOTES = '"\u201c\u201d'
_CLOSING = "\"\u201d\u2019'"


def _line_break_before(token: Token) -> bool:
    previous = token.doc[token.i - 1]
    return "\n" in previous.whitespace_ or "\n" in previous.text or "\n" in token.text


def _word_before_stop(doc: Doc, end: int) -> tuple[str, Token | None]:
    """The word a sentence ending at token ``end - 1`` ends in, without its full stop, and its token."""
    last = doc[end - 1]
    if last.text == "." and end >= 2 and not doc[end - 2].whitespace_:
        return doc[end - 2].text, doc[end - 2]
    if last.text.endswith(".") and len(last.text) > 1:
        return last.text[:-1], last
    return "", None


def _is_initial(word: str, token: Token | None) -> bool:
    """ "W" of "George W.": one capital letter after a capitalised word or another initial."""
    if len(word) != 1 or not word.isupper() or token is None or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.text[:1].isupper() and before.text not in ("&", "-")


def _open_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("\u201c") > text.count("\u201d")


def _continues(doc: Doc, start: int, sentence_start: int) -> bool:
    """Whether the sentence cut before token ``start`` goes on (see the module's rules)."""
    token = doc[start]
    first = token.text[:1]
    if _line_break_before(token) or token.is_space:
        return False
    if first.islower() or first in ".,;:)]!?%":
        return True
    word, word_token = _word_before_stop(doc, start)
    if word and (first.isupper() or first.isdigit()):
        if word.lower() in TITLES and (word.lower() not in ("no", "nos") or first.isdigit()):
            return True
        if _is_initial(word, word_token) and first.isupper():
            return True
    if first in _CLOSING and token.text in _QUOTES + "'\u2019":
        return _open_quote(doc[sentence_start:start].text)
    return False


def keep_sentences_whole(doc: Doc) -> Doc:
    """The pipeline component: clears sentence starts that cut a sentence (see the module)."""
    if len(doc) < 2 or not doc.has_annotation("SENT_START"):
        return doc
    sentence_start = 0
    for token in doc[1:]:
        if not token.is_sent_start:
            continue
        if _continues(doc, token.i, sentence_start):
            token.is_sent_start = False
        else:
            sentence_start = token.i
    return doc
