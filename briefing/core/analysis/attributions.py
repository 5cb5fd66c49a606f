"""Sources and claims: who the text says said what.

With a parser (parse.py), the source of each reporting verb is read from the parse of its
sentence (speakers.py: the verb's subject, "according to"'s object); the rules below decide
where the parse names no subject, and name and judge the phrase either way (a person, a
description, anonymous or not). Without a parser, the rules alone.

Three shapes are read by the rules, sentence by sentence:

- source before the cue: "a U.S. official said ...", "The official, who spoke
  on condition of anonymity, said ...", "the claim, a U.S. official said.",
  "Mr X told MPs that ...", "\"...,\" he said.";
- source after the cue: "\"...,\" said Mr X, the firm's chief.";
- "according to X".

The claim is the reported clause on the other side of the cue (after a
"that", or the quoted words), cut at the end of the sentence, or at the end of
a quotation that runs on past it. Sources are described as the text gives them;
"he", "she" and "it" are replaced by the name they stand for (the last person
named for he/she, the entity the sentence starts with for "it"), with
``start``/``end`` still on the pronoun, or skipped when there is none.
Coordinated sources ("Two security sources in Iraq and a government source
said") stay one attribution: one source phrase, one claim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.analysis.parse import SentenceParser
from briefing.core.analysis.sentences import Sentence
from briefing.core.analysis.speakers import NOT_REPORTED, Speaker, speaker
from briefing.core.article import Attribution, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

CUES = (
    "said", "says", "say", "told", "tells", "announced", "announces", "added", "adds", "stated",
    "states", "claimed", "claims", "confirmed", "confirms", "denied", "denies", "warned", "warns",
    "reported", "reports", "explained", "insisted", "argued", "noted", "admitted", "acknowledged",
    "disclosed", "revealed", "predicted", "estimated", "saying",
)  # fmt: skip
# Cues whose object may be something other than what was said: the parse tells them apart.
_OBJECT_VERBS = frozenset({"added", "adds", "told", "tells"})
# A complement after a name, part of the source: "Brian Taylor of Wells Fargo".
_COMPLEMENT = re.compile(r"\s+(?:of|from|at|for|in|with)\s")
# Cues only the parse reads: "He claimed, saying ...", "a new book saying ..." (speakers.py).
_PARSE_ONLY = frozenset({"saying"})
# The rest of a sentence after a cue set in it by commas: "This, Ms Diemont warns, is ...".
_PARENTHETICAL_END = re.compile(r"[^,;:.!?\"\u201c\u201d]{0,40}?,\s*(?=\S)")
# Cues that also take a source after them: "\"...,\" said Mr X".
_INVERTING = frozenset({"said", "says", "added", "adds", "told", "warned", "explained", "insisted", "noted"})
# Heads of descriptions that stand for a person or group the text does not name.
ANONYMOUS_HEADS = frozenset(
    {
        "official", "officials", "source", "sources", "diplomat", "diplomats", "spokesman",
        "spokeswoman", "spokesperson", "spokespeople", "insider", "insiders", "aide", "aides",
        "person", "people", "witness", "witnesses", "resident", "residents", "analyst", "analysts",
        "observers", "executive", "executives", "employee", "employees", "staff", "members", "member",
        "officer", "officers", "investigators", "experts", "expert", "critics", "campaigners",
        "negotiators", "adviser", "advisers", "advisor", "advisors",
    }
)  # fmt: skip
# Heads naming an office: the holder is identified ("the chairman"), unless one of many ("a minister").
ROLE_HEADS = frozenset(
    {
        "chairman", "chairwoman", "chair", "president", "director", "secretary", "chief", "head",
        "leader", "boss", "governor", "mayor", "editor", "founder", "manager", "coach", "captain",
        "minister", "commander", "lawyer", "representative", "executive", "spokesman", "spokeswoman",
        "spokesperson", "ambassador", "general", "inspector", "chancellor",
    }
)  # fmt: skip
_INDEFINITE = frozenset({"a", "an", "one", "two", "three", "several", "some", "many", "other", "another"})
_ANONYMITY = re.compile(
    r"condition of anonymity|declined to be (?:named|identified)|asked not to be (?:named|identified)"
    r"|not authori[sz]ed to (?:speak|comment)|familiar with the (?:matter|situation|talks|plans)"
    r"|speaking anonymously|on background",
    re.IGNORECASE,
)
_AUXILIARY = frozenset({"has", "had", "have", "also", "later", "then", "previously", "earlier"})
_PASSIVE = frozenset({"is", "was", "were", "are", "be", "been", "being"})
_CLAUSE_WORDS = frozenset(
    {
        "that", "which", "who", "whom", "what", "when", "while", "after", "before", "because", "as",
        "but", "if", "though", "although", "since", "where", "whether", "so", "than", "until",
    }
)  # fmt: skip
_VERBISH = frozenset(
    {"is", "was", "were", "are", "be", "been", "will", "would", "could", "should", "can", "may",
     "might", "must", "did", "do", "does", "not", "had", "has", "have"}
)  # fmt: skip
_PRONOUNS = frozenset({"he", "she", "it"})
_OTHER_PRONOUNS = frozenset({"they", "we", "i", "you", "one", "someone", "somebody", "anyone", "nobody"})
_HONORIFIC_NAME = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Prof|Professor|President|Senator)\.?"
    r"(?:\s+[A-Z][\w'\u2019\-]+){1,3}"
)
_LEAD_IN = frozenset({"in", "at", "on", "during", "speaking", "writing", "asked", "after", "before", "from"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})
_PREPOSITIONS = frozenset({"in", "of", "for", "with", "at", "from", "on", "familiar", "close", "to"})
_TITLE_AFTER = re.compile(r"['\u2019]s\s+(?:office|ministry|spokes(?:man|woman|person)|lawyers?)")
_WORD = re.compile(r"[\w'\u2019.\-]+")
_QUOTES_OPEN = "\"\u201c"
_QUOTES_CLOSE = "\"\u201d"
_STOP = re.compile(r"\s[\u2013\u2014]\s|\s-\s")  # a spaced dash ends a claim

_CUE = re.compile(r"(?<![\w\-])(" + "|".join(CUES) + r"|according to)(?![\w\-])", re.IGNORECASE)
_TOLD_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[A-Z0-9][\w'\u2019\-]*\s+){0,4}"
    r"(?:[A-Z][\w'\u2019.\-]*|reporters|journalists|MPs|parliament|lawmakers|delegates|members|"
    r"staff|investors|analysts|listeners|viewers|readers|the\s+\w+)"
    r"(?:\s+(?:programme|website|newspaper|radio|show|channel|agency|magazine|paper))?"
)
_NO_STATEMENT = re.compile(r"\s+(?:about|sorry|nothing|so)\b")


def extract_attributions(
    doc: Doc, sentences: Sequence[Sentence], entities: Sequence[Entity], parser: SentenceParser | None = None
) -> list[Attribution]:
    """The attributed statements of ``doc``'s text, in text order, one per cue that has a source."""
    return attribution_cues(doc, sentences, entities).attributions(parser)


