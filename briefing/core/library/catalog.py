"""The catalog: every indexed article's date, figures and entities in SQLite, in step with the index.

Derived data only (``catalog.sqlite`` in the index folder): it is rebuilt from
the index and the analysis cache whenever it is missing, damaged or of another
version, so nothing here is ever the only copy of anything, except the history
of briefings (when each was made, of which articles), which "since my last
briefing" needs.

``sync`` compares the index's documents with the catalog's rows by analysis
key and refreshes only what changed; ``Library.update`` calls it after every
run, and readers call ``ensure_synced`` so a catalog is never behind the index
they look at.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.core.analysis.figures.keys import KEY_VERSION, figure_keys
from briefing.core.article import Analysis, Article, Figure
from briefing.core.ingest.dates import parse_date
from briefing.core.library.documents import saved_day

CATALOG_NAME = "catalog.sqlite"
# Bump when a table changes; a catalog of another version is rebuilt (briefings history kept).
CATALOG_VERSION = "3"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,
    analysis_key TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT,
    published TEXT,
    day TEXT,
    dated_by TEXT NOT NULL,
    added_at REAL NOT NULL,
    changed_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS figures (
    path TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    value_high REAL,
    unit TEXT,
    concept TEXT,
    change TEXT,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    score REAL NOT NULL,
    key TEXT,
    label TEXT,
    PRIMARY KEY (path, position)
);
CREATE INDEX IF NOT EXISTS figures_key ON figures (key);
CREATE TABLE IF NOT EXISTS entities (
    path TEXT NOT NULL,
    label TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    first_start INTEGER NOT NULL,
    PRIMARY KEY (path, label, name)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities (name);
CREATE TABLE IF NOT EXISTS history (
    path TEXT PRIMARY KEY,
    added_at REAL NOT NULL,
    changed_at REAL NOT NULL,
    text_key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS briefings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    made_at REAL NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    paths TEXT NOT NULL
);
"""
_DERIVED = ("articles", "figures", "entities")
_SYNC_BATCH = 256
# The indexes no lookup of the sync itself uses. A sync that writes this many articles or more drops
# them and builds them again at its end (one sort each), instead of inserting every row into them in
# random order: in a large library that touched pages all over the file, and a first sync's one
# transaction spilled them into its write-ahead log again and again.
_SECONDARY_INDEXES = {
    "figures_key": "CREATE INDEX IF NOT EXISTS figures_key ON figures (key)",
    "entities_name": "CREATE INDEX IF NOT EXISTS entities_name ON entities (name)",
}
_BULK_SYNC = 1000
# The page cache while a sync writes (KiB; SQLite's default is 2 MB), set back after it.
_SYNC_CACHE_KIB = 65536
# SQLite's names for a file that is no database or a damaged one: only then is the catalog replaced.
_DAMAGED = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})


@dataclass(frozen=True, slots=True)
class IndexedDocument:
    """What the catalog needs of one index document (the index's stored fields)."""

    path: str
    analysis_key: str
    analysis_version: str
    title: str
    source: str | None
    published: str | None
    mtime_ns: int

    def article(self) -> Article:
        """Enough of the Article to compute figure keys (no text: offsets are not used)."""
        return Article(path=self.path, title=self.title, text="", source=self.source,
                       published=self.published)


@dataclass(frozen=True, slots=True)
class CatalogArticle:
    path: str
    title: str
    source: str | None
    published: str | None
    # The day the article speaks for (ISO "2024-01-20"): its publication date, or the day the
    # file was saved when the article gives none (``dated_by`` says which).
    day: str | None
    dated_by: str  # "published" or "saved"
    added_at: float  # when the library first indexed it (seconds since the epoch)
    changed_at: float  # when its content last changed in the library


@dataclass(frozen=True, slots=True)
class CatalogFigure:
    path: str
    position: int  # index into the article's Analysis.figures
    text: str
    value: float
    value_high: float | None  # for a range "3 to 5"
    unit: str | None
    concept: str | None
    change: str | None
    sentence: str
    start: int
    score: float
    key: str | None  # what it counts, where (figure_keys.figure_key); None: too vague to group
    label: str | None  # the key as a reader would say it: "unemployment rate, Germany (%)"


@dataclass(frozen=True, slots=True)
class CatalogEntity:
    path: str
    label: str  # OntoNotes label
    name: str  # the article's canonical name
    mentions: int
    first_start: int


