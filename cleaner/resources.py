"""Find the packaged data files (``dictionaries/``).

The same lookup works from an installed wheel, where the build copies the
top-level ``dictionaries/`` folder into ``cleaner/dictionaries``, and from a
source checkout (editable install or plain ``PYTHONPATH``), where the folder
sits beside the package.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import DictionaryError


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


HEADER_KEYS = ("File", "Format", "License", "Source")


@dataclass(frozen=True)
class Table:
    """A parsed dictionary file: its header fields and its rows (line number, columns)."""

    path: str
    header: dict[str, str]
    rows: list[tuple[int, list[str]]]

    @property
    def kind(self) -> str:
        """The kind named by the ``# Format:`` line (the words before the first comma)."""
        return self.header.get("Format", "").split(",")[0].strip()


def read_table(path: str | Path, *, columns: tuple[int, int] | None = None) -> Table:
    """Read a UTF-8 TSV dictionary with a ``# Key: value`` header.

    ``columns`` is the (minimum, maximum) number of columns a row may have.
    Blank lines and ``#`` comments after the header are skipped. Any problem
    raises :class:`~cleaner.errors.DictionaryError` naming the file and line.

    >>> t = read_table(dictionary_path("words.tsv"), columns=(2, 2))
    >>> t.kind, t.rows[0][0]
    ('lexicon', 5)
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DictionaryError(name, None, f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DictionaryError(name, line, "not valid UTF-8") from None
    header: dict[str, str] = {}
    rows: list[tuple[int, list[str]]] = []
    in_header = True
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line.startswith("#"):
            if in_header and ":" in line:
                key, _, value = line[1:].partition(":")
                header[key.strip()] = value.strip()
            continue
        in_header = False
        if not line.strip():
            continue
        cols = line.split("\t")
        if columns is not None and not columns[0] <= len(cols) <= columns[1]:
            want = str(columns[0]) if columns[0] == columns[1] else f"{columns[0]} to {columns[1]}"
            raise DictionaryError(name, number, f"expected {want} tab-separated columns, found {len(cols)}")
        if any(not c.strip() for c in cols[: columns[0] if columns else len(cols)]):
            raise DictionaryError(name, number, "empty column")
        rows.append((number, cols))
    missing = [k for k in ("Format",) if k not in header]
    if missing:
        raise DictionaryError(name, 1, "missing header line '# Format: ...'")
    return Table(name, header, rows)


def parse_int(table: Table, number: int, value: str, what: str) -> int:
    """An integer column of ``table``, or a :class:`DictionaryError` naming the line."""
    try:
        return int(value)
    except ValueError:
        raise DictionaryError(table.path, number, f"{what} must be a whole number, not {value!r}") from None


@lru_cache(maxsize=1)
def lexicon() -> dict[str, int]:
    """Valid words with their frequencies (``dictionaries/words.tsv``, from jieba, MIT).

    >>> lexicon()["辐射"] > 0, "稳维" in lexicon()
    (True, False)
    """
    path = dictionary_path("words.tsv")
    raw = path.read_bytes()
    cache = cache_dir() / f"lexicon-{hashlib.sha256(raw).hexdigest()[:24]}.marshal"
    try:
        words = marshal.loads(cache.read_bytes())
        if isinstance(words, dict):
            return words
    except (OSError, ValueError, EOFError, TypeError):
        pass
    body = raw.decode("utf-8").split("\n# Source:", 1)[-1].split("\n", 1)[-1]
    try:  # fast path for the packaged file; the slow one names a bad line
        words = {w: int(f) for w, f in (line.split("\t") for line in body.splitlines() if line)}
    except ValueError:
        table = read_table(path, columns=(2, 2))
        return {cols[0]: parse_int(table, n, cols[1], "frequency") for n, cols in table.rows}
    write_cache(cache, marshal.dumps(words))
    return words


def cache_dir() -> Path:
    """Where parsed dictionaries are cached: ``$CLEANER_CACHE_DIR``, else ``~/.cache/cleaner``."""
    root = os.environ.get("CLEANER_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "cleaner")
    return Path(root)


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
