"""The Analyzer: one spaCy pass per article, then entities, figures and a summary from it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from briefing.core.analysis import nlp as pipeline
from briefing.core.analysis.attributions import extract_attributions
from briefing.core.analysis.entities import extract_entities
from briefing.core.analysis.figures import FIGURES_VERSION, extract_figures
from briefing.core.analysis.parse import SentenceParser, sentence_parser
from briefing.core.analysis.sentences import debris_spans, sentences
from briefing.core.analysis.summary import summarise
from briefing.core.article import Analysis, Article, Entity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Bump whenever entities or summaries change for the same input.
# 3: attributions; 4: "Fed" is the Federal Reserve; 5: whole sentences (boundaries.py), names cut at
# line breaks, ranks not people, places by their head word ("Anbar Governorate"); 7: "the town of X",
# ISO 3166-2 subdivisions, titles never a person or an organisation, "Da'esh" (places, titles, known_names).
# 8: names an article gives as a body are not people (modifiers.py: "Lib Dem plans" beside "the Lib Dems").
ENTITIES_VERSION = "8"

_BATCH_SIZE = 32


def analysis_version() -> str:
    """The cache key of analysis output: our version, the figures' version and a model override."""
    version = f"entities-{ENTITIES_VERSION}+figures-{FIGURES_VERSION}"
    model = os.environ.get("BRIEFING_SPACY_MODEL")
    return f"{version}+model-{model}" if model else version


def split_for_nlp(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut after paragraph breaks where possible.

    The pieces join back to exactly ``text``.
    """
    chunks = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        for separator in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(separator)
            if cut > 0:
                cut += len(separator)
                break
        else:
            cut = limit
        chunks.append(text[start : start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


class Analyzer:
    """Named entities, key figures and a summary of articles; spaCy is loaded on first use."""

    def __init__(self, model: str | None = None) -> None:
        self._model = model
        self._nlp: Language | None = None
        self._parser: SentenceParser | None = None
        # Texts longer than this are parsed in pieces; None means the pipeline's max_length.
        self.chunk_chars: int | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = pipeline.load(self._model)
        return self._nlp

    @property
    def parser(self) -> SentenceParser | None:
        """Parses single sentences with the pipeline's tagger and parser (None if it has none)."""
        if self._parser is None:
            self._parser = sentence_parser(self.nlp)
        return self._parser

    def analyse(self, article: Article) -> Analysis:
        return self.analyse_batch([article])[0]

    def analyse_text(self, text: str) -> Analysis:
        return self._analysis(self.parse([text])[0], None)

    def analyse_batch(self, articles: Sequence[Article]) -> list[Analysis]:
        """Each article's text and its photo captions, parsed in one stream."""
        docs = self._docs([part for a in articles for part in (a.text, *a.captions)])
        results = []
        for article in articles:
            analysis = self._analysis(next(docs), article.title)
            captions = [next(docs) for _ in article.captions]
            if captions:
                extra = _caption_entities(captions, analysis.entities)
                analysis = replace(analysis, entities=analysis.entities + tuple(extra))
            results.append(analysis)
        return results

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """One NER + sentence Doc per text, over exactly that text (long texts parsed in pieces)."""
        return list(self._docs(texts))

    def _docs(self, texts: Sequence[str]) -> Iterator[Doc]:
        from spacy.tokens import Doc

        nlp = self.nlp
        limit = self.chunk_chars or nlp.max_length
        pieces = [split_for_nlp(t, limit) for t in texts]
        parsed = nlp.pipe((p for ps in pieces for p in ps), batch_size=_BATCH_SIZE, n_process=1)
        for ps in pieces:
            parts = [next(parsed) for _ in ps]
            yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)

    def _analysis(self, doc: Doc, title: str | None) -> Analysis:
        debris = debris_spans(doc.text)
        entities = extract_entities(doc, debris, self.parser)
        figures = extract_figures(doc, self.parser)
        spans = sentences(doc, debris)
        summary = summarise(doc.text, spans, entities, figures, title)
        attributions = extract_attributions(doc.text, spans, entities)
        return Analysis(
            entities=tuple(entities),
            figures=tuple(figures),
            summary=summary,
            attributions=tuple(attributions),
        )


def _caption_entities(captions: Sequence[Doc], in_text: Sequence[Entity]) -> Iterable[Entity]:
    """Entities of photo captions (offsets into each caption), named as in the article where it names them."""
    known: dict[str, Entity] = {}
    for entity in in_text:
        known.setdefault(entity.text, entity)
        known.setdefault(entity.canonical, entity)
    for number, doc in enumerate(captions):
        for entity in extract_entities(doc, debris_spans(doc.text)):
            same = known.get(entity.text) or known.get(entity.canonical)
            if same is not None:
                entity = replace(entity, label=same.label, canonical=same.canonical)
            yield replace(entity, caption=number)
