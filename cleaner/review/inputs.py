"""The documents a review page shows: one text file, the text files of a folder, or JSON lines."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

from ..errors import DataError
from ..cli.options import decode, read_input


def text_files(folder: Path) -> list[Path]:
    """The ``.txt`` files under ``folder`` (recursive, hidden ones left out), sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in files if f.endswith(".txt") and not f.startswith("."))
    return sorted(found)


def jsonl_records(data: str, name: str, field: str) -> Iterator[tuple[str, str]]:
    """``(label, text)`` of each record; a record without the field as a string is an error naming its line."""
    for number, line in enumerate(data.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{name}:{number}: not valid JSON: {exc.msg}") from None
        value = record.get(field) if isinstance(record, dict) else None
        if not isinstance(value, str):
            raise DataError(f"{name}:{number}: no string field {field!r}")
        yield f"{name}:{number}", value


def load_documents(path: str, *, jsonl: bool, field: str, limit: int,
                   encoding: str) -> tuple[list[tuple[str, str]], int]:
    """Up to ``limit`` documents ``(name, text)`` from ``path``, and how many more there were."""
    docs: list[tuple[str, str]] = []
    more = 0
    if os.path.isdir(path):
        if jsonl:
            raise DataError(f"{path}: is a folder; --jsonl reads one JSON lines file")
        files = text_files(Path(path))
        if not files:
            raise DataError(f"{path}: no .txt files in this folder")
        more = max(0, len(files) - limit)
        for f in files[:limit]:
            docs.append((str(f), decode(read_input(str(f)), encoding, str(f))))
        return docs, more
    text = decode(read_input(path), encoding, path)
    if not jsonl:
        return [(path, text)], 0
    for label, value in jsonl_records(text, path, field):
        if len(docs) < limit:
            docs.append((label, value))
        else:
            more += 1
    return docs, more
