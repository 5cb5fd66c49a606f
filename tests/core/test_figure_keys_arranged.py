"""The catalog keys every figure of an article with its entities arranged once (issue 18: a first
catalog sync passed over every entity of the article for every figure, several times). A figure's
sentence's entities, found by bisecting their starts, must be the ones a pass over all of them finds,
in the analysis' order, captions left out; the owners those a pass finds.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from briefing.core.analysis import Analyzer
from briefing.core.analysis.figures.keys import _SUBJECT_LABELS, _Names, figure_key, figure_keys
from briefing.core.article import Analysis, Article, Entity, Figure


def scanned(analysis: Analysis, figure: Figure) -> list[tuple[int, Entity]]:
    """The reference: every entity of the body whose start lies in the figure's sentence."""
    end = figure.sentence_start + len(figure.sentence)
    return [
        (i, e) for i, e in enumerate(analysis.entities)
        if e.caption is None and figure.sentence_start <= e.start < end
    ]  # fmt: skip


def with_caption_entities(analysis: Analysis) -> Analysis:
    """The analysis with each figure's sentence's first entity also named in a caption at the same
    offsets (a caption's offsets are into the caption, so they may fall in any sentence's range)."""
    extra = []
    for figure in analysis.figures:
        inside = scanned(analysis, figure)
        if inside:
            extra.append(dataclasses.replace(inside[0][1], caption=0))
    return dataclasses.replace(analysis, entities=tuple(extra) + analysis.entities)


def test_sentence_entities_and_owners_are_those_of_a_full_pass(analyzer: Analyzer, shared_dir: Path) -> None:
    bbc = shared_dir / "corpus" / "bbc"
    paths = sorted(bbc.glob("bbc_business_0*.txt"))[:6] + sorted(bbc.glob("bbc_politics_0*.txt"))[:6]
    checked = moved = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        article = Article(path=str(path), title=text.splitlines()[0], text=text)
        plain = analyzer.analyse(article)
        captioned = with_caption_entities(plain)
        # Names in captions own no figure of the body, whatever their offsets.
        assert figure_keys(captioned) == figure_keys(plain)
        moved += captioned.entities != plain.entities
        for analysis in (plain, captioned):
            names = _Names(analysis)
            for figure in analysis.figures:
                here = names.in_sentence(figure)
                assert here == scanned(analysis, figure)
                checked += bool(here)
            body = {i for i, e in enumerate(analysis.entities) if e.caption is None}
            assert set(names.owners) <= body and names.owners
            assert all(analysis.entities[i].label in _SUBJECT_LABELS for i in names.owners)
            # All of an article's keys at once are each figure's key alone.
            assert figure_keys(analysis) == [figure_key(f, analysis, article) for f in analysis.figures]
    assert checked > 50 and moved > 5


def _key_of(analyzer: Analyzer, path: Path, figure_text: str, sentence_start: str) -> str | None:
    text = path.read_text(encoding="utf-8")
    article = Article(path=str(path), title=text.splitlines()[0], text=text)
    analysis = analyzer.analyse(article)
    keys = figure_keys(analysis)
    for figure, key in zip(analysis.figures, keys, strict=True):
        if figure.text == figure_text and figure.sentence.startswith(sentence_start):
            return key.label if key is not None else None
    raise AssertionError(f"no figure {figure_text!r} in {sentence_start!r}")


def test_a_source_owns_the_figures_it_does_not_report(analyzer: Analyzer, shared_dir: Path) -> None:
    """A name that said something owns no figure of what it said, but owns the figures of its own
    clause ("Heineken saw its annual profits drop 33% and warned that earnings ... may also slide")."""
    bbc = shared_dir / "corpus" / "bbc"
    heineken = _key_of(analyzer, bbc / "bbc_business_173.txt", "33%", "Dutch firm Heineken saw")
    assert heineken is not None and "Heineken" in heineken
    reported = _key_of(analyzer, bbc / "bbc_business_437.txt", "210bn yuan", "China Daily said")
    assert reported is not None and "China Daily" not in reported
