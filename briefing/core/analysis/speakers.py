"""Who a reporting verb's sentence says spoke, read from the dependency parse of that sentence.

``speaker(tree, cue)`` takes a parsed sentence (a Doc of its own, from parse.py) and the
index of the cue's first token ("said", "told", "according"), and answers with:

- a ``Speaker``: the token range of the source phrase, the subject of the verb with its
  coordinated subjects ("Two security sources in Iraq and a government source"), its
  prepositional modifiers ("a spokesman for the ministry") and compounds, without
  appositives, relative clauses or parentheses ("The official, who spoke on condition of
  anonymity,"); for a relative "which"/"who" the noun it stands for; for a verb joined to
  another by "and" the other verb's subject; for "according to X", X;
- ``NOT_REPORTED`` when the parse says the cue reports no statement of a speaker
  ("is said to be", "said to have", a noun "says");
- ``None`` when the parse names no subject; the rules in attributions.py decide then.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, slots=True)
class Speaker:
    start: int  # first token of the source phrase (in the sentence's own Doc)
    end: int  # one past its last token
    # One past the last token of the reported clause after the verb, when the parse has one: "The
    # ministry, which said the talks had failed, refused ..." reports only "the talks had failed".
    claim_end: int | None = None


class _NotReported:
    pass


NOT_REPORTED: Final = _NotReported()

# Children that describe the subject rather than name it: cut from the source phrase.
_DESCRIBING = frozenset({"relcl", "appos", "acl", "advcl", "punct", "parataxis", "dep", "prn"})
_RELATIVES = frozenset({"which", "who", "that", "whom"})
_SUBJECTS = ("nsubj",)
# Subjects that name no speaker: "there", "what she said", "this says a lot".
_NO_SPEAKER = frozenset({"there", "what", "this", "that", "which", "who", "whom"})
_PASSIVE_SUBJECTS = ("nsubjpass", "auxpass")


def speaker(tree: Doc, cue: int) -> Speaker | _NotReported | None:
    """The source of the cue at token ``cue`` of ``tree`` (see the module's docstring)."""
    token = tree[cue]
    if token.lower_ == "according":
        return _according_to(token)
    if token.pos_ not in ("VERB", "AUX"):
        return NOT_REPORTED if token.pos_ == "NOUN" else None
    if any(child.dep_ in _PASSIVE_SUBJECTS for child in token.children):
        return NOT_REPORTED  # "is said to be", "was told to leave"
    verb = token
    # "... and said": the subject is the first verb's, as far back as the chain of "and" goes.
    while not _subjects(verb) and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    subjects = _subjects(verb)
    if not subjects:
        return None
    if subjects[0].lower_ in _RELATIVES and verb.dep_ == "relcl":
        subjects = [verb.head]  # "the ministry, which said": the ministry
        if verb.head.pos_ not in ("NOUN", "PROPN"):
            return None
    if any(s.pos_ not in ("NOUN", "PROPN", "PRON") or s.lower_ in _NO_SPEAKER for s in subjects):
        return None
    found = _phrase(subjects)
    clause = next((child for child in token.children if child.dep_ == "ccomp" and child.i > token.i), None)
    if found is None or clause is None:
        return found
    return Speaker(found.start, found.end, max(t.i for t in clause.subtree) + 1)


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects: two where the parser left "X and Y" as two ("sources ... and a source")."""
    return [child for child in verb.children if child.dep_ in _SUBJECTS]


def _according_to(token: Token) -> Speaker | None:
    for child in token.children:
        if child.lower_ == "to":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _phrase(objects[:1])
    return None


def _phrase(heads: list[Token]) -> Speaker | None:
    """The heads' subtrees without the children that describe them, as one contiguous token range."""
    kept = set().union(*(_kept(head) for head in heads))
    start, end = min(kept), max(kept) + 1
    tree = heads[0].doc
    while start < end and (tree[start].is_punct or tree[start].lower_ in ("and", "but", "or")):
        start += 1
    while end > start and (tree[end - 1].is_punct or tree[end - 1].lower_ in ("and", "but", "or")):
        end -= 1
    if end < len(tree) and tree[end].text == ")" and "(" in [t.text for t in tree[start:end]]:
        end += 1  # "the Australian Rugby Union (ARU)"
    if start >= end:
        return None
    return Speaker(start, end)


def _kept(head: Token) -> set[int]:
    kept = {head.i}
    for child in head.children:
        if child.dep_ in _DESCRIBING and not (_inside(child) or _naming(child)):
            continue
        kept |= _kept(child)
    return kept


def _inside(punct: Token) -> bool:
    """A hyphen or a full stop inside a name ("al-Sudani", "U.S.") belongs to it."""
    return punct.dep_ == "punct" and punct.text in ("-", ".", "'", "\u2019") and punct.whitespace_ == ""


def _naming(appositive: Token) -> bool:
    """ "its chairman, Sir Anthony Greener": a name after a description names the source
    (but not "Mr X, MP for Y")."""
    head = appositive.head
    return (
        appositive.dep_ == "appos" and appositive.pos_ == "PROPN"
        and head.pos_ == "NOUN" and appositive.i > head.i
    )
