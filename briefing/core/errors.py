"""Errors the core raises with messages meant for users."""


class BriefingError(Exception):
    """Base of every error Briefing reports to a user."""


class ReadError(BriefingError):
    """A file could not be read as an article; ``reason`` says why in plain words."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class QueryError(BriefingError):
    """A search query could not be parsed."""


class LibraryBusyError(BriefingError):
    """Another process holds the index writer lock."""


class StorageError(BriefingError):
    """The index folder could not be written or read (a full, read-only, failing or vanished disk)."""
