"""Corpus mode: JSON lines and folders of documents, on every core, resumable.

The same :class:`~cleaner.pipeline.Pipeline` and edits as the filter, applied
to many documents:

* :func:`clean_jsonl` cleans one field of every JSON record, keeps the other
  fields and the record order, and reports a bad record (invalid JSON or
  UTF-8, a missing or non-string field) with its line number;
  ``on_error="pass"`` writes it through byte for byte, ``"fail"`` stops.
  Records are separated by ``\\n`` alone: U+2028 and U+0085 may appear raw
  inside a JSON string and do not end a record;
* :func:`run_corpus` mirrors a folder (``.txt``, ``.jsonl``, optionally
  ``.gz``; recursive) or one JSONL file into ``OUT``. The work items are
  whole text files and chunks of about a megabyte of JSON lines, so one big
  JSONL file keeps every core busy too; a bounded number of them is in
  flight, so memory does not grow with the corpus, and results are written
  in input order, so the output does not depend on ``jobs``. Each worker
  process builds its pipeline once (pool initializer). A file is written
  under a temporary name and renamed when complete, so a crash never leaves
  a partial file looking finished, and a re-run skips finished files unless
  ``force``;
* corpus-level dedup (``dedup_corpus``): a paragraph repeated across
  documents keeps its first occurrence, in a stable order (sorted relative
  paths, then record order, then paragraph order); removals are logged to
  ``OUT/_removed.jsonl`` (next to OUT for a single JSONL file).

The Ray engine (:mod:`cleaner.corpus_ray`) runs the same per-file work on a
cluster and gives byte-identical output.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import heapq
import json
import os
import sys
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, Iterable, Iterator, Mapping

import regex

from .errors import DataError
from .pipeline import Pipeline
from .text import paragraph_style, paragraphs

SUFFIXES = (".txt", ".jsonl", ".txt.gz", ".jsonl.gz")
REMOVED_LOG = "_removed.jsonl"
#: About this many bytes of JSON lines make one work item.
CHUNK_BYTES = 1 << 20
#: Paragraphs shorter than this (white space aside) are never corpus duplicates.
MIN_PARAGRAPH_CHARS = 20

_SURROGATE = regex.compile(r"[\ud800-\udfff]")


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

def _dump(record: Any) -> str:
    out = json.dumps(record, ensure_ascii=False)
    # A lone surrogate (escaped in the input, e.g. "\\ud800") cannot be written as UTF-8:
    # keep such a record in escaped form; its values are unchanged.
    return json.dumps(record) if _SURROGATE.search(out) else out


def _clean_record(line: str, number: int, pipeline: Pipeline, field: str, edits_field: str | None,
                  on_error: str, source: str, summary: Summary) -> str | None:
    """The cleaned record (no newline), or ``None`` for a bad record (reported, or fatal)."""
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
        elif (lone := _SURROGATE.search(record[field])) is not None:
            problem = f"field {field!r} holds an unpaired surrogate (\\u{ord(lone.group()):04x}), not text"
    if problem is not None:
        _bad(f"{source}:{number}: {problem}", on_error, summary)
        return None
    text = record[field]
    result = pipeline.run(text)
    summary.documents += 1
    summary.bytes_in += len(text.encode("utf-8", "surrogatepass"))
    summary.bytes_out += len(result.text.encode("utf-8", "surrogatepass"))
    summary.edits.update(e.pass_name for e in result.edits)
    record[field] = result.text
    if edits_field:
        record[edits_field] = [e.to_dict() for e in result.edits]
    return _dump(record)


def _bad(message: str, on_error: str, summary: Summary) -> None:
    if on_error == "fail":
        raise DataError(message)
    summary.errors.append(message)


def clean_jsonl(lines: Iterable[str], pipeline: Pipeline, *, field: str = "text",
                edits_field: str | None = None, on_error: str = "pass", source: str = "<stdin>",
                summary: Summary | None = None, first: int = 1) -> Iterator[str]:
    """Clean ``field`` of every JSON line; yield output lines (with their newline).

    ``first`` is the line number of the first line (for messages).

    >>> out = list(clean_jsonl(['{"id": 1, "text": "中文,测试."}\\n'], Pipeline(["punctuation"])))
    >>> json.loads(out[0])
    {'id': 1, 'text': '中文，测试。'}
    """
    summary = summary if summary is not None else Summary()
    for number, line in enumerate(lines, first):
        if line.strip():
            out = _clean_record(line, number, pipeline, field, edits_field, on_error, source, summary)
            if out is not None:
                yield out + "\n"
                continue
        yield line if line.endswith("\n") else line + "\n"


def clean_jsonl_bytes(lines: Iterable[bytes], pipeline: Pipeline, *, field: str = "text",
                      edits_field: str | None = None, on_error: str = "pass", source: str = "<stdin>",
                      summary: Summary | None = None, first: int = 1) -> Iterator[bytes]:
    """:func:`clean_jsonl` on UTF-8 lines as read from a binary file; a line that is
    not UTF-8 is a bad record, passed through byte for byte.

    >>> lines = [b'\\xef\\xbb\\xbf{"text": "\\xe5\\xa5\\xbd,"}\\n', b'{"text": "\\xff"}\\n']
    >>> s = Summary()
    >>> out = list(clean_jsonl_bytes(lines, Pipeline(["punctuation"]), summary=s))
    >>> out[0].decode(), out[1] == lines[1]
    ('{"text": "好，"}\\n', True)
    >>> s.errors
    ['<stdin>:2: not valid UTF-8 (byte 0xff at column 11)']
    """
    summary = summary if summary is not None else Summary()
    for number, raw in enumerate(lines, first):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            _bad(f"{source}:{number}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
                 on_error, summary)
            yield raw if raw.endswith(b"\n") else raw + b"\n"
            continue
        for out in clean_jsonl([line], pipeline, field=field, edits_field=edits_field, on_error=on_error,
                               source=source, summary=summary, first=number):
            yield out.encode("utf-8", "surrogatepass") if out is not line else (
                raw if raw.endswith(b"\n") else raw + b"\n")


# --------------------------------------------------------------------------
# Files

@contextlib.contextmanager
def _reader(path: Path) -> Iterator[tuple[BinaryIO, BinaryIO]]:
    """(decompressed stream, raw file): the raw file's position tells progress."""
    with open(path, "rb") as raw:
        if path.name.endswith(".gz"):
            with gzip.GzipFile(fileobj=raw, mode="rb") as g:
                yield g, raw  # type: ignore[misc]
        else:
            yield raw, raw