@dataclass
class AttributionCues:
    """An article's reporting verbs with the rules' answers, before the doubtful ones' sentences are
    parsed (so that the parses of many articles run as one batch: ``to_parse``, then ``attributions``)."""

    doc: Doc
    named: list[Entity]
    cues: list[tuple[Sentence, re.Match[str]]]
    by_rule: list[Attribution | None]
    # Cues whose sentence the parse is asked about: cue start, the parser's sentence, the cue's token in it.
    doubtful: list[tuple[int, Span, int]]

    def to_parse(self) -> list[Span]:
        return [sent for _, sent, _ in self.doubtful]

    def attributions(self, parser: SentenceParser | None) -> list[Attribution]:
        text = self.doc.text
        starts = [e.start for e in self.named]
        parsed = _parsed_cues(self.doubtful, parser) if parser is not None and self.doubtful else {}
        found: list[Attribution] = []
        for (sentence, match), rule in zip(self.cues, self.by_rule, strict=True):
            answer = parsed.get(match.start(), _UNPARSED)
            if answer is not _UNPARSED:
                rule = _attribution(text, sentence, match, self.named, starts, answer)
            attribution = rule
            if attribution is not None and not any(_same(attribution, a) for a in found):
                found.append(attribution)
        return sorted(found, key=lambda a: (a.start, a.claim_start))


