"""The command-line contract, run as a user would: real subprocesses, real files, JSON out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def briefing(*args: str | Path, stdin: str | None = None, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BRIEFING_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=600,
    )


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def analysed_seed(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("home")
    records = as_json(briefing("analyze", seed_path, "--json", home=home))
    assert len(records) == 1
    record: dict[str, Any] = records[0]
    return record


def test_analyze_seed_metadata_and_text(analysed_seed: dict[str, Any]) -> None:
    assert analysed_seed["title"] == "US personnel suffer minor injuries in attack on Iraqi base"
    assert analysed_seed["source"] == "The Jerusalem Post"
    text = analysed_seed["text"]
    assert "Advertising" not in text and "(Source:" not in text and "stun grenades" not in text
    assert set(analysed_seed) >= {"path", "author", "published", "url", "entities", "figures", "summary"}


def test_analyze_seed_entities(analysed_seed: dict[str, Any]) -> None:
    text, captions = analysed_seed["text"], analysed_seed["captions"]
    labels: dict[str, set[str]] = {}
    for entity in analysed_seed["entities"]:
        where = text if entity["caption"] is None else captions[entity["caption"]]
        assert where[entity["start"] : entity["end"]] == entity["text"]
        labels.setdefault(entity["text"], set()).add(entity["label"])
    assert labels["Erbil"] <= {"GPE", "LOC"}
    assert labels["Mohammed Shia al-Sudani"] == {"PERSON"}
    assert labels["Pentagon"] == {"ORG"}
    assert labels["Ain al-Asad"] <= {"FAC", "GPE", "LOC"}
    assert labels["Hashd al-Shaabi"] <= {"ORG", "NORP"}
    canon = {e["canonical"] for e in analysed_seed["entities"] if e["label"] == "PERSON"}
    assert "Mohammed Shia al-Sudani" in canon


def test_analyze_seed_figures(analysed_seed: dict[str, Any]) -> None:
    text = analysed_seed["text"]
    figures = {}
    for figure in analysed_seed["figures"]:
        assert text[figure["start"] : figure["end"]] == figure["text"]
        figures[figure["value"]] = figure["concept"] or ""
    assert "attack" in figures[58] and "Iraq" in figures[58]
    assert "attack" in figures[83] and "Syria" in figures[83]
    assert "troops" in figures[900] and "Syria" in figures[900]
    assert "troops" in figures[2500] and "Iraq" in figures[2500]


def test_analyze_seed_summary(analysed_seed: dict[str, Any]) -> None:
    summary = analysed_seed["summary"]
    assert 3 <= len(summary) <= 5
    positions = [analysed_seed["text"].index(sentence) for sentence in summary]
    assert positions == sorted(positions)


def test_analyze_jsonl_keeps_ids(tmp_path: Path) -> None:
    lines = [
        {"id": 7, "text": "The company cut 1,200 jobs, about 15% of its staff."},
        {"id": "b", "text": "Nothing to count here."},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    result = briefing("analyze", "--jsonl", stdin=stdin, home=tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [7, "b"]
    values = {f["value"] for f in out[0]["figures"]}
    assert {1200, 15} <= values
    assert out[1]["figures"] == []


def test_analyze_reports_unreadable_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    result = briefing("analyze", junk, home=tmp_path)
    assert result.returncode == 1
    assert "junk.txt" in result.stderr and json.loads(result.stdout) == []


def test_index_then_search(tmp_path: Path, seed_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(seed_path, library / seed_path.name)
    (library / "note.md").write_text(
        "---\ntitle: Budget talks\nsource: Desk notes\n---\n\nThe budget talks ran late.\n"
    )
    (library / "broken.txt").write_bytes(b"\x00\x01\x02" * 500)
    index_dir = tmp_path / "index"

    first = as_json(briefing("index", library, "--index-dir", index_dir, "--json", home=tmp_path))
    assert (first["added"], first["updated"], first["removed"]) == (2, 0, 0)
    assert [Path(f["path"]).name for f in first["failed"]] == ["broken.txt"]
    assert first["failed"][0]["reason"]

    again = as_json(briefing("index", library, "--index-dir", index_dir, "--json", home=tmp_path))
    assert (again["added"], again["updated"], again["removed"], again["unchanged"]) == (0, 0, 0, 2)

    found = as_json(
        briefing("search", 'title:"Iraqi base"', "--index-dir", index_dir, "--json", home=tmp_path)
    )
    assert found["total"] == 1
    hit = found["hits"][0]
    assert hit["title"] == "US personnel suffer minor injuries in attack on Iraqi base"
    assert hit["source"] == "The Jerusalem Post"
    assert set(hit) == {"path", "title", "source", "date", "score", "snippet", "saved"}

    person = as_json(
        briefing("search", 'person:"al-Sudani"', "--index-dir", index_dir, "--json", home=tmp_path)
    )
    assert person["total"] == 1
    assert "Mohammed Shia al-Sudani" in person["facets"]["person"]

    (library / "note.md").unlink()
    removed = as_json(briefing("index", library, "--index-dir", index_dir, "--json", home=tmp_path))
    assert removed["removed"] == 1


def test_search_malformed_query_is_a_clear_error(tmp_path: Path, seed_path: Path) -> None:
    index_dir = tmp_path / "index"
    as_json(
        briefing(
            "index", seed_path.parent, "--index-dir", index_dir, "--no-analysis", "--json", home=tmp_path
        )
    )
    result = briefing("search", 'title:"unclosed', "--index-dir", index_dir, home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.startswith("briefing:")


def test_index_dir_defaults_to_briefing_home(tmp_path: Path, seed_path: Path) -> None:
    report = as_json(briefing("index", seed_path.parent, "--no-analysis", "--json", home=tmp_path))
    assert report["added"] == 1
    assert (tmp_path / "index").is_dir()


def test_index_counts_files_of_other_types(tmp_path: Path, seed_path: Path) -> None:
    library = tmp_path / "library"
    (library / "photos").mkdir(parents=True)
    shutil.copy(seed_path, library / seed_path.name)
    for n in range(3):
        (library / "photos" / f"p{n}.JPG").write_bytes(b"\xff\xd8\xff\xe0 not read")
    (library / "bundle.zip").write_bytes(b"PK\x03\x04")
    (library / "README").write_text("no extension")
    (library / ".hidden.bin").write_bytes(b"hidden files are not counted")
    index_dir = tmp_path / "index"
    report = as_json(
        briefing("index", library, "--index-dir", index_dir, "--no-analysis", "--json", home=tmp_path)
    )
    assert report["added"] == 1 and report["failed"] == []
    assert report["skipped"] == {"": 1, ".jpg": 3, ".zip": 1}
    text = briefing("index", library, "--index-dir", index_dir, "--no-analysis", home=tmp_path)
    assert "skipped: 5 files of other types: .jpg 3, (no extension) 1, .zip 1" in text.stdout
