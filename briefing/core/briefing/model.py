"""The briefing model: what a printed or exported briefing says, before any format.

Built once from (Article, Analysis) pairs; the Markdown, HTML and PDF renderers
only lay it out. A briefing of one article is that article's page; a briefing
of several adds a cover with contents and the figures and entities they share.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from briefing.core.analysis.figures import TRIVIA_SCORE, names_a_thing
from briefing.core.article import PARAGRAPH_BREAK, Analysis, Article, Figure
from briefing.core.palette import swatch

MAX_FIGURES = 8  # per article
MAX_SOURCES = 12  # attributions per article
MAX_CLAIM_CHARS = 100
MAX_ENTITIES = 8  # per article and type
MAX_SHARED_FIGURES = 12  # across articles
MAX_SHARED_ENTITIES = 8  # across articles, per type
FALLBACK_SUMMARY_WORDS = 60

# Entity types a briefing lists, in this order; dates and numbers are left to the figures.
KEY_LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT")

_CHANGE_NOTES = {
    "up": "a rise",
    "down": "a fall",
    "approximate": "approximate",
    "at least": "at least",
    "at most": "at most",
}


@dataclass(frozen=True, slots=True)
class FigureNote:
    """What the rest of the library says about one figure, worded (built across the library)."""

    history: str | None  # "66 on 9 January 2024 in B; ..."
    disagreement: str | None  # "reports disagree on 9 January 2024: 58 (A), 66 (B)"


# By article path, then by the figure's position in that article's Analysis.figures.
FigureNotes = Mapping[str, Mapping[int, FigureNote]]


@dataclass(frozen=True, slots=True)
class LibraryNotes:
    """What the library knows of a briefing's articles (from ``across.figure_series.briefing_notes``)."""

    figures: FigureNotes  # where else each figure is reported
    saved_days: Mapping[str, str]  # by path: the day the file was saved, for articles that give no date


@dataclass(frozen=True, slots=True)
class FigureRow:
    """A key figure as a table row: the figure, what it counts, the sentence saying it."""

    figure: str
    counts: str
    note: str | None  # "at least", "a rise", ... when the figure carries a change
    sentence: str
    mark: tuple[int, int] | None  # where the figure sits in ``sentence``, if it does
    score: float
    # Where else the library reports this figure ("66 on 9 January 2024 in B"), and a same-day
    # disagreement it is part of (given as ``build_briefing(library_notes=...)``).
    history: str | None = None
    disagreement: str | None = None

    @property
    def sentence_parts(self) -> tuple[str, str, str]:
        """The sentence split around the figure: (before, figure, after)."""
        if self.mark is None:
            return self.sentence, "", ""
        start, end = self.mark
        return self.sentence[:start], self.sentence[start:end], self.sentence[end:]


@dataclass(frozen=True, slots=True)
class SourceRow:
    """An attributed statement: who said it (as the text gives it), named or not, and the claim."""

    source: str
    anonymous: bool
    cue: str
    claim: str  # shortened to MAX_CLAIM_CHARS

    @property
    def kind(self) -> str:
        return "anonymous" if self.anonymous else "named"


@dataclass(frozen=True, slots=True)
class EntityCount:
    name: str  # canonical name
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityGroup:
    label: str  # OntoNotes label
    heading: str  # "People", "Places", ...
    items: tuple[EntityCount, ...]


@dataclass(frozen=True, slots=True)
class ArticleBrief:
    number: int  # 1-based, as in the contents
    title: str
    source: str | None
    date: str | None  # for display: "20 January 2024"
    published: str | None  # as stored (ISO 8601)
    link: str | None  # the article's URL
    path: str
    summary: tuple[str, ...]
    figures: tuple[FigureRow, ...]
    entities: tuple[EntityGroup, ...]
    sources: tuple[SourceRow, ...] = ()

    @property
    def anchor(self) -> str:
        return f"article-{self.number}"

    @property
    def file_name(self) -> str:
        return PurePath(self.path).name


