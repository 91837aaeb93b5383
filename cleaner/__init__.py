r"""cleaner: OCR clean-up and normalization for Chinese text.

>>> import cleaner
>>> cleaner.clean("第一段\u200b文字。\r\n")
'第一段文字。\n'
>>> result = cleaner.Pipeline(["normalize"]).run("  缩进的段落。")
>>> result.text, [e.reason for e in result.edits]
('缩进的段落。', ['indentation at a paragraph start removed'])
"""

from __future__ import annotations

from ._version import __version__
from .edits import Edit
from .errors import CleanerError, ConfigError, DataError, DictionaryError, PassError
from .pipeline import ORDER, Pipeline, Result, clean

__all__ = [
    "CleanerError", "ConfigError", "DataError", "DictionaryError", "Edit", "ORDER", "PassError",
    "Pipeline", "Result", "__version__", "clean",
]
