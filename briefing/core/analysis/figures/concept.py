"""What a figure counts or measures, in words taken from its sentence.

When the sentence was parsed (``Sentence.tree``), ``tree.py`` reads the counted noun, the
ellipsis across "and", the noun a measure modifies, the "of"-object of a measure, the subject a
measure is said of (``predicate_concept``) and the owners of counts and measures (the subject of
the verb their noun is the object of) from the dependency tree; the word lists below decide
the rest, where on the dev sets (NewsQuant, MeasEval) they did as well or better: "N times"
events, "N of the X" counts, subjects (measured again in session 5 with every figure sentence
parsed: see the comments at those places).
Without a parse, this walks word lists: the noun phrase after a count ("900 troops
in Syria"), the event verb for "N times" ("attacked 58 times in Iraq" -> "attacks on the U.S.
military in Iraq"), the head shared by an elliptic count ("... and 2,500 in Iraq"), the noun
after "of" ("60 per cent of its revenue"), the noun a measure modifies ("a 6kW electric
motor"), the noun before "of" ("a fine of $7.5m") and, failing all, the subject of the clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import Sentence
from .lexicon import (
    APPROXIMATE,
    AT_LEAST,
    AT_MOST,
    AUXILIARIES,
    CLEAR_VERBS,
    CONJUNCTIONS,
    DETERMINERS,
    DOWN_WORDS,
    FILLERS,
    NOT_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    TIME_WORDS,
    UP_WORDS,
    is_nounish,
    is_verb,
)
from .tree import (
    count_concept,
    count_owner,
    measure_concept,
    measure_owner,
    parsed_as_verb_phrase,
    predicate_concept,
)

MAX_NP = 5
_PP_PREPS = frozenset({"in", "on", "at", "of", "from", "across", "for", "against", "inside", "outside"})
_INNER_PREPS = frozenset({"of", "at", "in", "on", "for", "from"})
_NP_GLUE = frozenset({"and", "&", "of", "'s", "\u2019s", "-"})
_BOUNDARY_WORDS = frozenset(
    [
        "while",
        "whereas",
        "but",
        "although",
        "though",
        "because",
        "after",
        "before",
        "as",
        "when",
        "and",
        "which",
        "who",
        "whilst",
        "if",
        "with",
    ]
)
_BOUNDARY_MARKS = frozenset(';:\u2014\u2013("\u201c\u201d[')
_RELATIVES = frozenset({"which", "who", "that"})
_PASSIVE = frozenset({"been", "was", "were", "is", "are", "be", "being"})
_SKIP_BEFORE = APPROXIMATE | AT_LEAST | AT_MOST | FILLERS | UP_WORDS | DOWN_WORDS | {
    "by", "least", "most", "than", "more", "less", "fewer", "to", "nearly", "as", "many", "much", "over",
}  # fmt: skip
_VAGUE_HEADS = frozenset({"total", "average", "sum", "amount", "figure", "value", "number", "level", "rate"})


@dataclass(slots=True)
class Found:
    concept: str | None
    head: str | None = None  # the counted noun, shared with an elliptic neighbour
    counted: str | None = None  # the counted noun alone, without its "of" phrase: Figure.counted
    event: str | None = None  # the event noun of "N times"


def find_concept(
    sent: Sentence, first: int, after: int, family: str, fraction: bool, previous: list[tuple[int, Found]]
) -> Found:
    """Concept of the figure on words ``first``..``after-1``.

    ``previous`` holds (last word, Found) of the figures before it in the sentence.
    """
    after = _skip_paren(sent, after)
    if sent.tree is not None and family != "count":
        measured = measure_concept(sent, first, after)
        if measured:
            owner = measure_owner(sent, first, after)
            if owner and not (_content(owner) & _content(measured)):
                measured = f"{measured} ({owner})"
            return Found(measured)
        measured = predicate_concept(sent, first, after, family)
        if measured:
            return Found(measured)
    nxt = sent.lower[after] if after < len(sent) else ""
    if family != "count" and (nxt == "of" or (nxt == "in" and family == "currency")):
        start = _skip_determiners(sent, after + 1)
        np_end = _np_end(sent, start)
        if np_end > start and (nxt == "of" or sent.words[start][:1].islower()):
            return Found(_with_pp(sent, start, np_end, max_pps=1))
    if family in ("currency", "percent", "measure", "age") and _prenominal(sent, after):
        end = _np_end(sent, after)
        return Found(_with_pp(sent, after, end, max_pps=1))
    if family == "count" and not fraction:
        counted = count_concept(sent, first, after) if sent.tree is not None else None
        found = (
            Found(counted[0], head=counted[1], counted=counted[2])
            if counted
            else _count_concept(sent, first, after, previous)
        )
        if found.head and not found.event:
            counted_words = _content(found.concept or "")
            # The first owner that is not the counted noun again (a misparse can make "13 units" the
            # subject of "a gross is 144 units").
            owners = (count_owner(sent, first, after), _np_before_link(sent, first), subject(sent, first))
            # Nor a verb phrase the word lists took for a subject ("employs 4,000 staff in Leeds").
            fits = (o for o in owners if o and not (_content(o) & counted_words))
            owner = next((o for o in fits if not parsed_as_verb_phrase(sent, o)), None)
            if owner and len(owner) > 2:
                found.concept = f"{found.concept} ({owner})"
        if found.head or found.event or not previous or not _linked(sent, previous[-1][0] + 1, first):
            return found
    if previous and _linked(sent, previous[-1][0] + 1, first):
        return previous[-1][1]
    before = _np_before_link(sent, first)
    if before:
        return Found(before)
    right_before = _np_right_before(sent, first)
    if right_before:
        return Found(right_before)
    # The word lists' subject, not tree.clause_subject: with every figure sentence parsed, the tree's
    # still lost 1.1 value+concept F1 on NewsQuant dev and 0.6 span+concept on MeasEval (session 5).
    found_subject = subject(sent, first)
    if found_subject is None and previous:
        return Found(previous[-1][1].concept)
    return Found(found_subject)


def _np_right_before(sent: Sentence, first: int) -> str | None:
    """An object right before the figure: "pulled the healthcare sector 0.68 percent lower"."""
    end = first
    while end > 0 and sent.lower[end - 1] in _SKIP_BEFORE:
        end -= 1
    if end == 0 or not is_nounish(sent.words[end - 1]) or sent.words[end - 1][:1].isdigit():
        return None
    if _verb_at(sent, end - 1):
        return None
    if end < first and sent.lower[end] in ("to", "than", "as"):
        return None
    return _clean(_trailing_np(sent, end))


_LINKS = frozenset(
    {"to", "at", "from", "-", "\u2013", "\u2014", ",", "(", ")", "/", "or", "and", "up", "down", "by", "a",
     "an", "vs", "about", "nearly", "higher", "lower", "roughly", "around"}
)  # fmt: skip


def _skip_paren(sent: Sentence, after: int) -> int:
    """Step over a conversion in brackets: "8 miles (13 kilometers) of new tunnels"."""
    if after < len(sent) and sent.words[after] == "(":
        for k in range(after + 1, min(after + 8, len(sent))):
            if sent.words[k] == ")":
                return k + 1
    return after


def _linked(sent: Sentence, start: int, first: int) -> bool:
    """Only linking words between two figures: "up 9.4 per cent to $84", "$1.13bn (£600m)"."""
    if start >= first or first - start > 4:
        return False
    return all(sent.lower[k] in _LINKS for k in range(start, first))


def _content(text: str) -> set[str]:
    return {w.lower() for w in text.replace(".", " ").split() if w.lower() not in DETERMINERS}


def _count_concept(sent: Sentence, first: int, after: int, previous: list[tuple[int, Found]]) -> Found:
    j = after
    if j < len(sent) and sent.lower[j] in ("times", "time"):
        event = _event_before(sent, first) or next((f.event for _, f in reversed(previous) if f.event), None)
        if event:
            target = _passive_subject(sent, first)
            phrase = f"{event} on {target}" if target else event
            pp = _pp_chain(sent, j + 1, max_pps=2)
            return Found(f"{phrase} {pp}".strip(), event=event)
        start = _skip_determiners(sent, j + 1)
        end = _np_end(sent, start)
        if end > start:  # "6.5 times earnings", "30 times the amount provided"
            return Found(_with_pp(sent, start, end, max_pps=1))
    if j < len(sent) and sent.lower[j] == "of":
        j = _skip_determiners(sent, j + 1)
    start = j
    end = _np_end(sent, start)
    if end > start:
        head = sent.span_text(start, end)
        return Found(_with_pp(sent, start, end, max_pps=2), head=head, counted=head)
    if j >= len(sent) or not sent.is_word(j) or sent.lower[j] in _PP_PREPS:
        for _, found in reversed(previous):
            if found.head:
                pp = _pp_chain(sent, j, max_pps=2)
                return Found(f"{found.head} {pp}".strip(), head=found.head, counted=found.counted)
    return Found(subject(sent, first))


def _skip_determiners(sent: Sentence, j: int) -> int:
    while j < len(sent) and sent.lower[j] in DETERMINERS:
        j += 1
    return j


def _np_end(sent: Sentence, start: int) -> int:
    """End of the noun phrase starting at ``start`` (== start if none)."""
    j = start
    words = 0
    while j < len(sent) and words < MAX_NP:
        word = sent.words[j]
        if is_nounish(word) or _adjectival_participle(sent, j):
            j += 1
            words += 1
            continue
        if sent.lower[j] in _NP_GLUE and j > start and j + 1 < len(sent) and _np_glue_ok(sent, j):
            j += 1
            continue
        break
    while j > start and sent.lower[j - 1] in _NP_GLUE:
        j -= 1
    return j


def _np_glue_ok(sent: Sentence, j: int) -> bool:
    word = sent.lower[j]
    if word in ("'s", "\u2019s", "-"):
        return True
    nxt = sent.words[j + 1]
    # "Urban Outfitters and Ross": glue names, not clauses; "digital and physical sales".
    if nxt[:1].isupper() and sent.words[j - 1][:1].isupper() and is_nounish(nxt):
        return True
    return (
        word in ("and", "or")
        and j + 2 < len(sent)
        and sent.words[j - 1].islower()
        and is_nounish(nxt)
        and is_nounish(sent.words[j + 2])
    )


def _adjectival_participle(sent: Sentence, j: int) -> bool:
    word = sent.words[j]
    return (
        word.endswith("ed")
        and word.isalpha()
        and j + 1 < len(sent)
        and j > 0
        and (
            sent.lower[j - 1] in DETERMINERS
            or sent.lower[j - 1] in _PP_PREPS
            or sent.words[j - 1][:1].isdigit()
        )
        and is_nounish(sent.words[j + 1])
    )


def _pp_chain(sent: Sentence, j: int, max_pps: int) -> str:
    parts: list[str] = []
    for _ in range(max_pps):
        if j >= len(sent) or sent.lower[j] not in _PP_PREPS:
            break
        np_start = j + 1
        while np_start < len(sent) and sent.lower[np_start] in DETERMINERS:
            np_start += 1
        np_end = _np_end(sent, np_start)
        if np_end == np_start:
            break
        parts.append(sent.span_text(j, np_end))
        j = np_end
    return " ".join(parts)


def _with_pp(sent: Sentence, start: int, end: int, max_pps: int) -> str:
    pp = _pp_chain(sent, end, max_pps)
    base = sent.span_text(start, end)
    return f"{base} {pp}" if pp else base


def _prenominal(sent: Sentence, after: int) -> bool:
    """The figure modifies the noun after it: "a 25% tax", "$800 stone pizza oven", "1.6 liter V10 engine"."""
    if after >= len(sent):
        return False
    word = sent.words[after]
    if not is_nounish(word) or sent.lower[after] in TIME_WORDS or sent.lower[after].endswith("ing"):
        return False
    if word[:1].islower():
        return True
    end = _np_end(sent, after)
    return end - after > 1 and sent.words[end - 1].islower()


def _np_before_link(sent: Sentence, first: int) -> str | None:
    """ "a fine of $7.5m", "boost the driving range by 35 miles", "the Harmony Touch for $30"."""
    j = first - 1
    while (
        j >= 0 and sent.lower[j] in _SKIP_BEFORE | {"between", "from"} and sent.lower[j] not in ("of", "by")
    ):
        j -= 1
    if j < 1 or sent.lower[j] not in ("of", "by", "for", "with", "worth"):
        return None
    end = j
    start = end
    while start > 0 and (
        (is_nounish(sent.words[start - 1]) and not _verb_at(sent, start - 1))
        or sent.lower[start - 1] in ("'s", "\u2019s")
    ):
        start -= 1
        if end - start >= MAX_NP:
            break
    if start == end:
        return None
    found = sent.span_text(start, end)
    if sent.lower[end - 1] in _VAGUE_HEADS and end - start == 1:
        owner = subject(sent, start)
        return f"{found} ({owner})" if owner else found
    return found


def _event_before(sent: Sentence, first: int) -> str | None:
    """The event noun of "attacked 58 times": the nearest -ed verb before the number, made a plural noun."""
    j = first - 1
    steps = 0
    while j >= 0 and steps < 6:
        word = sent.lower[j]
        if sent.words[j] in _BOUNDARY_MARKS or word in (",", "and", "but"):
            return None
        if word.endswith("ed") and is_verb(sent.words[j]):
            if sent.tree is not None and sent.tree[j].pos_ != "VERB":
                return None  # "farmers in industrialised nations ... 30 times": an adjective, no event
            return _nominalise(word)
        j -= 1
        steps += 1
    return None


def _nominalise(verb: str) -> str:
    stem = verb[:-2]
    if verb.endswith("ied"):
        stem = verb[:-3] + "y"
    elif len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        stem = stem[:-1]
    elif stem.endswith(("c", "g", "s", "v", "z", "u", "at", "it", "ir", "ur")):
        stem = verb[:-1]
    return stem + ("es" if stem.endswith(("s", "sh", "ch", "x")) else "s")


def _passive_subject(sent: Sentence, first: int) -> str | None:
    """In "the U.S. military has been attacked 58 times", the attacked party."""
    j = first - 1
    while j >= 0 and not (sent.lower[j].endswith("ed") and is_verb(sent.words[j])):
        j -= 1
    if j < 1 or sent.lower[j - 1] not in _PASSIVE:
        return None
    k = j - 1
    while k >= 0 and sent.lower[k] in _PASSIVE | {"has", "have", "had", "will", "would"}:
        k -= 1
    return _trailing_np(sent, k + 1)


def _skip_temporal(sent: Sentence, end: int, limit: int) -> int:
    """Before ``end``, step over a time phrase ("in the quarter", "between 2014 and 2017", "on Monday")."""
    j = end
    consumed = False
    while j > limit and (
        sent.lower[j - 1] in TIME_WORDS
        or sent.words[j - 1].isdigit()
        or sent.lower[j - 1] in DETERMINERS | _TIME_MODIFIERS
    ):
        consumed = consumed or sent.lower[j - 1] in TIME_WORDS or sent.words[j - 1].isdigit()
        j -= 1
    if consumed and j > limit and sent.lower[j - 1] in _TIME_PREPS:
        return j - 1
    if consumed and j > limit and j < end and sent.lower[j] in TIME_WORDS:
        return j
    return end


_TIME_MODIFIERS = frozenset(
    [
        "and",
        "of",
        "last",
        "this",
        "next",
        "past",
        "first",
        "second",
        "third",
        "fourth",
        "final",
        "fiscal",
        "previous",
        "coming",
        "recent",
    ]
)
_TIME_PREPS = frozenset(
    {"in", "on", "at", "since", "between", "during", "for", "over", "by", "from", "until"}
)


def _trailing_np(sent: Sentence, end: int, limit: int = 0) -> str | None:
    """The noun phrase ending right before ``end``, glued over "of", "and", "at" between names."""
    while end > limit and sent.lower[end - 1] in _RELATIVES | {","}:
        end -= 1
    end = _skip_temporal(sent, end, limit)
    start = end
    while start > limit and end - start < 8:
        word = sent.words[start - 1]
        low = sent.lower[start - 1]
        if word == ")":
            opened = _open_paren(sent, start - 1)
            if opened >= limit and opened < start - 1 and start - 1 - opened < 5:
                start = opened
                continue
            break
        compound = (
            start - 2 >= limit
            and sent.words[start - 2] == "-"
            and sent.ends[start - 2] == sent.starts[start - 1]
        )
        if (
            (is_nounish(word) and not _verb_at(sent, start - 1))
            or low in ("'s", "\u2019s", "&")
            or (word == "." and start - 1 > 0)
            or (compound and word.isalnum())
        ):
            start -= 1
            continue
        if word.isdigit() and start < end and start - 2 >= limit and is_nounish(sent.words[start - 2]):
            start -= 1
            continue
        if (
            word == "-"
            and start - 2 >= limit
            and sent.ends[start - 2] == sent.starts[start - 1]
            and start < end
        ):
            start -= 1  # "M-Sport", "start-up" split by the tokenizer
            continue
        to_place = low == "to" and start < end and sent.words[start][:1].isupper()  # "exports to China"
        if (
            (low in _INNER_PREPS | {"and"} or to_place)
            and start - 2 >= limit
            and is_nounish(sent.words[start - 2])
            and start < end
        ):
            start -= 1
            continue
        break
    while start < end and (sent.lower[start] in _INNER_PREPS | {"and", "'s", "\u2019s", "&", ".", "("}):
        start += 1
    if start >= end:
        return None
    if end - start == 1 and start - 1 > limit and sent.words[start - 1][:1].isdigit():
        # "MacBook Pro 16 inch is worth $2000": the unit belongs to the number before it.
        return _trailing_np(sent, start - 1, limit) or sent.span_text(start, end)
    return sent.span_text(start, end)


def _is_boundary(sent: Sentence, k: int) -> bool:
    word = sent.words[k]
    low = sent.lower[k]
    if word in _BOUNDARY_MARKS or low in _BOUNDARY_WORDS:
        # "between 2014 and 2017" joins numbers, not clauses.
        return not (
            low == "and"
            and k + 1 < len(sent)
            and (sent.words[k + 1][:1].isdigit() or (k > 0 and sent.words[k - 1][:1].isdigit()))
        )
    if low == "that" and k + 1 < len(sent):
        nxt = sent.lower[k + 1]
        return nxt in DETERMINERS or nxt in PRONOUNS or sent.words[k + 1][:1].isupper()
    return False


def subject(sent: Sentence, first: int) -> str | None:
    """The subject of the clause holding word ``first``: its noun phrase before the verb."""
    boundary = first - 1
    while boundary >= 0:
        if sent.words[boundary] == ")":
            boundary = _open_paren(sent, boundary) - 1
            continue
        if _is_boundary(sent, boundary):
            break
        boundary -= 1
    found = _clause_subject(sent, boundary + 1, first)
    if found:
        return found
    if boundary > 0 and sent.lower[boundary] in _RELATIVES:
        found = _trailing_np(sent, boundary)
        if found:
            return found
    if boundary > 0:
        return subject(sent, boundary)
    return None


def _open_paren(sent: Sentence, close: int) -> int:
    """Index of the "(" matching the ")" at ``close`` (or ``close`` if unmatched)."""
    for k in range(close - 1, max(-1, close - 30), -1):
        if sent.words[k] == "(":
            return k
    return close


_VERB_BEFORE = AUXILIARIES | PRONOUNS | _RELATIVES | frozenset({"to", "not", "also", "still", "just", "will"})


def _verb_at(sent: Sentence, k: int) -> bool:
    """Whether word ``k`` acts as a verb here: "to produce", "will charge", "after plummeting"."""
    word = sent.words[k]
    low = sent.lower[k]
    prev = sent.lower[k - 1] if k > 0 else ""
    if prev in DETERMINERS or (k > 0 and word[:1].isupper()):
        return False
    if low in CLEAR_VERBS or low in AUXILIARIES:
        return True
    if low.endswith("ing") and len(low) > 5 and word.isalpha() and word.islower():
        return k > 0 and sent.words[k - 1][:1].isalnum()
    if not is_verb(word):
        return False
    if low.endswith("ed"):
        return True
    if prev in _VERB_BEFORE or (prev.endswith("ly") and len(prev) > 3) or k == 0:
        return True
    # "the start-up employs around 600", "the deficit hit its highest level": before its object.
    nxt = sent.lower[k + 1] if k + 1 < len(sent) else ""
    return (
        nxt in DETERMINERS
        or nxt in APPROXIMATE
        or nxt in PRONOUNS
        or nxt[:1].isdigit()
        or nxt in ("more", "up")
    )


def _clause_subject(sent: Sentence, start: int, first: int) -> str | None:
    commas = [k for k in range(start, first) if sent.words[k] == ","]
    chunk = commas[-1] + 1 if commas else start
    verbs = [k for k in range(chunk, first) if _verb_at(sent, k)]
    if len(verbs) > 1 and sent.lower[verbs[-1]].endswith("ing"):
        verbs = verbs[:-1]
    for verb in (verbs[-1:] + verbs[:1]) if verbs else ():
        found = _np_before_verb(sent, chunk, verb)
        if found:
            return found
    first_verb = next((k for k in range(start, first) if _verb_at(sent, k)), None)
    if first_verb is not None:
        return _np_before_verb(sent, start, first_verb)
    end = first
    while end > start and (
        sent.lower[end - 1] in _SKIP_BEFORE
        or sent.lower[end - 1] in PREPOSITIONS
        or not sent.is_word(end - 1)
    ):
        end -= 1
    if end <= start:
        return None
    return _clean(_trailing_np(sent, end, start))


def _np_before_verb(sent: Sentence, start: int, verb: int) -> str | None:
    end = verb
    while (
        end > start
        and sent.words[end - 1].islower()
        and (
            sent.lower[end - 1] in AUXILIARIES
            or sent.lower[end - 1] in NOT_NOUNS
            or sent.lower[end - 1] in ("to", "not", "n't")
            or (sent.lower[end - 1].endswith("ly") and sent.words[end - 1].islower())
        )
    ):
        end -= 1
    if end <= start:
        return None
    commas = [k for k in range(start, end) if sent.words[k] == ","]
    if commas and commas[-1] == end - 1:
        end = commas[0]
    return _clean(_trailing_np(sent, end, start))


def _clean(np: str | None) -> str | None:
    if not np:
        return None
    low = np.lower()
    if low in PRONOUNS or low in CONJUNCTIONS or low in DETERMINERS:
        return None
    return np
