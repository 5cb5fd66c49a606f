"""How much of the index's mapped files this process holds in memory (Linux, /proc/self/smaps)."""

from __future__ import annotations

from pathlib import Path


def resident_kb(folder: Path) -> int:
    """The resident kilobytes of this process's mappings of the index's segment and postings files
    under ``folder`` (SQLite's shared-memory files are SQLite's own)."""
    total, inside = 0, False
    prefix = str(folder.resolve())
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and not head[0].endswith(":") and "-" in head[0]:
            inside = len(head) > 5 and head[5].startswith(prefix) and head[5].endswith((".seg", ".bin"))
        elif inside and head[:1] == ["Rss:"]:
            total += int(head[1])
    return total
