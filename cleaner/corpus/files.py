"""Files: what is an input, where its output goes, and writing an output so that it is never seen half done.

An output is written under a hidden temporary name (``.partial-NAME``) and
renamed when complete (:class:`AtomicOutput`). With corpus dedup the cleaned
file is first renamed to its staged name (``.cleaned-NAME``): it becomes
``NAME`` only when the dedup phase commits (:mod:`cleaner.corpus.dedup`).
Hidden files are never inputs, so none of these names is read back.
"""

from __future__ import annotations

import contextlib
import gzip
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

SUFFIXES = (".txt", ".jsonl", ".txt.gz", ".jsonl.gz")


@contextlib.contextmanager
def reader(path: Path) -> Iterator[tuple[BinaryIO, BinaryIO]]:
    """(decompressed stream, raw file): the raw file's position tells progress."""
    with open(path, "rb") as raw:
        if path.name.endswith(".gz"):
            with gzip.GzipFile(fileobj=raw, mode="rb") as g:
                yield g, raw  # type: ignore[misc]
        else:
            yield raw, raw


def read_all(path: Path) -> bytes:
    with reader(path) as (f, _):
        return f.read()


def is_jsonl(path: Path) -> bool:
    return path.name.endswith((".jsonl", ".jsonl.gz"))


@dataclass(frozen=True)
class Inputs:
    """The documents found under a folder: relative paths (sorted; ``[""]`` for a single file),
    and how many hidden files with an input's suffix were left out."""

    rels: list[str]
    hidden: int = 0


def scan_inputs(src: Path, exclude: Path | None = None) -> Inputs:
    """The inputs under ``src``; hidden files (temporary outputs among them) and the folder
    ``exclude`` (an output folder inside the input) are left out."""
    if src.is_file():
        return Inputs([""])
    skip = exclude.resolve() if exclude is not None else None
    found, hidden = [], 0
    for root, dirs, files in os.walk(src):
        if skip is not None:
            dirs[:] = [d for d in dirs if (Path(root) / d).resolve() != skip]
        for name in files:
            if not name.endswith(SUFFIXES):
                continue
            if name.startswith("."):
                hidden += 1
            else:
                found.append(str((Path(root) / name).relative_to(src)))
    return Inputs(sorted(found), hidden)


def list_inputs(src: Path, exclude: Path | None = None) -> list[str]:
    """Relative paths of the documents under ``src`` (sorted), or ``[""]`` for a single file."""
    return scan_inputs(src, exclude).rels


def source(src: Path, rel: str) -> Path:
    return src if rel == "" else src / rel


def output(dst: Path, rel: str) -> Path:
    return dst if rel == "" else dst / rel


def hidden(path: Path, kind: str) -> Path:
    """A hidden sibling of ``path``: ``.partial-``, ``.cleaned-`` (staged for dedup), ``.dedup-``."""
    return path.with_name(f".{kind}-{path.name}")


def staged(path: Path) -> Path:
    """Where a cleaned output waits for the dedup phase to commit."""
    return hidden(path, "cleaned")


def is_done(out: Path, stage: bool) -> bool:
    """The output is finished (or, with ``stage``, cleaned and waiting for dedup)."""
    return out.exists() or (stage and staged(out).exists())


def fsync_path(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


class AtomicOutput:
    """A binary output written under ``.partial-NAME`` and renamed to ``target`` on :meth:`commit`;
    gzip without a name or time stamp in its header (reproducible).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> out = AtomicOutput(d / "a" / "x.txt")
    >>> out.write(b"abc"); out.commit(); (d / "a" / "x.txt").read_bytes()
    b'abc'
    """

    def __init__(self, target: Path, name: Path | None = None) -> None:
        """Write for ``target``; ``name`` (the final output's name, default ``target``) names the
        temporary file and chooses gzip."""
        self.target = target
        name = name or target
        self.tmp = hidden(name, "partial")
        target.parent.mkdir(parents=True, exist_ok=True)
        self._raw = open(self.tmp, "wb")
        self._gzip = gzip.GzipFile(filename="", fileobj=self._raw, mode="wb", mtime=0) \
            if name.name.endswith(".gz") else None
        self.stream: BinaryIO = self._gzip or self._raw  # type: ignore[assignment]

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def _close(self) -> None:
        try:
            if self._gzip is not None:
                self._gzip.close()
        finally:
            self._raw.close()

    def commit(self, sync: bool = False) -> None:
        """Close and rename into place (``sync``: flush to disk first)."""
        if self._gzip is not None:
            self._gzip.close()
        if sync:
            self._raw.flush()
            os.fsync(self._raw.fileno())
        self._raw.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        """Close, leaving the temporary file (never mistaken for a finished output)."""
        with contextlib.suppress(Exception):
            self._close()
