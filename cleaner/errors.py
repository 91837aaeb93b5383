"""Errors the library raises on purpose.

The command line maps them to exit codes: :class:`ConfigError` is a usage
error (exit 2), :class:`DataError` is bad input data (exit 1). Anything else
that escapes is a bug.
"""

from __future__ import annotations


class CleanerError(Exception):
    """Base class of every error ``cleaner`` raises on purpose."""


class ConfigError(CleanerError, ValueError):
    """An unknown pass, an unknown option or an option value of the wrong kind."""


class DataError(CleanerError):
    """Input data that cannot be processed: undecodable bytes, a malformed file."""


class DictionaryError(DataError):
    """A malformed dictionary file; the message names the file and the line.

    >>> str(DictionaryError("typos.tsv", 12, "expected 2 columns, found 1"))
    'typos.tsv:12: expected 2 columns, found 1'
    """

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
