"""Operations the command line and the app share: plain functions with typed results and errors.

No argparse and no Qt here: ``briefing.commands`` parses arguments and prints, ``briefing.ui``
asks with dialogs and shows; both call these. Writing a PDF goes through ``briefing.printing``
(Qt's printing), the one layer below that needs Qt.
"""

from briefing.operations.briefings import (
    BriefingOutputError,
    WrittenBriefing,
    library_briefing,
    record_briefing,
    write_briefing,
)
from briefing.operations.entities import UnknownEntityError, entity_briefing, find_entity
from briefing.operations.formats import (
    ARTICLE_SUFFIXES,
    EXPORT_FORMATS,
    EXPORT_SUFFIXES,
    ExportFormat,
    export_format,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "EXPORT_FORMATS",
    "EXPORT_SUFFIXES",
    "BriefingOutputError",
    "ExportFormat",
    "UnknownEntityError",
    "WrittenBriefing",
    "entity_briefing",
    "export_format",
    "find_entity",
    "library_briefing",
    "record_briefing",
    "write_briefing",
]
