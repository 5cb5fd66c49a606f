#!/usr/bin/env python3
"""Main-text extraction on the L3S-GN1 saved pages: Briefing's HTML reader vs trafilatura's defaults,
and the same pages printed to PDF by Chromium: Briefing's PDF reader vs plain ``pdftotext``.

    bench_extraction.py [--json] [--limit N] [--no-pdf] [--half tune|held]

Reads ../shared/corpus/html-l3s-gn1/original/*.html (relative to the project root),
writes each extractor's predictions {stem: {"articleBody": text}} to a temporary file
and scores each with ../shared/tools/score_extraction.py (run as its own process). The PDFs are
printed once by headless Chromium (when installed) and cached in ~/.cache/briefing-bench
(``chromium_pdf.py``); the HTML reader is scored again on the pages that printed, so the PDF
rows compare with it on the same pages. ``headlines`` scores each reader's titles and sources
(``headline_measures``); ``title_ok`` is its strict title share. ``--half`` keeps the pages
whose name hashes to one half (tune: first MD5 byte even; held: odd), so that rules tuned on one
half are checked on the other.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import trafilatura
from chromium_pdf import cached_pdfs, chromium

from briefing.core.errors import ReadError
from briefing.core.ingest import read

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus" / "html-l3s-gn1"
SCORER = SHARED / "tools" / "score_extraction.py"


def ours(path: Path) -> str:
    try:
        return read(path).text
    except ReadError:
        return ""


def trafilatura_default(path: Path) -> str:
    return trafilatura.extract(path.read_bytes()) or ""


def pdftotext(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120)
    return out.stdout.decode("utf-8", "replace")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _joined_lines(headline: str) -> list[str]:
    """The ground truth's headline lines and each run of consecutive lines joined: a headline set
    as two elements ("Movie Review:" / "There Will Be Blood") is one title to a reader."""
    lines = [line for line in headline.split("\n") if line.strip()]
    return [" ".join(lines[i:j]) for i in range(len(lines)) for j in range(i + 1, len(lines) + 1)]


# Words that name no site in particular: "Sports" does not make "Local Sports Wire" cbs11tv.com.
_GENERIC = frozenset(
    ["news", "online", "daily", "sports", "world", "home", "page", "section", "international"]
)
_HOST_PARTS = frozenset(["www", "com", "co", "uk", "org", "net", "au", "za", "ca", "in", "ie", "nz", "news"])


def names_site(source: str | None, url: str) -> bool:
    """The session-5 source measure, kept for comparison (``source_ok_loose``): a host label inside
    the source, the source inside a label, or a source word of 4+ letters inside a label. It shares
    its matching idea with the PDF reader's own check (``pdf._names``), so it is not independent of
    the rule it checks, and it takes an ad server's host ("banners.expressindia.com") for the site."""
    if not source:
        return False
    host = (urlparse(url).hostname or "").lower()
    labels = [label for label in host.split(".") if label not in _HOST_PARTS and len(label) >= 3]
    compact = re.sub(r"[^a-z0-9]", "", source.lower())
    words = [w for w in re.findall(r"[a-z0-9]+", source.lower()) if len(w) >= 4 and w not in _GENERIC]
    return (
        any(label in compact for label in labels)
        or any(compact.removeprefix("the") in label for label in labels if compact)
        or any(word in label for word in words for label in labels)
    )


# The endings under which anyone may register a name: "bbc.co.uk" is a site, "co.uk" is not.
_SUFFIX_LABELS = frozenset(
    [
        *["com", "co", "org", "net", "gov", "edu", "ac", "info"],
        *["uk", "au", "za", "ca", "in", "ie", "nz", "cn", "us"],
    ]
)
_HOST_FORM = re.compile(r"^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$")
# A host's labels that name a part of any site, not the site: "News" is not news.bbc.co.uk's name.
_PART_LABELS = frozenset(["news", "sport", "sports", "edition", "blog", "blogs", "en", "english", "home"])


def _site_labels(host: str) -> list[str]:
    """A host's own labels, without "www" and the registry's ending: news.bbc.co.uk -> news, bbc."""
    labels = host.split(".")
    while labels and labels[-1] in _SUFFIX_LABELS:
        labels.pop()
    return [label for label in labels if label != "www"]


def _named_labels(host: str) -> list[str]:
    return [label.replace("-", "") for label in _site_labels(host) if label not in _PART_LABELS]