def attribution_cues(doc: Doc, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> AttributionCues:
    """The reporting verbs of ``doc``'s sentences, each with the rules' attribution (or None)."""
    text = doc.text
    named = [e for e in entities if e.caption is None and e.label in NAMED_LABELS]
    starts = [e.start for e in named]
    cues = [
        (sentence, match)
        for sentence in sentences
        if not sentence.caption
        for match in _CUE.finditer(text, sentence.start, sentence.end)
    ]
    by_rule = [_attribution(text, sentence, match, named, starts, _UNPARSED) for sentence, match in cues]
    doubtful = []
    for (_, match), rule in zip(cues, by_rule, strict=True):
        # A source the rules find as one whole name or a pronoun is the parse's answer too (on 150 BBC
        # articles, 314 such cues: 307 the same), so only the other cues' sentences are parsed.
        if _plain(text, rule, named, starts):
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and len(span):
            doubtful.append((match.start(), span.sent, span.start - span.sent.start))
    return AttributionCues(doc, named, cues, by_rule, doubtful)


def _same(a: Attribution, b: Attribution) -> bool:
    return a.claim_start < b.claim_end and b.claim_start < a.claim_end and a.source == b.source


def _plain(text: str, attribution: Attribution | None, named: Sequence[Entity], starts: list[int]) -> bool:
    """Whether the rules' source is a pronoun or exactly one named entity (with no "of X" after it),
    and the cue one whose object is what was said (not "added 20 points", "told officials of ...")."""
    if attribution is None or attribution.cue.lower() in _OBJECT_VERBS:
        return False
    if text[attribution.start : attribution.end].lower() in _PRONOUNS:
        return True
    i = bisect_right(starts, attribution.start) - 1
    whole = i >= 0 and named[i].start == attribution.start and named[i].end == attribution.end
    return whole and _COMPLEMENT.match(text, attribution.end) is None


class _Unparsed:
    pass


_UNPARSED = _Unparsed()


@dataclass(frozen=True, slots=True)
class _Found:
    """A source the parse found, in characters of the article's text."""

    start: int
    end: int
    clause_end: int | None  # where the reported clause after the cue ends, if the parse has one
    name: tuple[int, int] | None  # a name beside a description ("its chairman, Sir Anthony Greener")


# What the parse says of a cue: a source, no statement reported, or nothing (the rules decide).
_Parsed = _Found | object | None


def _parsed_cues(doubtful: Sequence[tuple[int, Span, int]], parser: SentenceParser) -> dict[int, _Parsed]:
    """Per cue start: its source as the parse of its sentence gives it."""
    found: dict[int, _Parsed] = {}
    trees = parser([sent for _, sent, _ in doubtful])
    for (start, sent, index), tree in zip(doubtful, trees, strict=True):
        answer = speaker(tree, index)
        if not isinstance(answer, Speaker):
            found[start] = answer
            continue
        base = sent.start_char

        def end_of(token_end: int, tree: Doc = tree, base: int = base) -> int:
            last = tree[token_end - 1]
            return base + last.idx + len(last.text)

        found[start] = _Found(
            base + tree[answer.start].idx,
            end_of(answer.end),
            end_of(answer.claim_end) if answer.claim_end is not None else None,
            (base + tree[answer.name[0]].idx, end_of(answer.name[1])) if answer.name is not None else None,
        )
    return found


def _attribution(
    text: str,
    sentence: Sentence,
    cue: re.Match[str],
    named: Sequence[Entity],
    starts: list[int],
    parsed: _Parsed,
) -> Attribution | None:
    verb = cue.group(1).lower()
    if parsed is NOT_REPORTED:
        return None
    if isinstance(parsed, _Found):
        return _from_parse(text, sentence, cue, named, starts, parsed)
    if verb in _PARSE_ONLY:
        return None
    if verb == "according to":
        return _according_to(text, sentence, cue, named, starts)
    before = _words_before(text, sentence.start, cue.start(), 1)
    if before and before[0][0].lower() in _PASSIVE:
        return None  # "is said to be"
    if _NO_STATEMENT.match(text, cue.end()):
        return None  # "what X said about Y" reports no statement
    source = _source_before(text, sentence, cue.start(), named, starts)
    if source is not None:
        s_start, s_end, name, anonymous = source
        claim = (
            _claim_after(text, sentence, cue.end(), verb)
            or _claim_before(text, sentence, s_start)
            or _next_quotation(text, sentence.end)
        )
    else:
        if verb not in _INVERTING or not _follows_claim(text, sentence, cue.start()):
            return None
        after = _source_after(text, sentence, cue.end(), named, starts)
        if after is None:
            return None
        s_start, s_end, name, anonymous = after
        claim = _claim_before(text, sentence, cue.start())
    if claim is None:
        return None
    anonymous = anonymous or _ANONYMITY.search(text, sentence.start, sentence.end) is not None
    return Attribution(name, anonymous, s_start, s_end, claim[0], claim[1], cue.group(1))


Source = tuple[int, int, str, bool]  # start, end, name, anonymous


def _from_parse(
    text: str,
    sentence: Sentence,
    cue: re.Match[str],
    named: Sequence[Entity],
    starts: list[int],
    found: _Found,
) -> Attribution | None:
    """The attribution whose source phrase the parse found; the claim is found by rule, but ends with
    the parse's reported clause when that ends first."""
    s_start, s_end, clause_end = found.start, found.end, found.clause_end
    verb = cue.group(1).lower()
    if not (sentence.start <= s_start and s_end <= sentence.end):
        # The parser's sentence ran past a line break or a credit: its answer is not about this sentence.
        return _attribution(text, sentence, cue, named, starts, _UNPARSED)
    if verb != "according to" and _NO_STATEMENT.match(text, cue.end()):
        return None
    phrase = text[s_start:s_end]
    if phrase.lower() in _PRONOUNS:
        source = _resolve(text, sentence, s_start, s_end, phrase.lower(), named, starts)
    elif phrase.lower() in _OTHER_PRONOUNS:
        return None  # "they said", "I said": a speaker the attribution could not name
    else:
        source = _described(text, s_start, s_end, named, starts)
    if source is None:
        return None
    if verb == "according to":
        before = text[sentence.start : cue.start()].strip()
        if len(before) > 3:
            claim = _claim_before(text, sentence, cue.start())
        else:
            comma = re.match(r"[^,]*,\s*", text[s_end : sentence.end])
            claim = _bounded(text, sentence, s_end + comma.end()) if comma else None
    elif s_end <= cue.start() and clause_end is None and _follows_claim(text, sentence, s_start):
        # "..., the Australian Rugby Union said on Wednesday."; "This, Ms Diemont warns, is ...": the
        # longer side.
        claim = _claim_before(text, sentence, s_start)
        rest = _PARENTHETICAL_END.match(text, cue.end(), sentence.end)
        if rest is not None and (claim is None or sentence.end - rest.end() > claim[1] - claim[0]):
            claim = _bounded(text, sentence, rest.end())
    elif s_end <= cue.start():
        claim = (
            _claim_after(text, sentence, cue.end(), verb)
            or _claim_before(text, sentence, s_start)
            or _next_quotation(text, sentence.end)
        )
    else:
        claim = _claim_before(text, sentence, cue.start())
    if claim is None:
        return None
    if clause_end is not None and claim[0] > cue.start() and claim[0] < clause_end < claim[1]:
        claim = _trim(text, claim[0], clause_end)
        if claim is None:
            return None
    _, _, name, anonymous = source
    if found.name is not None:
        name = text[found.name[0] : found.name[1]]
    anonymous = anonymous or _ANONYMITY.search(text, sentence.start, sentence.end) is not None
    return Attribution(name, anonymous, source[0], source[1], claim[0], claim[1], cue.group(1))


def _described(text: str, start: int, end: int, named: Sequence[Entity], starts: list[int]) -> Source:
    """The parse's source phrase, named: as ``_judge`` names it ("analyst X of Y" is X) where it can."""
    judged = _judge(text, start, end, named, starts)
    if judged is not None:
        return start, end, judged[2], judged[3]
    words = text[start:end].split()
    head = words[-1].lower() if words else ""
    return start, end, text[start:end], head in ANONYMOUS_HEADS or words[0].lower() in _INDEFINITE


def _words_before(text: str, floor: int, end: int, count: int) -> list[tuple[str, int, int]]:
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, floor, end)]
    return words[-count:][::-1]


