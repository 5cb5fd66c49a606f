"""``Threads`` works out each figure's nearest name, each sentence's stems, each key's places and each
article's names once (issue 18: ``since`` compares a figure of a key with every old report of it, so a
library of 20,000 articles repeated that work millions of times), and looks for a name in a sentence
only when the sentence holds it. Its answers must be the former
ones, computed afresh for every pair (kept here as the reference), on real BBC business articles each
present three times.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from briefing.core.across.figure_series import (
    _OWNER_LABELS,
    _PLAIN,
    NAME_AFTER_PENALTY,
    Threads,
    _key_parts,
    _names,
    _text_at,
    is_statistic,
)
from briefing.core.analysis import Analyzer
from briefing.core.analysis.figures.keys import concept_words, fold, is_stop_word, place_of_word
from briefing.core.library import Library
from briefing.core.library.catalog import Catalog, CatalogFigure
from tests.core.test_across_since_latest import write_dated_copies


def former_sentence_stems(figure: CatalogFigure, leave_out: set[str]) -> set[str]:
    stems = set()
    for word in concept_words(figure.sentence):
        if len(word) < 3 or is_stop_word(word) or place_of_word(word):
            continue
        stem = fold(word)
        if stem not in leave_out and stem not in _PLAIN and word not in _PLAIN:
            stems.add(stem)
    return stems


def former_evidence(catalog: Catalog, a: CatalogFigure, b: CatalogFigure) -> int:
    stems, where = _key_parts(a.key or "")
    where_words = {w.casefold() for name in where for w in concept_words(name)}
    shared_names = _names(catalog.entities_of(a.path), where) & _names(catalog.entities_of(b.path), where)
    name_words = {fold(w) for name in shared_names for w in concept_words(name)}
    leave_out = stems | {fold(w) for w in where_words} | name_words
    shared_words = former_sentence_stems(a, leave_out) & former_sentence_stems(b, leave_out)
    return len(shared_names) + len(shared_words)


def former_nearest_name(catalog: Catalog, figure: CatalogFigure) -> str | None:
    at = _text_at(figure)
    labels = _OWNER_LABELS if is_statistic(figure.key or "") else _OWNER_LABELS - {"GPE"}
    found = [
        (at - hit.start() if hit.start() < at else (hit.start() - at) * NAME_AFTER_PENALTY, e.name)
        for e in catalog.entities_of(figure.path) if e.label in labels
        for hit in re.finditer(rf"(?<!\w){re.escape(e.name)}(?!\w)", figure.sentence)
    ]  # fmt: skip
    return min(found)[1] if found else None


def test_cached_threads_answer_as_the_pairwise_computation_did(
    shared_dir: Path, tmp_path: Path, analyzer: Analyzer
) -> None:
    root = tmp_path / "news"
    write_dated_copies(shared_dir, root)
    with Library(tmp_path / "index") as library:
        library.update([root], analyser=analyzer.analyse_batch)
        catalog = library.catalog()
        by_key: dict[str, list[CatalogFigure]] = defaultdict(list)
        for article in catalog.articles():
            for figure in catalog.figures_of(article.path):
                if figure.key is not None:
                    by_key[figure.key].append(figure)
        threads = Threads(catalog.entities_of)  # one for every pair: its caches fill as it goes
        compared = linked = 0
        for figures in by_key.values():
            for a in figures:
                assert threads._nearest_name(a) == former_nearest_name(catalog, a)
                for b in figures:
                    if a.path == b.path:
                        continue
                    assert threads.evidence(a, b) == former_evidence(catalog, a, b)
                    same = threads.same_thread(a, b)
                    assert same == Threads(catalog.entities_of).same_thread(a, b)
                    compared += 1
                    linked += same
    assert compared >= 500 and linked >= 50
