"""The Ray engine of corpus mode: the same per-file work on a Ray cluster.

Imported only for ``cleaner corpus --engine ray`` (``pip install
'cleaner[ray]'``); the core never imports Ray. Each file is one row of a Ray
Dataset; a pool of actors, each building its pipeline once, cleans the files
with :func:`cleaner.corpus.clean_file`, so the output is byte for byte what
the local engine writes. Corpus dedup is a groupby on paragraph hashes: every
group keeps its first occurrence in (path, record, paragraph) order, as the
local engine does, and the driver rewrites the files that lose paragraphs.

Connect to a running cluster with ``--address`` (or ``RAY_ADDRESS``);
without either, Ray starts a local one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

from .corpus import Job, Summary, clean_file, drop_paragraphs, paragraph_rows, write_removed_log
from .errors import DataError


class _Cleaner:
    """A Ray actor: cleans whole files (the pipeline is built once per actor, on first use)."""

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import json
        out = []
        for payload in batch["job"]:
            s = clean_file(Job(**json.loads(payload)))
            out.append(json.dumps({"documents": s.documents, "files": s.files, "skipped": s.skipped,
                                   "bytes_in": s.bytes_in, "bytes_out": s.bytes_out,
                                   "edits": dict(s.edits), "errors": s.errors}))
        return {"summary": out}


def _rows(batch: dict[str, Any], dst: str, field: str) -> dict[str, Any]:
    keys, orders, files = [], [], []
    for i, rel in zip(batch["index"], batch["rel"]):
        for key, r, k, _ in paragraph_rows(Path(dst), rel, field, 20):
            keys.append(key)
            orders.append(f"{int(i):09d}:{r:09d}:{k:09d}")
            files.append(rel)
    return {"key": keys, "order": orders, "rel": files}


def _later(group: Any) -> Any:
    """All occurrences of a paragraph hash but the first (in path, record, paragraph order)."""
    import pandas as pd
    df = pd.DataFrame(group)
    df = df.sort_values("order")
    return df.iloc[1:]


def run(src: Path, dst: Path, rels: list[str], config: Mapping[str, Any], *, force: bool, dedup: bool,
        field: str, on_error: str, address: str | None, jobs: int | None) -> Summary:
    import json
    try:
        import ray
    except ImportError:
        raise DataError("the Ray engine needs Ray: pip install 'cleaner[ray]'") from None
    if not ray.is_initialized():
        ray.init(address=address or os.environ.get("RAY_ADDRESS"), include_dashboard=False,
                 log_to_driver=False, logging_level="ERROR")
    cpus = int(ray.available_resources().get("CPU", 1))
    workers = max(1, min(jobs or cpus, cpus, len(rels) or 1))
    payloads = [json.dumps({"src": str(src), "dst": str(dst), "rel": rel, "config": dict(config),
                            "field": field, "on_error": on_error, "force": force}) for rel in rels]
    # Few rows per block: each row is a whole file. Ray's default block count is tuned for
    # big clusters; on a small machine one block per worker is what keeps everyone busy.
    ds = ray.data.from_items([{"job": p} for p in payloads], override_num_blocks=max(1, min(len(payloads), workers * 4)))
    results = ds.map_batches(_Cleaner, batch_size=1, concurrency=workers).take_all()
    summary = Summary()
    for row in results:
        s = json.loads(row["summary"])
        part = Summary(documents=s["documents"], files=s["files"], skipped=s["skipped"], bytes_in=s["bytes_in"],
                       bytes_out=s["bytes_out"], errors=s["errors"])
        part.edits.update(s["edits"])
        summary.add(part)
    if dedup:
        index = ray.data.from_items([{"index": i, "rel": rel} for i, rel in enumerate(rels)],
                                    override_num_blocks=max(1, min(len(rels), workers * 4)))
        rows = index.map_batches(_rows, fn_kwargs={"dst": str(dst), "field": field}, batch_size=8)
        partitions = max(1, min(workers * 2, len(rels)))
        later = rows.groupby("key", num_partitions=partitions).map_groups(_later, batch_format="pandas").take_all()
        drops: dict[str, set[tuple[int, int]]] = {}
        log = []
        for row in sorted(later, key=lambda r: r["order"]):
            _, r, k = (int(x) for x in row["order"].split(":"))
            drops.setdefault(row["rel"], set()).add((r, k))
        for rel in rels:
            if rel in drops:
                texts = {(r, k): t for _, r, k, t in paragraph_rows(dst, rel, field, 20)}
                for r, k in sorted(drops[rel]):
                    log.append({"file": rel, "record": r, "paragraph": k, "text": texts[(r, k)]})
                drop_paragraphs(dst, rel, field, drops[rel])
        summary.duplicates_removed = len(log)
        write_removed_log(dst, log)
    return summary
