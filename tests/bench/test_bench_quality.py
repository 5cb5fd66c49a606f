"""bench_quality.py's NewsQuant adapter: a Figure as NewsQuant annotates it, on real figures."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from bench_quality import _newsquant_figure  # noqa: E402

from briefing.core.analysis import nlp  # noqa: E402
from briefing.core.analysis.figures import extract_figures  # noqa: E402
from briefing.core.analysis.parse import sentence_parser  # noqa: E402


def test_a_counts_noun_is_its_unit_and_what_is_left_its_concept() -> None:
    pipeline = nlp.load()
    text = (
        "The two sides met in Geneva. Acme, which employs 4,000 staff in Leeds, raised $5m. "
        "Police charged him with two counts of fraud."
    )
    figures = sorted(extract_figures(pipeline(text), sentence_parser(pipeline)), key=lambda f: f.start)
    rows = {f.start: _newsquant_figure(f) for f in figures}
    sides, staff, money, counts = (rows[text.index(w)] for w in ("two sides", "4,000", "$5m", "two counts"))
    assert (sides["unit"], sides["concept"]) == ("sides", None)  # NewsQuant's "-": nothing but the noun
    assert (staff["unit"], staff["concept"]) == ("staff", "in Leeds Acme")
    assert (counts["unit"], (counts["concept"] or "").startswith("of fraud")) == ("counts", True)
    assert money["unit"] == "dollar" and money["concept"] == money["shown"]  # a sum is left as it is
    assert sides["shown"] == "sides"  # what the reader sees is kept