@dataclass(frozen=True, slots=True)
class SharedFigure:
    row: FigureRow
    articles: tuple[int, ...]  # article numbers mentioning it


@dataclass(frozen=True, slots=True)
class SharedEntity:
    name: str
    mentions: int
    articles: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SharedEntityGroup:
    label: str
    heading: str
    items: tuple[SharedEntity, ...]


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A figure that moved since the reader's last briefing: what it counts, the value before, now."""

    label: str  # "unemployment rate · Germany"
    before: str  # the figure as the older article gave it: "11.7%"
    before_source: str  # where the reader had it: the older article's title (and day)
    after: str  # "12.1%"
    after_article: int | None  # the number, in this briefing, of the article saying it
    direction: str  # "up" or "down"


@dataclass(frozen=True, slots=True)
class EntityFigureRow:
    """A figure involving the entity of an entity briefing, from one of the library's articles."""

    row: FigureRow
    title: str  # the article's
    day: str | None  # for display
    article: int | None  # its number in this briefing, if it is one of the briefed articles


@dataclass(frozen=True, slots=True)
class EntitySection:
    """The head of an entity briefing: one entity across the library (``across.entity_pages``)."""

    name: str
    label: str  # OntoNotes label
    kind: str  # "Person", "Organisation", ...
    aliases: tuple[str, ...]
    article_count: int  # in the library (the briefing may hold fewer)
    mentions: int
    figures: tuple[EntityFigureRow, ...]
    related: tuple[tuple[str, int], ...]  # (name, articles naming both)


@dataclass(frozen=True, slots=True)
class Briefing:
    title: str
    subtitle: str | None
    created: dt.date
    articles: tuple[ArticleBrief, ...]
    shared_figures: tuple[SharedFigure, ...] = ()
    shared_entities: tuple[SharedEntityGroup, ...] = ()
    changes: tuple[ChangeRow, ...] = ()  # "What changed" (a briefing of what is new)
    entity: EntitySection | None = None  # the entity page heading an entity briefing
    # When it was built (seconds since the epoch): what it covers is the library as of then.
    made_at: float = field(default_factory=time.time, compare=False)

    @property
    def is_collection(self) -> bool:
        """Several articles (or what changed): a cover, contents and one section per article."""
        return len(self.articles) > 1 or bool(self.changes) or self.entity is not None

    @property
    def created_label(self) -> str:
        return format_date(self.created)


def format_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def display_date(published: str | None) -> str | None:
    """An ISO 8601 date as "20 January 2024"; anything unparseable is shown as stored."""
    if not published:
        return None
    try:
        return format_date(dt.datetime.fromisoformat(published.strip()).date())
    except ValueError:
        try:
            return format_date(dt.date.fromisoformat(published.strip()[:10]))
        except ValueError:
            return published.strip()


def display_day(day: str | None, dated_by: str) -> str | None:
    """A catalog day as shown: "20 January 2024", or "saved 3 December 2026" when it is only the
    day the file was saved (it says nothing of when the article appeared)."""
    shown = display_date(day)
    return f"saved {shown}" if shown and dated_by == "saved" else shown


def figure_row(figure: Figure) -> FigureRow:
    counts = figure.concept or figure.unit or ""
    start = figure.start - figure.sentence_start
    end = figure.end - figure.sentence_start
    mark: tuple[int, int] | None = None
    if 0 <= start < end <= len(figure.sentence) and figure.sentence[start:end] == figure.text:
        mark = (start, end)
    else:
        found = figure.sentence.find(figure.text)
        if found >= 0 and figure.text:
            mark = (found, found + len(figure.text))
    sentence = figure.sentence
    if mark is not None and PARAGRAPH_BREAK in sentence:
        # a sentence run on across a paragraph break (a subheading): keep the figure's paragraph
        begin = sentence.rfind(PARAGRAPH_BREAK, 0, mark[0])
        begin = begin + len(PARAGRAPH_BREAK) if begin >= 0 else 0
        end = sentence.find(PARAGRAPH_BREAK, mark[1])
        sentence = sentence[begin : end if end >= 0 else len(sentence)]
        mark = (mark[0] - begin, mark[1] - begin)
    sentence = sentence.rstrip()
    lead = len(sentence) - len(sentence.lstrip())
    if mark is not None:
        mark = (mark[0] - lead, mark[1] - lead)
    return FigureRow(
        figure=figure.text,
        counts=counts,
        note=_CHANGE_NOTES.get(figure.change or ""),
        sentence=sentence[lead:],
        mark=mark,
        score=figure.score,
    )


