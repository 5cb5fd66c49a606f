"""A reader's corrections of the analysis for one library: entities hidden, entities given another type.

Kept in the library's index folder (``entity_overrides.json``), never in the article files; applied
where analyses leave the library (``Library.document``: the reader's highlights, the side panel,
briefings) and to the library pane's facets (``briefing.core.across.entity_facets``). Names are the
articles' canonical names ("Blair¿s"), exactly as the analysis gives them.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.core.article import Analysis

OVERRIDES_FILE = "entity_overrides.json"
# The labels a wrong entity may be given instead (those the pane and the reader know).
RETYPE_LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT")


@dataclass(frozen=True, slots=True)
class Overrides:
    hidden: frozenset[str] = frozenset()
    retyped: Mapping[str, str] = field(default_factory=dict)  # canonical name -> label

    def label_of(self, name: str, label: str) -> str | None:
        """The label an entity named ``name`` now has (None: hidden)."""
        if name in self.hidden:
            return None
        return self.retyped.get(name, label)

    def apply(self, analysis: Analysis) -> Analysis:
        """``analysis`` without the hidden entities and with the retyped ones' new labels."""
        if not self.hidden and not self.retyped:
            return analysis
        entities = []
        for entity in analysis.entities:
            label = self.label_of(entity.canonical, entity.label)
            if label is not None:
                entities.append(entity if label == entity.label else replace(entity, label=label))
        return replace(analysis, entities=tuple(entities))

    def __bool__(self) -> bool:
        return bool(self.hidden or self.retyped)


class OverrideStore:
    """The overrides file of one index folder: read when it changed, written whole and atomically."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir) / OVERRIDES_FILE
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._overrides = Overrides()

    def current(self) -> Overrides:
        """The overrides as the file says now (none without a file; an unreadable file counts as none)."""
        with self._lock:
            try:
                stat = self.path.stat()
            except OSError:
                self._seen, self._overrides = None, Overrides()
                return self._overrides
            stamp = (stat.st_mtime_ns, stat.st_size)
            if stamp != self._seen:
                self._overrides = _read(self.path)
                self._seen = stamp
            return self._overrides

    def hide(self, names: Iterable[str]) -> Overrides:
        """Hide the entities called ``names`` (a name and its aliases) in this library."""
        now = self.current()
        wanted = {n for n in names if n}
        retyped = {k: v for k, v in now.retyped.items() if k not in wanted}
        return self._write(Overrides(now.hidden | wanted, retyped))

    def retype(self, names: Iterable[str], label: str) -> Overrides:
        """Give the entities called ``names`` the type ``label`` in this library."""
        if label not in RETYPE_LABELS:
            raise ValueError(f"unknown entity type {label!r}; types are {', '.join(RETYPE_LABELS)}")
        now = self.current()
        wanted = {n for n in names if n}
        return self._write(Overrides(now.hidden - wanted, {**now.retyped, **dict.fromkeys(wanted, label)}))

    def restore(self, names: Iterable[str]) -> Overrides:
        """Undo hiding or retyping the entities called ``names``."""
        now = self.current()
        gone = set(names)
        kept = {k: v for k, v in now.retyped.items() if k not in gone}
        return self._write(Overrides(now.hidden - gone, kept))

    def _write(self, overrides: Overrides) -> Overrides:
        payload = {"hidden": sorted(overrides.hidden), "retyped": dict(sorted(overrides.retyped.items()))}
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".overrides-", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(payload, out, ensure_ascii=False, indent=1)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            self._seen = None
        return self.current()


def _read(path: Path) -> Overrides:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Overrides()
    if not isinstance(data, dict):
        return Overrides()
    hidden = data.get("hidden")
    retyped = data.get("retyped")
    return Overrides(
        frozenset(n for n in hidden if isinstance(n, str)) if isinstance(hidden, list) else frozenset(),
        {k: v for k, v in retyped.items() if isinstance(k, str) and v in RETYPE_LABELS}
        if isinstance(retyped, dict) else {},
    )
