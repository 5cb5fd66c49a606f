"""A one-line progress bar for terminals (silent when stderr is not a terminal)."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


class TerminalProgress:
    def __init__(self, stream: TextIO | None = None, min_interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.min_interval = min_interval
        self._last = 0.0

    def __call__(self, done: int, total: int, current: str) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < self.min_interval and done < total:
            return
        self._last = now
        width = shutil.get_terminal_size((80, 20)).columns
        bar_width = 30
        filled = bar_width * done // total if total else bar_width
        label = f" {done}/{total} "
        room = max(0, width - bar_width - len(label) - 3)
        name = current[-room:] if room else ""
        self.stream.write(f"\r[{'#' * filled}{'.' * (bar_width - filled)}]{label}{name:<{room}}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
