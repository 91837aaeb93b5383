"""The ordered writer: results arrive in any order and are written in input order.

Each output file is opened once, on its first piece, as an
:class:`~cleaner.corpus.files.AtomicOutput`; the pieces of a JSONL file are
written as their turn comes and the file is renamed into place when its
:class:`~cleaner.corpus.work.FileEnd` has been seen and every piece written.
Errors are kept by work item, so their order does not depend on ``jobs``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .files import AtomicOutput, output, staged
from .records import Summary
from .work import Chunk, FileEnd, Finished, Item, TextFile

Tick = Callable[..., None]  # (documents, input bytes, a file is done, skipped as already done)


@dataclass
class _Open:
    out: AtomicOutput
    chunks: int | None = None  # known once the input is read to its end
    written: int = 0
    waiting: dict[int, bytes] = field(default_factory=dict)


class OrderedWriter:
    """Write the results of work items into ``dst`` in input order; sum their summaries."""

    def __init__(self, dst: Path, stage: bool, tick: Tick | None = None) -> None:
        self.dst = dst
        self.stage = stage
        self.tick: Tick = tick or (lambda *_: None)
        self.summary = Summary()
        self.skipped: set[str] = set()  # files already finished before this run
        self._open: dict[str, _Open] = {}
        self._errors: list[tuple[int, list[str]]] = []

    def _output(self, rel: str) -> AtomicOutput:
        final = output(self.dst, rel)
        return AtomicOutput(staged(final) if self.stage else final, final)

    def _file_done(self) -> None:
        self.summary.files += 1
        self.tick(0, 0, True)

    def note(self, item: FileEnd | Finished) -> None:
        """An item without a task: the end of a JSONL file's input, or a file already finished."""
        if isinstance(item, Finished):
            self.summary.add(Summary(files=1, skipped=1))
            self.skipped.add(item.rel)
            self.tick(0, item.size, True, True)
            return
        o = self._open.get(item.rel)
        if o is None:  # an empty JSONL file
            o = self._open[item.rel] = _Open(self._output(item.rel))
        o.chunks = item.chunks
        self._finish_if_complete(item.rel)

    def opened(self, item: Item) -> None:
        """A chunk is about to be submitted: open its file now, so that outputs open in input order."""
        if isinstance(item, Chunk) and item.rel not in self._open:
            self._open[item.rel] = _Open(self._output(item.rel))

    def deliver(self, seq: int, item: TextFile | Chunk, out: bytes, s: Summary) -> int:
        """The result of the ``seq``-th item; return how many items are now written out."""
        if s.errors:
            self._errors.append((seq, s.errors))
            s.errors = []
        self.summary.add(s)
        self.tick(s.documents, item.size, False)
        if isinstance(item, TextFile):
            f = self._output(item.rel)
            f.write(out)
            f.commit()
            self._file_done()
            return 1
        o = self._open[item.rel]
        o.waiting[item.index] = out
        retired = 0
        while o.written in o.waiting:
            o.out.write(o.waiting.pop(o.written))
            o.written += 1
            retired += 1
        self._finish_if_complete(item.rel)
        return retired

    def _finish_if_complete(self, rel: str) -> None:
        o = self._open[rel]
        if o.chunks is not None and o.written == o.chunks:
            del self._open[rel]
            o.out.commit()
            self._file_done()

    def abort(self) -> None:
        """Leave unfinished files under their temporary names: never mistaken for finished."""
        for o in self._open.values():
            o.out.abort()
        self._open.clear()

    def result(self) -> Summary:
        """The summary, its errors in input order."""
        self.summary.errors = [e for _, batch in sorted(self._errors) for e in batch]
        return self.summary
