"""Shared helpers of the speed benchmarks: the BBC corpus and a varied 20,000-article library built from it.

Each variant is a real BBC article: variant 0 of an article is the article itself;
the others shuffle its paragraphs and mix in one to three paragraphs of another
article of the same category, with a distinct title suffix, a date in 2004-2005
and the source "BBC News". Everything is deterministic for a given seed.

Entities of the big library come from the real Analyzer run once over the 2,225
originals: a variant's entities are those of the original paragraphs it is made
of, moved to their new offsets (analysing 20,000 texts again would only repeat
the same spaCy work on the same paragraphs).
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from briefing.core.article import Analysis, Article, Entity

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
BBC = SHARED / "corpus" / "bbc"
SEED = PROJECT / "resources" / "sample" / "000_1485d72a6eece34e.txt"

PARAGRAPH_BREAK = "\n\n"


def bench_dir(name: str) -> Path:
    """A folder under the system's temporary folder that survives between runs (the built libraries)."""
    folder = Path(tempfile.gettempdir()) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def bbc_files() -> list[Path]:
    return sorted(BBC.glob("bbc_*.txt"))


def category(path: Path) -> str:
    return path.name.split("_")[1]


@dataclass(frozen=True, slots=True)
class Original:
    path: Path
    category: str
    title: str
    paragraphs: tuple[str, ...]


def read_originals() -> list[Original]:
    """The BBC articles as briefing's reader sees them."""
    from briefing.core.ingest import read

    out = []
    for path in bbc_files():
        article = read(path)
        out.append(Original(path, category(path), article.title, tuple(article.paragraphs)))
    return out


def _variant(i: int, originals: Sequence[Original], by_category: dict[str, list[int]], seed: int) -> str:
    n = len(originals)
    base = originals[i % n]
    round_ = i // n
    rng = random.Random(f"{seed}:{i}")
    day = date(2004, 1, 1) + timedelta(days=rng.randrange(731))
    paragraphs = list(base.paragraphs)
    title = base.title
    if round_ > 0:
        others = [j for j in by_category[base.category] if j != i % n]
        partner = originals[rng.choice(others)]
        rng.shuffle(paragraphs)
        extra = rng.sample(partner.paragraphs, min(len(partner.paragraphs), rng.randint(1, 3)))
        for paragraph in extra:
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), paragraph)
        title = f"{base.title} ({round_ + 1})"
    head = f"{title}\nSource: BBC News\nDate: {day.isoformat()}\n\n"
    return head + PARAGRAPH_BREAK.join(paragraphs) + "\n"


def write_variants(root: Path, originals: Sequence[Original], count: int, seed: int = 7) -> list[Path]:
    """``count`` variant articles as .txt files under ``root/<category>/``."""
    by_category: dict[str, list[int]] = {}
    for j, original in enumerate(originals):
        by_category.setdefault(original.category, []).append(j)
    paths = []
    for i in range(count):
        folder = root / originals[i % len(originals)].category
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{i:05d}.txt"
        path.write_text(_variant(i, originals, by_category, seed), encoding="utf-8")
        paths.append(path)
    return paths


class ParagraphAnalyser:
    """A BatchAnalyser for variants: each paragraph's entities from the analysis of its original article."""

    def __init__(self, entities_by_paragraph: dict[str, list[tuple[int, int, str, str, str]]]) -> None:
        self.by_paragraph = entities_by_paragraph
        self.paragraphs = 0
        self.unknown = 0  # paragraphs not found among the originals'

    @classmethod
    def build(cls, originals: Sequence[Original], cache: Path) -> ParagraphAnalyser:
        """Analyse the originals with the real Analyzer (once; kept in ``cache`` as JSON)."""
        if cache.is_file():
            data = json.loads(cache.read_text(encoding="utf-8"))
            return cls({p: [tuple(e) for e in es] for p, es in data.items()})  # type: ignore[misc]
        from briefing.core.analysis import Analyzer

        analyzer = Analyzer()
        texts = [PARAGRAPH_BREAK.join(o.paragraphs) for o in originals]
        analyses = analyzer.analyse_batch(
            [Article(path=str(o.path), title=o.title, text=t) for o, t in zip(originals, texts, strict=True)]
        )
        table: dict[str, list[tuple[int, int, str, str, str]]] = {}
        for original, text, analysis in zip(originals, texts, analyses, strict=True):
            start = 0
            for paragraph in original.paragraphs:
                start = text.index(paragraph, start)
                end = start + len(paragraph)
                table[paragraph] = [
                    (e.start - start, e.end - start, e.text, e.label, e.canonical)
                    for e in analysis.entities
                    if start <= e.start and e.end <= end
                ]
                start = end
        cache.write_text(json.dumps(table), encoding="utf-8")
        return cls(table)

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]:
        out = []
        for article in articles:
            entities: list[Entity] = []
            offset = 0
            for paragraph in article.text.split(PARAGRAPH_BREAK):
                self.paragraphs += 1
                found = self.by_paragraph.get(paragraph)
                if found is None:
                    self.unknown += 1
                else:
                    entities.extend(Entity(offset + s, offset + e, t, lb, c) for s, e, t, lb, c in found)
                offset += len(paragraph) + len(PARAGRAPH_BREAK)
            out.append(Analysis(entities=tuple(entities)))
        return out
