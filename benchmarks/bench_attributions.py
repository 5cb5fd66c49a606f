"""Attributions (who said what) scored against sentences judged by hand.

    python benchmarks/bench_attributions.py [--code DIR ...] [--misses] [--judged FILE]
    python benchmarks/bench_attributions.py --sample N   # the candidate sentences, to judge

``attributions_judged.json`` (next to this script) holds about 150 sentences with an attribution cue,
sampled by a stable hash from the BBC articles, the L3S-GN1 pages' main text (its ground truth)
and the seed, each with the SOURCE and CLAIM spans a careful reader marks (its "conventions" key
says how they were judged). The real Analyzer reads the whole article (so the sentence splitter
works as in the app) and the attributions whose source span lies in the judged sentence are
scored: source exact F1 and overlap F1, claim overlap F1 (over attributions whose claim was
judged), per half (tune / held by a hash, and fresh: sampled later, never tuned on), over all
and per corpus; ``--misses`` lists each judged attribution not found exactly (missed, boundary,
claim) and each spurious one.

Each ``--code DIR`` (default: this checkout) is run in its own subprocess importing ``briefing``
from DIR, so a base and a branch are scored in the same run: ``--code /work/main --code .``.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus"
JUDGED = Path(__file__).with_name("attributions_judged.json")
L3S = "html-l3s-gn1/ground-truth.json"

# Sampling: a sentence is a candidate when one of these words is in it (wider than any rule list,
# so the sample does not follow what one implementation looks for).
_SAMPLE_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|announced|announces|claimed|claims|warned|warns|stated"
    r"|insisted|explained|confirmed|denied|argued|noted|admitted|according to)\b",
    re.IGNORECASE,
)
# A plain splitter used only to draw the sample (not the app's): full stop, ? or ! (and a closing
# quotation mark) then a space and a capital or an opening quote, not after a title or an initial.
_SPLIT = re.compile(r"(?<=[.!?])[\"\u201d']?\s+(?=[\"\u201cA-Z0-9])")
_NO_SPLIT_AFTER = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Capt|Lt|Sgt|Maj|Sen|Rep|Gov|Rev|No|Co|Inc|Corp|Jr|Sr|vs|U\.S|U\.N)"
    r"|\b[A-Z])\.$"
)
# '"Why?" Dechy said.': a question or exclamation quoted before its speaker does not end the sentence.
_SPEAKER_AFTER = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr)\.\s+|[\w'\u2019\-]+\s+){1,6}?(?:said|says|added|asked|told|insisted|explained)\b"
)
# L3S ground truth lost its non-ASCII characters to "?" in some pages ("Kosovo?s"): such pages are
# left out of the sample (a quotation mark read as "?" is not the text a reader sees).
_DAMAGED = re.compile(r"\w\?\w|\?[A-Za-z]")


# --- the corpora -------------------------------------------------------------------------------------


def article_text(source: str, key: str | None) -> str:
    """The text the app analyses: BBC and seed files through briefing's reader, L3S's main text
    with its lines as paragraphs."""
    if source == L3S:
        body = _l3s_pages()[key or ""]["articleBody"] or ""
        return "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    from briefing.core.ingest import read

    return read(CORPUS / source).text


@functools.cache
def _l3s_pages() -> dict[str, Any]:
    pages: dict[str, Any] = json.loads((CORPUS / L3S).read_text(encoding="utf-8"))
    return pages


def _documents() -> Iterator[tuple[str, str | None, str]]:
    manifest = (CORPUS / "bbc" / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    duplicates = {row.split("\t")[0] for row in manifest[1:] if row.split("\t")[5:6] not in ([], [""])}
    for path in sorted((CORPUS / "bbc").glob("bbc_*.txt")):
        if path.name not in duplicates:
            yield f"bbc/{path.name}", None, article_text(f"bbc/{path.name}", None)
    for path in sorted((CORPUS / "seed").glob("*.txt")):
        yield f"seed/{path.name}", None, article_text(f"seed/{path.name}", None)
    pages = _l3s_pages()
    for key in sorted(pages):
        body = pages[key].get("articleBody") or ""
        if body.strip() and not _DAMAGED.search(body):
            yield L3S, key, article_text(L3S, key)


def plain_sentences(text: str) -> Iterator[str]:
    """The sentences of ``text`` by _SPLIT, within paragraphs (blank-line separated)."""
    for paragraph in text.split("\n\n"):
        start = 0
        for m in _SPLIT.finditer(paragraph):
            end = m.start() + len(m.group()) - len(m.group().lstrip("\"\u201d'"))
            quoted_question = m.group()[:1] in "\"\u201d'" and paragraph[m.start() - 1] in "?!"
            if quoted_question and _SPEAKER_AFTER.match(paragraph, m.end()):
                continue
            if not _NO_SPLIT_AFTER.search(paragraph[start : m.start()]):
                yield paragraph[start:end].strip()
                start = m.end()
        if paragraph[start:].strip():
            yield paragraph[start:].strip()


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def half(item: dict[str, Any]) -> str:
    """tune or held, by a hash of the sentence (stable whatever else is in the file). The "fresh"
    half is not a hash's: it is recorded for the sentences sampled later with --skip-judged."""
    return "tune" if int(digest("half", item["sentence"]), 16) % 2 == 0 else "held"


