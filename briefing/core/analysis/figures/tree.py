"""What a figure counts, read from the dependency tree of its sentence (parse.py).

The rules, on the token the figure hangs from (its root):
- a count modifying a noun counts that noun, with its modifiers and up to two
  prepositional phrases ("58 attacks on U.S. forces in Iraq", "1 million barrels of oil");
- a count conjoined to another ("2,500 troops in Iraq and 900 in Syria") shares its
  noun, with its own prepositional phrases (ellipsis across "and");
- "N of the X" and "N percent of X" measure X (the "of"-object);
- a measure before a noun measures it ("a 25% tax", "a 6kW electric motor");
- a measure after a noun and a preposition is that noun's ("a fine of $7.5m");
- otherwise, the subject of the verb the figure belongs to ("the US trade deficit
  ... increased by $43.6 billion"), through relative clauses, conjoined verbs and
  infinitives; a word the parser gave a subject counts as a verb whatever its tag;
- a change adverb hanging from a name carries its figures ("BT, up 4p at 210p");
- owners: the subject of the verb whose object or complement the counted or measured
  noun is, or holds the noun's "of"/"for" phrase ("Whitby is the home port for 40
  boats"); "he"/"she" stand for the one person named before them, in the sentence
  or the one before.

Each rule returns None when the tree does not say, and the word lists of
``concept.py`` decide instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context import Sentence
from .lexicon import FILLERS, TIME_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})
_LEFT_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "case", "nummod"})
_DROPPED = frozenset({"det", "predet", "quantmod", "punct", "advmod", "cc", "preconj"})
_PP_PREPOSITIONS = frozenset(
    {"of", "on", "in", "at", "from", "for", "against", "across", "inside", "outside"}
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_NOT_WORDS = frozenset({"X", "PUNCT", "SYM", "SPACE"})
_MODIFIER_OF_NOUN = frozenset({"nummod", "amod", "compound", "nmod", "quantmod"})
_SHARES_SUBJECT = frozenset({"xcomp", "conj", "advcl", "acl", "ccomp", "pcomp", "prep", "pobj", "dobj"})
_PERSONAL = frozenset({"he", "she"})

_POSSESSIVE = frozenset({"'s", "\u2019s", "'"})
_PRONOUN_SUBJECTS = frozenset({"it", "this", "that", "which", "who", "what", "there", "they", "he", "she"})
_THING_TAGS = frozenset({"NOUN", "PROPN", "NUM", "PRON", "X", "SYM"})
_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
MAX_LEFT = 5

# clause_subject is kept for attributions and tests; concept.py uses the word lists' subject (see there).


def mention_root(tree: Doc, first: int, after: int) -> Token | None:
    """The token of words first..after-1 whose head lies outside them."""
    if first >= after or after > len(tree):
        return None
    inside = range(first, after)
    roots = [tree[k] for k in inside if tree[k].head.i not in inside or tree[k].head.i == k]
    return roots[-1] if roots else None


def _in_span(token: Token, first: int, after: int) -> bool:
    return first <= token.i < after


def _left_tokens(token: Token, first: int, after: int) -> list[Token]:
    """The noun's modifiers before it (adjectives, compounds, possessors), outside the figure."""
    found: list[Token] = []
    for child in token.lefts:
        if child.dep_ not in _LEFT_MODIFIERS or _in_span(child, first, after) or child.like_num:
            continue
        if not any(c.isalnum() for c in child.text) and _is_quantity(child):  # "a 36% share": "%"
            continue
        if any(_in_span(t, first, after) or t.like_num or t.dep_ in _DROPPED for t in child.subtree):
            found.append(child)
            continue
        found.extend(child.subtree)
    return found[-MAX_LEFT:]


def _pps(token: Token, first: int, after: int, max_pps: int) -> list[Token]:
    """Up to ``max_pps`` prepositional phrases after the noun: "on U.S. forces in Iraq"."""
    found: list[Token] = []
    for child in token.rights:
        if len(found) and max_pps <= 0:
            break
        if child.dep_ != "prep" or child.lower_ not in _PP_PREPOSITIONS or _in_span(child, first, after):
            continue
        objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOUNS | {"PRON"}]
        if not objects or any(_in_span(t, first, after) for t in objects[0].subtree):
            break
        found.append(child)
        found.extend(t for t in objects[0].lefts if t.dep_ in ("det", "predet") and t.i < objects[0].i)
        found.extend(_noun_tokens(objects[0], first, after, 0))
        max_pps -= 1
        if max_pps <= 0:
            break
    return found


