"""A generated library big enough to be killed mid-index: many small articles, then a few slow pages."""

from __future__ import annotations

from pathlib import Path

_FILLER = "Residents gathered at the town hall to discuss the plan at length. " * 30
_SLOW_PARAGRAPH = "The committee reviewed the evidence and heard from witnesses over several days"


def make_library(root: Path, small: int = 250, slow: int = 8) -> int:
    """``small`` text articles (each with the unique word ``measure<N>``), then ``slow`` large pages
    (about half a second each to read), so a run spends seconds after its first commit. Returns the count."""
    root.mkdir(parents=True, exist_ok=True)
    for n in range(small):
        text = f"Council report {n}\n\nThe council voted on measure{n} today. {_FILLER}\n"
        (root / f"a{n:04d}.txt").write_text(text, encoding="utf-8")
    for n in range(slow):
        # Distinct paragraphs: the extractor drops repeated ones.
        body = "".join(
            f"<p>{_SLOW_PARAGRAPH}, session {n}-{k}, and adjourned at {k % 12} o'clock.</p>\n"
            for k in range(2500)
        )
        page = (
            f"<html><head><title>Long hearing {n}</title></head><body><article>{body}</article></body></html>"
        )
        (root / f"z{n:02d}.html").write_text(page, encoding="utf-8")
    return small + slow