def sample(n: int, skip: Collection[tuple[str, str]] = ()) -> list[dict[str, Any]]:
    """The ``n`` candidates of lowest hash: 55% BBC and 40% L3S (one sentence per article, so the
    sample spreads over many), and the rest from the seed (its one article). With ``skip`` (the
    (source, key) of articles already judged) those articles are passed over and the seed, all
    judged, gets no share: the next sentences in the same hash order, BBC and L3S kept at 55:40."""
    quota = {"bbc": n * 55 // 100, "html-l3s-gn1": n * 40 // 100}
    if skip:
        quota = {"bbc": n * 55 // 95, "html-l3s-gn1": n - n * 55 // 95}
    quota["seed"] = n - sum(quota.values())
    best: dict[str, list[tuple[str, dict[str, Any]]]] = {k: [] for k in quota}
    for source, key, text in _documents():
        corpus = source.split("/")[0]
        if (source, key or "") in skip:
            continue
        found = [
            (digest(source, key or "", s), s)
            for s in plain_sentences(text)
            if _SAMPLE_CUE.search(s) and len(s) < 600
        ]
        picks = sorted(found) if corpus == "seed" else sorted(found)[:1]
        for h, s in picks:
            item = {"source": source, **({"key": key} if key else {}), "sentence": s}
            best[corpus].append((h, item))
    out = []
    for corpus, items in best.items():
        out += [item for _, item in sorted(items, key=lambda pair: pair[0])[: quota[corpus]]]
    return out


# --- the judged file ---------------------------------------------------------------------------------

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Judged:
    """One attribution, spans relative to its sentence (``claim`` None when not judged)."""

    source: Span
    claim: Span | None
    cue: str = ""


def locate(sentence: str, span: str, nth: int = 0) -> Span:
    """The ``nth`` whole-word occurrence of ``span`` in ``sentence``."""
    found = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(span) + r"(?!\w)", sentence)]
    if nth >= len(found):
        raise ValueError(f"{span!r} (occurrence {nth}) is not in {sentence!r}")
    return found[nth], found[nth] + len(span)


def judged(item: dict[str, Any]) -> list[Judged]:
    out = []
    for a in item["attributions"]:
        source = locate(item["sentence"], a["source"], a.get("source_at", 0))
        claim = locate(item["sentence"], a["claim"], a.get("claim_at", 0)) if a.get("claim") else None
        out.append(Judged(source, claim, a.get("cue", "")))
    return out


def load(path: Path = JUDGED) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["items"]
    return items


# --- scoring -----------------------------------------------------------------------------------------


def overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _matching(n_gold: int, n_pred: int, edge: Any) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of gold to predicted items (augmenting paths; a sentence has few)."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p in range(n_pred):
            if p not in seen and edge(g, p):
                seen.add(p)
                if p not in owner or augment(owner[p], seen):
                    owner[p] = g
                    return True
        return False

    for g in range(n_gold):
        augment(g, set())
    return sorted((g, p) for p, g in owner.items())