def _source_before(
    text: str, sentence: Sentence, cue_start: int, named: Sequence[Entity], starts: list[int]
) -> Source | None:
    """The source phrase ending just before the cue (an appositive between them skipped)."""
    end = cue_start
    head = text[sentence.start : end].rstrip()
    # "X, who spoke on condition of anonymity, said": the appositive is not the source.
    if head.endswith(","):
        comma = head.rfind(",", 0, len(head) - 1)
        if comma < 0:
            return None
        end = sentence.start + comma
    else:
        end = sentence.start + len(head)
    # Back to the start of the clause: punctuation, a quotation mark or a clause word.
    begin = sentence.start
    for m in re.finditer(r"[,;:()\[\]\"\u201c\u201d\u2013\u2014]|\s-\s", text[sentence.start : end]):
        begin = sentence.start + m.end()
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, begin, end)]
    for i in range(len(words) - 1, -1, -1):
        if words[i][0].lower() in _CLAUSE_WORDS or (words[i][0] == "and" and i == len(words) - 1):
            words = words[i + 1 :]
            break
    while words and words[-1][0].lower() in _AUXILIARY:
        words = words[:-1]
    while words and words[0][0].lower() in ("and", "but", "or", "yet"):
        words = words[1:]
    if not words or len(words) > 12 or any(w.lower() in _VERBISH for w, _, _ in words):
        return None
    if words[0][0].lower() in _LEAD_IN:
        # "In a speech to the Foreign Policy Centre Mr Straw said": the source is the person.
        people = [e for e in _entities_in(words[0][1], words[-1][2], named, starts) if e.label == "PERSON"]
        honorific = list(_HONORIFIC_NAME.finditer(text, words[0][1], words[-1][2]))
        first = honorific[-1].start() if honorific else people[-1].start if people else None
        words = [w for w in words if first is not None and w[1] >= first]
        if not words:
            return None
    s_start, s_end = words[0][1], words[-1][2]
    last = words[-1][0]
    if len(words) == 1 and last.lower() in _PRONOUNS:
        return _resolve(text, sentence, s_start, s_end, last.lower(), named, starts)
    return _judge(text, s_start, s_end, named, starts)


