"""Size limits: a documented default, raised with --max-size; enormous pages in bounded time and memory."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.core.ingest import DEFAULT_MAX_BYTES, MAX_TEXT_CHARS
from hardening.children import PROJECT, as_json, cli_env, run_cli


def test_max_size_is_the_documented_limit_and_can_be_raised(tmp_path: Path) -> None:
    assert DEFAULT_MAX_BYTES == 32 * 1024 * 1024
    root, home, index = tmp_path / "articles", tmp_path / "home", tmp_path / "index"
    root.mkdir()
    (root / "long.txt").write_text(
        "A long report\n\n" + "The tide rose again today. " * 80_000, encoding="utf-8"
    )
    (root / "short.txt").write_text("Short\n\nThe tide fell.\n", encoding="utf-8")

    capped = as_json(
        run_cli("index", root, "--index-dir", index, "--no-analysis", "--json", "--max-size", "1", home=home)
    )
    assert capped["added"] == 1
    [failure] = capped["failed"]
    assert failure["path"].endswith("long.txt")
    assert failure["reason"].startswith("too large: 2.1 MB is over the 1.0 MB limit")
    assert "--max-size" in failure["reason"]

    raised = as_json(
        run_cli(
            "index", root, "--index-dir", index, "--no-analysis", "--json", "--max-size", "2.5", home=home
        )
    )
    assert (raised["added"], raised["unchanged"], raised["failed"]) == (1, 1, [])

    bad = run_cli("index", root, "--index-dir", index, "--max-size", "0", home=home)
    assert bad.returncode == 2 and "--max-size" in bad.stderr


_READ_IN_A_BOUNDED_CHILD = """
import resource, sys, time
from briefing.core.ingest import read
limit = 3 * 1024 ** 3
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
started = time.perf_counter()
article = read(sys.argv[1], max_bytes=64 * 1024 * 1024)
print(len(article.text), round(time.perf_counter() - started, 1), "|".join(article.warnings))
"""


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="needs RLIMIT_AS")
@pytest.mark.parametrize("megabytes", [12, pytest.param(36, marks=pytest.mark.slow)])
def test_an_enormous_page_of_nested_divs_is_read_in_bounded_time_and_memory(
    tmp_path: Path, megabytes: int
) -> None:
    """A page of nested divs (36 MB: over the default limit, read with it raised) in a child limited to
    3 GB of memory. Reading costs about 0.8 s a megabyte on one core: linear, never stuck."""
    paragraph = (
        "<p>The minister said the budget would rise by five percent next year, officials confirmed.</p>"
    )
    row = "<div><div><section><div>" + paragraph + "</div></section></div></div>\n"
    page = tmp_path / "enormous.html"
    with open(page, "w", encoding="utf-8") as out:
        out.write("<html><head><title>Enormous</title></head><body>")
        out.write(row * (megabytes * 1024 * 1024 // len(row)))
        out.write("</body></html>")
    assert megabytes < 32 or page.stat().st_size > DEFAULT_MAX_BYTES
    started = time.monotonic()
    child = subprocess.run(
        [sys.executable, "-c", _READ_IN_A_BOUNDED_CHILD, str(page)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=cli_env(tmp_path),
        timeout=120,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    chars, _, warnings = child.stdout.strip().split(" ", 2)
    assert int(chars) <= MAX_TEXT_CHARS
    assert "page too large for full extraction" in warnings and "text cut" in warnings
    assert time.monotonic() - started < 3 * megabytes
