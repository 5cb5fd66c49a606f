"""Word positions stored as deltas (a posting's first position, then each one's distance from the one
before), turned back into positions for many postings at once: Whoosh's blocks and the saved
postings files both keep them so."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def added_up(deltas: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Each posting's deltas (flat, ``counts`` of them each, in posting order) added up into its
    positions, flat in the same order."""
    if not len(deltas):
        return deltas
    total = np.cumsum(deltas)
    firsts = np.cumsum(counts) - counts
    present = counts > 0
    base = np.zeros(len(counts), dtype=np.int64)
    base[present] = total[firsts[present]] - deltas[firsts[present]]
    return total - np.repeat(base, counts)
