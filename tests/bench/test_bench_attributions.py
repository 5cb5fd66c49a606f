"""bench_attributions.py's scoring, on a tiny judged file made by hand, and the shape of the real one."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from bench_attributions import (  # noqa: E402
    CORPUS,
    JUDGED,
    Judged,
    _run,
    as_judged,
    count,
    half,
    judged,
    load,
    locate,
    misses,
    overlaps,
    sample,
    score,
)

S1 = '"Prices will rise," said Brian Taylor of Wells Fargo.'
S2 = "The official, who spoke on condition of anonymity, said he saw it and he said so."
S3 = "He's said to be an inspiring leader."
ITEMS: list[dict[str, Any]] = [
    {"source": "a.txt", "sentence": S1, "half": "tune",
     "attributions": [{"cue": "said", "source": "Brian Taylor of Wells Fargo", "claim": "Prices will rise"}]},
    {"source": "b.txt", "sentence": S2, "half": "held",
     "attributions": [{"cue": "said", "source": "The official", "claim": "he saw it"},
                      {"cue": "said", "source": "he", "source_at": 1, "claim": None}]},
    {"source": "c.txt", "sentence": S3, "half": "held", "attributions": []},
]  # fmt: skip


def span(sentence: str, text: str, nth: int = 0) -> tuple[int, int]:
    return locate(sentence, text, nth)


def test_spans_are_whole_words_and_the_nth_occurrence() -> None:
    assert span(S2, "he", 0) == (S2.index("he saw"), S2.index("he saw") + 2)  # not "The"
    assert span(S2, "he", 1) == (S2.index("he said"), S2.index("he said") + 2)
    with pytest.raises(ValueError):
        span(S2, "he", 2)
    gold = judged(ITEMS[1])
    assert gold[1] == Judged(span(S2, "he", 1), None, "said")


def test_overlap_needs_a_shared_character_and_matching_is_one_to_one_at_best() -> None:
    assert overlaps((0, 5), (4, 9)) and not overlaps((0, 5), (5, 9)) and not overlaps((0, 5), None)
    # gold a overlaps both predictions, gold b only the first: a first-come pairing would find one
    gold = [Judged((0, 10), None), Judged((0, 3), None)]
    pred = [Judged((2, 4), None), Judged((8, 12), None)]
    assert count(gold, pred)["source_overlap"] == (2, 2, 2)
    assert count(gold, pred)["source_exact"] == (0, 2, 2)


def test_exact_and_overlap_and_claims_per_half() -> None:
    predicted = [
        # a shorter source (overlap only) with the right claim
        [Judged(span(S1, "Brian Taylor"), span(S1, "Prices will rise"), "said")],
        # the official found exactly but with a claim elsewhere; the second "he" exactly, its claim
        # not judged; and a second prediction on the official's span that can match nothing else
        [Judged(span(S2, "The official"), span(S2, "who spoke on condition"), "said"),
         Judged(span(S2, "he", 1), span(S2, "so"), "said"),
         Judged(span(S2, "The official"), span(S2, "he saw it"), "said")],
        # a passive read as an attribution: spurious
        [Judged(span(S3, "He"), span(S3, "an inspiring leader"), "said")],
    ]  # fmt: skip
    result = score(ITEMS, predicted)
    tune, held, total = result["tune"], result["held"], result["all"]
    assert (tune["sentences"], held["sentences"], total["sentences"]) == (1, 2, 3)
    assert tune["source_exact"]["hits"] == 0 and tune["source_overlap"]["hits"] == 1
    assert (tune["claim_overlap"]["hits"], tune["source_and_claim_overlap"]["hits"]) == (1, 1)
    # held: 2 gold, 4 predicted; both sources exactly (one-to-one: the duplicate counts once)
    assert held["source_exact"] == {"P": 50.0, "R": 100.0, "F1": 66.7, "hits": 2, "predicted": 4, "gold": 2}
    # claims: only the official's was judged; the third prediction holds it (the matching finds it)
    assert (held["claim_overlap"]["hits"], held["claim_overlap"]["gold"]) == (1, 1)
    # source and claim: the official with the right claim, and "he" whose claim was not judged
    assert held["source_and_claim_overlap"]["hits"] == 2
    assert total["source_exact"] == {"P": 40.0, "R": 66.7, "F1": 50.0, "hits": 2, "predicted": 5, "gold": 3}
    assert total["source_overlap"]["hits"] == 3
    # per corpus (the folder of the file): three one-sentence groups here
    assert sorted(result["by_corpus"]) == ["a.txt", "b.txt", "c.txt"]
    assert result["by_corpus"]["c.txt"]["source_exact"]["predicted"] == 1


def test_misses_say_what_kind() -> None:
    predicted = [
        [Judged(span(S1, "Brian Taylor"), span(S1, "Prices will rise"), "said")],
        [Judged(span(S2, "The official"), span(S2, "who spoke on condition"), "said")],
        [Judged(span(S3, "He"), None, "said")],
    ]
    rows = misses(ITEMS, predicted)
    kinds = [(r["kind"], r.get("source"), r.get("found")) for r in rows]
    assert kinds == [
        ("boundary", "Brian Taylor of Wells Fargo", "Brian Taylor"),
        ("claim", "The official", "The official"),
        ("missed", "he", None),
        ("spurious", None, "He"),
    ]


def test_the_fresh_half_is_scored_on_its_own() -> None:
    items = [*ITEMS, {**ITEMS[0], "half": "fresh"}]
    exact = Judged(span(S1, "Brian Taylor of Wells Fargo"), span(S1, "Prices will rise"), "said")
    predicted: list[list[Judged]] = [[], [], [], [exact]]
    result = score(items, predicted)
    assert result["fresh"]["sentences"] == 1 and result["fresh"]["source_exact"]["hits"] == 1
    assert result["tune"]["source_exact"]["hits"] == 0 and result["all"]["sentences"] == 4
    assert result["by_corpus"]["a.txt"]["sentences"] == 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus (the sampled corpora)")
def test_skipping_judged_articles_draws_new_ones_and_no_seed() -> None:
    skip = {(i["source"], i.get("key", "")) for i in load()}
    drawn = sample(20, skip)
    assert len(drawn) == 20 and not any(d["source"].startswith("seed/") for d in drawn)
    assert not {(d["source"], d.get("key", "")) for d in drawn} & skip
    assert sum(d["source"].startswith("bbc/") for d in drawn) == 20 * 55 // 95


def test_the_judged_file_holds_together() -> None:
    data = json.loads(JUDGED.read_text(encoding="utf-8"))
    assert data["conventions"]
    items = load()
    assert len(items) >= 140
    assert {i["half"] for i in items} == {"tune", "held", "fresh"}
    assert sum(i["half"] == "fresh" for i in items) >= 90
    fresh = {(i["source"], i.get("key")) for i in items if i["half"] == "fresh"}
    assert not fresh & {(i["source"], i.get("key")) for i in items if i["half"] != "fresh"}  # new articles
    for item in items:
        if item["half"] != "fresh":
            assert item["half"] == half(item)  # recorded tune/held halves are the hash's
        judged(item)  # every span is in its sentence (raises if not)
    assert len({(i["source"], i.get("key"), i["sentence"]) for i in items}) == len(items)


@pytest.mark.skipif(not (BENCHMARKS.parent.parent / "shared" / "corpus" / "seed").is_dir(),
                    reason="needs ../shared/corpus (the seed article)")  # fmt: skip
def test_a_checkout_is_run_in_its_own_process_and_its_offsets_land_on_the_sentence(tmp_path: Path) -> None:
    sentence = "An assessment is ongoing, the official said."
    attribution = {"cue": "said", "source": "the official", "claim": "An assessment is ongoing"}
    seed = "seed/000_1485d72a6eece34e.txt"
    item = {"source": seed, "sentence": sentence, "attributions": [attribution]}
    item["half"] = half(item)
    path = tmp_path / "judged.json"
    path.write_text(json.dumps({"conventions": [], "items": [item]}), encoding="utf-8")
    rows = _run(BENCHMARKS.parent, path)
    assert len(rows) == 1 and rows[0], rows  # the real Analyzer finds this one
    found = as_judged(rows[0])
    assert [sentence[slice(*a.source)] for a in found] == ["the official"]
    assert score([item], [found])["all"]["source_exact"]["F1"] == 100.0
