"""Parse where it matters: the pipeline's own tagger and parser, run on chosen sentences only.

``nlp.load`` keeps tok2vec, tagger, attribute_ruler and parser disabled, so whole
articles get NER and sentence boundaries only. The few sentences whose analysis
reads grammar (those holding a figure) are copied out as Docs of their own and
run through those components here, in one batch per article.
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
