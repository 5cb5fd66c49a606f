"""Names an article gives as a body are not people: "Lib Dem plans" beside "the Lib Dems".

The model reads a capitalised pair like "Lib Dem" as a first name and a surname. People have no
plurals, and a person is named as a subject, an object, with "Mr" or as part of a longer name; a
party, a body or a people is also named in the plural and before the noun it qualifies ("Lib Dem
election preparations", "Tory MPs"). So, for a name the model calls a person (not a title's, not
part of a longer person's name of the article: "Blair government" after "Tony Blair" stays):

- plural vote: when the article names its plural or singular as a body ("Lib Dems", "Tories"), the
  mentions of both vote together, and a body label that outvotes PERSON wins;
- pre-modifier: when every mention stands before a noun it qualifies, by the parse of its sentence
  (the name's last word a ``compound``, ``amod`` or ``nmod`` of a noun after it; "Bush's plan" counts
  neither way), and the article gives the name, its plural or its singular a body label elsewhere,
  it takes that label. Without that evidence a name stays a person: measured on the dev sets, "the
  Marc Dutroux case", "the Asad regime" and cricket lines ("A. Ranatunga lbw") are people.

Across the library the rest is settled by ``across.entity_pages`` (a name joins its plural body).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from briefing.core.analysis.canonical import name_key, person_tokens
from briefing.core.analysis.parse import SentenceParser

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Dependencies of a word that qualifies the noun after it.
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# What may follow a pre-modifier: a lower-case word, or a plural acronym ("MPs", "MEPs").
_NOUN_AFTER = re.compile(r"[ \t]+(?:[a-z]|[A-Z]{2,}s\b)")
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s?\b")
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Mx|Sir|Lord|Lady|Dame)\.?[ \t]+$")
_BODY_LABELS = ("ORG", "NORP", "GPE")
# A plural acronym after a name is not part of it: "Lib Dem MPs", "Labour MEPs" (people are not
# plurals; a singular one may be: "Louis XVI", "Ruch SA").
_POSTNOMINAL = re.compile(r"[ \t]+[A-Z]{2,4}s$")


class Named(Protocol):
    """A mention as ``entities`` keeps it (only what this module reads and sets)."""

    start: int
    end: int
    label: str
    name: str
    forced: bool
    local: bool


def without_postnominal(text: str, m: Named) -> None:
    """A person's mention without a plural acronym after the name ("Lib Dem MPs" -> "Lib Dem");
    a name all in capitals ("WASIM AKRAM") is left as it is."""
    if m.label != "PERSON":
        return
    found = _POSTNOMINAL.search(text, m.start, m.end)
    if found is None:
        return
    rest = text[m.start : found.start()]
    if any(c.islower() for c in rest):
        m.end = found.start()
        m.name = rest.strip()


def not_people_by_use(doc: Doc, mentions: Sequence[Named], parser: SentenceParser | None) -> None:
    """Relabel "people" the article names as a body: by its plural's vote, or only as pre-modifiers."""
    text = doc.text
    full_names = [m.name for m in mentions if m.label == "PERSON" and len(person_tokens(m.name)) > 1]
    people: dict[str, list[Named]] = defaultdict(list)
    for m in mentions:
        if m.label == "PERSON" and not m.forced and not m.local:
            people[name_key(m.name)].append(m)
    doubtful: dict[str, list[Named]] = {}
    for key, group in people.items():
        if not key or _part_of_longer_name(group[0].name, full_names):
            continue
        if not any(_titled(text, m) for m in group):
            doubtful[key] = group
    _plural_votes(doubtful, mentions)
    if parser is None:
        return
    candidates: list[tuple[str, list[Named]]] = []
    for key, group in doubtful.items():
        group = [m for m in group if m.label == "PERSON"]
        uses = [_use(text, m) for m in group]
        if not group or "other" in uses or "modifier" not in uses or _body_label(key, mentions) is None:
            continue
        candidates.append((key, [m for m, use in zip(group, uses, strict=True) if use == "modifier"]))
    if not candidates:
        return
    modifying = _modifying(doc, [m for _, group in candidates for m in group], parser)
    for key, group in candidates:
        label = _body_label(key, mentions)
        if label is not None and all(modifying.get(m.start, False) for m in group):
            for m in doubtful[key]:
                m.label = label


