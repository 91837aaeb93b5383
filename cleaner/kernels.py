"""The word-segmentation kernels in pure Python: the reference, and the fallback.

:mod:`cleaner.lang` asks a :class:`Lexicon` for every number it needs from the
word lexicon. Two implementations share one narrow interface (strings in,
numbers or spans out): the compiled module ``cleaner._lexcore`` (C, built by
``pip install`` where a compiler is present) and :class:`PureLexicon` below,
which is the reference: ``tests/test_kernels.py`` checks that both give equal
results, bit for bit, and the pure one runs wherever the compiled module is
absent. :data:`IMPLEMENTATION` says which one runs (``cleaner --version``
prints it).

>>> lex = PureLexicon({"气象": 10, "条件": 8, "气": 2, "象": 1})
>>> lex.spans("气象条件")
[(0, 2), (0, 1), (1, 2), (2, 4)]
>>> lex.first_word("气象条件", 5.0)
2
"""

from __future__ import annotations

import math
import os
from types import ModuleType
from typing import Callable, Protocol

import regex

#: Longest word considered when segmenting a window.
MAX_WORD = 8
#: Han characters taken on each side of a break.
SIDE = 6

HAN_TAIL = regex.compile(r"\p{Han}{1,%d}$" % SIDE)
HAN_HEAD = regex.compile(r"^\p{Han}{1,%d}" % SIDE)
LOG_UNKNOWN = math.log(0.5)
HAN_CHAR = regex.compile(r"\p{Han}")


class Lexicon(Protocol):
    """What :mod:`cleaner.lang` needs from a lexicon built once from ``word -> frequency``."""

    def best_logp(self, chars: str, log_total: float, cut: int | None = None) -> float: ...
    def junction(self, left: str, right: str, log_total: float) -> float | None: ...
    def first_word(self, text: str, log_total: float) -> int: ...
    def ends_inside_word(self, text: str) -> bool: ...
    def spans(self, text: str) -> list[tuple[int, int]]: ...
    def uncovered(self, text: str, min_len: int, max_len: int, min_freq: int, max_single: int) -> bytes: ...


def piece_logp(words: dict[str, int], log_total: float, piece: str) -> float | None:
    """Log probability of ``piece`` as one word: its frequency, or a small one for a
    single unknown character; ``None`` for an unknown longer piece.

    >>> piece_logp({"气象": 1}, 0.0, "气象"), piece_logp({}, 0.0, "气象")
    (0.0, None)
    """
    freq = words.get(piece)
    if freq:
        return math.log(freq) - log_total
    if len(piece) == 1:
        return LOG_UNKNOWN - log_total
    return None


