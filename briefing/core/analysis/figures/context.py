"""A sentence as plain lists (words, offsets, entity labels) for the rules to walk cheaply."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    words: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    ents: list[str]  # entity label of each word, "" outside entities
    tree: Doc | None = None  # the sentence parsed on its own (parse.py), token i == word i
    people_before: tuple[str, ...] = ()  # the PERSON names of the sentence before (for "he"/"she")

    @classmethod
    def from_span(cls, span: Span) -> Sentence:
        words, starts, ents = [], [], []
        for token in span:
            words.append(token.text)
            starts.append(token.idx)
            ents.append(token.ent_type_)
        return cls(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            words=words,
            lower=[w.lower() for w in words],
            starts=starts,
            ends=[s + len(w) for s, w in zip(starts, words, strict=True)],
            ents=ents,
        )

    def first_at(self, char: int) -> int:
        """Index of the first word ending after ``char`` (the word holding or following it)."""
        return bisect_right(self.ends, char)

    def after(self, char: int) -> int:
        """Index of the first word starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def __len__(self) -> int:
        return len(self.words)

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.words) and self.words[i][:1].isalnum()

    def span_text(self, i: int, j: int) -> str:
        """The original text of words i..j-1 (spacing kept)."""
        if i >= j:
            return ""
        return self.text[self.starts[i] - self.start : self.ends[j - 1] - self.start]
