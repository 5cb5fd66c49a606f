"""Sources and claims: attributed statements of the seed and of BBC articles, analysed for real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.core.analysis import Analyzer
from briefing.core.article import Analysis, Article, Attribution
from briefing.core.ingest import read

# The seed's sources: (source as the text gives it, anonymous, words the claim starts with).
SEED_SOURCES = [
    ("a U.S. official", True, "U.S. personnel suffered minor injuries"),
    ("The official", True, "initial reports suggested"),
    ("Two security sources in Iraq and a government source", True, "the base was hit by multiple rockets"),
    ("A second US official", True, "the attack was carried out by militants"),
    ("Iraqi Prime Minister Mohammed Shia al-Sudani's office", False, "steps to evacuate US forces"),
    ("The Pentagon", False, "the attack killed a militia leader"),
    ("Iran", False, "was an attack on an Israeli spy headquarters"),
]


@pytest.fixture(scope="module")
def seed(seed_path: Path, analyzer: Analyzer) -> tuple[Article, Analysis]:
    article = read(seed_path)
    return article, analyzer.analyse(article)


def _claim(article: Article, a: Attribution) -> str:
    return article.text[a.claim_start : a.claim_end]


def test_the_seed_sources_are_all_found(seed: tuple[Article, Analysis]) -> None:
    article, analysis = seed
    for source, anonymous, claim in SEED_SOURCES:
        matches = [
            a for a in analysis.attributions if a.source == source and _claim(article, a).startswith(claim)
        ]
        assert len(matches) == 1, (source, [(a.source, _claim(article, a)) for a in analysis.attributions])
        assert matches[0].anonymous is anonymous, source


def test_the_seed_claims_are_inside_their_sentences(seed: tuple[Article, Analysis]) -> None:
    article, analysis = seed
    for a in analysis.attributions:
        claim = _claim(article, a)
        assert claim == claim.strip() and len(claim) > 10
        # A claim does not run past the end of its sentence ("U.S. personnel" is not an end).
        assert "\n" not in claim and re.search(r"[a-z]\. [A-Z]", claim) is None
        if a.source != "Iran":  # "it" stands for Iran: the span is the pronoun
            assert article.text[a.start : a.end] == a.source
        assert a.cue in ("said", "announced")


def test_the_official_speaking_anonymously(seed: tuple[Article, Analysis]) -> None:
    article, analysis = seed
    official = next(a for a in analysis.attributions if a.source == "The official")
    assert _claim(article, official).startswith("initial reports suggested the base had been hit")
    assert "condition of anonymity" not in _claim(article, official)
    iran = next(a for a in analysis.attributions if a.source == "Iran")
    assert article.text[iran.start : iran.end] == "it"
    assert "claims disputed" not in _claim(article, iran)


def test_attributions_survive_json_and_old_caches(seed: tuple[Article, Analysis]) -> None:
    _, analysis = seed
    data = analysis.to_dict()
    assert {"source", "anonymous", "start", "end", "claim_start", "claim_end"} <= set(data["attributions"][0])
    assert Analysis.from_dict(data) == analysis
    del data["attributions"]
    assert Analysis.from_dict(data).attributions == ()


def test_sentences_without_a_source(analyzer: Analyzer) -> None:
    text = "The bridge is said to be unsafe. Prices rose in March. She told him to go home and said nothing."
    assert analyzer.analyse_text(text).attributions == ()


def _bbc(shared_dir: Path, analyzer: Analyzer, name: str) -> tuple[Article, Analysis]:
    article = read(shared_dir / "corpus" / "bbc" / name)
    return article, analyzer.analyse(article)


@pytest.mark.shared
def test_a_quote_before_said_goes_to_the_person_after(shared_dir: Path, analyzer: Analyzer) -> None:
    article, analysis = _bbc(shared_dir, analyzer, "bbc_politics_020.txt")
    greener = next(a for a in analysis.attributions if "Sir Anthony Greener" in a.source)
    assert not greener.anonymous and greener.cue == "said"
    assert _claim(article, greener).startswith("Any partial implementation of the proposals")
    sheerman = next(a for a in analysis.attributions if "Barry Sheerman" in a.source)
    assert _claim(article, sheerman).startswith("It will be a tragedy")


@pytest.mark.shared
def test_he_said_is_the_person_last_named(shared_dir: Path, analyzer: Analyzer) -> None:
    article, analysis = _bbc(shared_dir, analyzer, "bbc_tech_040.txt")
    told = next(a for a in analysis.attributions if a.cue == "told")
    assert told.source == "Mike McGuire" and not told.anonymous
    assert _claim(article, told).startswith("Apple had done a good job")
    pronouns = [a for a in analysis.attributions if article.text[a.start : a.end].lower() == "he"]
    assert pronouns and {a.source for a in pronouns} == {"Mike McGuire"}
    analysts = next(a for a in analysis.attributions if a.source == "Analysts")
    assert analysts.anonymous
