"""The library index: the Whoosh schema, the single incremental writer, the analysis cache, search."""

from briefing.core.library.indexer import BatchAnalyser, IndexerSettings, IndexReport
from briefing.core.library.library import Library
from briefing.core.library.search import Searcher

__all__ = ["BatchAnalyser", "IndexReport", "IndexerSettings", "Library", "Searcher"]
