"""Printing tests run Qt offscreen, on the seed and five BBC articles read and analysed for real."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

from pathlib import Path

import pytest

from briefing.core.article import Analysis, Article

BBC_FIVE = (
    "bbc_business_001.txt",
    "bbc_entertainment_001.txt",
    "bbc_politics_001.txt",
    "bbc_sport_001.txt",
    "bbc_tech_001.txt",
)


@pytest.fixture(scope="session")
def seed_pair(seed_path: Path) -> tuple[Article, Analysis]:
    from briefing.core.analysis import Analyzer
    from briefing.core.ingest import read

    article = read(seed_path)
    return article, Analyzer().analyse_batch([article])[0]


@pytest.fixture(scope="session")
def bbc_pairs(shared_dir: Path) -> list[tuple[Article, Analysis]]:
    from briefing.core.analysis import Analyzer
    from briefing.core.ingest import read

    articles = [read(shared_dir / "corpus" / "bbc" / name) for name in BBC_FIVE]
    return list(zip(articles, Analyzer().analyse_batch(articles), strict=True))