def shorten(text: str, limit: int = MAX_CLAIM_CHARS) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(",;:") + " …"


def _source_rows(article: Article, analysis: Analysis, limit: int) -> tuple[SourceRow, ...]:
    return tuple(
        SourceRow(a.source, a.anonymous, a.cue, shorten(article.text[a.claim_start : a.claim_end]))
        for a in analysis.attributions[:limit]
    )


def _entity_groups(analysis: Analysis, limit: int) -> tuple[EntityGroup, ...]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for entity in analysis.entities:
        if entity.label in KEY_LABELS:
            counts[entity.label][entity.canonical or entity.text] += 1
    groups = []
    for label in KEY_LABELS:
        if counts[label]:
            ranked = sorted(counts[label].items(), key=lambda item: (-item[1], item[0].casefold()))
            items = tuple(EntityCount(name, n) for name, n in ranked[:limit])
            groups.append(EntityGroup(label, swatch(label).plural, items))
    return tuple(groups)


def _fallback_summary(article: Article) -> tuple[str, ...]:
    """Without an analysis: the opening words of the first paragraph that is not the title."""
    for paragraph in article.paragraphs:
        text = " ".join(paragraph.split())
        if text and text != article.title.strip():
            words = text.split(" ")
            if len(words) > FALLBACK_SUMMARY_WORDS:
                return (" ".join(words[:FALLBACK_SUMMARY_WORDS]) + " …",)
            return (text,)
    return ()


def article_brief(
    number: int,
    article: Article,
    analysis: Analysis | None,
    *,
    max_figures: int = MAX_FIGURES,
    max_entities: int = MAX_ENTITIES,
    notes: Mapping[int, FigureNote] | None = None,
    saved: str | None = None,
) -> ArticleBrief:
    """One article's section; ``notes`` (by figure position) tell where else figures are reported;
    ``saved``: the day its file was saved, shown (marked) when the article gives no date."""
    analysis = analysis or Analysis()
    # Stable: keeps the analysis order on ties.
    ranked = sorted(enumerate(analysis.figures), key=lambda pair: -pair[1].score)
    return ArticleBrief(
        number=number,
        title=article.title.strip() or PurePath(article.path).stem,
        source=article.source,
        date=display_date(article.published) or display_day(saved, "saved"),
        published=article.published,
        link=article.url,
        path=article.path,
        summary=tuple(s.strip() for s in analysis.summary if s.strip()) or _fallback_summary(article),
        figures=tuple(
            _with_note(figure_row(f), notes.get(i)) if notes else figure_row(f)
            for i, f in ranked[:max_figures]
        ),
        entities=_entity_groups(analysis, max_entities),
        sources=_source_rows(article, analysis, MAX_SOURCES),
    )


def _with_note(row: FigureRow, note: FigureNote | None) -> FigureRow:
    if note is None:
        return row
    return replace(row, history=note.history, disagreement=note.disagreement)


def _figure_key(row: FigureRow) -> tuple[str, str]:
    return " ".join(row.figure.casefold().split()), " ".join(row.counts.casefold().split())


