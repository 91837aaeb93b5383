"""Corpus mode: JSON lines and folders of documents, on every core, resumable.

The same :class:`~cleaner.pipeline.Pipeline` and edits as the filter, applied
to many documents:

* :func:`clean_jsonl` cleans one field of every JSON record, keeps the other
  fields and the record order, and reports a bad record (invalid JSON, a
  missing or non-string field) with its line number; ``on_error="pass"``
  writes it through untouched, ``"fail"`` stops;
* :func:`run_corpus` mirrors a folder (``.txt``, ``.jsonl``, optionally
  ``.gz``; recursive) or one JSONL file into ``OUT``, one task per file on a
  process pool, each worker building its pipeline once. A file is written
  under a temporary name and renamed when complete, so a crash never leaves a
  partial file looking finished, and a re-run skips finished files unless
  ``force``;
* corpus-level dedup (``dedup_corpus``): a paragraph repeated across
  documents keeps its first occurrence, in a stable order (sorted relative
  paths, then record order, then paragraph order); removals are logged to
  ``OUT/_removed.jsonl``.

The Ray engine (:mod:`cleaner.corpus_ray`) runs the same per-file work on a
cluster and gives byte-identical output.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import sys
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping

from .errors import DataError
from .pipeline import Pipeline
from .text import paragraph_style, paragraphs

SUFFIXES = (".txt", ".jsonl", ".txt.gz", ".jsonl.gz")
REMOVED_LOG = "_removed.jsonl"


@dataclass
class Summary:
    """What a corpus run did."""

    documents: int = 0
    files: int = 0
    skipped: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    edits: Counter = field(default_factory=Counter)
    duplicates_removed: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Summary") -> None:
        self.documents += other.documents
        self.files += other.files
        self.skipped += other.skipped
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.edits.update(other.edits)
        self.duplicates_removed += other.duplicates_removed
        self.errors.extend(other.errors)

    def render(self) -> str:
        per_pass = ", ".join(f"{k} {v}" for k, v in sorted(self.edits.items())) or "none"
        return (f"{self.files} files ({self.skipped} already done), {self.documents} documents, "
                f"{self.bytes_in / 1e6:.1f} MB in, {self.bytes_out / 1e6:.1f} MB out; edits: {per_pass}; "
                f"corpus duplicates removed: {self.duplicates_removed}; errors: {len(self.errors)}")


# --------------------------------------------------------------------------
# JSON lines

def clean_jsonl(lines: Iterable[str], pipeline: Pipeline, *, field: str = "text",
                edits_field: str | None = None, on_error: str = "pass", source: str = "<stdin>",
                summary: Summary | None = None) -> Iterator[str]:
    """Clean ``field`` of every JSON line; yield output lines (with their newline).

    >>> out = list(clean_jsonl(['{"id": 1, "text": "中文,测试."}\\n'], Pipeline(["punctuation"])))
    >>> json.loads(out[0])
    {'id': 1, 'text': '中文，测试。'}
    """
    summary = summary if summary is not None else Summary()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            yield line if line.endswith("\n") else line + "\n"
            continue
        problem = None
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"invalid JSON ({exc.msg})"
        else:
            if not isinstance(record, dict) or field not in record:
                problem = f"no field {field!r}"
            elif not isinstance(record[field], str):
                problem = f"field {field!r} is {type(record[field]).__name__}, not a string"
        if problem is not None:
            message = f"{source}:{number}: {problem}"
            if on_error == "fail":
                raise DataError(message)
            summary.errors.append(message)
            yield line if line.endswith("\n") else line + "\n"
            continue
        result = pipeline.run(record[field])
        summary.documents += 1
        summary.bytes_in += len(record[field].encode("utf-8"))
        summary.bytes_out += len(result.text.encode("utf-8"))
        summary.edits.update(e.pass_name for e in result.edits)
        record[field] = result.text
        if edits_field:
            record[edits_field] = [e.to_dict() for e in result.edits]
        yield json.dumps(record, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------
# Files

def _open_read(path: Path) -> IO[str]:
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def _open_write(path: Path) -> IO[str]:
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.GzipFile(path, "wb", mtime=0), encoding="utf-8")
    return open(path, "w", encoding="utf-8")


def list_inputs(src: Path) -> list[str]:
    """Relative paths of the documents under ``src`` (sorted), or ``[""]`` for a single file."""
    if src.is_file():
        return [""]
    found = []
    for root, _, files in os.walk(src):
        for name in files:
            if name.endswith(SUFFIXES) and not name.startswith("."):
                found.append(str((Path(root) / name).relative_to(src)))
    return sorted(found)


def _targets(src: Path, dst: Path, rel: str) -> tuple[Path, Path]:
    return (src, dst) if rel == "" else (src / rel, dst / rel)


@dataclass(frozen=True)
class Job:
    """Everything a worker needs for one file (picklable)."""

    src: str
    dst: str
    rel: str
    config: Mapping[str, Any]
    field: str = "text"
    on_error: str = "pass"
    force: bool = False


_WORKER: dict[str, Any] = {}


def _pipeline(config: Mapping[str, Any]) -> Pipeline:
    key = json.dumps(config, sort_keys=True, default=str)
    if _WORKER.get("key") != key:
        _WORKER["key"] = key
        _WORKER["pipeline"] = Pipeline.from_config(config)
    return _WORKER["pipeline"]


def clean_file(job: Job) -> Summary:
    """Clean one file into its mirror; skip it when the output exists (unless ``force``)."""
    src, dst = _targets(Path(job.src), Path(job.dst), job.rel)
    summary = Summary(files=1)
    if dst.exists() and not job.force:
        summary.skipped = 1
        return summary
    pipeline = _pipeline(job.config)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".partial-{dst.name}")
    label = job.rel or src.name
    with _open_read(src) as fin, _open_write(tmp) as fout:
        if ".jsonl" in src.name:
            for out in clean_jsonl(fin, pipeline, field=job.field, on_error=job.on_error,
                                   source=label, summary=summary):
                fout.write(out)
        else:
            try:
                text = fin.read()
            except UnicodeDecodeError as exc:
                summary.errors.append(f"{label}: not UTF-8 (byte {exc.start})")
                text = None
            if text is not None:
                result = pipeline.run(text)
                summary.documents += 1
                summary.bytes_in += len(text.encode("utf-8"))
                summary.bytes_out += len(result.text.encode("utf-8"))
                summary.edits.update(e.pass_name for e in result.edits)
                fout.write(result.text)
    os.replace(tmp, dst)
    return summary


# --------------------------------------------------------------------------
# Corpus-level duplicates

def paragraph_key(text: str) -> str:
    """A stable hash of a paragraph, white space ignored."""
    return hashlib.blake2b("".join(text.split()).encode("utf-8"), digest_size=12).hexdigest()


def paragraph_rows(dst: Path, rel: str, field: str, min_chars: int) -> Iterator[tuple[str, int, int, str]]:
    """(hash, record index, paragraph index, text) of each long-enough paragraph of an output file."""
    path = dst if rel == "" else dst / rel
    with _open_read(path) as f:
        if ".jsonl" in path.name:
            for r, line in enumerate(f):
                try:
                    record = json.loads(line)
                    text = record[field]
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue
                if isinstance(text, str):
                    yield from _para_rows(text, r, min_chars)
        else:
            yield from _para_rows(f.read(), 0, min_chars)


def _para_rows(text: str, record: int, min_chars: int) -> Iterator[tuple[str, int, int, str]]:
    for k, block in enumerate(paragraphs(text)):
        if len("".join(block.text.split())) >= min_chars:
            yield paragraph_key(block.text), record, k, block.text


def drop_paragraphs(dst: Path, rel: str, field: str, drops: set[tuple[int, int]]) -> None:
    """Rewrite an output file without the (record, paragraph) pairs in ``drops``."""
    path = dst if rel == "" else dst / rel
    tmp = path.with_name(f".partial-{path.name}")
    with _open_read(path) as fin, _open_write(tmp) as fout:
        if ".jsonl" in path.name:
            for r, line in enumerate(fin):
                mine = {k for rr, k in drops if rr == r}
                if mine:
                    record = json.loads(line)
                    record[field] = _without(record[field], mine)
                    line = json.dumps(record, ensure_ascii=False) + "\n"
                fout.write(line)
        else:
            fout.write(_without(fin.read(), {k for _, k in drops}))
    os.replace(tmp, path)


def _without(text: str, indices: set[int]) -> str:
    style = paragraph_style(text)
    sep = "\n\n" if style == "blank" else "\n"
    kept = [b.text for k, b in enumerate(paragraphs(text, style)) if k not in indices]
    tail = "\n" if text.endswith("\n") else ""
    return sep.join(kept) + tail


def dedup_corpus(dst: Path, rels: list[str], field: str, min_chars: int = 20) -> tuple[int, list[dict]]:
    """Remove paragraphs repeated across documents, keeping the first in (path, record, paragraph) order."""
    seen: set[str] = set()
    log: list[dict] = []
    for rel in rels:
        drops: set[tuple[int, int]] = set()
        for key, r, k, text in paragraph_rows(dst, rel, field, min_chars):
            if key in seen:
                drops.add((r, k))
                log.append({"file": rel, "record": r, "paragraph": k, "text": text})
            else:
                seen.add(key)
        if drops:
            drop_paragraphs(dst, rel, field, drops)
    return len(log), log


def write_removed_log(dst: Path, log: list[dict]) -> None:
    base = dst if dst.is_dir() else dst.parent
    with open(base / REMOVED_LOG, "w", encoding="utf-8") as f:
        for item in log:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------
# The local engine

class Progress:
    """Documents, MB, rate and ETA on stderr: a bar on a terminal, plain lines otherwise."""

    def __init__(self, total_files: int, total_bytes: int, stream: IO[str] = sys.stderr) -> None:
        self.total_files, self.total_bytes = total_files, total_bytes
        self.stream = stream
        self.tty = stream.isatty()
        self.start = self.last = time.monotonic()
        self.files = self.bytes = self.docs = 0

    def update(self, s: Summary, size: int) -> None:
        self.files += 1
        self.bytes += size
        self.docs += s.documents
        now = time.monotonic()
        if not self.tty and now - self.last < 10 and self.files < self.total_files:
            return
        self.last = now
        rate = self.bytes / 1e6 / max(1e-9, now - self.start)
        left = (self.total_bytes - self.bytes) / 1e6 / rate if rate else 0
        line = (f"{self.files}/{self.total_files} files, {self.docs} documents, {self.bytes / 1e6:.1f}/"
                f"{self.total_bytes / 1e6:.1f} MB, {rate:.1f} MB/s, ETA {left:.0f} s")
        if self.tty:
            done = int(30 * self.bytes / max(1, self.total_bytes))
            self.stream.write(f"\r[{'#' * done}{'.' * (30 - done)}] {line}")
            if self.files == self.total_files:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def run_corpus(src: str | Path, dst: str | Path, config: Mapping[str, Any], *, jobs: int | None = None,
               force: bool = False, dedup: bool = False, field: str = "text", on_error: str = "pass",
               engine: str = "local", address: str | None = None,
               progress: Callable[[Summary, int], None] | None = None) -> Summary:
    """Clean every document under ``src`` into ``dst``; return what was done."""
    src, dst = Path(src), Path(dst)
    if not src.exists():
        raise DataError(f"{src}: no such file or folder")
    rels = list_inputs(src)
    if src.is_file() and ".jsonl" not in src.name:
        raise DataError(f"{src}: a single input file must be JSON lines (.jsonl); give a folder of .txt files")
    if src.is_dir():
        dst.mkdir(parents=True, exist_ok=True)
    Pipeline.from_config(config)  # a bad configuration fails here, before any work
    if engine == "ray":
        from . import corpus_ray
        return corpus_ray.run(src, dst, rels, config, force=force, dedup=dedup, field=field,
                              on_error=on_error, address=address, jobs=jobs)
    jobs = jobs or os.cpu_count() or 1
    summary = Summary()
    sizes = {rel: _targets(src, dst, rel)[0].stat().st_size for rel in rels}
    todo = [Job(str(src), str(dst), rel, dict(config), field, on_error, force) for rel in rels]
    if jobs == 1:
        for job in todo:
            s = clean_file(job)
            summary.add(s)
            if progress:
                progress(s, sizes[job.rel])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            pending: dict[Any, Job] = {}
            queue = iter(todo)
            for job in queue:
                pending[pool.submit(clean_file, job)] = job
                if len(pending) >= 2 * jobs:
                    break
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    job = pending.pop(fut)
                    s = fut.result()
                    summary.add(s)
                    if progress:
                        progress(s, sizes[job.rel])
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending[pool.submit(clean_file, nxt)] = nxt
    if dedup:
        summary.duplicates_removed, log = dedup_corpus(dst, rels, field)
        write_removed_log(dst, log)
    return summary
