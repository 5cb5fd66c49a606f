"""Extractive summaries: whole sentences of the article, in order, without captions or debris."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.core.analysis import Analyzer
from briefing.core.analysis.summary import MAX_SENTENCES, MIN_SENTENCES
from briefing.core.article import Article
from tests.core.articles import raw_article

BBC = [
    "bbc_business_001.txt",
    "bbc_business_050.txt",
    "bbc_business_400.txt",
    "bbc_politics_010.txt",
    "bbc_politics_200.txt",
    "bbc_politics_333.txt",
    "bbc_sport_005.txt",
    "bbc_sport_300.txt",
    "bbc_tech_020.txt",
    "bbc_tech_150.txt",
    "bbc_entertainment_033.txt",
    "bbc_entertainment_200.txt",
]




def assert_well_formed(article: Article, summary: tuple[str, ...]) -> None:
    assert MIN_SENTENCES <= len(summary) <= MAX_SENTENCES, summary
    positions = [article.text.index(s) for s in summary]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    for sentence in summary:
        assert sentence == sentence.strip()
        assert re.search(r"[.!?][\"'\u201d\u2019)]*$", sentence), sentence
        assert sentence[0].isupper() or sentence[0] in "\"'\u201c(", sentence
        assert "\n" not in sentence
        assert sentence != article.title


def test_seed_summary(analyzer: Analyzer, seed_path: Path) -> None:
    article = raw_article(seed_path)
    summary = analyzer.analyse(article).summary
    assert_well_formed(article, summary)
    assert summary[0].startswith("U.S. personnel suffered minor injuries")
    for sentence in summary:
        assert "(Source:" not in sentence
        assert "Advertising" not in sentence
        # The photo caption is not article text.
        assert not sentence.startswith("U.S. Embassy security guards")
        assert sentence != "US troops in Iraq"


def test_seed_summary_through_the_reader(analyzer: Analyzer, seed_path: Path) -> None:
    from briefing.core.ingest import read

    article = read(seed_path)
    assert_well_formed(article, analyzer.analyse(article).summary)


@pytest.mark.shared
@pytest.mark.parametrize("name", BBC)
def test_bbc_summaries(analyzer: Analyzer, shared_dir: Path, name: str) -> None:
    article = raw_article(shared_dir / "corpus" / "bbc" / name)
    summary = analyzer.analyse(article).summary
    assert_well_formed(article, summary)
    # News leads with what matters: the first paragraph opens the summary.
    assert article.text.startswith(summary[0])


@pytest.mark.shared
def test_batch_summaries_are_the_single_ones(analyzer: Analyzer, shared_dir: Path) -> None:
    articles = [raw_article(shared_dir / "corpus" / "bbc" / name) for name in BBC[:4]]
    batch = analyzer.analyse_batch(articles)
    assert [a.summary for a in batch] == [analyzer.analyse(a).summary for a in articles]


def test_a_single_sentence_summarises_itself(analyzer: Analyzer) -> None:
    sentence = "Inflation in the euro area fell to 2.4% in November, the lowest rate since July 2021."
    assert analyzer.analyse_text(sentence).summary == (sentence,)


def test_subheadings_and_teasers_are_never_chosen(analyzer: Analyzer) -> None:
    text = (
        "Storm damage\n\n"
        "Heavy rain flooded hundreds of homes across Cumbria on Saturday, the Environment Agency said.\n\n"
        "Residents were moved to emergency shelters in Carlisle as the river rose.\n\n"
        "What happens next\n\n"
        "Forecasters expect more rain on Monday, and officials warned roads may close again.\n\n"
        "Read the full story..."
    )
    summary = analyzer.analyse_text(text).summary
    assert summary == (
        "Heavy rain flooded hundreds of homes across Cumbria on Saturday, the Environment Agency said.",
        "Residents were moved to emergency shelters in Carlisle as the river rose.",
        "Forecasters expect more rain on Monday, and officials warned roads may close again.",
    )
