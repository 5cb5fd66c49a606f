"""Every file is read within a time and a memory limit, in a worker process (issue 16).

The files that once hung ``analyze``/``brief`` for minutes or crashed them with a RecursionError
(``hardening.pathological``) are read quickly now, each for a reason found in its parser; the
worker's limits stay as the last line, tested here with limits low enough to trip.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from briefing.core.errors import ReadError
from briefing.core.workers.reading import TOO_LARGE, ReadingWorker, ReadLimits, too_slow
from hardening.children import run_cli
from hardening.pathological import MARKDOWN, write_huge_pdf, write_markdown


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("pathological")
    return [*write_markdown(folder), write_huge_pdf(folder / "huge.pdf")]


def test_each_pathological_file_is_read_quickly(bad_files: list[Path], seed_path: Path) -> None:
    with ReadingWorker() as reader:
        reader(seed_path)  # the worker started: what follows times the reading alone
        for path in bad_files:
            started = time.monotonic()
            try:
                article = reader(path)
            except ReadError as error:  # the 5,000-page PDF on a loaded machine: over the limit
                assert path.suffix == ".pdf" and error.reason == too_slow(20), error
                continue
            took = time.monotonic() - started
            # The Markdown ones in well under a second on a quiet machine; once minutes or hours.
            assert took < (20 if path.suffix == ".pdf" else 10), f"{path.name} took {took:.1f} s to read"
            assert article.warnings, f"{path.name} was read without a word about what was dropped"
            assert len(article.title) <= 1_001 and len(article.text) <= 1_000_000
            assert max(map(len, article.text.split()), default=0) < 20_000
        assert reader(seed_path).title  # and the same worker goes on reading


def test_a_file_slower_than_the_limit_is_named_and_the_next_file_is_read(
    bad_files: list[Path], seed_path: Path
) -> None:
    huge_pdf = bad_files[-1]
    with ReadingWorker(ReadLimits(seconds=0.2)) as reader:
        reader(seed_path)  # started, so the limit times the reading alone
        with pytest.raises(ReadError) as caught:
            reader(huge_pdf)
        assert caught.value.reason == too_slow(0.2) == "too slow to read (limit 0.2 s)"
        assert reader(seed_path).title  # a new worker took over


def test_a_file_needing_more_memory_than_the_limit_is_named(tmp_path: Path, seed_path: Path) -> None:
    big = tmp_path / "big.txt"
    paragraph = "The harbour authority met on Tuesday and the quay will open in spring. " * 40
    with open(big, "w", encoding="utf-8") as handle:
        handle.write("Big file\n\n")
        while handle.tell() < 30 * 1024 * 1024:
            handle.write(paragraph + "\n\n")
    # The worker's own interpreter and readers take about 150 MB of address space.
    # (A generous time limit: on a loaded machine 30 MB of text can take more than 20 s.)
    with ReadingWorker(ReadLimits(seconds=180, memory_mb=200)) as reader:
        with pytest.raises(ReadError) as caught:
            reader(big)
        assert caught.value.reason == TOO_LARGE
        assert reader(seed_path).title
    with ReadingWorker(ReadLimits(seconds=180)) as reader:  # within 1 GB it is read (cut to 1M characters)
        assert len(reader(big).text) <= 1_000_000


@pytest.mark.slow
def test_analyze_and_brief_each_bad_file_without_a_traceback(bad_files: list[Path], tmp_path: Path) -> None:
    home = tmp_path / "home"
    started = time.monotonic()
    result = run_cli("analyze", *bad_files, home=home, timeout=300)
    took = time.monotonic() - started
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    records = json.loads(result.stdout)
    assert [Path(r["path"]).name for r in records] == [p.name for p in bad_files]
    assert took < 180, f"analyze took {took:.0f} s"

    for out in ("briefing.pdf", "briefing.md", "briefing.html"):
        result = run_cli("brief", *bad_files, "--out", tmp_path / out, home=home, timeout=300)
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        assert result.returncode == 0, result.stderr[-3000:]
        assert (tmp_path / out).stat().st_size > 0
    assert set(MARKDOWN) <= {p.name for p in bad_files}


def test_the_limits_are_settable_from_the_command_line(bad_files: list[Path], tmp_path: Path) -> None:
    result = run_cli("analyze", bad_files[-1], "--read-timeout", "0.01", home=tmp_path / "home", timeout=300)
    assert result.returncode == 1
    assert "too slow to read (limit 0.01 s)" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_cli("brief", bad_files[-1], "--read-memory", "10", "--out", tmp_path / "b.md",
                     home=tmp_path / "home")
    assert result.returncode == 2 and "--read-memory must be at least 64" in result.stderr
