"""Errors the library raises on purpose.

The command line maps them to exit codes: :class:`ConfigError` is a usage
error (exit 2), :class:`DataError` is bad input data (exit 1). A pass that
raises on a document is a bug: the pipeline wraps it in :class:`PassError`,
which names the pass; the filter and corpus mode then write that document
through unchanged, report it and exit 1 at the end. Anything else that
escapes is a bug too.
"""

from __future__ import annotations

from typing import Literal


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


class PassError(CleanerError):
    """A pass raised on a document (a bug in ``cleaner``); ``error`` is what it raised.

    >>> str(PassError("rejoin", IndexError("list index out of range")))
    'pass rejoin failed: IndexError: list index out of range'
    """

    def __init__(self, pass_name: str, error: BaseException) -> None:
        self.pass_name = pass_name
        self.error = error
        super().__init__(f"pass {pass_name} failed: {type(error).__name__}: {error}")


class DocumentTooLarge(DataError):
    """A document over a size limit (``--max-document-bytes`` or ``--max-document-lines``).

    >>> str(DocumentTooLarge(2_000_000, 1_000_000))
    'document of at least 2000000 bytes is over --max-document-bytes 1000000'
    >>> str(DocumentTooLarge(1_000_001, 1_000_000, "lines"))
    'document of at least 1000001 lines is over --max-document-lines 1000000'
    """

    def __init__(self, size: int, limit: int, unit: Literal["bytes", "lines"] = "bytes") -> None:
        self.size = size
        self.limit = limit
        self.unit = unit
        super().__init__(f"document of at least {size} {unit} is over --max-document-{unit} {limit}")
