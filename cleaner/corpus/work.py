"""The local engine's work items, in corpus order.

A text file is one item; a JSONL file is cut into chunks of about
:data:`CHUNK_BYTES` of consecutive lines, followed by a :class:`FileEnd` that
says how many chunks it had; a file already finished is a :class:`Finished`.
Each item knows the task that cleans it (a picklable function and its
arguments), so the engine never looks inside.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Union

from .files import is_done, is_jsonl, output, reader, source
from .worker import Job, clean_chunk, clean_text_file

#: About this many bytes of JSON lines make one work item.
CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class TextFile:
    """A whole text document: one task, one output file."""

    rel: str
    size: int  # input bytes on disk
    task: tuple[Callable[..., Any], tuple[Any, ...]]


@dataclass(frozen=True)
class Chunk:
    """Consecutive lines of a JSONL file, the ``index``-th piece of its output."""

    rel: str
    index: int
    size: int  # input bytes on disk this chunk covers
    task: tuple[Callable[..., Any], tuple[Any, ...]]


@dataclass(frozen=True)
class FileEnd:
    """The input of a JSONL file is read to its end: its output has ``chunks`` pieces."""

    rel: str
    chunks: int


@dataclass(frozen=True)
class Finished:
    """A file whose output already exists: nothing to do but count it."""

    rel: str
    size: int


Item = Union[TextFile, Chunk, FileEnd, Finished]


def work_items(run: Job, rels: list[str]) -> Iterator[Item]:
    """Every item of the corpus, file by file in ``rels`` order; ``run`` holds what they share
    (its ``rel`` is not used)."""
    for rel in rels:
        s = source(Path(run.src), rel)
        if not run.force and is_done(output(Path(run.dst), rel), run.stage):
            yield Finished(rel, s.stat().st_size)
        elif is_jsonl(s):
            yield from _chunks(run, rel, s)
        else:
            args = (str(s), rel or s.name, run.on_error, run.config)
            yield TextFile(rel, s.stat().st_size, (clean_text_file, args))


def _chunks(run: Job, rel: str, path: Path) -> Iterator[Item]:
    label = rel or path.name
    index, first, number, batch, size, pos = 0, 1, 0, [], 0, 0
    with reader(path) as (fin, raw):
        for line in fin:
            number += 1
            batch.append(line)
            size += len(line)
            if size >= CHUNK_BYTES:
                now = raw.tell()
                yield Chunk(rel, index, now - pos, (clean_chunk, (batch, first, label, run.field, run.on_error,
                                                                  run.config)))
                index, first, batch, size, pos = index + 1, number + 1, [], 0, now
        if batch:
            now = raw.tell()
            yield Chunk(rel, index, now - pos, (clean_chunk, (batch, first, label, run.field, run.on_error,
                                                              run.config)))
            index += 1
    yield FileEnd(rel, index)
