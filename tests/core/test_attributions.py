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


def _first_in(article: Article, analysis: Analysis, sentence_start: str) -> tuple[str, str]:
    """(source span, claim) of the first attribution from the sentence starting with the words given."""
    start = article.text.index(sentence_start)
    after = [a for a in analysis.attributions if a.claim_start >= start or a.start >= start]
    first = min(after, key=lambda a: a.start)
    return article.text[first.start : first.end], _claim(article, first)


# Sources only the parse of the sentence finds whole (the rules found none, or a phrase with more or
# less): (article, the sentence's first words, the source, the claim's first words).
PARSED_SOURCES = [
    # An adverb of time before the subject is not part of it.
    ("bbc_politics_075.txt", "Later the prime minister said", "the prime minister", "A lot of us"),
    # The source after the claim, before the verb.
    ("bbc_sport_402.txt", "Sydney will host a", "the Australian Rugby Union (ARU)", "Sydney will host"),
    # A description, then the name in apposition: the description is the phrase (the name is its name).
    ("bbc_entertainment_174.txt", "ITV's controller of", "ITV's controller of entertainment", "she had no"),
    # "X called ... but said": the second verb's subject is the first's.
    ("bbc_politics_268.txt", "Tory Shadow Chancellor", "Tory Shadow Chancellor Oliver Letwin", "it did"),
    # A subject inside a subordinate clause ("after European policy makers said").
    ("bbc_business_376.txt", "Disappointing economic reports", "European policy makers", "they were worried"),
    # "according to" a source that is not a name.
    ("bbc_tech_296.txt", "More than 57% of the consumer", "CEA research", "More than 57%"),
]


@pytest.mark.shared
@pytest.mark.parametrize(("name", "sentence", "source", "claim"), PARSED_SOURCES)
def test_sources_from_the_parse(
    shared_dir: Path, analyzer: Analyzer, name: str, sentence: str, source: str, claim: str
) -> None:
    article, analysis = _bbc(shared_dir, analyzer, name)
    found_source, found_claim = _first_in(article, analysis, sentence)
    assert found_source == source and found_claim.startswith(claim), (found_source, found_claim)


def test_the_parse_tells_reported_speech_from_other_uses(analyzer: Analyzer) -> None:
    text = (
        "The ministry, which said the talks had failed, refused to comment further.\n\n"
        "The new stadium is said to cost more than the old one.\n\n"
        "Residents will have a say in the plans, officials announced on Monday."
    )
    analysis = analyzer.analyse_text(text)
    found = [(text[a.start : a.end], text[a.claim_start : a.claim_end]) for a in analysis.attributions]
    assert found == [
        ("The ministry", "the talks had failed"),
        ("officials", "Residents will have a say in the plans"),
    ]


def test_without_a_parser_the_rules_alone(seed: tuple[Article, Analysis]) -> None:
    """The rules answer where the pipeline has no parser: the seed's plain sources are the same."""
    from briefing.core.analysis import nlp as pipeline
    from briefing.core.analysis.attributions import extract_attributions
    from briefing.core.analysis.entities import extract_entities
    from briefing.core.analysis.sentences import debris_spans, sentences

    article, analysis = seed
    doc = pipeline.load()(article.text)
    debris = debris_spans(doc.text)
    entities = extract_entities(doc, debris)
    by_rule = extract_attributions(doc, sentences(doc, debris), entities, parser=None)
    assert {a.source for a in by_rule} >= {"a U.S. official", "The Pentagon", "Iran"}
    # The coordinated subject is one source only from the parse... and from the rules' coordination.
    assert {a.source for a in by_rule} & {a.source for a in analysis.attributions}
