"""Analysis of articles: named entities, key figures and a short summary.

    Analyzer(model=None).analyse(article) -> Analysis

ANALYSIS_VERSION changes whenever the output for the same input may change.
"""

from briefing.core.analysis.analyzer import Analyzer, analysis_version
from briefing.core.analysis.entities import ENTITY_LABELS

ANALYSIS_VERSION: str = analysis_version()

__all__ = ["ANALYSIS_VERSION", "ENTITY_LABELS", "Analyzer"]
