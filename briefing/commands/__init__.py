"""The command-line subcommands, one module each; ``run_<name>(args) -> exit code``."""

from briefing.commands.analyze import run_analyze
from briefing.commands.brief import run_brief
from briefing.commands.entities import run_entities, run_entity
from briefing.commands.figures import run_figures
from briefing.commands.index import run_index
from briefing.commands.search import run_search
from briefing.commands.since import run_since

__all__ = [
    "run_analyze",
    "run_brief",
    "run_entities",
    "run_entity",
    "run_figures",
    "run_index",
    "run_search",
    "run_since",
]
