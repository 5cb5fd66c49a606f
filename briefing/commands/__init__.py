"""The command-line subcommands, one module each; ``run_<name>(args) -> exit code``."""

from briefing.commands.analyze import run_analyze
from briefing.commands.brief import run_brief
from briefing.commands.index import run_index
from briefing.commands.search import run_search

__all__ = ["run_analyze", "run_brief", "run_index", "run_search"]