def _judge(text: str, start: int, end: int, named: Sequence[Entity], starts: list[int]) -> Source | None:
    """A phrase as a source: named when a name heads it, anonymous when a description does."""
    phrase = text[start:end]
    words = phrase.split()
    if words and words[0].lower() in ("the", "a", "an") and len(words) == 1:
        return None
    inside = _entities_in(start, end, named, starts)
    people = [e for e in inside if e.label == "PERSON"]
    # The head: the last word before a preposition ("sources in Iraq", "people familiar with").
    core = words
    for i, w in enumerate(words[1:], 1):
        if w.lower() in _PREPOSITIONS:
            core = words[:i]
            break
    core_end = start + len(" ".join(core)) if " ".join(core) == phrase[: len(" ".join(core))] else end
    if any(e.label == "PERSON" and e.end == core_end for e in inside) or _HONORIFIC_NAME.fullmatch(
        text, start, core_end
    ):
        return start, core_end, text[start:core_end], False  # "analyst Gerard Rijk of Inbev": the person
    head = core[-1].lower().rstrip(".,")
    head = re.sub(r"['\u2019]s$", "", head)
    if head in ROLE_HEADS and not people:
        return start, end, phrase, words[0].lower() in _INDEFINITE
    if head in ANONYMOUS_HEADS and not people:
        return start, end, phrase, True
    ends_in_name = inside and (inside[-1].end >= end - 1 or _TITLE_AFTER.match(text, inside[-1].end))
    if ends_in_name and (words[0][0].isupper() or words[0].lower() in _DETERMINERS):
        return start, end, phrase, False
    if head in ANONYMOUS_HEADS:
        return start, end, phrase, False
    return None


