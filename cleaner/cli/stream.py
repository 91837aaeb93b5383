"""The filter's input as documents, and its output written as each document completes.

With ``--form-feed split`` a form feed (``\\f``, the page break of PDF
extraction) separates documents: the input is read a block at a time and each
page is decoded, cleaned and written before the next is read, so
``cleaner big.txt | head`` ends as soon as ``head`` has its lines, and memory
is bounded by the largest page. In an ASCII-compatible encoding (UTF-8,
GB18030, Big5, ...) the byte 0x0C is never part of another character, so the
bytes are split before decoding; UTF-16 and UTF-32 input is decoded whole.
"""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from ..errors import DataError
from .detect import resolve_auto
from .options import decode, open_input

BLOCK = 1 << 20


@dataclass(frozen=True)
class Document:
    """One document of the input: its label for messages, its text and its size in input bytes."""

    label: str
    text: str
    size: int
    index: int = 0  # its page number (from 0) with --form-feed split


def documents(name: str, encoding: str, split: bool) -> Iterator[Document]:
    """The documents of input ``name``: the whole input, or (``split``) each page."""
    label = "<stdin>" if name == "-" else name
    stream = open_input(name)
    try:
        if not split:
            data = stream.read()
            size, text = len(data), decode(data, encoding, name)
            del data  # not held while the document is cleaned
            yield Document(label, text, size)
            return
        first = b""
        if encoding == "auto":  # decided on the first block
            first = _read_block(stream)
            encoding = resolve_auto(first, name)
        if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
            pages = decode(first + stream.read(), encoding, name).split("\f")
            for k, page in enumerate(pages):
                yield Document(_page(label, k), page, len(page.encode("utf-8")), k)
            return
        offset = 0
        for k, raw in enumerate(_pages(stream, first)):
            yield Document(_page(label, k), decode(raw, encoding, name, offset=offset, first=k == 0), len(raw), k)
            offset += len(raw) + 1
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _page(label: str, k: int) -> str:
    return f"{label}, page {k + 1}"


def _read_block(stream: BinaryIO) -> bytes:
    read = getattr(stream, "read1", stream.read)  # what is there, without waiting for a full block
    return read(BLOCK)


def _pages(stream: BinaryIO, first: bytes = b"") -> Iterator[bytes]:
    """The bytes between form feeds (``first``, then the stream), read a block at a time."""
    parts: list[bytes] = []
    block = first or _read_block(stream)
    while block:
        start = 0
        while (end := block.find(b"\f", start)) >= 0:
            parts.append(block[start:end])
            yield b"".join(parts)
            parts, start = [], end + 1
        parts.append(block[start:])
        block = _read_block(stream)
    yield b"".join(parts)


class Sink:
    """Where the filter writes: stdout, flushed after each document, or a file written under a
    temporary name and renamed when every document is written (a failed run leaves it as it was).
    ``None`` writes nothing (``--check``)."""

    def __init__(self, output: str | None) -> None:
        self.output = output
        self._tmp: str | None = None
        self._stream: BinaryIO | None = None
        if output == "-":
            self._stream = sys.stdout.buffer
        elif output is not None and os.path.exists(output) and not os.path.isfile(output):
            try:  # a device or a pipe (-o /dev/null): written in place, never replaced
                self._stream = open(output, "wb")
            except OSError as exc:
                raise DataError(f"cannot write {output}: {exc.strerror}") from None
        elif output is not None:
            path = self.output = os.path.realpath(output)  # through a symbolic link, as open() writes
            self._tmp = os.path.join(os.path.dirname(path), f".partial-{os.getpid()}-{os.path.basename(path)}")
            try:
                fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
                if os.path.exists(path):
                    os.chmod(self._tmp, os.stat(path).st_mode & 0o7777)  # keep the file's permissions
            except OSError as exc:
                raise DataError(f"cannot write {output}: {exc.strerror}") from None
            self._stream = os.fdopen(fd, "wb")

    def write(self, text: str) -> None:
        if self._stream is not None and text:
            self._stream.write(text.encode("utf-8"))
            if self._tmp is None:
                self._stream.flush()

    def __enter__(self) -> "Sink":
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._stream is None or self._tmp is None:
            if self._stream is not None and kind is None:
                self._stream.flush()
            if self._stream is not None and self._stream is not sys.stdout.buffer:
                self._stream.close()
            return
        self._stream.close()
        if kind is None:
            os.replace(self._tmp, self.output)  # type: ignore[arg-type]
        else:
            os.unlink(self._tmp)
