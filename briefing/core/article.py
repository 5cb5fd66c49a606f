"""The plain data every room of Briefing passes around.

Offsets are character offsets into ``Article.text`` everywhere: the reader,
the side panel, the briefing and the JSON agree on them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Paragraphs of Article.text are separated by exactly this.
PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class Article:
    """One saved article, as read from disk (never written back)."""

    path: str
    title: str
    text: str
    source: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601: "2024-01-20" or "2024-01-20T10:15:00"
    url: str | None = None
    tags: tuple[str, ...] = ()
    # Photo captions cut out of the flow of the text (clipping debris), kept to show apart.
    captions: tuple[str, ...] = ()
    format: str = "txt"  # txt, md, html, pdf, mhtml, eml, docx, odt, rtf, epub, webarchive
    warnings: tuple[str, ...] = ()  # non-fatal problems met while reading

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split(PARAGRAPH_BREAK) if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tags"] = list(self.tags)
        data["captions"] = list(self.captions)
        data["warnings"] = list(self.warnings)
        return data


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention; ``label`` is an OntoNotes label (PERSON, ORG, GPE, ...)."""

    start: int
    end: int
    text: str
    label: str
    canonical: str
    # None: offsets are into Article.text; N: into Article.captions[N].
    caption: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Value = float | tuple[float, float]


@dataclass(frozen=True, slots=True)
class Figure:
    """A key figure: a quantity, what it counts or measures, and where it was said."""

    start: int
    end: int
    text: str
    value: Value
    unit: str | None
    concept: str | None
    change: str | None  # "up", "down", "approximate", "at least", "at most" or None
    sentence: str
    sentence_start: int = 0
    score: float = 0.0  # how much it matters; figures are listed by descending score
    # A count's counted noun phrase ("two sides" -> "sides", "900 in Syria" after "2,500 troops in Iraq
    # and" -> "troops"): the unit of a count, as NewsQuant annotates it. ``concept`` (what the reader
    # sees) starts with it and goes on with what the count is of, or whose it is: "sides of the debate",
    # "workers (Ford)". None for measures, sums and shares, and for counts of no noun of their own.
    counted: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if isinstance(self.value, tuple):
            data["value"] = list(self.value)
        return data


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement the text attributes to a source: who (as the text gives it) and what.

    ``start:end`` is where the source is cited (for "he"/"it", the pronoun, while
    ``source`` is the name it stands for); ``claim_start:claim_end`` is the claim.
    """

    source: str
    anonymous: bool
    start: int
    end: int
    claim_start: int
    claim_end: int
    cue: str = ""  # the reporting verb: "said", "announced", "according to", ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Analysis:
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    summary: tuple[str, ...] = ()  # whole sentences of the text, in article order
    attributions: tuple[Attribution, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": [e.to_dict() for e in self.entities],
            "figures": [f.to_dict() for f in self.figures],
            "summary": list(self.summary),
            "attributions": [a.to_dict() for a in self.attributions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        figures = []
        for f in data.get("figures", []):
            f = dict(f)
            if isinstance(f["value"], list):
                f["value"] = (float(f["value"][0]), float(f["value"][1]))
            figures.append(Figure(**f))
        return cls(
            entities=tuple(Entity(**e) for e in data.get("entities", [])),
            figures=tuple(figures),
            summary=tuple(data.get("summary", [])),
            attributions=tuple(Attribution(**a) for a in data.get("attributions", [])),
        )


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be read or indexed, with a reason a user can read."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


@dataclass(slots=True)
class SearchHit:
    path: str
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: str  # HTML-escaped text, matched terms wrapped in <b class="match">…</b>
    saved: str | None = None  # without a date of its own: the ISO day its file was saved

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class SearchResult:
    total: int
    hits: list[SearchHit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "hits": [h.to_dict() for h in self.hits], "facets": self.facets}
