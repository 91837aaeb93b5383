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
        self.postings: dict[str, int | list[int]] = {}
        self.stopped: set[str] = set()

    @staticmethod
    def shingles(key: str) -> set[str]:
        """Shingles sampled by content (the same text always yields the same sample),
        about one in ten characters, so that index and lookups stay cheap."""
        if len(key) < _SHINGLE:
            return {key}
        # Anchors: the start, and the place after each 的 and each comma.
        # Found by the regex engine, so no per-character Python loop.
        picked = {key[m.end():m.end() + _SHINGLE] for m in _ANCHOR.finditer(key)}
        picked.add(key[:_SHINGLE])
        return {sh for sh in picked if len(sh) == _SHINGLE} or {key[:_SHINGLE]}

    def add(self, idx: int, key: str, shingles: set[str] | None = None) -> None:
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

    def candidates(self, key: str, limit: int = 8, shingles: set[str] | None = None) -> list[int]:
        counts: dict[int, int] = {}
        for sh in shingles if shingles is not None else self.shingles(key):
            post = self.postings.get(sh, ())
            for idx in (post,) if type(post) is int else post:
                counts[idx] = counts.get(idx, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [idx for idx, _ in ranked[:limit]]