class PureLexicon:
    """The reference kernels over a plain dict (``word -> frequency``)."""

    def __init__(self, words: dict[str, int]) -> None:
        self.words = words
        self._mass: dict[str, int] | None = None
        self._longest: int | None = None

    def best_logp(self, chars: str, log_total: float, cut: int | None = None) -> float:
        """Log probability of the best segmentation of ``chars`` under a unigram word model;
        with ``cut``, no word may span position ``cut``."""
        words = self.words
        n = len(chars)
        best = [0.0] + [-math.inf] * n
        for i in range(1, n + 1):
            for j in range(max(0, i - MAX_WORD), i):
                if cut is not None and j < cut < i:
                    continue
                lp = piece_logp(words, log_total, chars[j:i])
                if lp is not None and best[j] + lp > best[i]:
                    best[i] = best[j] + lp
        return best[n]

    def junction(self, left: str, right: str, log_total: float) -> float | None:
        """The raw gain of a word across the break between ``left`` and ``right``
        (the Han characters next to it only); ``None`` when no word spans it."""
        tail = HAN_TAIL.search(left)
        head = HAN_HEAD.match(right)
        if tail is None or head is None:
            return None
        window = tail.group() + head.group()
        cut = len(tail.group())
        words = self.words
        if not any(window[i:j] in words for i in range(max(0, cut - MAX_WORD + 1), cut)
                   for j in range(cut + 1, min(len(window), i + MAX_WORD) + 1)):
            return None
        return self.best_logp(window, log_total) - self.best_logp(window, log_total, cut)

    def first_word(self, text: str, log_total: float) -> int:
        """Length of the first word of the best segmentation of the Han run starting ``text``."""
        head = HAN_HEAD.match(text)
        if head is None:
            return 0
        chars = head.group()
        words = self.words
        n = len(chars)
        best = [-math.inf] * n + [0.0]
        nxt = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            for j in range(i + 1, min(n, i + MAX_WORD) + 1):
                lp = piece_logp(words, log_total, chars[i:j])
                if lp is not None and lp + best[j] > best[i]:
                    best[i], nxt[i] = lp + best[j], j
        return nxt[0]

    def ends_inside_word(self, text: str) -> bool:
        """No word of two or more characters ends at the last Han character of ``text``,
        and that character far more often starts a longer word than stands alone."""
        tail = HAN_TAIL.search(text)
        if tail is None:
            return False
        chars = tail.group()
        words = self.words
        if any(chars[-k:] in words for k in range(2, min(len(chars), 5) + 1)):
            return False
        last = chars[-1]
        return words.get(last, 0) < 0.4 * self._prefix_mass().get(last, 0)

    def _prefix_mass(self) -> dict[str, int]:
        if self._mass is None:
            mass: dict[str, int] = {}
            for word, freq in self.words.items():
                if len(word) > 1:
                    mass[word[0]] = mass.get(word[0], 0) + freq
            self._mass = mass
        return self._mass

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every ``(start, end)`` with ``text[start:end]`` a key, by start, longest first."""
        words = self.words
        if self._longest is None:
            self._longest = max(map(len, words), default=0)
        return [(i, i + n) for i in range(len(text))
                for n in range(min(self._longest, len(text) - i), 0, -1) if text[i:i + n] in words]


    def uncovered(self, text: str, min_len: int, max_len: int, min_freq: int, max_single: int) -> bytes:
        """One byte per position of ``text``: 1 where a Han character is covered by no key of
        ``min_len`` to ``max_len`` Han characters with a frequency of ``min_freq`` or more and is
        less frequent than ``max_single`` as a key of its own, else 0 (0 for any other character)."""
        han = [HAN_CHAR.match(ch) is not None for ch in text]
        flags = bytearray(han)
        words = self.words
        for i in range(len(text)):
            for n in range(max(1, min_len), min(max_len, len(text) - i) + 1):
                if not all(han[i:i + n]):
                    break  # a key never reaches across a Han run
                if words.get(text[i:i + n], -1) >= min_freq:
                    flags[i:i + n] = bytes(n)
        return bytes(f and not words.get(ch, -1) >= max_single for f, ch in zip(flags, text))


def pure_diff_spans(a: str, b: str) -> list[tuple[int, int]] | None:
    """The ``(start, end)`` runs of positions where ``a`` and ``b`` differ, for two strings of
    one length whose line breaks (``\\n``) sit at the same positions; ``None`` otherwise.

    >>> pure_diff_spans("汉字转换。", "漢字轉換。"), pure_diff_spans("a\\nb", "ab\\n")
    ([(0, 1), (2, 4)], None)
    """
    if len(a) != len(b):
        return None
    spans: list[tuple[int, int]] = []
    i, n = 0, len(a)
    while i < n:
        if a[i] == b[i]:
            i += 1
            continue
        j = i
        while j < n and a[j] != b[j]:
            if a[j] == "\n" or b[j] == "\n":
                return None
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _compiled() -> ModuleType | None:
    if os.environ.get("CLEANER_PURE_PYTHON"):
        return None
    try:
        from . import _lexcore
    except ImportError:
        return None
    return _lexcore


_CORE = _compiled()


def compiled_core() -> ModuleType | None:
    """The compiled module ``cleaner._lexcore``, or ``None`` where the pure kernels run."""
    return _CORE

_COMPILED = _CORE.Lexicon if _CORE is not None else None
#: :func:`pure_diff_spans`, compiled where available.
diff_spans: Callable[[str, str], list[tuple[int, int]] | None] = (
    _CORE.diff_spans if _CORE is not None else pure_diff_spans)
#: Which kernels run: ``"compiled C"`` or ``"pure Python"`` (when ``cleaner._lexcore``
#: is not built, or ``CLEANER_PURE_PYTHON`` is set).
IMPLEMENTATION = "compiled C" if _COMPILED is not None else "pure Python"


def build(words: dict[str, int]) -> Lexicon:
    """A lexicon of ``words``: compiled where available, else the pure reference.

    The compiled one takes int frequencies in 0..2**53 only; any other dict gets the
    pure one, which behaves as the code always has (including its errors).

    >>> build({"气象": 3}).best_logp("气象", 0.0) == math.log(3)
    True
    """
    if _COMPILED is not None:
        try:
            return _COMPILED(words)
        except (TypeError, ValueError):
            pass
    return PureLexicon(words)