def _entities_in(start: int, end: int, named: Sequence[Entity], starts: list[int]) -> list[Entity]:
    i = bisect_right(starts, start - 1)
    out = []
    while i < len(named) and named[i].start < end:
        if named[i].end <= end:
            out.append(named[i])
        i += 1
    return out


def _resolve(
    text: str,
    sentence: Sentence,
    start: int,
    end: int,
    pronoun: str,
    named: Sequence[Entity],
    starts: list[int],
) -> Source | None:
    """What "he", "she" or "it" stands for: the last person named, or the entity opening the sentence."""
    if pronoun == "it":
        first = _entities_in(sentence.start, start, named, starts)
        if first and first[0].label in ("ORG", "GPE", "NORP") and first[0].start == sentence.start:
            return start, end, first[0].canonical or first[0].text, False
        # Else the organisation named last before it ('"... Fortinet confirms ...," it said').
        i = bisect_right(starts, start) - 1
        while i >= 0 and named[i].label != "ORG":
            i -= 1
        return (start, end, named[i].canonical or named[i].text, False) if i >= 0 else None
    i = bisect_right(starts, start) - 1
    while i >= 0:
        name = named[i].canonical or named[i].text
        if named[i].label == "PERSON" and " " in name:  # one-word "people" are often firms
            return start, end, name, False
        i -= 1
    return None


def _source_after(
    text: str, sentence: Sentence, cue_end: int, named: Sequence[Entity], starts: list[int]
) -> Source | None:
    """"said Mr X, the firm's chief" -> "Mr X": the phrase up to the next comma or the sentence end."""
    stop = re.compile(r"[,;:.!?\"\u201c\u201d()]|\s[\u2013\u2014-]\s")
    rest = text[cue_end : sentence.end]
    cut = stop.search(rest)
    # A full stop inside initials or titles ("Mr. X", "U.S.") is not the end.
    while cut and cut.group() == "." and cut.end() < len(rest) and not rest[cut.end()].isspace():
        cut = stop.search(rest, cut.end())
    phrase_end = cue_end + (cut.start() if cut else len(rest))
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, cue_end, phrase_end)]
    if not words or len(words) > 10:
        return None
    start, end = words[0][1], words[-1][2]
    # "said its chairman, Sir Anthony Greener": the name after the comma is the source's.
    name = re.match(r",\s*((?:[A-Z][\w'\u2019.\-]*\s?){1,5})", text[end : sentence.end])
    if name and _entities_in(end, end + name.end(), named, starts):
        end += len(name.group().rstrip(" ."))
    return _judge(text, start, end, named, starts)


def _follows_claim(text: str, sentence: Sentence, cue_start: int) -> bool:
    """Whether the cue comes right after a comma or a closing quotation mark ("..., said X")."""
    before = text[sentence.start : cue_start].rstrip()
    return bool(before) and before[-1] in ",\"\u201d"


def _claim_after(text: str, sentence: Sentence, cue_end: int, verb: str) -> tuple[int, int] | None:
    """The reported clause after the cue, or None when nothing is reported after it."""
    start = cue_end
    rest = text[start : sentence.end]
    that_within = re.match(r"[^,;:.\"\u201c]{0,60}?(?:\bthat\s|:\s*)", rest)
    said_of = re.match(r"\s+of\b[^,;.\"\u201c]{0,60}?:\s*", rest)  # "said of the Tory leader: ..."
    if said_of:
        start += said_of.end()
        rest = text[start : sentence.end]
    elif verb in ("told", "tells") and that_within:
        start += that_within.end()
        rest = text[start : sentence.end]
    elif verb in ("told", "tells"):
        obj = _TOLD_OBJECT.match(rest)
        if obj:
            start += obj.end()
            rest = text[start : sentence.end]
    that = re.match(r"\s*(?:on \w+\s+)?(?:that\b|:|,(?=\s*[\"\u201c]))?\s*", rest)  # 'He said, "..."'
    if that:
        start += that.end()
    if start >= sentence.end or text[start] in ".!?,":
        return None
    return _bounded(text, sentence, start)