def _noun_tokens(noun: Token, first: int, after: int, max_pps: int) -> list[Token]:
    tokens = [*_left_tokens(noun, first, after), noun]
    if max_pps:
        tokens += _pps(noun, first, after, max_pps)
    else:  # the object of a phrase keeps its own "of" ("members of the Security Council")
        tokens += _pps_of(noun, first, after)
    return tokens


def _pps_of(noun: Token, first: int, after: int) -> list[Token]:
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOUNS]
            if objects and not any(_in_span(t, first, after) for t in objects[0].subtree):
                return [child, *_left_tokens(objects[0], first, after), objects[0]]
    return []


def render(sent: Sentence, tokens: list[Token]) -> str | None:
    """The words of ``tokens`` in text order, as written (gaps joined by a space)."""
    indices = sorted({t.i for t in tokens})
    if not indices:
        return None
    runs: list[tuple[int, int]] = []
    for k in indices:
        if runs and runs[-1][1] == k:
            runs[-1] = (runs[-1][0], k + 1)
        else:
            runs.append((k, k + 1))
    text = " ".join(sent.span_text(a, b) for a, b in runs)
    return text.strip(" ,;:-") or None


def noun_phrase(sent: Sentence, noun: Token, first: int, after: int, max_pps: int) -> str | None:
    if noun.pos_ not in _NOUNS or noun.lower_ in _PRONOUN_SUBJECTS:
        return None
    return render(sent, _noun_tokens(noun, first, after, max_pps))


def _real_noun(token: Token) -> bool:
    """A noun that can be what is counted or measured: not "year" of "9.2% year over year", not "record"."""
    low = token.lower_
    return token.pos_ in _NOUNS and len(low) > 1 and low not in TIME_WORDS and low not in FILLERS


def counted_noun(root: Token, first: int, after: int) -> Token | None:
    """The noun a count modifies ("58 attacks"), or None."""
    counts_it = root.dep_ in ("nummod", "quantmod", "amod", "compound") and _real_noun(root.head)
    return root.head if counts_it and not _in_span(root.head, first, after) else None


def of_object(root: Token, first: int, after: int) -> Token | None:
    """X of "N of X" and "N percent of X" (and of "hundreds of meters of X")."""
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in _NOUNS and not _in_span(obj, first, after):
                    return obj
                if obj.dep_ == "pobj" and _in_span(obj, first, after):
                    return of_object(obj, first, after)
        elif _in_span(child, first, after):  # "60 per cent of X": the "of" hangs from "cent"
            found = of_object(child, first, after)
            if found is not None:
                return found
    return None


def ellipsis_partner(root: Token, first: int, after: int) -> Token | None:
    """In "2,500 troops in Iraq and 900 in Syria", the noun "troops" that 900 shares."""
    head = root.head
    shared = root.dep_ == "conj" and head.pos_ in _NOUNS and not _in_span(head, first, after)
    return head if shared and any(c.dep_ == "nummod" for c in head.children) else None


