"""The local engine: a process pool on this machine (or this process alone with ``jobs=1``).

The main process reads the input into work items (:mod:`cleaner.corpus.work`),
keeps at most ``2 * jobs`` of them between submission and write-out, and hands
results to the :class:`~cleaner.corpus.writer.OrderedWriter`. Each worker
builds its pipeline once (pool initializer) and dies with the main process.
"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..errors import CleanerError
from .records import Summary
from .work import FileEnd, Finished, work_items
from .worker import Job, init_worker, pipeline_for
from .writer import OrderedWriter, Tick


class WorkerLost(CleanerError):
    """A worker process died (killed, or out of memory); a re-run resumes where this one stopped."""


_LOST = "a worker process died; run the same command again to resume"


class _Pool:
    """Submitted items, bounded, retired through the writer as they complete."""

    def __init__(self, jobs: int, run: Job, writer: OrderedWriter) -> None:
        self.executor = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker,
                                            initargs=(dict(run.config),))
        self.writer = writer
        self.limit = 2 * jobs  # work items submitted and not yet written out
        self.outstanding = 0
        self.pending: dict[Future, tuple[int, object]] = {}

    def submit(self, seq: int, item: object, fn: object, args: tuple) -> None:
        while self.outstanding >= self.limit:
            self.collect()
        try:
            future = self.executor.submit(fn, *args)  # type: ignore[arg-type]
        except BrokenProcessPool:
            raise WorkerLost(_LOST) from None
        self.pending[future] = (seq, item)
        self.outstanding += 1

    def collect(self) -> None:
        """Wait for at least one result and write out whatever is ready."""
        done, _ = wait(self.pending, return_when=FIRST_COMPLETED)
        for fut in done:
            seq, item = self.pending.pop(fut)
            try:
                out, s = fut.result()
            except BrokenProcessPool:
                raise WorkerLost(_LOST) from None
            self.outstanding -= self.writer.deliver(seq, item, out, s)  # type: ignore[arg-type]

    def drain(self) -> None:
        while self.pending:
            self.collect()

    def close(self, cancel: bool) -> None:
        self.executor.shutdown(wait=True, cancel_futures=cancel)


def run_local(run: Job, rels: list[str], jobs: int, tick: Tick | None = None) -> tuple[Summary, set[str]]:
    """Clean every file of ``rels``; return the summary and the files skipped as finished."""
    writer = OrderedWriter(Path(run.dst), run.stage, tick)
    pool = _Pool(jobs, run, writer) if jobs > 1 else None
    if pool is None:
        pipeline_for(run.config)
    try:
        for seq, item in enumerate(work_items(run, rels)):
            if isinstance(item, (FileEnd, Finished)):
                writer.note(item)
                continue
            writer.opened(item)
            fn, args = item.task
            if pool is None:
                out, s = fn(*args)
                writer.deliver(seq, item, out, s)
            else:
                pool.submit(seq, item, fn, args)
        if pool is not None:
            pool.drain()
    except BaseException:
        if pool is not None:
            pool.close(cancel=True)
            pool = None
        writer.abort()
        raise
    finally:
        if pool is not None:
            pool.close(cancel=False)
    return writer.result(), writer.skipped