def _shared_figures(pairs: Sequence[tuple[Article, Analysis | None]], limit: int) -> tuple[SharedFigure, ...]:
    best: dict[tuple[str, str], FigureRow] = {}
    where: dict[tuple[str, str], set[int]] = defaultdict(set)
    for number, (_, analysis) in enumerate(pairs, 1):
        for figure in analysis.figures if analysis else ():
            if figure.score <= TRIVIA_SCORE or not names_a_thing(figure.concept):
                continue  # the table shows figures apart from their sentence: they must say what they count
            row = figure_row(figure)
            key = _figure_key(row)
            where[key].add(number)
            if key not in best or row.score > best[key].score:
                best[key] = row
    # Figures several articles give come first; then each article's best in turn, so
    # one figure-heavy article does not fill the table.
    shared = sorted((k for k in best if len(where[k]) > 1), key=lambda k: (-len(where[k]), -best[k].score))
    queues = [
        sorted((k for k in best if where[k] == {n}), key=lambda k: -best[k].score)
        for n in range(1, len(pairs) + 1)
    ]
    ranked = shared[:limit]
    depth = 0
    while len(ranked) < limit and any(depth < len(q) for q in queues):
        ranked += [q[depth] for q in queues if depth < len(q)][: limit - len(ranked)]
        depth += 1
    return tuple(SharedFigure(best[k], tuple(sorted(where[k]))) for k in ranked)


def _shared_entities(
    pairs: Sequence[tuple[Article, Analysis | None]], limit: int
) -> tuple[SharedEntityGroup, ...]:
    mentions: dict[tuple[str, str], int] = Counter()
    where: dict[tuple[str, str], set[int]] = defaultdict(set)
    for number, (_, analysis) in enumerate(pairs, 1):
        for entity in analysis.entities if analysis else ():
            if entity.label in KEY_LABELS:
                key = (entity.label, entity.canonical or entity.text)
                mentions[key] += 1
                where[key].add(number)
    groups = []
    for label in KEY_LABELS:
        keys = [k for k in mentions if k[0] == label]
        keys.sort(key=lambda k: (-len(where[k]), -mentions[k], k[1].casefold()))
        items = tuple(SharedEntity(k[1], mentions[k], tuple(sorted(where[k]))) for k in keys[:limit])
        if items:
            groups.append(SharedEntityGroup(label, swatch(label).plural, items))
    return tuple(groups)


def build_briefing(
    pairs: Iterable[tuple[Article, Analysis | None]],
    *,
    title: str | None = None,
    subtitle: str | None = None,
    created: dt.date | None = None,
    max_figures: int = MAX_FIGURES,
    max_entities: int = MAX_ENTITIES,
    changes: Sequence[ChangeRow] = (),
    entity: EntitySection | None = None,
    library_notes: LibraryNotes | None = None,
) -> Briefing:
    """The briefing for these articles, in the order given.

    With ``library_notes`` (``across.figure_series.briefing_notes``), each figure row says where
    else the library reports that figure, and flags reports that disagree with it on the same day;
    an article that gives no date shows the day its file was saved.

    ``title`` defaults to the article's own title for one article and to
    "Briefing" for several; ``created`` (the cover date) defaults to today.
    """
    items = list(pairs)
    if not items:
        raise ValueError("a briefing needs at least one article")
    articles = tuple(
        article_brief(
            n, a, an, max_figures=max_figures, max_entities=max_entities,
            notes=library_notes.figures.get(a.path) if library_notes is not None else None,
            saved=library_notes.saved_days.get(a.path) if library_notes is not None else None,
        )
        for n, (a, an) in enumerate(items, 1)
    )
    several = len(articles) > 1
    if subtitle is None and several:
        subtitle = f"{len(articles)} articles"
    return Briefing(
        title=title or ("Briefing" if several else articles[0].title),
        subtitle=subtitle,
        created=created or dt.date.today(),
        articles=articles,
        shared_figures=_shared_figures(items, MAX_SHARED_FIGURES) if several else (),
        shared_entities=_shared_entities(items, MAX_SHARED_ENTITIES) if several else (),
        changes=tuple(changes),
        entity=entity,
    )
