"""Parse where it matters: the pipeline's own tagger and parser, run on chosen sentences only.

``nlp.load`` keeps tok2vec, tagger, attribute_ruler and parser disabled, so whole
articles get NER and sentence boundaries only. The few sentences whose analysis
reads grammar (those holding a figure or a reporting verb, and those where a name
may qualify a noun) are copied out as Docs of their own and run through those
components here, in a batch per analysis, each sentence once (``SharedParses``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from briefing.core.analysis.nlp import PARSE_COMPONENTS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# Parses the given sentence spans: one Doc per span, token for token the same words.
SentenceParser = Callable[[Sequence["Span"]], list["Doc"]]

_BATCH = 64


def has_parser(nlp: Language) -> bool:
    """Whether the pipeline carries a dependency parser to run on single sentences."""
    return "parser" in nlp.component_names


def sentence_parser(nlp: Language) -> SentenceParser | None:
    """A function parsing sentence spans with ``nlp``'s tagger and parser, or None if it has none."""
    if not has_parser(nlp):
        return None
    components = [nlp.get_pipe(name) for name in PARSE_COMPONENTS if name in nlp.component_names]

    def parse(spans: Sequence[Span]) -> list[Doc]:
        docs = [span.as_doc() for span in spans]
        for component in components:
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=_BATCH))
            else:
                docs = [component(doc) for doc in docs]
        return docs

    return parse


class SharedParses:
    """One Doc's parsed sentences, each parsed once whichever analysis asks for it first.

    Entities (modifiers.py), figures and attributions each parse the sentences they need; a sentence
    holding both a figure and a reporting verb is parsed once. Called like a SentenceParser, with
    spans of the one Doc it was made for.
    """

    def __init__(self, parse: SentenceParser) -> None:
        self._parse = parse
        self._trees: dict[tuple[int, int], Doc] = {}

    def __call__(self, spans: Sequence[Span]) -> list[Doc]:
        keys = [(span.start, span.end) for span in spans]
        new: dict[tuple[int, int], Span] = {}
        for key, span in zip(keys, spans, strict=True):
            if key not in self._trees:
                new.setdefault(key, span)
        if new:
            self._trees.update(zip(new, self._parse(list(new.values())), strict=True))
        return [self._trees[key] for key in keys]

    @property
    def parsed(self) -> int:
        """How many sentences were parsed."""
        return len(self._trees)


def parse_together(requests: Sequence[tuple[SharedParses, Sequence[Span]]]) -> None:
    """Parse the spans each SharedParses was asked for (of many Docs) in one batch, each span once.

    Every SharedParses must wrap the same parser; later calls for these spans find them parsed.
    """
    new: list[tuple[SharedParses, tuple[int, int], Span]] = []
    for shared, spans in requests:
        seen: set[tuple[int, int]] = set()
        for span in spans:
            key = (span.start, span.end)
            if key not in shared._trees and key not in seen:
                seen.add(key)
                new.append((shared, key, span))
    if not new:
        return
    trees = new[0][0]._parse([span for _, _, span in new])
    for (shared, key, _), tree in zip(new, trees, strict=True):
        shared._trees[key] = tree