def subject_of(sent: Sentence, root: Token, first: int, after: int, speech: bool = True) -> str | None:
    """The subject of the verb the figure belongs to, through relative clauses and shared subjects.

    ``speech=False`` stops at a reported clause: in "Mr X added that there had been a 9% rise", the
    rise is not Mr X's.
    """
    token = root
    for _ in range(8):
        if _predicate(token):
            subjects = [c for c in token.children if c.dep_ in _SUBJECTS and c.pos_ not in _NOT_WORDS]
            if subjects:
                # The nearest: a heading glued before the sentence can bring a second "subject".
                subject = min(subjects, key=lambda c: abs(c.i - token.i))
                if _in_span(subject, first, after):  # "Just 1 percent see ...": the figure itself
                    return None
                if subject.lower_ in _PERSONAL:  # "Musk uses his account, where he has 80m followers"
                    return _antecedent(sent, subject)
                if subject.lower_ in _PRONOUN_SUBJECTS and token.dep_ == "relcl":
                    return noun_phrase(sent, _relative_head(token, subject), first, after, 1)
                if subject.pos_ in _NOUNS and subject.lower_ not in _PRONOUN_SUBJECTS:
                    return noun_phrase(sent, subject, first, after, 1)
                return None
            participle = token.dep_ == "acl" and token.tag_ in ("VBN", "VBG")
            if (token.dep_ == "relcl" or participle) and token.head.pos_ in _NOUNS:
                # "a squad that contained ...", "an engine tuned by M-Sport to produce ...": the noun
                # (not "plans to lay off 6,650 employees")
                return noun_phrase(sent, token.head, first, after, 1)
            if token.dep_ not in _SHARES_SUBJECT or (token.dep_ == "ccomp" and not speech):
                return None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _relative_head(verb: Token, relative: Token) -> Token:
    """The noun a relative clause is said of. When the parser hung it on a pronoun ("everyone in the
    small country that is 90 miles wide"), the noun right before the relative pronoun, inside that
    pronoun's phrase, is the one it follows.
    """
    head = verb.head
    if head.pos_ == "PRON" and relative.i > 0:
        before = relative.doc[relative.i - 1]
        if before.pos_ in _NOUNS and before.i in {t.i for t in head.subtree}:
            return before
    return head


def _predicate(token: Token) -> bool:
    """A verb, or a word the parser made one: in "Homes ... stay an average of 70 days" the tagger reads
    "stay" as a noun, but the parser gave it a subject and a complement - its arcs say what it is.
    """
    if token.pos_ in _VERBS:
        return True
    return token.pos_ == "NOUN" and any(c.dep_ in _SUBJECTS for c in token.children)


def _antecedent(sent: Sentence, pronoun: Token) -> str | None:
    """The person "he"/"she" stands for: the one person the NER found before it in the sentence
    ("Salahs second spell ... as he netted 32 goals"), else the one person of the sentence before
    (``Sentence.people_before``). None when there is no such person or more than one.
    """
    names: list[str] = []
    k = 0
    while k < pronoun.i:
        if sent.ents[k] == "PERSON":
            start = k
            while k < pronoun.i and sent.ents[k] == "PERSON" and sent.lower[k] not in _POSSESSIVE:
                k += 1
            if k > start:
                names.append(sent.span_text(start, k))
            k = max(k, start + 1)
        else:
            k += 1
    if not names:
        names = list(sent.people_before)
    return max(names, key=len) if _one_person(names) else None


def _one_person(names: list[str]) -> bool:
    """Whether ``names`` all name one person: "Elon Musk", "Musk" (the last word of each agrees)."""
    lasts = {name.split()[-1].lower() for name in names if name.split()}
    return len(lasts) == 1


def count_concept(sent: Sentence, first: int, after: int) -> tuple[str, str | None, str | None] | None:
    """(concept, counted noun with its "of" phrase, counted noun alone) of a count from the tree, or
    None to leave it to the word lists: "one count of wire fraud" -> ("count of wire fraud", "count of
    wire fraud", "count"); "900 in Syria" (of "2,500 troops in Iraq and 900 in Syria") -> ("troops in
    Syria", "troops", "troops").
    """
    tree = sent.tree
    root = mention_root(tree, first, after) if tree is not None else None
    if root is None or (after < len(sent) and sent.lower[after] in ("times", "time")):
        return None
    noun = counted_noun(root, first, after)
    if noun is not None and noun.lower_ not in ("times", "time"):
        concept = noun_phrase(sent, noun, first, after, 2)
        alone = render(sent, [*_left_tokens(noun, first, after), noun])
        return (concept, noun_phrase(sent, noun, first, after, 0), alone) if concept else None
    partner = ellipsis_partner(root, first, after)
    if partner is not None:
        head = render(sent, [*_left_tokens(partner, first, after), partner])
        own = render(sent, _pps(root, first, after, 2)) if head else None
        return (f"{head} {own}" if own else head, head, head) if head else None
    # "N of the X" is left to the word lists: on NewsQuant dev the tree's of-object lost 4 concepts
    # (session 5, every figure sentence parsed: 77.2 -> 77.0, "tens of thousands of students studying at").
    return None


