"""Find the packaged data files (``dictionaries/``).

The same lookup works from an installed wheel, where the build copies the
top-level ``dictionaries/`` folder into ``cleaner/dictionaries``, and from a
source checkout (editable install or plain ``PYTHONPATH``), where the folder
sits beside the package.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from .errors import DictionaryError

T = TypeVar("T")


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


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a dictionary file, or a :class:`DictionaryError` naming it."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DictionaryError(str(path), None, f"cannot read: {exc.strerror}") from None


def read_table(path: str | Path, *, columns: tuple[int, int] | None = None, raw: bytes | None = None) -> Table:
    """Read a UTF-8 TSV dictionary with a ``# Key: value`` header.

    ``columns`` is the (minimum, maximum) number of columns a row may have;
    ``raw`` the file's bytes when the caller has read them already.
    Blank lines and ``#`` comments after the header are skipped. Any problem
    raises :class:`~cleaner.errors.DictionaryError` naming the file and line.

    >>> t = read_table(dictionary_path("words.tsv"), columns=(2, 2))
    >>> t.kind, t.rows[0][0]
    ('lexicon', 5)
    """
    name = str(path)
    if raw is None:
        raw = read_bytes(path)
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
        if line.strip():
            rows.append((number, [c.strip() for c in line.split("\t")]))
    if "Format" not in header:
        raise DictionaryError(name, 1, "missing header line '# Format: ...'")
    table = Table(name, header, rows)
    if columns is not None:
        check_columns(table, columns)
    return table


def check_columns(table: Table, columns: tuple[int, int]) -> None:
    """Every row of ``table`` has between ``columns[0]`` and ``columns[1]`` columns, the
    required ones not empty; else a :class:`DictionaryError` naming the line."""
    low, high = columns
    for number, cols in table.rows:
        if not low <= len(cols) <= high:
            want = str(low) if low == high else f"{low} to {high}"
            raise DictionaryError(table.path, number, f"expected {want} tab-separated columns, found {len(cols)}")
        if any(not c for c in cols[:low]):
            raise DictionaryError(table.path, number, "empty column")


@dataclass(frozen=True)
class DictionarySet:
    """A set of dictionary files read once: their bytes, a digest of them all, and
    (on demand) their tables grouped by kind.

    ``columns`` maps each kind a caller accepts to the (minimum, maximum)
    number of columns of its rows; a file of any other kind is an error.

    >>> d = DictionarySet.read({"lexicon": ["words_extra.tsv"]}, (), {"lexicon": (2, 2)})
    >>> [t.kind for t in d.tables()["lexicon"]], len(d.digest)
    (['lexicon'], 24)
    """

    files: tuple[tuple[str, bytes], ...]
    columns: dict[str, tuple[int, int]]
    digest: str

    @classmethod
    def read(cls, bundled: dict[str, list[str]] | dict[str, tuple[str, ...]], paths: tuple[str, ...] | list[str],
             columns: dict[str, tuple[int, int]], salt: str = "") -> "DictionarySet":
        """The packaged files ``bundled`` names (by kind) and the user's ``paths``."""
        names = [str(dictionary_path(n)) for kind in bundled for n in bundled[kind]] + [str(p) for p in paths]
        files = tuple((name, read_bytes(name)) for name in names)
        h = hashlib.sha256(salt.encode())
        for name, raw in files:
            h.update(len(raw).to_bytes(8, "little") + raw)
        return cls(files, dict(columns), h.hexdigest()[:24])

    def tables(self) -> dict[str, list[Table]]:
        """Every file parsed, by kind, rows checked against the kind's column counts."""
        found: dict[str, list[Table]] = {k: [] for k in self.columns}
        for name, raw in self.files:
            table = read_table(name, raw=raw)
            if table.kind not in self.columns:
                raise DictionaryError(name, 1, f"unknown dictionary kind {table.kind!r} in '# Format:'; "
                                               f"kinds are: {', '.join(self.columns)}")
            check_columns(table, self.columns[table.kind])
            found[table.kind].append(table)
        return found


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
    raw = read_bytes(path)
    _LEXICON_KEY.append(hashlib.sha256(raw).hexdigest()[:24])

    def build() -> dict[str, int]:
        body = raw.decode("utf-8").split("\n# Source:", 1)[-1].split("\n", 1)[-1]
        try:  # fast path for the packaged file; the slow one names a bad line
            return {w: int(f) for w, f in (line.split("\t") for line in body.splitlines() if line)}
        except ValueError:
            table = read_table(path, columns=(2, 2), raw=raw)
            return {cols[0]: parse_int(table, n, cols[1], "frequency") for n, cols in table.rows}

    return cached("lexicon", _LEXICON_KEY[-1], build, dict)


_LEXICON_KEY: list[str] = []


def lexicon_key() -> str:
    """A digest of the lexicon file, for caches of what is derived from it."""
    lexicon()
    return _LEXICON_KEY[-1]


def cached(name: str, key: str, build: Callable[[], T], kind: type) -> T:
    """``build()``, kept in a marshal file under :func:`cache_dir` named by
    ``name`` and ``key`` (a digest of everything the result depends on), so a
    later process loads it instead. A damaged or unwritable cache is rebuilt
    or simply not kept; a loaded value must be of type ``kind``.
    """
    path = cache_dir() / f"{name}-{key}.marshal"
    try:
        data = path.read_bytes()
        was = gc.isenabled()
        gc.disable()  # millions of new objects: the cycle collector only slows this down
        try:
            value = marshal.loads(data)
        finally:
            if was:
                gc.enable()
        if isinstance(value, kind):
            return value  # type: ignore[no-any-return]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    write_cache(path, marshal.dumps(value))
    return value


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
