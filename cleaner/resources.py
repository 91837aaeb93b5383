"""Find the packaged data files (``dictionaries/``).

The same lookup works from an installed wheel, where the build copies the
top-level ``dictionaries/`` folder into ``cleaner/dictionaries``, and from a
source checkout (editable install or plain ``PYTHONPATH``), where the folder
sits beside the package.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def data_dir() -> Path:
    """The folder holding the packaged dictionaries.

    >>> (data_dir() / "README.md").is_file()
    True
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "dictionaries", here.parent / "dictionaries"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("cleaner's dictionaries/ folder is missing from this installation")


def dictionary_path(name: str) -> Path:
    """Path of the packaged dictionary file ``name``."""
    return data_dir() / name
