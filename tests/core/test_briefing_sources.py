"""The Sources section of briefings: the seed's attributed statements in Markdown and HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.core.analysis import Analyzer
from briefing.core.article import Analysis
from briefing.core.briefing import build_briefing, to_html, to_markdown
from briefing.core.briefing.model import MAX_CLAIM_CHARS, shorten
from briefing.core.ingest import read


def test_seed_briefing_lists_its_sources(seed_path: Path, analyzer: Analyzer) -> None:
    article = read(seed_path)
    briefing = build_briefing([(article, analyzer.analyse(article))], created=dt.date(2024, 1, 22))
    sources = briefing.articles[0].sources
    assert {(s.source, s.kind) for s in sources} >= {
        ("a U.S. official", "anonymous"),
        ("Two security sources in Iraq and a government source", "anonymous"),
        ("The Pentagon", "named"),
        ("Iran", "named"),
    }
    md = to_markdown(briefing)
    section = md[md.index("## Sources") :]
    assert section.index("## Sources") < section.index("---")  # before the colophon
    assert "- **The Pentagon** (named): the attack killed a militia leader" in section
    assert "- **A second US official** (anonymous): the attack was carried out by militants" in section
    page = to_html(briefing)
    assert '<h2 class="section">Sources</h2>' in page and page.count('<td class="claim">') == len(sources)
    assert "Two security sources in Iraq and a government source" in page


def test_without_attributions_the_section_says_so(seed_path: Path) -> None:
    briefing = build_briefing([(read(seed_path), Analysis())])
    assert "## Sources\n\n*No attributed statements.*" in to_markdown(briefing)
    assert "No attributed statements." in to_html(briefing)


def test_long_claims_are_shortened_at_a_word() -> None:
    claim = shorten("word " * 100)
    assert len(claim) <= MAX_CLAIM_CHARS + 2 and claim.endswith(" …") and "  " not in claim
    assert shorten(" a  short\nclaim ") == "a short claim"