def _bounded(text: str, sentence: Sentence, start: int) -> tuple[int, int] | None:
    """The claim from ``start``: to the end of a quotation opening there, else of the sentence or clause."""
    if text[start] in _QUOTES_OPEN:
        close = _closing_quote(text, start + 1)
        # The quotation is the claim when it ends the sentence or runs on past it.
        if close is not None and (close >= sentence.end or not text[close + 1 : sentence.end].strip(" .,!?")):
            return _trim(text, start + 1, close)
    end = sentence.end
    dash = _STOP.search(text, start, end)
    if dash:
        end = dash.start()
    return _trim(text, start, end)


def _next_quotation(text: str, end: int) -> tuple[int, int] | None:
    """A quotation opening the next sentence ("Corry told BBC Radio Five Live. \"Jason is ...")."""
    match = re.compile(r"\s*[.!?]?\s*[\"\u201c]").match(text, end)
    if match is None:
        return None
    return _trim(text, match.end(), _closing_quote(text, match.end()) or len(text))


def _closing_quote(text: str, start: int) -> int | None:
    paragraph_end = text.find("\n", start)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    for i in range(start, paragraph_end):
        if text[i] in _QUOTES_CLOSE:
            return i
    return paragraph_end


def _claim_before(text: str, sentence: Sentence, end: int) -> tuple[int, int] | None:
    """The claim a source follows: the quotation just before, else the sentence up to the cue."""
    head = text[:end].rstrip().rstrip(",").rstrip()
    if head.endswith(tuple(_QUOTES_CLOSE)):
        close = len(head) - 1
        line_start = text.rfind("\n", 0, close) + 1
        for i in range(close - 1, line_start - 1, -1):
            if text[i] in _QUOTES_OPEN:
                return _trim(text, i + 1, close)
        return _trim(text, line_start, close)
    start = sentence.start
    for m in _STOP.finditer(text, sentence.start, len(head)):
        start = m.end()
    return _trim(text, start, len(head))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``text[start:end]`` without spaces, stray punctuation and unpaired quotation marks at its ends."""
    quotes = _QUOTES_OPEN + _QUOTES_CLOSE
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if start < end and text[start] in quotes and sum(text[i] in quotes for i in range(start, end)) % 2:
        start += 1
    if start < end and text[end - 1] in quotes and sum(text[i] in quotes for i in range(start, end)) % 2:
        end -= 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end > start and text[end - 1] == "." and text[end - 3 : end - 1] != ".":
        end -= 1  # the full stop ends the sentence, not the claim (but keep "U.S.")
    while (tail := re.search(r"[\s,]+(?:and|but|or)$", text[start:end])) is not None:
        end = start + tail.start()
    if end - start < 3:
        return None
    return start, end


def _according_to(
    text: str, sentence: Sentence, cue: re.Match[str], named: Sequence[Entity], starts: list[int]
) -> Attribution | None:
    source = _source_after(text, sentence, cue.end(), named, starts)
    if source is None:
        return None
    s_start, s_end, name, anonymous = source
    before = text[sentence.start : cue.start()].strip()
    if len(before) > 3:
        claim = _claim_before(text, sentence, cue.start())
    else:
        after = text[s_end : sentence.end]
        comma = re.match(r"[^,]*,\s*", after)
        claim = _bounded(text, sentence, s_end + comma.end()) if comma else None
    if claim is None:
        return None
    anonymous = anonymous or _ANONYMITY.search(text, sentence.start, sentence.end) is not None
    return Attribution(name, anonymous, s_start, s_end, claim[0], claim[1], cue.group(1))
