"""The Analyzer: one spaCy pass per article, then entities, figures and a summary from it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefing.core.analysis import nlp as pipeline
from briefing.core.analysis.attributions import AttributionCues, attribution_cues
from briefing.core.analysis.entities import extract_entities
from briefing.core.analysis.figures import FIGURES_VERSION, FigureCandidates, figure_candidates
from briefing.core.analysis.parse import SentenceParser, SharedParses, parse_together, sentence_parser
from briefing.core.analysis.sentences import Sentence, debris_spans, sentences
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
# 9: sources of attributions from the parse of their sentences (speakers.py).
ENTITIES_VERSION = "9"

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
        return self._analyses([(self.parse([text])[0], None)])[0]

    def analyse_batch(self, articles: Sequence[Article]) -> list[Analysis]:
        """Each article's text and its photo captions, parsed in one stream."""
        docs = self._docs([part for a in articles for part in (a.text, *a.captions)])
        texts = []
        captions = []
        for article in articles:
            texts.append((next(docs), article.title))
            captions.append([next(docs) for _ in article.captions])
        results = []
        for analysis, caption_docs in zip(self._analyses(texts), captions, strict=True):
            if caption_docs:
                extra = _caption_entities(caption_docs, analysis.entities)
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

    def _analyses(self, docs: Sequence[tuple[Doc, str | None]]) -> list[Analysis]:
        """The analyses of NER + sentence Docs (with their titles); the sentences that need a parse, of
        every Doc, are parsed in one batch (a fifth faster than a batch per article)."""
        parser = self.parser
        drafts = []
        for doc, title in docs:
            debris = debris_spans(doc.text)
            parse = SharedParses(parser) if parser is not None else None
            entities = extract_entities(doc, debris, parse)
            spans = sentences(doc, debris)
            cues = attribution_cues(doc, spans, entities)
            drafts.append(_Draft(doc, title, parse, entities, spans, figure_candidates(doc), cues))
        parse_together([(d.parse, d.figures.to_parse() + d.cues.to_parse()) for d in drafts if d.parse])
        analyses = []
        for d in drafts:
            figures = d.figures.figures(d.parse)
            analyses.append(
                Analysis(
                    entities=tuple(d.entities),
                    figures=tuple(figures),
                    summary=summarise(d.doc.text, d.spans, d.entities, figures, d.title),
                    attributions=tuple(d.cues.attributions(d.parse)),
                )
            )
        return analyses


@dataclass(frozen=True, slots=True)
class _Draft:
    """One article between finding what to parse and reading the parses."""

    doc: Doc
    title: str | None
    parse: SharedParses | None
    entities: list[Entity]
    spans: list[Sentence]
    figures: FigureCandidates
    cues: AttributionCues


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
