"""Key figures: every quantity in an article, with its unit, concept and change, ranked.

    extract_figures(doc, parser) -> list[Figure]   # doc: NER + senter Doc over exactly Article.text

Built from regexes, word lists, sentence boundaries, NER spans and, for the sentences holding
figures, the dependency parse (``parser`` from parse.sentence_parser; see ``tree``):
``mentions`` finds numbers with their currency, scale, unit and range partner; ``exclude``
drops dates, years, times, ordinals, phone numbers, addresses and numbers inside names;
``change`` and ``concept`` read the words around each figure; ``rank`` scores it.

Decisions worth knowing:
- ``unit`` is None for plain counts; the counted noun goes into ``concept`` ("troops in
  Syria"), followed by its owner in brackets when the sentence names one ("workers in the
  United Kingdom (Ford)"); so does a measured noun that is a verb's object ("oil (Meged field)").
- A measure that is a verb's complement measures the verb's subject ("the deficit ... increased
  by $43.6bn", "the bridge is 300 metres long"); a clause of figures alone after ";" shares the
  first clause's concepts ("Homes from $750,000 to $1m stay 70 days; $1m to $1.25m, 99 days").
- A range keeps the order of the text: "from 4.8 to 4.7 percent" is (4.8, 4.7).
- Durations ("three years in prison") and ages ("a 50 year-old man") are figures with units
  "year" and "year of age"; calendar dates, years and times are not. A duration used as an
  adjective ("a five-year contract") is not.
- Trivia is kept but ranked low: "one of the best ..." (concept None), weak counts such as
  "two security sources". Views that want only key figures cut at ``TRIVIA_SCORE``.
"""

from __future__ import annotations

from .extract import FigureCandidates, extract_figures, figure_candidates
from .numbers import parse_number
from .rank import TRIVIA_SCORE, names_a_thing

# Bump whenever extraction output changes (part of the analysis cache key).
# 2: "70m euros" is 70 million euros, not metres; 3: concepts from the parse, whole sentences,
# "in two" and "millions" not key figures; 5: every figure sentence parsed, subjects of verbs as
# concepts and owners, ellipsis across ";"; 6: "he"/"she" owners (the one person named before), a
# word the parser gave a subject is a verb whatever its tag.
FIGURES_VERSION = "7"

__all__ = [
    "FIGURES_VERSION",
    "TRIVIA_SCORE",
    "FigureCandidates",
    "extract_figures",
    "figure_candidates",
    "names_a_thing",
    "parse_number",
]
