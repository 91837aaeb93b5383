r"""cleaner: OCR clean-up and normalization for Chinese text.

>>> import cleaner
>>> cleaner.clean("第一段\u200b文字。\r\n")
'第一段文字。\n'
>>> result = cleaner.Pipeline(["normalize"]).run("  缩进的段落。")
>>> result.text, [e.reason for e in result.edits]
('缩进的段落。', ['indentation at a paragraph start removed'])
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cleaner")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0+unknown"

from .edits import Edit
from .errors import CleanerError, ConfigError, DataError, DictionaryError
from .pipeline import ORDER, Pipeline, Result, clean

__all__ = [
    "CleanerError", "ConfigError", "DataError", "DictionaryError", "Edit", "ORDER",
    "Pipeline", "Result", "__version__", "clean",
]
