"""bench_scale.py's library builder: variants of real BBC articles make a valid library at a tiny size."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing.core.library import Library

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_scale  # noqa: E402
from corpus import read_originals  # noqa: E402

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.mark.usefixtures("shared_dir")
def test_tiny_scale_library_is_valid(tmp_path: Path) -> None:
    originals = read_originals()[::111]  # 21 articles, four or more of each category
    analyser = bench_scale.VariantAnalyser.build(originals, tmp_path / "paragraph-analyses.json")
    folder = tmp_path / "n50"
    folder.mkdir()
    info = bench_scale.build_library(folder, originals, analyser, 50, seed=7)
    assert info["articles"] == info["added"] == 50
    assert info["failed"] == 0 and info["paragraphs_unknown"] == 0
    assert info["whoosh_mb"] > 0 and info["index_dir_mb"] >= info["whoosh_mb"]
    # Built once: a second call reads what the first measured instead of indexing again.
    assert bench_scale.build_library(folder, originals, analyser, 50, seed=7) == info
    # The cached table gives the same analyser as the one that ran spaCy.
    cached = bench_scale.VariantAnalyser.build(originals, tmp_path / "paragraph-analyses.json")
    assert cached.entities == analyser.entities and cached.figures == analyser.figures

    index = bench_scale.index_path(folder)
    with Library(index) as library:
        paths = [hit.path for hit in library.searcher().search("", limit=100, facets=False).hits]
        assert len(paths) == 50
        entities = figures = 0
        for article, analysis in library.documents(paths):
            assert analysis is not None
            # Entities and figures moved with their paragraphs still sit on their own words.
            for entity in analysis.entities:
                assert article.text[entity.start : entity.end] == entity.text
            for figure in analysis.figures:
                assert article.text[figure.start : figure.end] == figure.text
                assert article.text[figure.sentence_start :].startswith(figure.sentence.rstrip())
            entities += len(analysis.entities)
            figures += len(analysis.figures)
        assert entities > 500 and figures > 50
        title_word = next(w for w in originals[3].title.split() if len(w) > 4)
        assert library.searcher().search(title_word, limit=10).total >= 2  # the original and a variant

    across = bench_scale.measure_across(index)
    assert across["catalog_synced_articles"] == 50
    assert across["since_new_articles"] == 25  # half the library was briefed
    assert across["entity_directory_entities"] > 20