def measure_concept(sent: Sentence, first: int, after: int) -> str | None:
    """What a sum, share or measurement is of, from the tree, or None to leave it to the word lists."""
    tree = sent.tree
    root = mention_root(tree, first, after) if tree is not None else None
    if root is None:
        return None
    obj = of_object(root, first, after)
    if obj is not None:
        return noun_phrase(sent, obj, first, after, 1)
    head = root.head
    if root.dep_ in _MODIFIER_OF_NOUN and _real_noun(head) and not _in_span(head, first, after):
        return noun_phrase(sent, _phrase_head(head), first, after, 1)
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "at", "worth"):
        owner = head.head
        if owner.pos_ in _NOUNS and not _in_span(owner, first, after):
            return noun_phrase(sent, owner, first, after, 0)
    return None


def _phrase_head(noun: Token) -> Token:
    """The head of the noun phrase ``noun`` modifies: "my 60m world indoor silver medal" -> medal."""
    for _ in range(MAX_LEFT):
        if noun.dep_ not in ("compound", "nmod") or noun.head.pos_ not in _NOUNS or noun.head.i < noun.i:
            break
        noun = noun.head
    return noun


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "\u2019s", "am"})
_CHANGE_PREPOSITIONS = frozenset({"to", "by", "from"})


def predicate_concept(sent: Sentence, first: int, after: int, family: str) -> str | None:
    """What a measure said of something is of, when the figure is the verb's complement.

    "the voltage across it was 5 volts", "a country that is 90 miles wide" (the subject of "be");
    "the deficit ... having increased by $43.6 billion", "the pound going to $1" (the subject of the
    verb a "to"/"by"/"from" phrase hangs from), "cut the price by 10%" (its object, when it has one);
    "an engine built to produce 150 hp" (the subject of the verb a measure is the object of).
    """
    tree = sent.tree
    root = mention_root(tree, first, after) if tree is not None else None
    if root is None:
        return None
    token = root
    if token.dep_ == "npadvmod" and token.head.dep_ in ("acomp", "advmod"):
        token = token.head  # "90 miles wide"
    if token.dep_ in ("attr", "acomp", "advmod") and token.head.lower_ in _BE:
        return subject_of(sent, token.head, first, after, speech=False)
    held = _change_holder(token, first, after)
    if held is not None:
        return noun_phrase(sent, held, first, after, 0)
    if token.dep_ == "dobj" and token.head.pos_ == "VERB" and family != "currency":
        # "an engine ... to produce 296 hp". (Not a sum: "return $500m" is an event, see extract._acted.)
        return subject_of(sent, token.head, first, after, speech=False)
    prep = token.head
    if not (token.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in _CHANGE_PREPOSITIONS):
        return None
    verb = prep.head
    if verb.pos_ != "VERB":
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and not _in_span(c, first, after)]
    if objects and not _is_quantity(objects[0]):  # "lost 2.70 percent to Y=5,182": a figure, not a thing
        return noun_phrase(sent, objects[0], first, after, 1)
    return subject_of(sent, verb, first, after, speech=False)


def _change_holder(token: Token, first: int, after: int) -> Token | None:
    """The noun an adverb carrying the figure describes: in "the risers were BT, up 4p at 210p, and
    Tesco, up 2.5p at 318p", "up" hangs from "BT" and holds "4p" and "at 210p".
    """
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        token = token.head.head  # "at 210p" -> "up"
    elif token.dep_ != "advmod":
        return None
    holder = token.head
    if token.dep_ != "advmod" or token.pos_ not in ("ADV", "ADJ") or holder.pos_ not in _NOUNS:
        return None
    return None if _in_span(holder, first, after) else holder


def _is_quantity(token: Token) -> bool:
    """A number, or a noun counted or measured by one ("2.70 percent", "15 sen")."""
    return token.like_num or any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in token.children)


