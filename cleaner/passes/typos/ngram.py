"""A character n-gram model built from a user's clean text (``cleaner model build``).

No running text with a licence that allows shipping derived counts comes with
the package, so the model is the user's: ``cleaner model build CORPUS -o FILE``
counts the characters, pairs and triples of the Han runs of ``CORPUS`` (a run
starts and ends with :data:`EDGE`), drops the pairs and triples seen fewer
than ``min_count`` times, and writes them as sorted arrays. ``--dict FILE``
then hands the model to the ``typos`` pass, whose context layer scores a
look-alike by how much more likely the characters around it become.

File format: a few ``# Key: value`` text lines (the first is
``# Format: charngram``), a line ``# Data:``, then for orders 1, 2 and 3 a
little-endian ``uint32`` count *k*, *k* sorted ``uint64`` keys (code points
packed 21 bits each) and *k* ``uint32`` counts. Loading is a copy of bytes
into arrays: no parsing, no dictionary of millions of entries.

Smoothing is hierarchical (Dirichlet): a triple's probability falls back on
the pair's, the pair's on the character's, with a prior weight :data:`PRIOR`.
"""

from __future__ import annotations

import math
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from typing import Iterable

import regex

from ...errors import DictionaryError
from ...resources import read_bytes

MAGIC = b"# Format: charngram\n"
DATA = b"# Data:\n"
EDGE = "\x02"             # the start and end of a Han run
ORDER = 3
PRIOR = 4.0               # Dirichlet prior weight of the lower order
VOCABULARY = 12000        # characters assumed for an unseen character's share
_HAN = regex.compile(r"\p{Han}+")


def _key(chars: str) -> int:
    k = 0
    for ch in chars:
        k = (k << 21) | ord(ch)
    return k


def count(lines: Iterable[str], min_count: int = 2) -> list[Counter[int]]:
    """Counts of orders 1 to :data:`ORDER` over the Han runs of ``lines`` (pairs and triples
    seen fewer than ``min_count`` times dropped; single characters are all kept)."""
    grams: list[Counter[int]] = [Counter() for _ in range(ORDER)]
    for line in lines:
        for run in _HAN.findall(line):
            s = EDGE + run + EDGE
            for n in range(1, ORDER + 1):
                grams[n - 1].update(_key(s[i:i + n]) for i in range(len(s) - n + 1))
    for n in range(1, ORDER):
        grams[n] = Counter({k: c for k, c in grams[n].items() if c >= min_count})
    return grams


def han_count(grams: list[Counter[int]]) -> int:
    """The Han characters counted (the run edges left out)."""
    return sum(grams[0].values()) - grams[0].get(_key(EDGE), 0)


def dump(grams: list[Counter[int]], source: str) -> bytes:
    """The model file's bytes."""
    head = (MAGIC + f"# Order: {ORDER}\n# Source: {source}\n# Characters: {han_count(grams)}\n"
            f"# Entries: {' '.join(str(len(g)) for g in grams)}\n".encode("utf-8") + DATA)
    body = bytearray(head)
    for g in grams:
        keys = sorted(g)
        body += len(keys).to_bytes(4, "little")
        k, c = array("Q", keys), array("I", (min(g[x], 2**32 - 1) for x in keys))
        if sys.byteorder != "little":
            k.byteswap()
            c.byteswap()
        body += k.tobytes() + c.tobytes()
    return bytes(body)


class CharModel:
    """A loaded model: sorted keys and counts of each order."""

    def __init__(self, path: str, raw: bytes) -> None:
        if not raw.startswith(MAGIC) or DATA not in raw:
            raise DictionaryError(path, 1, "not a character n-gram model (cleaner model build)")
        at = raw.index(DATA) + len(DATA)
        self.keys: list[array] = []   # type: ignore[type-arg]
        self.counts: list[array] = []  # type: ignore[type-arg]
        try:
            for _ in range(ORDER):
                k = int.from_bytes(raw[at:at + 4], "little")
                keys, counts = array("Q"), array("I")
                keys.frombytes(raw[at + 4:at + 4 + 8 * k])
                counts.frombytes(raw[at + 4 + 8 * k:at + 4 + 12 * k])
                if len(keys) != k or len(counts) != k:
                    raise ValueError
                if sys.byteorder != "little":
                    keys.byteswap()
                    counts.byteswap()
                self.keys.append(keys)
                self.counts.append(counts)
                at += 4 + 12 * k
        except ValueError:
            raise DictionaryError(path, None, "the model file is truncated") from None
        self.total = sum(self.counts[0]) or 1
        self.path = path

    def get(self, chars: str) -> int:
        """The count of ``chars`` (one to :data:`ORDER` characters; 0 when pruned or unseen)."""
        keys, key = self.keys[len(chars) - 1], _key(chars)
        i = bisect_left(keys, key)
        return self.counts[len(chars) - 1][i] if i < len(keys) and keys[i] == key else 0

    def logp(self, context: str, ch: str) -> float:
        """log P(``ch`` | the last two characters of ``context``), smoothed."""
        p = (self.get(ch) + 0.5) / (self.total + 0.5 * VOCABULARY)
        for n in range(1, min(len(context), ORDER - 1) + 1):
            ctx = context[-n:]
            p = (self.get(ctx + ch) + PRIOR * p) / (self.get(ctx) + PRIOR)
        return math.log(p)

    def gain(self, run: str, start: int, right: str) -> float:
        """How much more likely the characters around ``start`` of a Han run become when
        ``run[start:start + len(right)]`` is replaced by ``right`` (log probability, nats)."""
        end = start + len(right)
        new = run[:start] + right + run[end:]
        return self._span(new, start, end) - self._span(run, start, end)

    def _span(self, run: str, start: int, end: int) -> float:
        s = EDGE + run + EDGE
        total = 0.0
        for i in range(start + 1, min(len(s), end + ORDER)):   # the triples that hold a changed character
            total += self.logp(s[max(0, i - ORDER + 1):i], s[i])
        return total


def is_model(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


@lru_cache(maxsize=4)
def load(path: str) -> CharModel:
    """The model in ``path`` (read once per process)."""
    return CharModel(path, read_bytes(path))


def split(paths: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(dictionary tables, n-gram models) among ``paths``, told apart by their first line."""
    tables, models = [], []
    for p in paths:
        try:
            with open(p, "rb") as f:
                head = f.read(len(MAGIC))
        except OSError:
            head = b""   # the table reader names the file and why it cannot be read
        (models if is_model(head) else tables).append(p)
    return tuple(tables), tuple(models)
