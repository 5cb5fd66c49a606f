"""The frozen app folder stays within its budget (issue 17: 300 MB, decimal)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.frozen, pytest.mark.slow, pytest.mark.timeout(3600)]

BUDGET_BYTES = 300_000_000


def test_the_frozen_folder_is_within_its_budget(frozen_app: Path) -> None:
    folder = frozen_app.parent
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    biggest = sorted(((p.stat().st_size, p.relative_to(folder)) for p in files), reverse=True)[:5]
    assert size <= BUDGET_BYTES, f"{size:,} bytes; the biggest files: {biggest}"