def _owner(sent: Sentence, noun: Token | None, first: int, after: int) -> str | None:
    """The subject of the verb ``noun`` is the object or complement of, or None."""
    if noun is None or noun.dep_ not in ("dobj", "attr") or not _predicate(noun.head):
        return None
    return subject_of(sent, noun.head, first, after, speech=False)


def measure_owner(sent: Sentence, first: int, after: int) -> str | None:
    """Whose measure it is, for the noun ``measure_concept`` read: the subject of the verb that noun is
    the object of ("The Meged field has produced 1 million barrels of oil", "global trade could see a
    5 per cent rebound", "Homes ... stay an average of 70 days").
    """
    tree = sent.tree
    root = mention_root(tree, first, after) if tree is not None else None
    if root is None:
        return None
    if of_object(root, first, after) is not None:
        return _owner(sent, root, first, after)
    head = root.head
    if root.dep_ in _MODIFIER_OF_NOUN and _real_noun(head) and not _in_span(head, first, after):
        return _owner(sent, _phrase_head(head), first, after)
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "at", "worth"):
        return _owner(sent, head.head, first, after)
    return None


def count_owner(sent: Sentence, first: int, after: int) -> str | None:
    """Whose count it is: the subject of the verb whose object or complement the counted noun is, or the
    noun whose prepositional phrase holds it.

    "a squad that contained just 17 players" (squad), "Louisville's defense that gave up 517 rushing
    yards" (defense), "Whitby is the home port for 40 boats" (Whitby). None when the tree does not say
    (the noun is the subject itself, a pronoun subject).
    """
    tree = sent.tree
    root = mention_root(tree, first, after) if tree is not None else None
    if root is None:
        return None
    noun = counted_noun(root, first, after) or ellipsis_partner(root, first, after)
    if noun is not None and noun.dep_ == "pobj" and _owned_phrase(noun):
        noun = noun.head.head  # "Whitby is the home port for 40 boats": the port's owner
    if noun is None or noun.dep_ not in ("dobj", "attr"):
        return None
    return _owner(sent, noun, first, after)


def _owned_phrase(noun: Token) -> bool:
    """Whether the counted ``noun``, in a prepositional phrase of another noun, belongs to that noun's
    owner ("the story of two men", "the home port for 40 boats", "32 goals in 36 league games"); not
    when it has an owner of its own (BBC: "the length of Harold Wilson's two terms", "a penalty in
    Hearts's 2-1 defeat").
    """
    prep = noun.head
    has_own = any(c.dep_ == "poss" for c in noun.children)
    return prep.dep_ == "prep" and prep.head.pos_ in _NOUNS and not has_own


def clause_subject(sent: Sentence, first: int, after: int) -> str | None:
    """The subject of the clause a figure belongs to, from the tree (None: no tree, or it does not say)."""
    tree = sent.tree
    root = mention_root(tree, first, after) if tree is not None else None
    return subject_of(sent, root, first, after) if root is not None else None


def parsed_as_verb_phrase(sent: Sentence, phrase: str) -> bool:
    """Whether the parse reads the first word of ``phrase`` as a verb wherever it stands in the sentence:
    the word lists' subject of "Acme, which employs 4,000 staff in Leeds, said it would close three
    depots" is "employs 4,000 staff in Leeds", no one's name.
    """
    tree = sent.tree
    words = phrase.split()
    if tree is None or not words:
        return False
    matches = [k for k, w in enumerate(sent.words) if w == words[0]]
    return bool(matches) and all(tree[k].pos_ in _VERBS for k in matches)


def parsed_as_noun(sent: Sentence, concept: str) -> bool:
    """Whether a word of ``concept`` (outside its brackets) is a noun, a name or a pronoun in the tree,
    or stands where a noun does ("sampling ... came back at 4 ppb": a gerund subject).

    Words not found in the sentence (an event noun made from a verb) are trusted.
    """
    tree = sent.tree
    if tree is None:
        return True
    main = concept.split(" (", 1)[0]
    seen = False
    for word in main.split():
        matches = [k for k, w in enumerate(sent.words) if w == word]
        if not matches:
            return True
        seen = True
        if any(tree[k].pos_ in _THING_TAGS or tree[k].dep_ in _NOUN_ROLES for k in matches):
            return True
    return not seen
