"""Analyses already computed, keyed by (content hash, analysis version), in SQLite.

An unchanged file is never analysed twice: re-indexing, rebuilding the index
or opening an article all read the analysis from here.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from briefing.core.analysis import ANALYSIS_VERSION
from briefing.core.article import Analysis

_SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    content_hash TEXT NOT NULL,
    version TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (content_hash, version)
)
"""


def analysis_version() -> str:
    """The analysis version an analysis computed now would be cached under."""
    return ANALYSIS_VERSION


class AnalysisCache:
    """A thread-safe SQLite map (content hash, version) -> Analysis."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, timeout=30.0, check_same_thread=False)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)

    def get(self, content_hash: str, version: str) -> Analysis | None:
        return self.get_many([content_hash], version).get(content_hash)

    def get_many(self, hashes: Iterable[str], version: str) -> dict[str, Analysis]:
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, Analysis] = {}
        with self._lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT content_hash, data FROM analyses"
                    f" WHERE version = ? AND content_hash IN ({marks})",
                    [version, *chunk],
                ).fetchall()
                for content_hash, data in rows:
                    found[content_hash] = Analysis.from_dict(json.loads(data))
        return found

    def put_many(self, analyses: Mapping[str, Analysis], version: str) -> None:
        rows = [
            (content_hash, version, json.dumps(analysis.to_dict(), ensure_ascii=False))
            for content_hash, analysis in analyses.items()
        ]
        with self._lock, self._db:
            self._db.executemany("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)", rows)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM analyses").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()