@dataclass(frozen=True, slots=True)
class BriefingRecord:
    id: int
    made_at: float
    title: str
    kind: str  # "print", "pdf", "html", "md"
    paths: tuple[str, ...]


@dataclass(slots=True)
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    rebuilt: bool = False


def article_day(published: str | None, mtime_ns: int) -> tuple[str, str]:
    """(ISO day, "published" | "saved"): the publication day if readable, else the file's day."""
    moment = parse_date(published)
    if moment is not None:
        return moment.date().isoformat(), "published"
    return saved_day(mtime_ns), "saved"


def _value(figure: Figure) -> tuple[float, float | None]:
    if isinstance(figure.value, tuple):
        return float(figure.value[0]), float(figure.value[1])
    return float(figure.value), None


class Catalog:
    """A thread-safe SQLite catalog; one per index folder."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir) / CATALOG_NAME
        self._lock = threading.RLock()
        self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        try:
            db = self._open()
        except sqlite3.DatabaseError as error:
            if getattr(error, "sqlite_errorname", "") not in _DAMAGED:
                raise  # busy or locked: the file is fine, and holds the history of briefings
            for suffix in ("", "-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            db = self._open()
        return db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False)
        try:
            with db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_TABLES)
                version = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
                if version is None or version[0] != CATALOG_VERSION:
                    # Derived tables go and come back in this version's shape; history stays.
                    for table in _DERIVED:
                        db.execute(f"DROP TABLE {table}")
                    db.execute("DELETE FROM meta WHERE name != 'version'")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (CATALOG_VERSION,))
                    db.executescript(_TABLES)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._db

    # -- meta ----------------------------------------------------------------------------

    def _meta(self, name: str) -> str | None:
        with self._read() as db:
            row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    @property
    def synced_token(self) -> str | None:
        """The index state (``Library.state_token``) the catalog was last brought up to.

        None when its figure keys are of another ``KEY_VERSION``: the next sync recomputes them.
        """
        if self._meta("key_version") != KEY_VERSION:
            return None
        return self._meta("synced_token")

    # -- sync ----------------------------------------------------------------------------

    def sync(
        self,
        documents: Iterable[IndexedDocument],
        analyses: Callable[[Sequence[tuple[str, str]]], dict[str, Analysis]],
        token: str | None = None,
        *,
        now: float | None = None,
    ) -> SyncReport:
        """Bring the catalog in step with ``documents`` (all of the index's documents).

        ``analyses(pairs of (analysis key, version))`` returns the cached analyses by key.
        Articles first seen get ``added_at = now``, except on the catalog's first sync (a new
        catalog of an existing library), where the file's modification time stands in. An
        article seen before (its folder removed and added again) keeps its first ``added_at``.
        """
        now = time.time() if now is None else now
        report = SyncReport()
        docs = {d.path: d for d in documents}
        with self._lock, self._db as db:
            db.execute("BEGIN IMMEDIATE")  # another process may sync too: read and write as one
            known = dict(db.execute("SELECT path, analysis_key FROM articles").fetchall())
            # Not derived, so kept through format changes: when each path came, and last changed.
            seen = {
                path: (added, changed_at, text_key)
                for path, added, changed_at, text_key in db.execute("SELECT * FROM history")
            }
            first_sync = self._meta_locked(db, "key_version") is None and not seen
            report.rebuilt = first_sync and bool(docs)
            stale_keys = self._meta_locked(db, "key_version") != KEY_VERSION
            gone = [p for p in known if p not in docs]
            changed = [
                d for d in docs.values()
                if stale_keys or d.path not in known
                or known[d.path] != f"{d.analysis_key}:{d.analysis_version}"
            ]
            for path in gone:
                self._delete(db, path)
            cache = int(db.execute("PRAGMA cache_size").fetchone()[0])
            db.execute(f"PRAGMA cache_size = -{_SYNC_CACHE_KIB}")
            try:
                if len(changed) >= _BULK_SYNC:
                    for name in _SECONDARY_INDEXES:
                        db.execute(f"DROP INDEX IF EXISTS {name}")
                self._write(db, changed, analyses, known, seen, first_sync=first_sync, now=now, report=report)
                for create in _SECONDARY_INDEXES.values():
                    db.execute(create)
            finally:
                with contextlib.suppress(sqlite3.Error):
                    db.execute(f"PRAGMA cache_size = {cache}")
            report.removed = len(gone)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('key_version', ?)", (KEY_VERSION,))
            if token is not None:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('synced_token', ?)", (token,))
        return report

    def _write(
        self,
        db: sqlite3.Connection,
        changed: Sequence[IndexedDocument],
        analyses: Callable[[Sequence[tuple[str, str]]], dict[str, Analysis]],
        known: dict[str, str],
        seen: dict[str, tuple[float, float, str]],
        *,
        first_sync: bool,
        now: float,
        report: SyncReport,
    ) -> None:
        """Write the rows of the ``changed`` documents (replacing their old ones), counting them."""
        found: dict[str, Analysis] = {}
        for number, doc in enumerate(changed):
            if number % _SYNC_BATCH == 0:  # a batch of analyses in memory at a time, not the library's
                batch = changed[number : number + _SYNC_BATCH]
                found = analyses(
                    [(d.analysis_key, d.analysis_version) for d in batch if d.analysis_version]
                )
            if doc.path in known:
                report.updated += 1
            else:
                report.added += 1
            if doc.path in seen:
                added, changed_at, text_key = seen[doc.path]
                # Its content changed only if its text did (not the analyser's version or the keys).
                if text_key != doc.analysis_key:
                    changed_at = now
            else:
                added = min(doc.mtime_ns / 1e9, now) if first_sync else now
                changed_at = added
            db.execute("INSERT OR REPLACE INTO history VALUES (?, ?, ?, ?)",
                       (doc.path, added, changed_at, doc.analysis_key))
            self._delete(db, doc.path)
            self._insert(db, doc, found.get(doc.analysis_key), added, changed_at)

    @staticmethod
    def _meta_locked(db: sqlite3.Connection, name: str) -> str | None:
        row = db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    @staticmethod
    def _delete(db: sqlite3.Connection, path: str) -> None:
        for table in _DERIVED:
            db.execute(f"DELETE FROM {table} WHERE path = ?", (path,))

    @staticmethod
    def _insert(
        db: sqlite3.Connection, doc: IndexedDocument, analysis: Analysis | None, added: float, now: float
    ) -> None:
        day, dated_by = article_day(doc.published, doc.mtime_ns)
        db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.path, f"{doc.analysis_key}:{doc.analysis_version}", doc.title, doc.source,
             doc.published, day, dated_by, added, now),
        )
        if analysis is None:
            return
        rows = []
        keys = figure_keys(analysis)
        for position, (figure, key) in enumerate(zip(analysis.figures, keys, strict=True)):
            low, high = _value(figure)
            rows.append((
                doc.path, position, figure.text, low, high, figure.unit, figure.concept, figure.change,
                figure.sentence, figure.start, figure.score,
                key.key if key else None, key.label if key else None,
            ))
        db.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        mentions: Counter[tuple[str, str]] = Counter()
        first: dict[tuple[str, str], int] = {}  # the first offset in the text; -1: named in captions only
        for entity in analysis.entities:
            name = (entity.canonical or entity.text).strip()
            if not name:
                continue
            named = (entity.label, name)
            mentions[named] += 1
            if entity.caption is None and (named not in first or entity.start < first[named]):
                first[named] = entity.start
        db.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?)",
            [(doc.path, label, name, n, first.get((label, name), -1))
             for (label, name), n in mentions.items()],
        )

    # -- reading -------------------------------------------------------------------------

    def articles(self, paths: Iterable[str] | None = None) -> list[CatalogArticle]:
        """Every article (or those at ``paths``), oldest day first."""
        with self._read() as db:
            if paths is None:
                rows = db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles").fetchall()
            else:
                rows = _select_in(db, f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE path IN", list(paths))
        found = [CatalogArticle(*row) for row in rows]
        found.sort(key=lambda a: (a.day or "", a.path))
        return found

    def article(self, path: str) -> CatalogArticle | None:
        found = self.articles([path])
        return found[0] if found else None

    def count(self) -> int:
        with self._read() as db:
            return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def figures_of(self, path: str) -> list[CatalogFigure]:
        with self._read() as db:
            rows = db.execute(
                f"SELECT {_FIGURE_COLUMNS} FROM figures WHERE path = ? ORDER BY position", (path,)
            ).fetchall()
        return [_figure(row) for row in rows]

    def figures_with_key(self, key: str) -> list[CatalogFigure]:
        with self._read() as db:
            rows = db.execute(f"SELECT {_FIGURE_COLUMNS} FROM figures WHERE key = ?", (key,)).fetchall()
        return [_figure(row) for row in rows]

    def figure_keys(self, min_articles: int = 2) -> list[tuple[str, int]]:
        """(key, number of articles) of every key at least ``min_articles`` articles give."""
        with self._read() as db:
            rows = db.execute(
                "SELECT key, COUNT(DISTINCT path) AS n FROM figures WHERE key IS NOT NULL"
                " GROUP BY key HAVING n >= ? ORDER BY n DESC, key",
                (min_articles,),
            ).fetchall()
        return [(str(k), int(n)) for k, n in rows]

    def entities_of(self, path: str) -> list[CatalogEntity]:
        with self._read() as db:
            rows = db.execute(
                "SELECT path, label, name, mentions, first_start FROM entities WHERE path = ?"
                " ORDER BY mentions DESC, name, label", (path,),
            ).fetchall()
        return [CatalogEntity(*row) for row in rows]

    def entities_of_paths(self, paths: Iterable[str]) -> dict[str, list[CatalogEntity]]:
        """``entities_of`` of each path (none: an empty list), read 500 paths to a query."""
        wanted = list(dict.fromkeys(paths))
        with self._read() as db:
            columns = "SELECT path, label, name, mentions, first_start FROM entities"
            rows = _select_in(db, f"{columns} WHERE path IN", wanted)
        found: dict[str, list[CatalogEntity]] = {path: [] for path in wanted}
        for row in sorted(rows, key=lambda r: (r[0], -r[3], r[2], r[1])):
            found[row[0]].append(CatalogEntity(*row))
        return found

    def entity_rows(self, names: Iterable[str] | None = None) -> list[CatalogEntity]:
        """Every (article, entity) row, or those of these canonical names."""
        with self._read() as db:
            columns = "SELECT path, label, name, mentions, first_start FROM entities"
            if names is None:
                rows = db.execute(columns).fetchall()
            else:
                rows = _select_in(db, f"{columns} WHERE name IN", list(names))
        return [CatalogEntity(*row) for row in rows]

    def each_entity_row(self, batch: int = 8192) -> Generator[CatalogEntity, None, None]:
        """Every (article, entity) row, read a batch at a time (a large library's rows are millions:
        as one list they would hold gigabytes). The catalog stays locked until the rows are read."""
        with self._read() as db:
            cursor = db.execute("SELECT path, label, name, mentions, first_start FROM entities")
            while rows := cursor.fetchmany(batch):
                for row in rows:
                    yield CatalogEntity(*row)

    def added_since(self, moment: float | None) -> list[CatalogArticle]:
        """Articles the library first indexed after ``moment`` (all of them for None), oldest first."""
        with self._read() as db:
            rows = db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE added_at > ? ORDER BY added_at, path",
                (moment if moment is not None else float("-inf"),),
            ).fetchall()
        return [CatalogArticle(*row) for row in rows]

    # -- briefings -----------------------------------------------------------------------

    def record_briefing(self, paths: Sequence[str], title: str, kind: str, *, at: float | None = None) -> int:
        """Remember that a briefing of ``paths`` was printed or exported (``kind``) now."""
        with self._lock, self._db as db:
            cursor = db.execute(
                "INSERT INTO briefings (made_at, title, kind, paths) VALUES (?, ?, ?, ?)",
                (time.time() if at is None else at, title, kind, json.dumps(list(paths))),
            )
            return int(cursor.lastrowid or 0)

    def briefings(self) -> list[BriefingRecord]:
        """Every briefing made, newest first."""
        with self._read() as db:
            rows = db.execute("SELECT id, made_at, title, kind, paths FROM briefings"
                              " ORDER BY made_at DESC, id DESC").fetchall()
        return [
            BriefingRecord(number, made, title, kind, tuple(json.loads(paths)))
            for number, made, title, kind, paths in rows
        ]

    def last_briefing(self) -> BriefingRecord | None:
        found = self.briefings()
        return found[0] if found else None

    def close(self) -> None:
        with self._lock:
            self._db.close()


_ARTICLE_COLUMNS = "path, title, source, published, day, dated_by, added_at, changed_at"
_FIGURE_COLUMNS = (
    "path, position, text, value, value_high, unit, concept, change, sentence, start, score, key, label"
)


def _figure(row: Sequence[Any]) -> CatalogFigure:
    return CatalogFigure(*row)


def _select_in(db: sqlite3.Connection, head: str, values: list[str]) -> list[Any]:
    rows: list[Any] = []
    for begin in range(0, len(values), 500):
        chunk = values[begin : begin + 500]
        rows += db.execute(f"{head} ({','.join('?' * len(chunk))})", chunk).fetchall()
    return rows
