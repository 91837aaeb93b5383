"""The shingle index of the ``dedup`` pass: which kept paragraphs share sampled pieces with a new one."""

from __future__ import annotations

import regex

_SHINGLE = 6
_ANCHOR = regex.compile(r"[的,]")
#: A shingle found in more paragraphs than this says nothing about any of them: it is dropped.
_POSTING_CAP = 24


class ShingleIndex:
    """Shingle postings of the paragraphs kept so far. Most shingles occur once: their posting
    is the paragraph's number itself, not a list of one (a list costs some 90 bytes)."""

    def __init__(self) -> None:
        self.postings: dict[bytes, int | list[int]] = {}
        self.stopped: set[bytes] = set()

    @staticmethod
    def shingles(key: str) -> set[bytes]:
        """Shingles sampled by content (the same text always yields the same sample),
        about one in ten characters, so that index and lookups stay cheap. A shingle is
        kept as its UTF-32 code units (57 bytes for six Han characters; the string would
        cost 86): only ever compared, never read.

        >>> sorted(sh.decode("utf-32-le") for sh in ShingleIndex.shingles("今天的天气很好,我们去公园散步"))
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

    def add(self, idx: int, key: str, shingles: set[bytes] | None = None) -> None:
        for sh in shingles if shingles is not None else self.shingles(key):
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

    def candidates(self, key: str, limit: int = 8, shingles: set[bytes] | None = None) -> list[int]:
        counts: dict[int, int] = {}
        for sh in shingles if shingles is not None else self.shingles(key):
            post = self.postings.get(sh, ())
            for idx in (post,) if type(post) is int else post:
                counts[idx] = counts.get(idx, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [idx for idx, _ in ranked[:limit]]
