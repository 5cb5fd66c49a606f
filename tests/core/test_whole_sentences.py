"""Sentences stay whole after titles, abbreviations and initials, on real US news (L3S-GN1) and the seed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.core.analysis import Analyzer
from briefing.core.analysis.sentences import debris_spans, sentences
from briefing.core.article import Analysis

# A sentence cut after one of these (or after an initial) was cut inside a sentence.
_CUT = re.compile(r"(?:\b(?:Mr|Mrs|Dr|Capt|Gen|Col|Lt|Sen|Gov|Rep|St|No)|(?<=\s)[A-Z])\.[\"'\u201d)]*$")

# L3S-GN1 pages whose labelled body writes "Sen. Hillary Rodham Clinton", "former Massachusetts Gov.
# Michael Dukakis", "Iraqi Lt. Gen. Nasier Abadi", "John F. Kerry".
PAGES = ("754e1ae9-2d75-4b42-8872-d881c68eee13", "ce6830ee-9292-4855-be7b-c5fe64d347b2")


@pytest.fixture(scope="module")
def bodies(shared_dir: Path) -> dict[str, str]:
    truth = json.loads((shared_dir / "corpus" / "html-l3s-gn1" / "ground-truth.json").read_text("utf-8"))
    return {page: truth[page]["articleBody"] for page in PAGES}


def _sentences(analyzer: Analyzer, text: str) -> list[str]:
    doc = analyzer.parse([text])[0]
    return [text[s.start : s.end] for s in sentences(doc, debris_spans(text))]


@pytest.mark.shared
@pytest.mark.parametrize("page", PAGES)
def test_no_sentence_ends_at_a_title_in_real_us_news(
    analyzer: Analyzer, bodies: dict[str, str], page: str
) -> None:
    found = _sentences(analyzer, bodies[page])
    assert found
    assert not [s for s in found if _CUT.search(s)]


@pytest.mark.shared
def test_titles_and_initials_stay_inside_their_sentence(analyzer: Analyzer, bodies: dict[str, str]) -> None:
    found = _sentences(analyzer, bodies[PAGES[1]]) + _sentences(analyzer, bodies[PAGES[0]])
    for name in ("Lt. Gen. Nasier Abadi", "Gen. David Petraeus", "Gov. Michael Dukakis", "John F. Kerry"):
        holding = [s for s in found if name in s]
        assert holding, name
        assert all(not s.startswith(name.split()[-1]) for s in holding)


@pytest.mark.shared
def test_summaries_figures_and_claims_use_whole_sentences(analyzer: Analyzer, bodies: dict[str, str]) -> None:
    for body in bodies.values():
        analysis: Analysis = analyzer.analyse_text(body)
        assert analysis.summary
        assert not [s for s in analysis.summary if _CUT.search(s)]
        assert not [f.sentence for f in analysis.figures if _CUT.search(f.sentence.rstrip())]
        claims = [body[a.claim_start : a.claim_end] for a in analysis.attributions]
        assert not [c for c in claims if _CUT.search(c.rstrip())]


def test_a_cut_between_an_abbreviation_and_its_full_stop_is_mended(analyzer: Analyzer) -> None:
    # The sentence model cuts "Lt" from its "." here; "Capt." ends the first piece.
    text = (
        "The statement was read by the press operations director Navy Capt. Tamara Lawrence. "
        "Lt. Col. John Smith spoke at 10 a.m. at the base. It was No. 5 on the list."
    )
    assert _sentences(analyzer, text) == [
        "The statement was read by the press operations director Navy Capt. Tamara Lawrence.",
        "Lt. Col. John Smith spoke at 10 a.m. at the base.",
        "It was No. 5 on the list.",
    ]


def test_quotes_and_line_breaks_still_end_sentences(analyzer: Analyzer) -> None:
    text = 'U.S. officials said they met. "We are here," he said. "It is over."\n\nMr. Brown\nleft.'
    found = _sentences(analyzer, text)
    assert found[:3] == ["U.S. officials said they met.", '"We are here," he said.', '"It is over."']
    assert "Mr. Brown" in found and "left." in found


def test_seed_sentences_are_unchanged(analyzer: Analyzer, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    found = _sentences(analyzer, text)
    assert any(s.startswith("Since the Israel-Hamas war began in October") for s in found)
    concerned = "Iraq is deeply concerned that it could become a battlefield between the United States, Israel and Iran."  # noqa: E501
    assert concerned in found
