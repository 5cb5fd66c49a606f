"""Finding the query's words for snippets: the quick scan finds exactly what reading every word finds."""

from __future__ import annotations

import random
from pathlib import Path

from whoosh.analysis.tokenizers import default_pattern

from briefing.core.library.snippets import _all_matches, _matches, index_form


def test_the_quick_scan_finds_every_word_a_full_scan_finds(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpus" / "bbc").glob("bbc_*.txt"))[::15]
    chance = random.Random(7)
    compared = 0
    for path in files:
        body = path.read_text(encoding="utf-8", errors="replace")
        forms = sorted({index_form(m.group(0)) for m in default_pattern.finditer(body)})
        for size in (1, 2, 3, 6):
            terms = frozenset([*chance.sample(forms, min(size, len(forms))), "zzyzx"])
            expected = _all_matches(body, terms)
            assert _matches(body, terms) == expected, (path.name, sorted(terms))
            compared += len(expected)
    assert compared > 1000


def test_words_whose_stem_begins_otherwise_and_words_inside_others() -> None:
    body = "Skies cleared. U.S. troops were dying; the dye dried. Lying low, a USS ship, usual use, U.S.A."
    terms = frozenset({"sky", "die", "lie", "us", "use", "usa"})
    assert _matches(body, terms) == _all_matches(body, terms)
    assert [body[s:e] for s, e, _ in _matches(body, terms)] == ["Skies", "dying", "Lying", "use"]


def test_accented_words_are_read_in_full() -> None:
    body = "Über-rich Zürich and the uber economy"
    terms = frozenset({"uber", "zurich"})
    assert [body[s:e] for s, e, _ in _matches(body, terms)] == ["Über", "Zürich", "uber"]