def _spells(words: list[str], label: str) -> bool:
    """Whether a run of the name's words, each whole or by its initial, spells the start of a host
    label, at least half of it ("New York Times": nytimes; "The Hindu": hinduonnet; "Market Rasen
    Today": marketrasenmail), with a whole word of 3+ letters in it, or all of it by initials
    ("Associated Press": ap). "Sports" does not spell foxsports; "Local Sports Wire" not cbs11tv."""
    if label.startswith("the") and len(label) > 6 and _spells(words, label[3:]):
        return True
    for start in range(len(words)):
        spelled, whole = "", False
        for word in words[start:]:
            for piece, is_whole in ((word, True), *_stems(word, label, spelled), (word[0], False)):
                if label.startswith(spelled + piece):
                    spelled, whole = spelled + piece, whole or (is_whole and len(word) >= 3)
                    break
            else:
                break
            if spelled == label or (whole and 2 * len(spelled) >= len(label)):
                return True
    return False


def _stems(word: str, label: str, spelled: str) -> list[tuple[str, bool]]:
    """A long word's own start of 4+ letters that the label goes on with ("Hemelhempstead":
    hemel in hemeltoday); it counts as neither whole nor initial, so the rest of the name must
    still spell the label to its end or to half of it with a whole word."""
    rest = label[len(spelled):]
    size = 0
    while size < min(len(word), len(rest)) and word[size] == rest[size]:
        size += 1
    return [(word[:size], False)] if 4 <= size < len(word) else []


_CONNECTORS = frozenset(["and", "of", "the"])


def _initialled(words: list[str], label: str) -> bool:
    """Whether the initials of all the name's words but "and", "of", "the", three or more, begin
    the label: "Daily News & Analysis" is dnaindia's DNA. Two initials ("San Francisco": sf) are
    too likely by chance."""
    initials = "".join(word[0] for word in words if word not in _CONNECTORS)
    return len(initials) >= 3 and label.startswith(initials)


def _registered(host: str) -> str:
    """A host with the leading "the" of its own last label dropped: theglobeandmail.com ->
    globeandmail.com; a name is the same site with or without it."""
    labels = host.split(".")
    own = _site_labels(host)
    if own:
        index = len(labels) - 1 - labels[::-1].index(own[-1])
        if labels[index].startswith("the") and len(labels[index]) > 6:
            labels[index] = labels[index][3:]
    return ".".join(labels)


def source_right(source: str | None, url: str) -> bool:
    """Whether ``source`` is the page's site, judged from the page's address (``url``, which the
    PDF does not print) and not by the reader's own matching. A host ("StreetInsider.com",
    "bbc.co.uk") is right when the page's host is it or under it: "news.bbc.co.uk" is under
    bbc.co.uk; an ad server or a sibling ("banners.expressindia.com" on www.expressindia.com,
    "news.google.com" on afp.google.com) is not. A name is right when its words spell the start of
    one of the host's own labels (``_spells``)."""
    if not source or not source.strip():
        return False
    host = (urlparse(url).hostname or "").lower().removeprefix("www.")
    name = source.strip().lower().removeprefix("www.")
    if _HOST_FORM.match(name):
        if not _site_labels(name):
            return False
        host, name = _registered(host), _registered(name)
        return host == name or host.endswith("." + name)
    words = re.findall(r"[a-z0-9]+", name.replace("&", " and "))
    return bool(words) and any(
        _spells(words, label) or _initialled(words, label) for label in _named_labels(host)
    )


def headline_measures(
    rows: dict[str, tuple[str | None, str | None]], truth: dict[str, dict[str, str]]
) -> dict:
    """Title and source of each page ({stem: (title, source)}, None for a page that could not be
    read) against the ground truth.

    ``title_ok``: the title's words equal one line of the headline, over all pages (the strict
    measure). ``title_ok_headlined``: over the pages whose ground truth has a headline (an empty one
    cannot be checked), the title equal to a line or to consecutive lines joined. Words are
    ``\\w+``, lower case: spacing, quotes, dashes and case never count. ``source_ok``: the source
    is the page's site, judged from its address (``source_right``); ``source_ok_loose``: the
    session-5 measure (``names_site``); ``source_given``: a source at all."""
    strict = joined = headlined = sources = loose = given = 0
    for stem, (title, source) in rows.items():
        headline = truth[stem].get("headline", "")
        words = _words(title or "")
        strict += words in [_words(line) for line in headline.split("\n")]
        if headline.strip():
            headlined += 1
            joined += bool(words) and words in [_words(line) for line in _joined_lines(headline)]
        given += bool(source)
        sources += source_right(source, truth[stem].get("url", ""))
        loose += names_site(source, truth[stem].get("url", ""))
    return {
        "pages": len(rows),
        "title_ok": share(strict, len(rows)),
        "headlined_pages": headlined,
        "title_ok_headlined": share(joined, headlined),
        "source_ok": share(sources, len(rows)),
        "source_ok_loose": share(loose, len(rows)),
        "source_given": share(given, len(rows)),
    }


