"""Parsing a user's query, and saying plainly what is wrong with a malformed one.

Whoosh's parser is lenient: it turns an unclosed quote or an unknown field into
plain words and silently drops what it cannot read. A user deserves to know, so
the text is checked first (quotes, brackets, fields, dangling operators) and the
parsed syntax tree is searched for error nodes (dates it could not read).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh import formats, matching, query
from whoosh.fields import Schema
from whoosh.qparser import GtLtPlugin, MultifieldParser, QueryParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.qparser.syntax import ErrorNode, GroupNode, SyntaxNode
from whoosh.query.spans import Span, SpanNear2

from briefing.core.errors import QueryError
from briefing.core.library.phrases import PhraseMatches, adjacent, no_matches, segment_phrase
from briefing.core.library.schema import DEFAULT_FIELDS, QUERY_FIELDS
from briefing.core.library.whoosh_compat import decode_positions

_FIELD = re.compile(r"(?<![\w\-.])([A-Za-z_]\w*):")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
_BINARY = _OPERATORS - {"NOT"}
_PAIRS = {")": "(", "]": "[", "}": "{"}
_NAMES = {"(": "parenthesis", "[": "bracket", "{": "brace"}


def make_parser(schema: Schema) -> QueryParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), schema)
    parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(GtLtPlugin())
    return parser


def parse(parser: QueryParser, text: str) -> query.Query:
    """The Whoosh query for ``text``; raises QueryError with a readable reason when it is malformed."""
    check(text)
    try:
        tree = parser.process(text)
        for node in _error_nodes(tree):
            raise QueryError(_describe(text, node))
        parsed = tree.query(parser)
    except QueryError:
        raise
    except ValueError as error:  # Whoosh's date range parsing
        raise QueryError(f"could not read a date in the query (write 2024-01-31): {error}") from error
    except Exception as error:
        raise QueryError(f"could not understand the query: {error}") from error
    if not parsed:
        return query.NullQuery
    return parsed.normalize().accept(_fast_phrase)


class _AdjacentMatcher(SpanNear2.SpanNear2Matcher):
    """Whoosh's phrase matcher for exact phrases (slop 1), with the position test done on sets.

    Whoosh builds a Span object per position and compares them pairwise; here the phrase starts
    are one set intersection per word: same matches, same scores, several times faster.
    """

    def _get_spans(self) -> list[Span]:
        starts = set(_positions(self.ms[0]))
        for k, matcher in enumerate(self.ms[1:], 1):
            if not starts:
                break
            starts.intersection_update(p - k for p in _positions(matcher))
        last = len(self.ms) - 1
        return [Span(p, p + last) for p in sorted(starts)]


def _positions(matcher: Any) -> Iterable[int]:
    """The positions of the current posting."""
    return decode_positions(matcher.value())


class _AdjacentNear(SpanNear2):
    def matcher(self, searcher: Any, context: Any = None) -> Any:
        context = self._span_context(context)
        return _AdjacentMatcher([q.matcher(searcher, context) for q in self.qs])


class FastPhrase(query.Phrase):
    """A Phrase whose exact form (no ~slop) is matched by phrases.py in one segment, else by
    _AdjacentMatcher (as Phrase.matcher, when it has a slop)."""

    def terms_in(self, searcher: Any) -> list[bytes] | None:
        """The phrase's words as terms of its field, each in ``searcher``'s index (else []: no
        match); None when the phrase is not exact or its field has no positions (Whoosh's matcher)."""
        field = searcher.schema[self.fieldname] if self.fieldname in searcher.schema else None  # noqa: SIM401
        if self.slop != 1 or field is None or type(field.format) is not formats.Positions:
            return None
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                term = field.to_bytes(word)
            except ValueError:
                return []
            if (self.fieldname, term) not in reader:
                return []  # a word the field never had
            terms.append(term)
        return terms

    def segment_matches(self, searcher: Any, weighting: Any) -> PhraseMatches | None:
        """The phrase's matches in one segment's atomic searcher (none when a word is not in it);
        None when the phrase is not exact, its field has no positions or its scorers look at
        more than weights and lengths (Whoosh's matcher then)."""
        terms = self.terms_in(searcher)
        if terms is None:
            return None
        if not terms:
            return no_matches()
        return segment_phrase(searcher, self.fieldname, terms, weighting)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        terms = self.terms_in(searcher)
        if terms is None:
            return super().matcher(searcher, context)
        if not terms:
            return matching.NullMatcher()
        m = None
        if searcher.is_atomic():  # one segment: its matches found at once, positions checked once
            # As Term.matcher and Searcher.postings choose it
            weighting = (context.weighting if context is not None else None) or searcher.weighting
            found = segment_phrase(searcher, self.fieldname, terms, weighting)
            m = adjacent(found) if found is not None else None
        if m is None:
            words = [query.Term(self.fieldname, term) for term in terms]
            m = _AdjacentNear(words, slop=1, ordered=True, mindist=1).matcher(searcher, context)
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


def _fast_phrase(q: query.Query) -> query.Query:
    if type(q) is query.Phrase:
        return FastPhrase(q.fieldname, q.words, slop=q.slop, boost=q.boost, char_ranges=q.char_ranges)
    if isinstance(q, query.Or):
        # A binary tree of unions, never Whoosh's ArrayUnionMatcher (its automatic choice for a
        # segment of at most 5,000 articles): that one clears a 2,048-slot array in Python per
        # block, and its block-quality skipping can miss a better hit (a top-10 in the 20,000-
        # article benchmark lacked a document whose exact score ranked it third).
        q.matcher_type = query.Or.DEFAULT_MATCHER
    return q


def check(text: str) -> None:
    """Raise QueryError for unbalanced quotes or brackets, unknown or empty fields, dangling operators."""
    outside = _outside_quotes(text)
    stack: list[tuple[str, int]] = []
    for index, char in enumerate(outside):
        if char in "([{":
            stack.append((char, index))
        elif char in _PAIRS:
            if not stack:
                raise QueryError(
                    f"a closing {char!r} at character {index + 1} has no opening {_PAIRS[char]!r}"
                )
            opening, _ = stack.pop()
            # Ranges may mix brackets ("date:[2024 to 2025}" excludes the end); only parentheses must pair.
            if (opening == "(") != (char == ")"):
                raise QueryError(f"the {_NAMES[opening]} {opening!r} is closed by {char!r}")
    if stack:
        opening, index = stack[-1]
        raise QueryError(f"the {_NAMES[opening]} {opening!r} at character {index + 1} is never closed")
    for match in _FIELD.finditer(outside):
        name = match.group(1)
        if name not in QUERY_FIELDS:
            known = ", ".join(f"{f}:" for f in QUERY_FIELDS)
            raise QueryError(f"unknown field {name + ':'!r}; the fields are {known}")
        rest = outside[match.end() :]
        if not rest or rest[0].isspace() or rest[0] in ")":
            raise QueryError(f"the field {name + ':'!r} needs a word, a \"phrase\" or a range after it")
    words = outside.replace("(", " ").replace(")", " ").split()
    if words and words[0] in _BINARY:
        raise QueryError(f"{words[0]} needs something to its left")
    if words and words[-1] in _OPERATORS:
        raise QueryError(f"{words[-1]} needs something to its right")
    for left, right in itertools.pairwise(words):
        if left in _BINARY and right in _BINARY:
            raise QueryError(f"{left} {right}: two operators in a row")


def _outside_quotes(text: str) -> str:
    """``text`` with every double-quoted phrase blanked out; QueryError if a quote is never closed."""
    if text.count('"') % 2:
        index = text.rfind('"')
        raise QueryError(
            f'the quote at character {index + 1} is never closed (phrases go in "double quotes")'
        )
    return re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group(0)) - 2) + '"', text)


def _error_nodes(node: SyntaxNode) -> Iterator[ErrorNode]:
    if isinstance(node, ErrorNode):
        yield node
    if isinstance(node, GroupNode):
        for child in node.nodes:
            yield from _error_nodes(child)


def _describe(text: str, node: ErrorNode) -> str:
    inner = node.node
    field = getattr(inner, "fieldname", None)
    start, end = getattr(inner, "startchar", None), getattr(inner, "endchar", None)
    shown = text[start:end] if start is not None and end is not None else str(node.message)
    if field == "date":
        return f"{shown!r} is not a date (try date:2024-01-31 or date:[2024-01-01 to 2024-02-01])"
    return f"could not understand {shown!r} in the query"