@contextlib.contextmanager
def _writer(path: Path) -> Iterator[BinaryIO]:
    """A binary output; gzip without a name or time stamp in its header (reproducible)."""
    with open(path, "wb") as raw:
        if path.name.endswith(".gz"):
            with gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as g:
                yield g  # type: ignore[misc]
        else:
            yield raw


def _read_all(path: Path) -> bytes:
    with _reader(path) as (f, _):
        return f.read()


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith((".jsonl", ".jsonl.gz"))


def list_inputs(src: Path, exclude: Path | None = None) -> list[str]:
    """Relative paths of the documents under ``src`` (sorted), or ``[""]`` for a single file.

    Hidden files (temporary outputs among them) and the folder ``exclude``
    (an output folder inside the input) are left out.
    """
    if src.is_file():
        return [""]
    skip = exclude.resolve() if exclude is not None else None
    found = []
    for root, dirs, files in os.walk(src):
        if skip is not None:
            dirs[:] = [d for d in dirs if (Path(root) / d).resolve() != skip]
        for name in files:
            if name.endswith(SUFFIXES) and not name.startswith("."):
                found.append(str((Path(root) / name).relative_to(src)))
    return sorted(found)


def _targets(src: Path, dst: Path, rel: str) -> tuple[Path, Path]:
    return (src, dst) if rel == "" else (src / rel, dst / rel)


def _partial(dst: Path) -> Path:
    return dst.with_name(f".partial-{dst.name}")


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
    """This process's pipeline for ``config``, built once."""
    key = json.dumps(config, sort_keys=True, default=str)
    if _WORKER.get("key") != key:
        _WORKER["key"] = key
        _WORKER["pipeline"] = Pipeline.from_config(config)
    return _WORKER["pipeline"]


