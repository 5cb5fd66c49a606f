"""From a NER + senter Doc to ranked Figures."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from ...article import Figure
from ..parse import SentenceParser
from .change import detect_change
from .concept import Found, find_concept
from .context import Sentence
from .exclude import exclusion, phone_spans
from .lexicon import is_nounish
from .mentions import Mention, find_mentions
from .numbers import parse_number
from .rank import score
from .tree import clause_subject, counted_noun, mention_root, parsed_as_noun
from .units import kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_PARAGRAPH_RE = re.compile(r"\n\s*\n")
MAX_CONCEPT_CHARS = 90


def extract_figures(doc: Doc, parser: SentenceParser | None = None) -> list[Figure]:
    """Every figure in ``doc`` (a NER + senter Doc over exactly Article.text), best first.

    With ``parser`` (parse.sentence_parser), the sentences holding figures are parsed and the
    figures' concepts read from the dependency tree; without, from word lists alone.
    """
    return figure_candidates(doc).figures(parser)


@dataclass
class FigureCandidates:
    """An article's candidate figures, found before their sentences are parsed (so that the parses of
    many articles can run as one batch: ``to_parse``, then ``figures`` with a parser that has them)."""

    text: str
    spans: list[Span]
    candidates: list[tuple[Mention, Sentence, int]]

    def to_parse(self) -> list[Span]:
        """The sentences holding a candidate: on 120 BBC articles 31% of the words, against 27% when
        only sentences without a plain noun after the figure (and a second look at doubtful concepts)
        were parsed - the same parser time, and counts get their owners from the tree."""
        return [self.spans[i] for i in sorted({index for _, _, index in self.candidates})]

    def figures(self, parser: SentenceParser | None) -> list[Figure]:
        """The figures, best first, read from the parse of their sentences when there is a parser."""
        if not self.candidates:
            return []
        if parser is not None:
            wanted = sorted({index for _, _, index in self.candidates})
            sentences = {index: sent for _, sent, index in self.candidates}
            for index, tree in zip(wanted, parser([self.spans[i] for i in wanted]), strict=True):
                sentences[index].tree = tree
        paragraph_breaks = [m.end() for m in _PARAGRAPH_RE.finditer(self.text)]
        figures = _figures(self.candidates, self.text, paragraph_breaks, self.text.lower())
        figures.sort(key=lambda f: (-f.score, f.start))
        return figures


def figure_candidates(doc: Doc) -> FigureCandidates:
    """The numbers of ``doc`` that may be figures, each with its sentence (dates, phones... left out)."""
    text = doc.text
    mentions = find_mentions(text)
    if not mentions:
        return FigureCandidates(text, [], [])
    spans = _sentences(doc)
    sent_starts = [s.start_char for s in spans]
    phones = phone_spans(text)
    cache: dict[int, Sentence] = {}
    candidates: list[tuple[Mention, Sentence, int]] = []
    for m in mentions:
        index = bisect_right(sent_starts, m.num_start) - 1
        if index < 0:
            continue
        sent = cache.get(index)
        if sent is None:
            sent = cache[index] = Sentence.from_span(spans[index])
            if index:
                sent.people_before = _people(spans[index - 1])
        if m.end > sent.end or exclusion(m, text, sent, phones):
            continue
        candidates.append((m, sent, index))
    return FigureCandidates(text, spans, candidates)


def _figures(
    candidates: list[tuple[Mention, Sentence, int]], text: str, paragraph_breaks: list[int], text_lower: str
) -> list[Figure]:
    previous: dict[int, list[tuple[int, Found, str | None]]] = {}
    shared = _gapped(candidates)
    figures: list[Figure] = []
    for k, (m, sent, index) in enumerate(candidates):
        source = shared.get(k)
        concept = figures[source].concept if source is not None else None
        figures.append(
            _figure(m, text, sent, previous.setdefault(index, []), paragraph_breaks, text_lower, concept)
        )
    return figures


# Words a gapped clause may hold besides its figures: "; $1 million to $1.25 million, 99 days".
_GAP_WORDS = frozenset({"and", "or", "to", "from", "respectively"})


def _gapped(candidates: list[tuple[Mention, Sentence, int]]) -> dict[int, int]:
    """Ellipsis across ";": in "Homes from $750,000 to $1 million stay 70 days; $1 million to $1.25
    million, 99 days; ...", a clause of figures alone (no verb, no noun) says the same of its figures as
    the first clause does of its own, in the same order. Maps a candidate to the one whose concept it shares.
    """
    by_sentence: dict[int, list[int]] = {}
    for k, (_, _, index) in enumerate(candidates):
        by_sentence.setdefault(index, []).append(k)
    shared: dict[int, int] = {}
    for ks in by_sentence.values():
        sent = candidates[ks[0]][1]
        marks = [sent.starts[w] for w in range(len(sent)) if sent.words[w] == ";"]
        if not marks:
            continue
        bounds = [sent.start, *marks, sent.end]
        clauses = [[k for k in ks if a <= candidates[k][0].start < b] for a, b in pairwise(bounds)]
        head = clauses[0]
        for w, clause in enumerate(clauses[1:], start=1):
            alone = _figures_alone(sent, candidates, clause, bounds[w], bounds[w + 1])
            if head and len(clause) == len(head) and alone:
                shared.update(zip(clause, head, strict=True))
    return shared


def _figures_alone(
    sent: Sentence, candidates: list[tuple[Mention, Sentence, int]], clause: list[int], start: int, end: int
) -> bool:
    spans = [(candidates[k][0].start, candidates[k][0].end) for k in clause]
    for w in range(len(sent)):
        at = sent.starts[w]
        if not start < at < end or any(a <= at < b for a, b in spans):
            continue
        if sent.words[w][:1].isalnum() and sent.lower[w] not in _GAP_WORDS:
            return False
    return True


def _figure(
    m: Mention,
    text: str,
    sent: Sentence,
    earlier: list[tuple[int, Found, str | None]],
    paragraph_breaks: list[int],
    text_lower: str,
    shared: str | None = None,
) -> Figure:
    first = sent.first_at(m.start)
    after = sent.after(m.end)
    family = kind(m.unit)
    change = detect_change(sent, first, after, m, earlier[-1][2] if earlier else None)
    fraction = not isinstance(m.value, tuple) and 0 < abs(m.value) < 1 and m.unit is None
    if shared is not None:  # an elliptic clause: the concept of the figure it stands for
        found = Found(shared)
    else:
        found = find_concept(sent, first, after, family, fraction, [(e, f) for e, f, _ in earlier])
    earlier.append((after - 1, found, change))
    # "one of the best screens", "divides the city in two" count nothing.
    trivia = _one_of(sent, after, m) or _division(sent, first, after, m)
    concept = None if trivia else _tidy(found.concept)
    if (
        shared is None
        and concept
        and sent.tree is not None
        and not parsed_as_noun(sent, concept)
        and not (family == "currency" and _acted(sent, first, after, concept))
    ):
        # The word lists took a verb or adverb ("where it now is"): the tree's subject, else nothing.
        concept = _tidy(clause_subject(sent, first, after))
    return Figure(
        start=m.start,
        end=m.end,
        text=text[m.start : m.end],
        value=m.value,
        unit=m.unit,
        concept=concept,
        change=change,
        sentence=sent.text,
        sentence_start=sent.start,
        score=score(
            family=family,
            value=m.value,
            concept=concept,
            change=change,
            paragraph=bisect_right(paragraph_breaks, m.start),
            text_lower=text_lower,
            written=m.written,
            trivia=trivia or _vague(text, m),
        ),
        counted=_counted(found, concept) if family == "count" and shared is None else None,
    )


def _counted(found: Found, concept: str | None) -> str | None:
    """The noun phrase a count counts, when the concept begins with it: "two sides of the debate" ->
    "sides", "one count of wire fraud" -> "count", "dozens of people" -> "people", "900 in Syria" (after
    "2,500 troops in Iraq and") -> "troops". None for "N times" and when the concept is not the count's
    own noun (the tree's subject, an elliptic clause's shared concept)."""
    counted = found.counted
    if not counted or not concept or found.event or not concept.startswith(counted):
        return None
    return counted


def _acted(sent: Sentence, first: int, after: int, concept: str) -> bool:
    """ "return $500m to shareholders": the verb a sum is the object of names the event.

    (Only for sums: a distance or a time after a verb is an extent, "stretches 300 miles".)
    """
    root = mention_root(sent.tree, first, after) if sent.tree is not None else None
    return root is not None and root.dep_ == "dobj" and root.head.text == concept


def _people(span: Span) -> tuple[str, ...]:
    """The PERSON names of ``span``, without a possessive "'s"."""
    names = (ent.text for ent in span.ents if ent.label_ == "PERSON")
    return tuple(name.removesuffix("'s").removesuffix("\u2019s") for name in names)


def _sentences(doc: Doc) -> list[Span]:
    if doc.has_annotation("SENT_START"):
        return list(doc.sents)
    return [doc[:]]


def _one_of(sent: Sentence, after: int, m: Mention) -> bool:
    """ "one of the best ...": a figure of speech rather than a count."""
    return m.value == 1 and m.written and after < len(sent) and sent.lower[after] == "of"


def _division(sent: Sentence, first: int, after: int, m: Mention) -> bool:
    """ "splits the town in two", "cut into three": a written number after "in"/"into" and no noun."""
    if not m.written or first == 0 or sent.lower[first - 1] not in ("in", "into") or m.unit is not None:
        return False
    if sent.tree is not None:
        root = mention_root(sent.tree, first, after)
        return root is not None and counted_noun(root, first, after) is None
    return after >= len(sent) or not is_nounish(sent.words[after])


def _vague(text: str, m: Mention) -> bool:
    """ "millions of e-mails", "dozens": an order of magnitude, not a figure to rank among key ones."""
    raw = text[m.num_start : m.num_end].lower()
    return m.written and isinstance(m.value, tuple) and raw.endswith("s") and raw.replace(" ", "").isalpha()


def _tidy(concept: str | None) -> str | None:
    if not concept:
        return None
    concept = concept.strip(" ,;:-\u2013\u2014\"'")
    if all(parse_number(word) is not None for word in concept.split()):
        return None  # "300,000", "million": another figure, not what this one counts
    if len(concept) > MAX_CONCEPT_CHARS:
        concept = concept[:MAX_CONCEPT_CHARS].rsplit(" ", 1)[0]
    if concept.endswith(".") and "." not in concept.rsplit(" ", 1)[-1][:-1]:
        concept = concept[:-1]
    if concept.count("(") > concept.count(")"):
        concept += ")"
    return concept or None
