"""Documents and records: one text or one JSON line in, its cleaned form and a :class:`Summary` out.

Records are separated by ``\\n`` alone: U+2028 and U+0085 may appear raw
inside a JSON string and do not end a record. A bad record (invalid JSON or
UTF-8, a missing or non-string field, an unpaired surrogate) is reported with
its line number; ``on_error="pass"`` writes it through byte for byte, ``"fail"``
stops.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

import regex

from ..errors import DataError, DocumentTooLarge, PassError
from ..pipeline import Pipeline, Result

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
    hidden: int = 0  # hidden files with an input's suffix, left out
    failed: int = 0  # written through unchanged, a pass raised on them or over the size limit; among the errors

    def add(self, other: "Summary") -> None:
        self.documents += other.documents
        self.files += other.files
        self.skipped += other.skipped
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.edits.update(other.edits)
        self.duplicates_removed += other.duplicates_removed
        self.errors.extend(other.errors)
        self.hidden += other.hidden
        self.failed += other.failed

    def count(self, size_in: int, size_out: int, passes: Iterable[str]) -> None:
        """One more document cleaned, ``size_in`` bytes into ``size_out``, with edits of ``passes``."""
        self.documents += 1
        self.bytes_in += size_in
        self.bytes_out += size_out
        self.edits.update(passes)

    def render(self) -> str:
        per_pass = ", ".join(f"{k} {v}" for k, v in sorted(self.edits.items())) or "none"
        hidden = f", {self.hidden} hidden files left out" if self.hidden else ""
        return (f"{self.files} files ({self.skipped} already done{hidden}), {self.documents} documents, "
                f"{self.bytes_in / 1e6:.1f} MB in, {self.bytes_out / 1e6:.1f} MB out; edits: {per_pass}; "
                f"corpus duplicates removed: {self.duplicates_removed}; errors: {len(self.errors)}"
                + (f" ({self.failed} written through: a pass failed or over the size limit)"
                   if self.failed else ""))


def dump(record: Any) -> str:
    """One JSON line (no newline), UTF-8 where it can be written as UTF-8.

    >>> dump({"text": "中"}), dump({"text": "\\ud800"})
    ('{"text": "中"}', '{"text": "\\\\ud800"}')
    """
    out = json.dumps(record, ensure_ascii=False)
    # A lone surrogate (escaped in the input, e.g. "\\ud800") cannot be written as UTF-8:
    # keep such a record in escaped form; its values are unchanged.
    return json.dumps(record) if _SURROGATE.search(out) else out


def bad(message: str, on_error: str, summary: Summary) -> None:
    """Report a bad record or document: stop (``"fail"``) or count it and go on."""
    if on_error == "fail":
        raise DataError(message)
    summary.errors.append(message)


def json_problem(line: str, exc: json.JSONDecodeError) -> str:
    """What is wrong with a JSON line, with its column and the character at fault.

    >>> line = '{"text" "a"}'
    >>> try:
    ...     json.loads(line)
    ... except json.JSONDecodeError as exc:
    ...     json_problem(line, exc)
    "invalid JSON at column 9: expecting ':' delimiter"
    """
    cause = exc.msg.removesuffix(" at")
    if cause.startswith("Invalid control character") and exc.pos < len(line):
        cause += f" U+{ord(line[exc.pos]):04X}"
    return f"invalid JSON at column {exc.colno}: {cause[:1].lower()}{cause[1:]}"


def run_or_report(pipeline: Pipeline, text: str, where: str, on_error: str, summary: Summary) -> Result | None:
    """The pipeline's result, or ``None`` when a pass raised or the text is over the size limit
    (reported with ``where``, counted, or fatal)."""
    try:
        return pipeline.run(text)
    except (PassError, DocumentTooLarge) as exc:
        summary.failed += 1
        bad(f"{where}: {exc}", on_error, summary)
        return None


def _problem(line: str, field: str) -> tuple[dict | None, str | None]:
    """The record of a JSON line, or what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, json_problem(line, exc)
    if not isinstance(record, dict) or field not in record:
        return None, f"no field {field!r}"
    if not isinstance(record[field], str):
        return None, f"field {field!r} is {type(record[field]).__name__}, not a string"
    if (lone := _SURROGATE.search(record[field])) is not None:
        return None, f"field {field!r} holds an unpaired surrogate (\\u{ord(lone.group()):04x}), not text"
    return record, None


def clean_record(line: str, number: int, pipeline: Pipeline, field: str, edits_field: str | None,
                 on_error: str, source: str, summary: Summary) -> str | None:
    """The cleaned record (no newline), or ``None`` for a bad record (reported, or fatal)."""
    record, problem = _problem(line, field)
    if record is None:
        bad(f"{source}:{number}: {problem}", on_error, summary)
        return None
    text = record[field]
    result = run_or_report(pipeline, text, f"{source}:{number}", on_error, summary)
    if result is None:
        return None
    summary.count(len(text.encode("utf-8", "surrogatepass")), len(result.text.encode("utf-8", "surrogatepass")),
                  (e.pass_name for e in result.edits))
    record[field] = result.text
    if edits_field:
        record[edits_field] = [e.to_dict() for e in result.edits]
    return dump(record)


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
            out = clean_record(line, number, pipeline, field, edits_field, on_error, source, summary)
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
            bad(f"{source}:{number}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
                on_error, summary)
            yield raw if raw.endswith(b"\n") else raw + b"\n"
            continue
        for out in clean_jsonl([line], pipeline, field=field, edits_field=edits_field, on_error=on_error,
                               source=source, summary=summary, first=number):
            yield out.encode("utf-8", "surrogatepass") if out is not line else (
                raw if raw.endswith(b"\n") else raw + b"\n")


def clean_text(data: bytes, label: str, pipeline: Pipeline, on_error: str, summary: Summary) -> bytes:
    """One text document; undecodable bytes are reported and copied through unchanged."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad(f"{label}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", on_error, summary)
        return data
    result = run_or_report(pipeline, text, label, on_error, summary)
    if result is None:
        return data
    out = result.text.encode("utf-8")
    summary.count(len(data), len(out), (e.pass_name for e in result.edits))
    return out