def share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def titles(files: dict[str, Path]) -> dict[str, tuple[str | None, str | None]]:
    rows: dict[str, tuple[str | None, str | None]] = {}
    for stem, path in files.items():
        try:
            article = read(path)
        except ReadError:
            rows[stem] = (None, None)
            continue
        rows[stem] = (article.title, article.source)
    return rows


def half(stem: str) -> str:
    """The page's half of the corpus: "tune" or "held", by the first byte of its name's MD5."""
    return "tune" if hashlib.md5(stem.encode()).digest()[0] % 2 == 0 else "held"


def run(extractor: Callable[[Path], str], pages: list[Path]) -> tuple[dict[str, dict[str, str]], float]:
    start = time.perf_counter()
    predictions = {page.stem: {"articleBody": extractor(page)} for page in pages}
    return predictions, time.perf_counter() - start


def scored(
    runs: list[tuple[str, Callable[[Path], str], list[Path]]], truth: dict[str, dict[str, str]], workdir: Path
) -> dict[str, dict[str, object]]:
    result: dict[str, dict[str, object]] = {}
    for name, extractor, files in runs:
        subset = {f.stem: truth[f.stem] for f in files if f.stem in truth}
        truth_file = workdir / f"truth-{name}.json"
        truth_file.write_text(json.dumps(subset), encoding="utf-8")
        predictions, seconds = run(extractor, files)
        scores = score(truth_file, predictions, workdir, name)
        scores["pages_per_s"] = round(len(files) / seconds, 1) if seconds else None
        result[name] = scores
    return result


def score(truth_file: Path, predictions: dict[str, dict[str, str]], workdir: Path, name: str) -> dict:
    pred_file = workdir / f"{name}.json"
    pred_file.write_text(json.dumps(predictions), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(truth_file), str(pred_file)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (sorted by name)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the Chromium-printed PDFs")
    parser.add_argument("--half", choices=("tune", "held"), help="only one half of the pages")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"needs the L3S-GN1 corpus at {CORPUS}", file=sys.stderr)
        return 2
    pages = sorted((CORPUS / "original").glob("*.html"))
    if args.limit:
        pages = pages[: args.limit]
    if args.half:
        pages = [page for page in pages if half(page.stem) == args.half]
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {page.stem: truth[page.stem] for page in pages if page.stem in truth}
    result: dict[str, object] = {"pages": len(pages)}
    runs: list[tuple[str, Callable[[Path], str], list[Path]]] = [
        ("ours", ours, pages),
        ("trafilatura_default", trafilatura_default, pages),
    ]
    headlines: dict[str, dict[str, float]] = {
        "ours": headline_measures(titles({p.stem: p for p in pages}), truth)
    }
    if not args.no_pdf and chromium() is not None:
        pdfs = cached_pdfs(pages)
        printed = [page for page in pages if page.stem in pdfs]
        result["pdf_pages"] = len(printed)
        runs += [
            ("ours_html_same_pages", ours, printed),
            ("ours_pdf", ours, [pdfs[p.stem] for p in printed]),
            ("pdftotext", pdftotext, [pdfs[p.stem] for p in printed]),
        ]
        headlines["ours_pdf"] = headline_measures(titles({p.stem: pdfs[p.stem] for p in printed}), truth)
    with tempfile.TemporaryDirectory(prefix="bench-extraction-") as tmp:
        result.update(scored(runs, truth, Path(tmp)))
    result["title_ok"] = {name: measures["title_ok"] for name, measures in headlines.items()}
    result["headlines"] = headlines
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{'extractor':22} {'precision':>9} {'recall':>7} {'f1':>7} {'pages/s':>8}")
        for name, _, _ in runs:
            s = result[name]
            assert isinstance(s, dict)
            print(
                f"{name:22} {s['precision']:9.4f} {s['recall']:7.4f} {s['f1']:7.4f} {s['pages_per_s']:8.1f}"
            )
        for name, measures in headlines.items():
            print(f"{name}: {measures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
