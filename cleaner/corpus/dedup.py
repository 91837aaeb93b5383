"""Corpus dedup: a paragraph repeated across documents keeps its first occurrence.

The order is stable (sorted relative paths, then record order, then paragraph
order); each removal is logged to ``OUT/_removed.jsonl`` (next to OUT for a
single JSONL file). Paragraphs shorter than :data:`MIN_PARAGRAPH_CHARS`
(white space aside) are never corpus duplicates.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable, Iterator

from ..text import paragraph_style, paragraphs
from .files import AtomicOutput, is_jsonl, reader
from .records import dump

REMOVED_LOG = "_removed.jsonl"
#: Paragraphs shorter than this (white space aside) are never corpus duplicates.
MIN_PARAGRAPH_CHARS = 20

Drops = set[tuple[int, int]]  # (record, paragraph) pairs of one file


def paragraph_key(text: str) -> str:
    """A stable hash of a paragraph, white space ignored.

    >>> paragraph_key("一段 文字") == paragraph_key("一段文字\\n")
    True
    """
    return hashlib.blake2b("".join(text.split()).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def paragraph_rows(path: Path, field: str,
                   min_chars: int = MIN_PARAGRAPH_CHARS) -> Iterator[tuple[str, int, int, str]]:
    """(hash, record index, paragraph index, text) of each long-enough paragraph of a cleaned file."""
    with reader(path) as (f, _):
        if is_jsonl(path):
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


def write_without(path: Path, out: AtomicOutput, field: str, drops: Drops) -> None:
    """Write the cleaned file ``path`` to ``out`` without the (record, paragraph) pairs in ``drops``."""
    by_record: dict[int, set[int]] = {}
    for r, k in drops:
        by_record.setdefault(r, set()).add(k)
    with reader(path) as (fin, _):
        if is_jsonl(path):
            for r, line in enumerate(fin):
                if r in by_record:
                    record = json.loads(line)
                    record[field] = _without(record[field], by_record[r])
                    line = (dump(record) + "\n").encode("utf-8")
                out.write(line)
        else:
            out.write(_without(fin.read().decode("utf-8"), by_record.get(0, set())).encode("utf-8"))


def _without(text: str, indices: set[int]) -> str:
    style = paragraph_style(text)
    sep = "\n\n" if style == "blank" else "\n"
    kept = [b.text for k, b in enumerate(paragraphs(text, style)) if k not in indices]
    tail = "\n" if text.endswith("\n") else ""
    return sep.join(kept) + tail


def removal(rel: str, record: int, paragraph: int, text: str) -> str:
    """One line of the removal log."""
    return dump({"file": rel, "record": record, "paragraph": paragraph, "text": text}) + "\n"


def find_duplicates(paths: list[Path], field: str, min_chars: int = MIN_PARAGRAPH_CHARS) -> list[Drops]:
    """For each cleaned file, in order, the paragraphs an earlier one (in path, record, paragraph
    order) already holds.

    Memory: one 12-byte hash per distinct paragraph of the corpus, and the pairs found.
    """
    seen: set[bytes] = set()
    found: list[Drops] = []
    for path in paths:
        drops: Drops = set()
        for key, r, k, _ in paragraph_rows(path, field, min_chars):
            digest = bytes.fromhex(key)
            if digest in seen:
                drops.add((r, k))
            else:
                seen.add(digest)
        found.append(drops)
    return found


def removed_log_path(dst: Path) -> Path:
    """Where the removals of ``--dedup-corpus`` are logged: in OUT, or next to a single OUT file."""
    return dst / REMOVED_LOG if dst.is_dir() else dst.with_name(f"{dst.name}{REMOVED_LOG}")


def log_entries(path: Path, order: dict[str, int],
                keep: Callable[[str], bool]) -> Iterator[tuple[tuple[int, int, int], str]]:
    """((file order, record, paragraph), line) of the entries of a removal log whose file ``keep`` accepts."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                item = json.loads(line)
                key = (order[item["file"]], int(item["record"]), int(item["paragraph"]))
            except (ValueError, KeyError, TypeError):
                continue
            if keep(item["file"]):
                yield key, line
