"""Facet counts stay exact across segments, commits and deletions (the per-segment arrays are cached)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from briefing.core.article import Analysis, Article, Entity
from briefing.core.library import Library


def capitals(articles: Sequence[Article]) -> list[Analysis]:
    """Capitalised words as ORG entities."""
    out = []
    for article in articles:
        entities = []
        for match in re.finditer(r"\b[A-Z][a-z]+\b", article.text):
            entities.append(Entity(match.start(), match.end(), match.group(0), "ORG", match.group(0)))
        out.append(Analysis(entities=tuple(entities)))
    return out


def write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Title\n\n{body}\n", encoding="utf-8")


def test_facets_over_several_segments_and_after_a_deletion(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    for n in range(6):
        write(root / f"a{n}.txt", "Harbour news from Lisbon" + (" and Porto." if n % 2 else "."))
    with Library(tmp_path / "index") as lib:
        lib.update([root], analyser=capitals)
        searcher = lib.searcher()
        assert searcher.search("harbour").facets["org"] == {"Harbour": 6, "Lisbon": 6, "Porto": 3}
        write(root / "b.txt", "Harbour talks in Madrid and Porto.")
        lib.update(analyser=capitals)  # a second segment
        result = searcher.search("harbour")
        assert result.total == 7
        assert result.facets["org"] == {"Harbour": 7, "Lisbon": 6, "Porto": 4, "Madrid": 1}
        assert searcher.search("porto", filters={"org": "Madrid"}).facets["org"] == {
            "Harbour": 1,
            "Madrid": 1,
            "Porto": 1,
        }
        (root / "a1.txt").unlink()
        lib.update(analyser=capitals)
        assert searcher.search("harbour").facets["org"] == {
            "Harbour": 6,
            "Lisbon": 5,
            "Porto": 3,
            "Madrid": 1,
        }


def test_facets_keep_the_top_values_with_ties_by_name(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    names = [f"Name{chr(97 + i)}" for i in range(25)]
    for n, name in enumerate(names):
        write(root / f"a{n}.txt", f"Harbour {name}." + (" Zulu." if n < 3 else ""))
    with Library(tmp_path / "index") as lib:
        lib.update([root], analyser=capitals)
        counts = lib.searcher().search("harbour").facets["org"]
        assert list(counts) == ["Harbour", "Zulu", *names[:18]]
        assert counts["Zulu"] == 3 and counts["Namea"] == 1