MEASURES = ("source_exact", "source_overlap", "claim_overlap", "source_and_claim_overlap")


def _edges(gold: Sequence[Judged], pred: Sequence[Judged]) -> dict[str, Any]:
    return {
        "source_exact": lambda g, p: gold[g].source == pred[p].source,
        "source_overlap": lambda g, p: overlaps(gold[g].source, pred[p].source),
        "claim_overlap": lambda g, p: overlaps(gold[g].claim, pred[p].claim),
        "source_and_claim_overlap": lambda g, p: overlaps(gold[g].source, pred[p].source)
        and (gold[g].claim is None or overlaps(gold[g].claim, pred[p].claim)),
    }


def count(gold: Sequence[Judged], pred: Sequence[Judged]) -> dict[str, tuple[int, int, int]]:
    """Per measure: (hits, predicted, gold) for one sentence. Claims count only where one was judged."""
    out = {}
    for name, edge in _edges(gold, pred).items():
        hits = len(_matching(len(gold), len(pred), edge))
        n_gold = sum(g.claim is not None for g in gold) if name == "claim_overlap" else len(gold)
        out[name] = (hits, len(pred), n_gold)
    return out


def prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(100 * p, 1), "R": round(100 * r, 1), "F1": round(100 * f, 1), "hits": hits,
            "predicted": n_pred, "gold": n_gold}  # fmt: skip


def score(items: Sequence[dict[str, Any]], predicted: Sequence[Sequence[Judged]]) -> dict[str, Any]:
    """Source exact / overlap, claim overlap and both, per half, over all and per corpus (micro-averaged)."""
    groups = ["tune", "held", "fresh", "all", *sorted({"corpus:" + i["source"].split("/")[0] for i in items})]
    totals = {g: {m: [0, 0, 0] for m in MEASURES} for g in groups}
    sentences = dict.fromkeys(groups, 0)
    for item, pred in zip(items, predicted, strict=True):
        counts = count(judged(item), pred)
        for group in (item["half"], "all", "corpus:" + item["source"].split("/")[0]):
            sentences[group] += 1
            for m in MEASURES:
                for k in range(3):
                    totals[group][m][k] += counts[m][k]
    result = {g: {"sentences": sentences[g], **{m: prf(*totals[g][m]) for m in MEASURES}} for g in groups}
    by_corpus = {g.removeprefix("corpus:"): result.pop(g) for g in groups if g.startswith("corpus:")}
    return {**result, "by_corpus": by_corpus}


def misses(items: Sequence[dict[str, Any]], predicted: Sequence[Sequence[Judged]]) -> list[dict[str, Any]]:
    """Each judged attribution whose source was not found exactly, and each prediction matching none."""
    out = []
    for item, pred in zip(items, predicted, strict=True):
        gold = judged(item)
        s = item["sentence"]
        exact = dict(_matching(len(gold), len(pred), _edges(gold, pred)["source_exact"]))
        loose = dict(_matching(len(gold), len(pred), _edges(gold, pred)["source_overlap"]))
        used = set(exact.values()) | set(loose.values())
        for g, j in enumerate(gold):
            p = exact.get(g, loose.get(g))
            kind = "exact" if g in exact else "boundary" if g in loose else "missed"
            if kind == "exact" and (j.claim is None or overlaps(j.claim, pred[exact[g]].claim)):
                continue  # right
            row = {"kind": kind if kind != "exact" else "claim", "cue": j.cue, "source": s[slice(*j.source)]}
            if p is not None:
                row["found"] = s[slice(*pred[p].source)]
                row["found_claim"] = _cut(s, pred[p].claim)
            row["claim"] = _cut(s, j.claim)
            out.append({"half": item["half"], "file": item["source"], "sentence": s, **row})
        for p, q in enumerate(pred):
            if p not in used:
                found = {"found": s[slice(*q.source)], "found_claim": _cut(s, q.claim)}
                out.append({"half": item["half"], "file": item["source"], "sentence": s, "kind": "spurious",
                            "cue": q.cue, **found})  # fmt: skip
    return out


