"""The Ray engine of corpus mode: the same per-file work on a Ray cluster.

Imported only for ``cleaner corpus --engine ray`` (``pip install
'cleaner[ray]'``); the core never imports Ray. Each file is one row of a Ray
Dataset; a pool of actors (``map_batches`` with a callable class), each
building its pipeline once when it starts, cleans the files with
:func:`cleaner.corpus.worker.clean_file`, so the output is byte for byte what the
local engine writes. Corpus dedup is a groupby on paragraph hashes, with the
number of partitions set from the size of the data (Ray's default of 200 is
tuned for big clusters and slow on a small machine): every group keeps its
first occurrence in (path, record, paragraph) order, as the local engine
does, and the driver rewrites the files that lose paragraphs.

Connect to a running cluster with ``--address`` (or ``RAY_ADDRESS``);
without either, Ray starts a local one, which ends with this process even when
it is killed (:mod:`cleaner.corpus.reaper`); actors also die with their raylet. Workers read and write IN and OUT
themselves: on a cluster these must be paths every node sees (a shared file
system), and ``cleaner`` must be installed on every node.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Mapping

from ..errors import DataError
from .dedup import MIN_PARAGRAPH_CHARS, Drops, paragraph_rows
from .reaper import mark_and_watch
from .records import Summary
from .worker import Job, clean_file, init_worker

#: One groupby partition per this many bytes of cleaned text.
BYTES_PER_PARTITION = 32 << 20


class _Cleaner:
    """A Ray actor: builds the pipeline once, then cleans whole files."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        init_worker(config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        out = []
        for payload in batch["job"]:
            job = Job(**json.loads(payload))
            s = clean_file(job)
            out.append(json.dumps({"rel": job.rel, "documents": s.documents, "files": s.files,
                                   "skipped": s.skipped, "bytes_in": s.bytes_in, "bytes_out": s.bytes_out,
                                   "edits": dict(s.edits), "errors": s.errors, "failed": s.failed}))
        return {"summary": out}


def _rows(batch: dict[str, Any], field: str) -> dict[str, Any]:
    keys, orders = [], []
    for i, path in zip(batch["index"], batch["path"]):
        for key, r, k, _ in paragraph_rows(Path(path), field, MIN_PARAGRAPH_CHARS):
            keys.append(key)
            orders.append(f"{int(i):09d}:{r:09d}:{k:09d}")
    return {"key": keys, "order": orders}


def _later(group: Any) -> Any:
    """All occurrences of a paragraph hash but the first (in path, record, paragraph order)."""
    return group.sort_values("order").iloc[1:]


def _connect(address: str | None) -> Any:
    try:
        import ray
    except ImportError:
        raise DataError("the Ray engine needs Ray: pip install 'cleaner[ray]'") from None
    if not ray.is_initialized():
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if not (address or os.environ.get("RAY_ADDRESS")):
            mark_and_watch()  # the local cluster Ray starts ends with this process
        ray.init(address=address or os.environ.get("RAY_ADDRESS"), include_dashboard=False,
                 log_to_driver=False, logging_level="ERROR")
    return ray


def _workers(ray: Any, jobs: int | None, n: int) -> int:
    cpus = int(ray.available_resources().get("CPU", 1)) or 1
    return max(1, min(jobs or cpus, cpus, n or 1))


def run(src: Path, dst: Path, rels: list[str], config: Mapping[str, Any], *, force: bool, field: str,
        on_error: str, address: str | None, jobs: int | None, stage: bool = False) -> tuple[Summary, set[str]]:
    """Clean every file on the cluster; return the summary and the files skipped as finished."""
    ray = _connect(address)
    workers = _workers(ray, jobs, len(rels))
    payloads = [json.dumps({"src": str(src), "dst": str(dst), "rel": rel, "config": dict(config),
                            "field": field, "on_error": on_error, "force": force,
                            "stage": stage}) for rel in rels]
    summary, untouched = Summary(), set()
    if not payloads:
        return summary, untouched
    # Each row is a whole file: a few blocks per worker keep everyone busy.
    ds = ray.data.from_items([{"job": p} for p in payloads],
                             override_num_blocks=max(1, min(len(payloads), workers * 4)))
    results = ds.map_batches(_Cleaner, fn_constructor_kwargs={"config": dict(config)}, batch_size=1,
                             compute=ray.data.ActorPoolStrategy(size=workers)).take_all()
    parts = sorted((json.loads(row["summary"]) for row in results), key=lambda s: rels.index(s["rel"]))
    for s in parts:
        part = Summary(documents=s["documents"], files=s["files"], skipped=s["skipped"], bytes_in=s["bytes_in"],
                       bytes_out=s["bytes_out"], errors=s["errors"], failed=s["failed"])
        part.edits.update(s["edits"])
        summary.add(part)
        if s["skipped"]:
            untouched.add(s["rel"])
    return summary, untouched


def partitions(total_bytes: int, workers: int) -> int:
    """Groupby partitions for ``total_bytes`` of text: one per 32 MB, at most 4 per worker.

    >>> partitions(1_000, 2), partitions(200_000_000, 2), partitions(10**11, 8)
    (1, 6, 32)
    """
    return max(1, min(workers * 4, math.ceil(total_bytes / BYTES_PER_PARTITION)))


def find_duplicates(paths: list[Path], field: str, *, jobs: int | None = None) -> list[Drops]:
    """:func:`cleaner.corpus.dedup.find_duplicates` as a groupby on paragraph hashes: the same pairs."""
    found: list[Drops] = [set() for _ in paths]
    if not paths:
        return found
    ray = _connect(None)
    workers = _workers(ray, jobs, len(paths))
    total = sum(p.stat().st_size for p in paths)
    index = ray.data.from_items([{"index": i, "path": str(p)} for i, p in enumerate(paths)],
                                override_num_blocks=max(1, min(len(paths), workers * 4)))
    rows = index.map_batches(_rows, fn_kwargs={"field": field}, batch_size=8)
    later = (rows.groupby("key", num_partitions=partitions(total, workers))
             .map_groups(_later, batch_format="pandas").take_all())
    for row in later:
        i, r, k = (int(x) for x in row["order"].split(":"))
        found[i].add((r, k))
    return found
