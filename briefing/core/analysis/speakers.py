"""Who a reporting verb's sentence says spoke, read from the dependency parse of that sentence.

``speaker(tree, cue)`` takes a parsed sentence (a Doc of its own, from parse.py) and the
index of the cue's first token ("said", "told", "according", "saying"), and answers with:

- a ``Speaker``: the token range of the source phrase, the subject of the verb with its
  coordinated subjects ("Two security sources in Iraq and a government source"), its
  prepositional complements ("a spokesman for the ministry") and compounds, without
  appositives, relative clauses or parentheses ("The official, who spoke on condition of
  anonymity,"); for a relative "which"/"who" the noun it stands for; for a verb joined to
  another by "and" the other verb's subject; for "according to X", X; for "..., saying"
  the subject of the verb it hangs on, and for "a book saying" the book;
- ``NOT_REPORTED`` when the parse says the cue reports no statement of a speaker
  ("is said to be", a noun "say", "added interactive booklets", "didn't say a word");
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
    # The token range of a name set beside a description: "its chairman, Sir Anthony Greener".
    name: tuple[int, int] | None = None


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
# What a verb reports: a clause, a quotation set off by a colon, an open clause.
_REPORTED = frozenset({"ccomp", "parataxis", "xcomp"})
# Verbs whose direct object is not what was said: "say a word", "told officials", "added booklets".
_WH = frozenset({"how", "whether", "if", "what", "when", "why", "where", "who", "which"})
# (Word forms: the pipeline runs no lemmatizer.)
_OBJECT_NOT_CONTENT = frozenset(
    {"say", "says", "said", "saying", "tell", "tells", "told", "add", "adds", "added"}
)
_QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"})


def speaker(tree: Doc, cue: int) -> Speaker | _NotReported | None:
    """The source of the cue at token ``cue`` of ``tree`` (see the module's docstring)."""
    token = tree[cue]
    if token.lower_ == "according":
        return _according_to(token)
    if token.pos_ not in ("VERB", "AUX"):
        return NOT_REPORTED if token.pos_ == "NOUN" else None
    if any(child.dep_ in _PASSIVE_SUBJECTS for child in token.children):
        return NOT_REPORTED  # "is said to be", "was told to leave"
    if _object_only(token) or _asks(token):
        return NOT_REPORTED
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "acl") and not _subjects(token):
        return _participle(token)
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
    if not all(_may_speak(s) for s in subjects):
        return None
    return _with_claim(_phrase(subjects), token)


def _with_claim(found: Speaker | None, verb: Token) -> Speaker | None:
    clause = next((child for child in verb.children if child.dep_ == "ccomp" and child.i > verb.i), None)
    if found is None or clause is None:
        return found
    return Speaker(found.start, found.end, max(t.i for t in clause.subtree) + 1, found.name)


def _object_only(verb: Token) -> bool:
    """ "added interactive booklets", "didn't say a word", "told officials of his decision", "what the
    judges say": an object and nothing reported, no quotation before the verb, no colon after it. (The
    object of "announced steps" or "denied any wrongdoing" is what was announced or denied.)"""
    children = list(verb.children)
    if verb.lower_ not in _OBJECT_NOT_CONTENT or not any(child.dep_ == "dobj" for child in children):
        return False
    if any(child.dep_ in _REPORTED for child in children):
        return False
    tree = verb.doc
    quoted_before = any(t.text in _QUOTES for t in tree[: verb.i])
    return not quoted_before and not any(t.text == ":" for t in tree[verb.i + 1 :])


def _asks(verb: Token) -> bool:
    """ "have not said how they will approach it": a negated verb and a question, no statement."""
    if not any(child.dep_ == "neg" for child in verb.children):
        return False
    clauses = [child for child in verb.children if child.dep_ == "ccomp"]
    return bool(clauses) and all(_WH.intersection(t.lower_ for t in c.subtree if t.i < c.i) for c in clauses)


def _participle(verb: Token) -> Speaker | None:
    """ "He claimed, saying ...": the subject of the verb it hangs on; "a new book saying": the book."""
    head = verb.head
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        return _with_claim(_phrase([head], skip={verb.i}), verb)
    subjects = _subjects(head) if head.pos_ in ("VERB", "AUX") else []
    if not subjects or not all(_may_speak(s) for s in subjects):
        return None
    return _with_claim(_phrase(subjects), verb)


def _may_speak(subject: Token) -> bool:
    return subject.pos_ in ("NOUN", "PROPN", "PRON") and subject.lower_ not in _NO_SPEAKER


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


def _phrase(heads: list[Token], skip: frozenset[int] | set[int] = frozenset()) -> Speaker | None:
    """The heads' subtrees without the children that describe them, as one contiguous token range."""
    kept = set().union(*(_kept(head, skip) for head in heads))
    start, end = min(kept), max(kept) + 1
    tree = heads[0].doc
    while start < end and (tree[start].is_punct or tree[start].lower_ in ("and", "but", "or")):
        start += 1
    while end > start and (tree[end - 1].is_punct or tree[end - 1].lower_ in ("and", "but", "or")):
        end -= 1
    if end < len(tree) and tree[end].text == "(":
        # "the Indian Cricket Board (BCCI)": a short name in brackets after the phrase is part of it.
        close = next((i for i in range(end + 1, min(end + 5, len(tree))) if tree[i].text == ")"), None)
        if close is not None and close > end + 1 and all(t.text[:1].isupper() for t in tree[end + 1 : close]):
            end = close + 1
    opened = sum(t.text == "(" for t in tree[start:end]) - sum(t.text == ")" for t in tree[start:end])
    if opened > 0 and end < len(tree) and tree[end].text == ")":
        end += 1
    if start >= end:
        return None
    return Speaker(start, end, None, _name_beside(heads))


def _kept(head: Token, skip: frozenset[int] | set[int]) -> set[int]:
    kept = {head.i}
    for child in head.children:
        if child.i in skip or (child.dep_ in _DESCRIBING and not _inside(child) and not _unset(child)):
            continue
        kept |= _kept(child, skip)
    return kept


def _unset(appositive: Token) -> bool:
    """ "telecom regulator Ofcom", "His brother Anil": an appositive not set off by a comma or a
    bracket is part of the name."""
    if appositive.dep_ != "appos":
        return False
    first = min(t.i for t in appositive.subtree)
    return first > 0 and appositive.doc[first - 1].text not in (",", "(", "-", "\u2013", "\u2014")


def _inside(punct: Token) -> bool:
    """A hyphen or a full stop inside a name ("al-Sudani", "U.S.") belongs to it."""
    return punct.dep_ == "punct" and punct.text in ("-", ".", "'", "\u2019") and punct.whitespace_ == ""


def _name_beside(heads: list[Token]) -> tuple[int, int] | None:
    """ "its chairman, Sir Anthony Greener": the name after a description (not "Mr X, MP for Y")."""
    if len(heads) != 1 or heads[0].pos_ != "NOUN":
        return None
    for child in heads[0].children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > heads[0].i:
            names = [t.i for t in child.subtree if not t.is_punct]
            return (min(names), max(names) + 1) if names else None
    return None