def _cut(sentence: str, span: Span | None) -> str | None:
    """The span's text; a claim running past the sentence is shown to its edge with "...". """
    if span is None:
        return None
    start, end = max(0, span[0]), min(len(sentence), span[1])
    return ("..." if span[0] < 0 else "") + sentence[start:end] + ("..." if span[1] > len(sentence) else "")


# --- running a checkout ------------------------------------------------------------------------------


def predict(items: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The attributions of the importable ``briefing`` whose source lies in each judged sentence,
    offsets relative to the sentence. Each article is analysed whole, as the app does."""
    from briefing.core.analysis import Analyzer
    from briefing.core.ingest import read

    analyzer = Analyzer()
    cache: dict[tuple[str, str | None], tuple[str, Any]] = {}
    out = []
    for item in items:
        where = (item["source"], item.get("key"))
        if where not in cache:
            if item["source"] == L3S:
                text = article_text(L3S, item.get("key"))
                cache[where] = text, analyzer.analyse_text(text)
            else:
                article = read(CORPUS / item["source"])
                cache[where] = article.text, analyzer.analyse(article)
        text, analysis = cache[where]
        at = text.find(item["sentence"])
        if at < 0:
            sys.exit(f"{item['source']}: the judged sentence is not in the text read: {item['sentence']!r}")
        end = at + len(item["sentence"])
        rows = []
        for a in analysis.attributions:
            if a.start < end and at < a.end:
                claim = [a.claim_start - at, a.claim_end - at]
                rows.append({"source": [a.start - at, a.end - at], "claim": claim, "name": a.source,
                             "cue": getattr(a, "cue", "")})  # fmt: skip
        out.append(rows)
    return out


def as_judged(rows: Sequence[dict[str, Any]]) -> list[Judged]:
    out = []
    for r in rows:
        claim = (r["claim"][0], r["claim"][1]) if r["claim"] else None
        out.append(Judged((r["source"][0], r["source"][1]), claim, r["cue"]))
    return out


def _run(code: Path, judged_path: Path) -> list[list[dict[str, Any]]]:
    """``predict`` in a subprocess that imports ``briefing`` from ``code``."""
    args = [sys.executable, __file__, "--predict", "--code", str(code), "--judged", str(judged_path)]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    rows: list[list[dict[str, Any]]] = json.loads(out)
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--code", type=Path, action="append", help="checkout to score (repeatable)")
    parser.add_argument("--judged", type=Path, default=JUDGED, help="judged sentences (default: beside this)")
    parser.add_argument("--misses", action="store_true", help="also list what each checkout got wrong")
    parser.add_argument("--sample", type=int, help="print N candidate sentences to judge, and stop")
    parser.add_argument("--skip-judged", action="store_true",
                        help="with --sample: pass over the articles already in --judged (a fresh set)")
    parser.add_argument("--predict", action="store_true", help=argparse.SUPPRESS)  # the subprocess's part
    args = parser.parse_args(argv)
    codes = [c.resolve() for c in (args.code or [PROJECT])]
    if not CORPUS.is_dir():
        sys.exit(f"needs {CORPUS} (the shared corpora)")
    if args.sample:
        sys.path.insert(0, str(codes[0]))
        skip = {(i["source"], i.get("key", "")) for i in load(args.judged)} if args.skip_judged else set()
        print(json.dumps(sample(args.sample, skip), indent=1, ensure_ascii=False))
        return
    items = load(args.judged)
    if args.predict:
        sys.path.insert(0, str(codes[0]))
        print(json.dumps(predict(items)))
        return
    n_judged = sum(len(i["attributions"]) for i in items)
    report: dict[str, Any] = {"judged": str(args.judged), "sentences": len(items), "attributions": n_judged,
                              "runs": []}  # fmt: skip
    for code in codes:
        started = time.perf_counter()
        predicted = [as_judged(rows) for rows in _run(code, args.judged)]
        run: dict[str, Any] = {"code": str(code), "seconds": round(time.perf_counter() - started, 1)}
        run.update(score(items, predicted))
        if args.misses:
            run["misses"] = misses(items, predicted)
        report["runs"].append(run)
        print(f"{code}: {json.dumps(run['all'])}", file=sys.stderr)
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
