"""``run_corpus``: check the arguments, run an engine, then corpus dedup."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any, Mapping

from ..errors import DataError
from ..pipeline import Pipeline
from .commit import recover, run_dedup, unstage
from .files import is_jsonl, scan_inputs, source
from .local import run_local
from .progress import Progress
from .records import Summary
from .worker import Job


def _resolve(src: Path, dst: Path) -> Path:
    """OUT for IN (a single JSONL file goes into OUT when that is a folder); bad pairs refused."""
    if not src.exists():
        raise DataError(f"{src}: no such file or folder")
    if src.is_file():
        if not is_jsonl(src):
            raise DataError(f"{src}: a single input file must be JSON lines (.jsonl or .jsonl.gz); "
                            "give a folder of .txt files")
        if dst.is_dir():
            dst = dst / src.name
    if dst.resolve() == src.resolve():
        raise DataError(f"{dst}: OUT must differ from IN")
    return dst


def run_corpus(src: str | Path, dst: str | Path, config: Mapping[str, Any], *, jobs: int | None = None,
               force: bool = False, dedup: bool = False, field: str = "text", on_error: str = "pass",
               engine: str = "local", address: str | None = None,
               progress: Progress | None = None) -> Summary:
    """Clean every document under ``src`` into ``dst``; return what was done.

    A single JSONL ``src`` is written to the file ``dst``, or into ``dst`` when that is a folder.
    """
    src = Path(src)
    dst = _resolve(src, Path(dst))
    inputs = scan_inputs(src, exclude=dst)
    rels = inputs.rels
    if src.is_dir():
        dst.mkdir(parents=True, exist_ok=True)
    Pipeline.from_config(config)  # a bad configuration fails here, before any work
    if progress is not None:
        progress.begin(len(rels), sum(source(src, rel).stat().st_size for rel in rels))
    recover(dst)  # a dedup phase that was committed and not yet applied
    if not dedup and not force:
        unstage(dst, rels)
    if engine == "ray":
        from . import ray_engine
        summary, _ = ray_engine.run(src, dst, rels, config, force=force, field=field, on_error=on_error,
                                    address=address, jobs=jobs, stage=dedup)
        find = partial(ray_engine.find_duplicates, jobs=jobs)
    else:
        run = Job(str(src), str(dst), "", config, field=field, on_error=on_error, force=force, stage=dedup)
        summary, _ = run_local(run, rels, jobs or os.cpu_count() or 1,
                               progress.update if progress is not None else None)
        find = None
    if dedup:
        summary.duplicates_removed = run_dedup(dst, rels, field, find)
    summary.hidden = inputs.hidden
    return summary