def _init_worker(config: Mapping[str, Any]) -> None:
    """Pool initializer: build the pipeline (dictionaries, OpenCC) before the first task."""
    _pipeline(config)


def _clean_text(data: bytes, label: str, pipeline: Pipeline, on_error: str, summary: Summary) -> bytes:
    """One text document; undecodable bytes are reported and copied through unchanged."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _bad(f"{label}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
             on_error, summary)
        return data
    result = pipeline.run(text)
    summary.documents += 1
    summary.bytes_in += len(data)
    out = result.text.encode("utf-8")
    summary.bytes_out += len(out)
    summary.edits.update(e.pass_name for e in result.edits)
    return out


def clean_file(job: Job) -> Summary:
    """Clean one file into its mirror; skip it when the output exists (unless ``force``)."""
    src, dst = _targets(Path(job.src), Path(job.dst), job.rel)
    summary = Summary(files=1)
    if dst.exists() and not job.force:
        summary.skipped = 1
        return summary
    pipeline = _pipeline(job.config)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = _partial(dst)
    label = job.rel or src.name
    with _reader(src) as (fin, _), _writer(tmp) as fout:
        if _is_jsonl(src):
            for out in clean_jsonl_bytes(fin, pipeline, field=job.field, on_error=job.on_error,
                                         source=label, summary=summary):
                fout.write(out)
        else:
            fout.write(_clean_text(fin.read(), label, pipeline, job.on_error, summary))
    os.replace(tmp, dst)
    return summary


def _clean_chunk(lines: list[bytes], first: int, label: str, field: str, on_error: str,
                 config: Mapping[str, Any]) -> tuple[bytes, Summary]:
    """A worker task: consecutive JSON lines of one file, ``first`` the number of the first."""
    summary = Summary()
    out = b"".join(clean_jsonl_bytes(lines, _pipeline(config), field=field, on_error=on_error,
                                     source=label, summary=summary, first=first))
    return out, summary


def _clean_text_file(src: str, label: str, on_error: str, config: Mapping[str, Any]) -> tuple[bytes, Summary]:
    """A worker task: a whole text document."""
    summary = Summary()
    return _clean_text(_read_all(Path(src)), label, _pipeline(config), on_error, summary), summary


# --------------------------------------------------------------------------
# Corpus-level duplicates

def paragraph_key(text: str) -> str:
    """A stable hash of a paragraph, white space ignored.

    >>> paragraph_key("一段 文字") == paragraph_key("一段文字\\n")
    True
    """
    return hashlib.blake2b("".join(text.split()).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _output(dst: Path, rel: str) -> Path:
    return dst if rel == "" else dst / rel


def paragraph_rows(dst: Path, rel: str, field: str,
                   min_chars: int = MIN_PARAGRAPH_CHARS) -> Iterator[tuple[str, int, int, str]]:
    """(hash, record index, paragraph index, text) of each long-enough paragraph of an output file."""
    path = _output(dst, rel)
    with _reader(path) as (f, _):
        if _is_jsonl(path):
            for r, line in enumerate(f):
                try:
                    text = json.loads(line)[field]
                except (ValueError, KeyError, TypeError, IndexError):
                    continue
                if isinstance(text, str):
                    yield from _para_rows(text, r, min_chars)
        else:
            try:
                text = f.read().decode("utf-8")
            except UnicodeDecodeError:  # copied through undecodable: not a document
                return
            yield from _para_rows(text, 0, min_chars)


def _para_rows(text: str, record: int, min_chars: int) -> Iterator[tuple[str, int, int, str]]:
    for k, block in enumerate(paragraphs(text)):
        if len("".join(block.text.split())) >= min_chars:
            yield paragraph_key(block.text), record, k, block.text


def drop_paragraphs(dst: Path, rel: str, field: str, drops: set[tuple[int, int]]) -> None:
    """Rewrite an output file without the (record, paragraph) pairs in ``drops``."""
    path = _output(dst, rel)
    tmp = _partial(path)
    by_record: dict[int, set[int]] = {}
    for r, k in drops:
        by_record.setdefault(r, set()).add(k)
    with _reader(path) as (fin, _), _writer(tmp) as fout:
        if _is_jsonl(path):
            for r, line in enumerate(fin):
                if r in by_record:
                    record = json.loads(line)
                    record[field] = _without(record[field], by_record[r])
                    line = (_dump(record) + "\n").encode("utf-8")
                fout.write(line)
        else:
            fout.write(_without(fin.read().decode("utf-8"), by_record.get(0, set())).encode("utf-8"))
    os.replace(tmp, path)


def _without(text: str, indices: set[int]) -> str:
    style = paragraph_style(text)
    sep = "\n\n" if style == "blank" else "\n"
    kept = [b.text for k, b in enumerate(paragraphs(text, style)) if k not in indices]
    tail = "\n" if text.endswith("\n") else ""
    return sep.join(kept) + tail


def dedup_corpus(dst: Path, rels: list[str], field: str, min_chars: int = MIN_PARAGRAPH_CHARS,
                 log: IO[str] | None = None) -> int:
    """Remove paragraphs repeated across documents, keeping the first in (path, record, paragraph)
    order; write each removal to ``log`` as a JSON line; return how many were removed.

    Memory: one 12-byte hash per distinct paragraph of the corpus.
    """
    seen: set[bytes] = set()
    removed = 0
    for rel in rels:
        drops: set[tuple[int, int]] = set()
        for key, r, k, text in paragraph_rows(dst, rel, field, min_chars):
            digest = bytes.fromhex(key)
            if digest in seen:
                drops.add((r, k))
                removed += 1
                if log is not None:
                    log.write(_dump({"file": rel, "record": r, "paragraph": k, "text": text}) + "\n")
            else:
                seen.add(digest)
        if drops:
            drop_paragraphs(dst, rel, field, drops)
    return removed


def removed_log_path(dst: Path) -> Path:
    """Where the removals of ``--dedup-corpus`` are logged: in OUT, or next to a single OUT file."""
    return dst / REMOVED_LOG if dst.is_dir() else dst.with_name(f"{dst.name}{REMOVED_LOG}")


def merge_removed_log(dst: Path, rels: list[str], new_log: Path, untouched: set[str]) -> None:
    """Replace the removal log by the new entries plus the old entries of files this run did not
    rewrite (skipped as finished: their earlier removals still hold), in corpus order."""
    path = removed_log_path(dst)
    order = {rel: i for i, rel in enumerate(rels)}

    def entries(p: Path, keep: Any) -> Iterator[tuple[tuple[int, int, int], str]]:
        if not p.exists():
            return
        with open(p, encoding="utf-8") as f:
            for line in f:
                try:
                    item = json.loads(line)
                    key = (order[item["file"]], int(item["record"]), int(item["paragraph"]))
                except (ValueError, KeyError, TypeError):
                    continue
                if keep(item["file"]):
                    yield key, line

    tmp = _partial(path)
    with open(tmp, "w", encoding="utf-8") as out:
        for _, line in heapq.merge(entries(path, lambda f: f in untouched), entries(new_log, lambda f: True)):
            out.write(line)
    os.replace(tmp, path)
    new_log.unlink()


# --------------------------------------------------------------------------
# The local engine

class Progress:
    """Documents, MB, rate and ETA on stderr: a bar on a terminal, plain lines otherwise
    (every ``every`` seconds)."""

    def __init__(self, stream: IO[str] | None = None, every: float = 10.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.every = every
        self.total_files = self.total_bytes = 0
        self.files = self.bytes = self.docs = 0
        self.start = self.last = time.monotonic()

    def begin(self, total_files: int, total_bytes: int) -> None:
        self.total_files, self.total_bytes = total_files, total_bytes
        self.start = self.last = time.monotonic()

    def update(self, documents: int, size: int, file_done: bool) -> None:
        """``documents`` more cleaned, ``size`` more input bytes read (on disk)."""
        self.files += file_done
        self.bytes += size
        self.docs += documents
        now = time.monotonic()
        last = self.files == self.total_files and file_done
        if not last and now - self.last < (0.2 if self.tty else self.every):
            return
        self.last = now
        rate = self.bytes / 1e6 / max(1e-9, now - self.start)
        left = (self.total_bytes - self.bytes) / 1e6 / rate if rate else 0.0
        line = (f"{self.files}/{self.total_files} files, {self.docs} documents, {self.bytes / 1e6:.1f}/"
                f"{self.total_bytes / 1e6:.1f} MB, {rate:.1f} MB/s, "
                f"{self.docs / max(1e-9, now - self.start):.0f} docs/s, ETA {left:.0f} s")
        if self.tty:
            done = int(30 * self.bytes / max(1, self.total_bytes))
            self.stream.write(f"\r[{'#' * done}{'.' * (30 - done)}] {line}\x1b[K")
            if last:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


@dataclass
class _Open:
    """An output file being assembled from chunk results, in order."""

    dst: Path
    tmp: Path
    handle: Any
    stream: BinaryIO
    chunks: int | None = None  # known once the input is read to its end
    written: int = 0
    waiting: dict[int, bytes] = field(default_factory=dict)


def _work(src: Path, dst: Path, rels: list[str], config: Mapping[str, Any], force: bool, field: str,
          on_error: str, untouched: set[str], summary: Summary) -> Iterator[tuple[str, int, Any, int]]:
    """The work items in corpus order: (rel, chunk index or -1 for a text file, task, input bytes).

    A chunk index of -2 with no task marks the end of a JSONL file (its number of chunks in the
    last field); files already finished are counted here and yield nothing.
    """
    for rel in rels:
        s, d = _targets(src, dst, rel)
        label = rel or s.name
        if d.exists() and not force:
            summary.add(Summary(files=1, skipped=1))
            untouched.add(rel)
            yield rel, -3, None, s.stat().st_size
            continue
        if not _is_jsonl(s):
            yield rel, -1, (_clean_text_file, str(s), label, on_error, config), s.stat().st_size
            continue
        with _reader(s) as (fin, raw):
            index, first, number, batch, size, pos = 0, 1, 0, [], 0, 0
            for line in fin:
                number += 1
                batch.append(line)
                size += len(line)
                if size >= CHUNK_BYTES:
                    now = raw.tell()
                    yield rel, index, (_clean_chunk, batch, first, label, field, on_error, config), now - pos
                    index, first, batch, size, pos = index + 1, number + 1, [], 0, now
            if batch:
                now = raw.tell()
                yield rel, index, (_clean_chunk, batch, first, label, field, on_error, config), now - pos
                index, pos = index + 1, now
            yield rel, -2, None, index


def _run_local(src: Path, dst: Path, rels: list[str], config: Mapping[str, Any], jobs: int, force: bool,
               field: str, on_error: str, progress: Progress | None) -> tuple[Summary, set[str]]:
    summary = Summary()
    untouched: set[str] = set()
    opened: dict[str, _Open] = {}
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(dict(config),)) \
        if jobs > 1 else None
    if pool is None:
        _init_worker(config)
    limit = 2 * jobs  # work items submitted and not yet written out
    pending: dict[Future, tuple[str, int, int, int]] = {}
    outstanding = 0
    errors: list[tuple[int, list[str]]] = []  # by work item, so that their order does not depend on jobs

    def tick(documents: int, size: int, file_done: bool) -> None:
        if progress is not None:
            progress.update(documents, size, file_done)

    def finish(rel: str) -> None:
        o = opened.pop(rel)
        o.handle.__exit__(None, None, None)
        os.replace(o.tmp, o.dst)
        summary.files += 1
        tick(0, 0, True)

    def deliver(seq: int, rel: str, index: int, out: bytes, s: Summary, size: int) -> int:
        """Write a result if its turn has come; return how many items were retired."""
        if s.errors:
            errors.append((seq, s.errors))
            s.errors = []
        summary.add(s)
        tick(s.documents, size, False)
        if index == -1:
            _, d = _targets(src, dst, rel)
            d.parent.mkdir(parents=True, exist_ok=True)
            tmp = _partial(d)
            with _writer(tmp) as f:
                f.write(out)
            os.replace(tmp, d)
            summary.files += 1
            tick(0, 0, True)
            return 1
        o = opened[rel]
        o.waiting[index] = out
        retired = 0
        while o.written in o.waiting:
            o.stream.write(o.waiting.pop(o.written))
            o.written += 1
            retired += 1
        if o.chunks is not None and o.written == o.chunks:
            finish(rel)
        return retired

    def collect(block: bool) -> None:
        nonlocal outstanding
        if not pending:
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED, timeout=None if block else 0)
        for fut in done:
            seq, rel, index, size = pending.pop(fut)
            out, s = fut.result()
            outstanding -= deliver(seq, rel, index, out, s, size)

    try:
        items = _work(src, dst, rels, config, force, field, on_error, untouched, summary)
        for seq, (rel, index, task, size) in enumerate(items):
            if index == -3:
                tick(0, size, True)
                continue
            if index == -2:
                o = opened.get(rel)
                if o is None:  # an empty JSONL file
                    _, d = _targets(src, dst, rel)
                    d.parent.mkdir(parents=True, exist_ok=True)
                    ctx = _writer(_partial(d))
                    opened[rel] = o = _Open(d, _partial(d), ctx, ctx.__enter__())
                o.chunks = size
                if o.written == o.chunks:
                    finish(rel)
                continue
            if index >= 0 and rel not in opened:
                _, d = _targets(src, dst, rel)
                d.parent.mkdir(parents=True, exist_ok=True)
                ctx = _writer(_partial(d))
                opened[rel] = _Open(d, _partial(d), ctx, ctx.__enter__())
            fn, *args = task
            if pool is None:
                out, s = fn(*args)
                outstanding += 1
                outstanding -= deliver(seq, rel, index, out, s, size)
                continue
            while outstanding >= limit:
                collect(block=True)
            pending[pool.submit(fn, *args)] = (seq, rel, index, size)
            outstanding += 1
        while pending:
            collect(block=True)
    except BaseException:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            pool = None
        for o in opened.values():  # left under their temporary names: never mistaken for finished
            with contextlib.suppress(Exception):
                o.handle.__exit__(None, None, None)
        raise
    finally:
        if pool is not None:
            pool.shutdown()
    summary.errors = [e for _, batch in sorted(errors) for e in batch]
    return summary, untouched


def run_corpus(src: str | Path, dst: str | Path, config: Mapping[str, Any], *, jobs: int | None = None,
               force: bool = False, dedup: bool = False, field: str = "text", on_error: str = "pass",
               engine: str = "local", address: str | None = None,
               progress: Progress | None = None) -> Summary:
    """Clean every document under ``src`` into ``dst``; return what was done.

    A single JSONL ``src`` is written to the file ``dst``, or into ``dst`` when that is a folder.
    """
    src, dst = Path(src), Path(dst)
    if not src.exists():
        raise DataError(f"{src}: no such file or folder")
    if src.is_file():
        if not _is_jsonl(src):
            raise DataError(f"{src}: a single input file must be JSON lines (.jsonl or .jsonl.gz); "
                            "give a folder of .txt files")
        if dst.is_dir():
            dst = dst / src.name
    if dst.resolve() == src.resolve():
        raise DataError(f"{dst}: OUT must differ from IN")
    rels = list_inputs(src, exclude=dst)
    if src.is_dir():
        dst.mkdir(parents=True, exist_ok=True)
    Pipeline.from_config(config)  # a bad configuration fails here, before any work
    if progress is not None:
        progress.begin(len(rels), sum(_targets(src, dst, rel)[0].stat().st_size for rel in rels))
    if engine == "ray":
        from . import corpus_ray
        summary, untouched = corpus_ray.run(src, dst, rels, config, force=force, field=field,
                                            on_error=on_error, address=address, jobs=jobs)
    else:
        summary, untouched = _run_local(src, dst, rels, config, jobs or os.cpu_count() or 1, force, field,
                                        on_error, progress)
    if dedup:
        log = removed_log_path(dst).with_name(f".new-{REMOVED_LOG}")
        if engine == "ray":
            summary.duplicates_removed = corpus_ray.dedup(dst, rels, field, log, jobs=jobs)
        else:
            with open(log, "w", encoding="utf-8") as f:
                summary.duplicates_removed = dedup_corpus(dst, rels, field, log=f)
        merge_removed_log(dst, rels, log, untouched)
    return summary
