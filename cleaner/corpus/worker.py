"""What runs in a worker process (a pool process or a Ray actor): its pipeline, built once, and the tasks.

A worker never outlives the process that started it: :func:`init_worker` asks
Linux to kill it when its parent dies (``PR_SET_PDEATHSIG``) and, where the
multiprocessing parent is known, watches the pipe to the parent and exits
when it closes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from ..pipeline import Pipeline
from .files import AtomicOutput, is_done, is_jsonl, output, read_all, reader, source, staged
from .records import Summary, clean_jsonl_bytes, clean_text

_WORKER: dict[str, Any] = {}
_PR_SET_PDEATHSIG = 1


def pipeline_for(config: Mapping[str, Any]) -> Pipeline:
    """This process's pipeline for ``config``, built once."""
    key = json.dumps(config, sort_keys=True, default=str)
    if _WORKER.get("key") != key:
        _WORKER["key"] = key
        _WORKER["pipeline"] = Pipeline.from_config(config)
    return _WORKER["pipeline"]


def die_with_parent() -> None:
    """End this process when the one that started it dies (no orphans after a ``kill -9``)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is not None:
        threading.Thread(target=_watch, args=(sentinel,), name="cleaner-parent-watch", daemon=True).start()


def _watch(sentinel: int) -> None:
    from multiprocessing.connection import wait
    wait([sentinel])  # readable (EOF) once the parent is gone
    os._exit(1)


def init_worker(config: Mapping[str, Any]) -> None:  # also a Ray actor's constructor
    """Pool initializer: tie the worker to its parent, then build the pipeline (dictionaries, OpenCC)
    before the first task."""
    die_with_parent()
    pipeline_for(config)


@dataclass(frozen=True)
class Job:
    """Everything a worker needs for one whole file (picklable). With ``stage`` the output goes to
    its staged name, final only when corpus dedup commits."""

    src: str
    dst: str
    rel: str
    config: Mapping[str, Any]
    field: str = "text"
    on_error: str = "pass"
    force: bool = False
    stage: bool = False


def clean_file(job: Job) -> Summary:
    """Clean one file into its mirror; skip it when the output exists (unless ``force``)."""
    src, dst = source(Path(job.src), job.rel), output(Path(job.dst), job.rel)
    summary = Summary(files=1)
    if not job.force and is_done(dst, job.stage):
        summary.skipped = 1
        return summary
    pipeline = pipeline_for(job.config)
    label = job.rel or src.name
    out = AtomicOutput(staged(dst) if job.stage else dst, dst)
    try:
        with reader(src) as (fin, _):
            if is_jsonl(src):
                for line in clean_jsonl_bytes(fin, pipeline, field=job.field, on_error=job.on_error,
                                              source=label, summary=summary):
                    out.write(line)
            else:
                out.write(clean_text(fin.read(), label, pipeline, job.on_error, summary))
    except BaseException:
        out.abort()
        raise
    out.commit()
    return summary


def clean_chunk(lines: list[bytes], first: int, label: str, field: str, on_error: str,
                config: Mapping[str, Any]) -> tuple[bytes, Summary]:
    """A task: consecutive JSON lines of one file, ``first`` the number of the first."""
    summary = Summary()
    out = b"".join(clean_jsonl_bytes(lines, pipeline_for(config), field=field, on_error=on_error,
                                     source=label, summary=summary, first=first))
    return out, summary


def clean_text_file(src: str, label: str, on_error: str, config: Mapping[str, Any]) -> tuple[bytes, Summary]:
    """A task: a whole text document."""
    summary = Summary()
    return clean_text(read_all(Path(src)), label, pipeline_for(config), on_error, summary), summary