def _plural_votes(doubtful: dict[str, list[Named]], mentions: Sequence[Named]) -> None:
    """A name whose plural or singular the article gives as a body votes with it: "Lib Dem" said as a
    person twice and an organisation twice, beside "Lib Dems" four times an organisation, is one."""
    for key, group in doubtful.items():
        forms = plural_forms(key)
        kin = [m for m in mentions if m.label != "DATE" and name_key(m.name) in forms]
        if not any(m.label in _BODY_LABELS for m in kin):
            continue
        votes = Counter(m.label for m in mentions if m.label != "DATE" and name_key(m.name) == key)
        votes.update(m.label for m in kin)
        body = max(_BODY_LABELS, key=lambda label: votes[label])
        if votes[body] > votes["PERSON"]:
            for m in group + [m for m in kin if m.label == "PERSON" and not m.forced and not m.local]:
                m.label = body


def plural_forms(key: str) -> set[str]:
    """The plural and singular name keys of ``key`` ("libdem" <-> "libdems", "tory" <-> "tories")."""
    forms = {key + "s"}
    if key.endswith("s"):
        forms.add(key[:-1])
    if key.endswith("y"):
        forms.add(key[:-1] + "ies")
    if key.endswith("ies"):
        forms.add(key[:-3] + "y")
    forms.discard(key)
    forms.discard("")
    return forms


def _part_of_longer_name(name: str, full_names: Sequence[str]) -> bool:
    """Whether ``name`` is a part of a longer person's name of the article ("Blair" of "Tony Blair").

    A name of several words counts only as the end of the longer one ("W Bush"), and a longer name
    counts only when it adds a word that is not all capitals ("Lib Dem MPs" adds no name)."""
    tokens = person_tokens(name)
    n = len(tokens)
    for full in full_names:
        longer = person_tokens(full)
        if len(longer) <= n:
            continue
        starts = [len(longer) - n] if n > 1 else range(len(longer) - n + 1)
        for i in starts:
            if longer[i : i + n] != tokens:
                continue
            added = [w for w in full.split() if name_key(w) not in tokens]
            if any(not w.isupper() and not w.rstrip("s").isupper() for w in added):
                return True
    return False


def _titled(text: str, m: Named) -> bool:
    return _TITLE.search(text, max(0, m.start - 8), m.start) is not None or _TITLE.match(m.name) is not None


def _use(text: str, m: Named) -> str:
    """ "modifier" (a word follows that may be the noun it qualifies), "possessive", or "other"."""
    if _POSSESSIVE_AFTER.match(text, m.end):
        return "possessive"
    return "modifier" if _NOUN_AFTER.match(text, m.end) else "other"


def _modifying(doc: Doc, mentions: Sequence[Named], parser: SentenceParser) -> dict[int, bool]:
    """Per mention start: whether the parse makes the mention's last word qualify a noun after it."""
    sentences: dict[int, Span] = {}
    spans: dict[int, tuple[int, int]] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        sentence = span.sent
        sentences.setdefault(sentence.start, sentence)
        spans[m.start] = (sentence.start, span.end - 1)
    order = sorted(sentences)
    parsed = dict(zip(order, parser([sentences[s] for s in order]), strict=True))
    found: dict[int, bool] = {}
    for start, (sentence_start, last) in spans.items():
        token = parsed[sentence_start][last - sentence_start]
        head = token.head
        found[start] = (
            token.dep_ in _MODIFIER_DEPS and head.i > token.i and head.pos_ in ("NOUN", "PROPN")
        )
    return found


def _body_label(key: str, mentions: Sequence[Named]) -> str | None:
    """The label the article gives the same name otherwise, or its plural's or singular's as a body."""
    same = Counter(m.label for m in mentions if m.label in _BODY_LABELS and name_key(m.name) == key)
    if not same:
        forms = plural_forms(key)
        same = Counter(m.label for m in mentions if m.label in _BODY_LABELS and name_key(m.name) in forms)
    return same.most_common(1)[0][0] if same else None
