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
without either, Ray starts a local one. Workers read and write IN and OUT
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
from .dedup import MIN_PARAGRAPH_CHARS, drop_paragraphs, paragraph_rows, removal
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
                                   "edits": dict(s.edits), "errors": s.errors}))
        return {"summary": out}


def _rows(batch: dict[str, Any], dst: str, field: str) -> dict[str, Any]:
    keys, orders, files = [], [], []
    for i, rel in zip(batch["index"], batch["rel"]):
        for key, r, k, _ in paragraph_rows(Path(dst), rel, field, MIN_PARAGRAPH_CHARS):
            keys.append(key)
            orders.append(f"{int(i):09d}:{r:09d}:{k:09d}")
            files.append(rel)
    return {"key": keys, "order": orders, "rel": files}


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
        ray.init(address=address or os.environ.get("RAY_ADDRESS"), include_dashboard=False,
                 log_to_driver=False, logging_level="ERROR")
    return ray


def _workers(ray: Any, jobs: int | None, n: int) -> int:
    cpus = int(ray.available_resources().get("CPU", 1)) or 1
    return max(1, min(jobs or cpus, cpus, n or 1))


def run(src: Path, dst: Path, rels: list[str], config: Mapping[str, Any], *, force: bool, field: str,
        on_error: str, address: str | None, jobs: int | None) -> tuple[Summary, set[str]]:
    """Clean every file on the cluster; return the summary and the files skipped as finished."""
    ray = _connect(address)
    workers = _workers(ray, jobs, len(rels))
    payloads = [json.dumps({"src": str(src), "dst": str(dst), "rel": rel, "config": dict(config),
                            "field": field, "on_error": on_error, "force": force}) for rel in rels]
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
                       bytes_out=s["bytes_out"], errors=s["errors"])
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


def dedup(dst: Path, rels: list[str], field: str, log: Path, *, jobs: int | None = None) -> int:
    """Corpus dedup as a groupby on paragraph hashes; write removals to ``log``; return their number."""
    ray = _connect(None)
    workers = _workers(ray, jobs, len(rels))
    with open(log, "w", encoding="utf-8") as out:
        if not rels:
            return 0
        total = sum((dst / rel if rel else dst).stat().st_size for rel in rels)
        index = ray.data.from_items([{"index": i, "rel": rel} for i, rel in enumerate(rels)],
                                    override_num_blocks=max(1, min(len(rels), workers * 4)))
        rows = index.map_batches(_rows, fn_kwargs={"dst": str(dst), "field": field}, batch_size=8)
        later = (rows.groupby("key", num_partitions=partitions(total, workers))
                 .map_groups(_later, batch_format="pandas").take_all())
        drops: dict[str, set[tuple[int, int]]] = {}
        for row in later:
            _, r, k = (int(x) for x in row["order"].split(":"))
            drops.setdefault(row["rel"], set()).add((r, k))
        removed = 0
        for rel in rels:
            if rel not in drops:
                continue
            texts = {(r, k): t for _, r, k, t in paragraph_rows(dst, rel, field, MIN_PARAGRAPH_CHARS)}
            for r, k in sorted(drops[rel]):
                out.write(removal(rel, r, k, texts[(r, k)]))
                removed += 1
            drop_paragraphs(dst, rel, field, drops[rel])
    return removed
