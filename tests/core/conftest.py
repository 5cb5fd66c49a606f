"""Fixtures of the core tests: one real Analyzer per session."""

from __future__ import annotations

import pytest

from briefing.core.analysis import Analyzer


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """The real spaCy-backed analyzer, loaded once for all core tests."""
    return Analyzer()
