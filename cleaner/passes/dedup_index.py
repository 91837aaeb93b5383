"""The shingle index of the ``dedup`` pass: which kept paragraphs share sampled pieces with a new one.

Two implementations share one interface (``add(idx, shingles)``,
``candidates(shingles, limit)``): :class:`ShingleIndex` below, the reference, and
``cleaner._lexcore.ShingleTable``, its compiled twin, which holds a shingle's bytes
in a table and a posting in 8 bytes, where the reference holds a dict of byte strings
and lists (the 45,341 paragraphs of a 16 MB OCR-shaped document: 14.7 MB traced,
against 26.6 MB for the reference's dict and lists, its byte strings not counted).
``tests/test_kernels.py`` checks that both give equal candidates;
:func:`new_index` picks the compiled one where it is built.
"""

from __future__ import annotations

from typing import Iterable, Protocol

import regex

from ..kernels import compiled_core

_SHINGLE = 6
_ANCHOR = regex.compile(r"[的,]")
#: A shingle found in more paragraphs than this says nothing about any of them: it is dropped.
_POSTING_CAP = 24


def shingles(key: str) -> set[bytes]:
    """Shingles sampled by content (the same text always yields the same sample),
    about one in ten characters, so that index and lookups stay cheap. A shingle is
    kept as its UTF-32 code units (24 bytes for six characters): only ever compared,
    never read.

    >>> sorted(sh.decode("utf-32-le") for sh in shingles("今天的天气很好,我们去公园散步"))
    ['今天的天气很', '天气很好,我', '我们去公园散']
    """
    units = key.encode("utf-32-le", "surrogatepass")  # (one code point, four bytes: the same text, the same key)
    if len(key) < _SHINGLE:
        return {units}
    # Anchors: the start, and the place after each 的 and each comma.
    # Found by the regex engine, so no per-character Python loop.
    size = 4 * _SHINGLE
    picked = {units[4 * m.end():4 * m.end() + size] for m in _ANCHOR.finditer(key)}
    picked.add(units[:size])
    return {sh for sh in picked if len(sh) == size} or {units[:size]}


class Index(Protocol):
    """What ``dedup`` asks of its shingle index."""

    def add(self, idx: int, shingles: Iterable[bytes]) -> None: ...
    def candidates(self, shingles: Iterable[bytes], limit: int = 8) -> list[int]: ...


class ShingleIndex:
    """Shingle postings of the paragraphs kept so far, in pure Python: the reference.
    Most shingles occur once: their posting is the paragraph's number itself, not a
    list of one.

    >>> index = ShingleIndex()
    >>> index.add(0, shingles("今天的天气很好,我们去公园散步"))
    >>> index.add(1, shingles("今天的天气很好,他们去公园散步"))
    >>> index.candidates(shingles("今天的天气很好,我们去公园"))
    [0, 1]
    """

    def __init__(self) -> None:
        self.postings: dict[bytes, int | list[int]] = {}
        self.stopped: set[bytes] = set()

    def add(self, idx: int, shingles: Iterable[bytes]) -> None:
        """Paragraph ``idx`` holds ``shingles`` (each paragraph added once)."""
        for sh in shingles:
            if sh in self.stopped:
                continue
            post = self.postings.get(sh)
            if post is None:
                self.postings[sh] = idx
                continue
            if type(post) is int:
                post = self.postings[sh] = [post]
            post.append(idx)
            if len(post) > _POSTING_CAP:
                del self.postings[sh]
                self.stopped.add(sh)

    def candidates(self, shingles: Iterable[bytes], limit: int = 8) -> list[int]:
        """The ``limit`` paragraphs that share most of ``shingles``, most first, then by number."""
        counts: dict[int, int] = {}
        for sh in shingles:
            post = self.postings.get(sh, ())
            for idx in (post,) if type(post) is int else post:
                counts[idx] = counts.get(idx, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [idx for idx, _ in ranked[:limit]]


def new_index() -> Index:
    """An empty shingle index: the compiled one where it is built, else the reference."""
    table = getattr(compiled_core(), "ShingleTable", None)  # (None: pure kernels, or a build older than it)
    return table() if table is not None else ShingleIndex()
