"""How much of the index's mapped files this process holds in memory (Linux, /proc/self/smaps)."""

from __future__ import annotations

from pathlib import Path


def index_mappings(folder: Path) -> dict[str, int]:
    """This process's mappings of the index's segment and postings files under ``folder`` (SQLite's
    shared-memory files are SQLite's own): each mapped file's path and its resident kilobytes."""
    found: dict[str, int] = {}
    prefix = str(folder.resolve())
    path = None
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split(maxsplit=5)  # the path (the sixth field) may hold spaces
        if head and not head[0].endswith(":") and "-" in head[0]:
            name = head[5].removesuffix(" (deleted)") if len(head) > 5 else ""
            path = name if name.startswith(prefix) and name.endswith((".seg", ".bin")) else None
            if path is not None:
                found.setdefault(path, 0)
        elif path is not None and head[:1] == ["Rss:"]:
            found[path] += int(head[1])
    return found


def resident_kb(folder: Path) -> int:
    """The resident kilobytes of this process's mappings of the index's segment and postings files."""
    return sum(index_mappings(folder).values())
