"""Pieces of a paragraph printed twice, cut by column breaks (part of ``dedup``).

A layout glitch that prints a paragraph twice near a column break leaves
copies that are cut: a block that starts with a copy of an earlier paragraph
and runs on into a line of the next column. ``dedup`` compares whole blocks
and keeps both; this module removes the repeated head from the later block
and keeps the rest of it.

The piece removed is the head of a later block: at least ``_MIN_PIECE``
comparable characters that repeat an earlier block ``j`` from ``j``'s start
(OCR noise aside), covering at least ``_COVER`` of ``j``, after which the
block leaves ``j`` between two Han characters on both sides (mid-word: the
copy runs into a line of another column, ``…克林顿总统今`` + ``的海三国…``).

Stays: a block that parts from ``j`` inside a number or goes on as ``j``
does (a law's clause citing another article: ``…第三百八十二条`` and
``…第三百八十四条``), a block repeated whole (``dedup``'s own kinds),
articles of a law that share an opening clause (they part at a clause boundary, or share less than
most of the earlier one), and a copy whose pieces are in different blocks
(removing those leaves the first copy's pieces out of order, which the
development set measured worse).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..edits import Edit, apply_edits, compose, make_edit

_NAME = "dedup"
_MIN_PIECE = 50
_COVER = 0.8
_LINK = 6
_HAN = regex.compile(r"\p{Han}")
_NUMERAL = regex.compile(r"[\d零一二三四五六七八九十百千万亿两]")
_WORD = regex.compile(r"[\p{L}\p{N}]")


def _common_head(a: str, b: str) -> tuple[int, int]:
    """Lengths of the heads of ``a`` and ``b`` that match but for scattered OCR noise."""
    la = lb = errors = 0
    best = (0, 0)
    for tag, a0, a1, b0, b1 in Levenshtein.opcodes(a, b):
        if tag == "equal":
            best = (a1, b1)
            la, lb = a1, b1
            continue
        span = max(a1 - a0, b1 - b0)
        errors += span
        if span > 3 or errors > 2 + 0.03 * max(la, 1):
            break
    return best


def _comparable(key: str) -> int:
    return len(_WORD.findall(key))


def _han_at(key: str, pos: int) -> bool:
    return 0 < pos < len(key) and bool(_HAN.match(key[pos - 1])) and bool(_HAN.match(key[pos]))


def _head_piece(key: str, other: str) -> int:
    """How many characters of ``key``'s head repeat ``other`` from its start (0: none)."""
    m = int(_COVER * len(other)) - 4  # a copy of most of ``other`` holds the text found there
    if m < 0 or other[m:m + 4] not in key[max(0, m - 8 - m // 30):m + 12 + m // 30]:
        return 0  # cheap test first: most openings shared by chance part long before
    la, lb = _common_head(key, other)
    if la >= len(key) or _comparable(key[:la]) < _MIN_PIECE:
        return 0
    if lb < _COVER * len(other) or not (_han_at(key, la) and _han_at(other, lb)):
        return 0
    if _NUMERAL.match(key[la - 1]) or _NUMERAL.match(key[la]) or _NUMERAL.match(other[lb]):
        return 0  # parts inside a number: the same clause citing another article
    if fuzz.ratio(key[la:la + 20], other[lb:lb + 20]) >= 50:
        return 0  # both go on alike: one text with a word changed, not a copy running into another
    return la  # the copy leaves the original mid-word: a line of another column follows


def piece_edits(text: str, name: str, blocks: list, keys: list[str], sizes: list[int], gone: set[int],
                key_of: Callable[[str], str]) -> list[Edit]:
    """The edits that remove a repeated head from the blocks not in ``gone`` (``sizes``: comparable characters)."""
    heads: dict[str, list[int]] = {}
    edits: list[Edit] = []
    for i, block in enumerate(blocks):
        if i in gone:
            continue
        key = keys[i]
        found = _find_piece(key, keys, heads) if sizes[i] >= _MIN_PIECE + 4 else None
        if found is not None:
            edits.append(_piece_edit(text, name, block, *found, key_of))
            key = key[found[1]:]
        if len(key) >= _LINK:
            heads.setdefault(key[:_LINK], []).append(i)
    return edits


def _find_piece(key: str, keys: list[str], heads: dict[str, list[int]]) -> tuple[int, int] | None:
    """The earlier block whose opening ``key`` repeats, and how many key characters it repeats."""
    for j in reversed(heads.get(key[:_LINK], [])[-8:]):
        n = _head_piece(key, keys[j])
        if n:
            return j, n
    return None


def _piece_edit(text: str, name: str, block, j: int, n: int, key_of: Callable[[str], str]) -> Edit:
    """The edit that removes the first ``n`` key characters of ``block`` and the space after them."""
    body = block.text
    offsets = [k for k, c in enumerate(body) if key_of(c)] + [len(body)]
    piece = body[:offsets[n]].strip().replace("\n", " ")
    reason = (f"repeats the opening of paragraph {j + 1} and runs into a line of another column: "
              f"a copy cut by a column break (「{piece[:14]}…{piece[-6:]}」)")
    return make_edit(name, text, block.start, block.start + offsets[n], "", reason, rule="dedup.removed.piece")


def settled(text: str, edits: list[Edit], pieces: list[Edit]) -> list[Edit]:
    """``edits`` and ``pieces``, with the joins that ``rejoin`` makes of what the removals leave.

    A repeat removed brings the blocks on either side of it together, and a
    piece removed leaves the rest of its block as a fragment, often cut
    mid-sentence; ``rejoin`` (the pass before this one) would stitch them on a
    second run, so they are stitched now and cleaning twice equals once.
    Joins that ``rejoin`` makes of the text as it was (the same change at the
    same place once the removals are made) are not this pass's.
    """
    first = sorted(edits + pieces, key=lambda e: (e.start, e.end))
    removals = [e for e in first if e.before and not e.after.strip()]
    if not removals:
        return first
    from .rejoin import is_settled, run as rejoin

    base = set() if is_settled(text) else _Made(first).outside(rejoin(text))  # in the pipeline rejoin has just settled it
    second = [e for e in rejoin(apply_edits(text, first)[0]) if (e.start, e.before, e.after) not in base]
    return [e if e.pass_name == _NAME else Edit(_NAME, e.reason, e.start, e.end, e.before, e.after, e.score,
                                                rule=e.rule) for e in compose(text, first, second)]


class _Made:
    """Where the edits ``made`` (sorted by start) lie, read in logarithmic time per question.

    A text with many removals and many joins (a wrapped document run through dedup
    alone) asked each join about every removal before: quadratic.
    """

    def __init__(self, made: list[Edit]) -> None:
        self.starts = [e.start for e in made]
        self.reach = list(accumulate((e.end for e in made), max))  # the furthest end of made[:i + 1]
        by_end = sorted((e.end, len(e.after) - (e.end - e.start)) for e in made)
        self.ends = [end for end, _ in by_end]
        self.shift = [0, *accumulate(delta for _, delta in by_end)]

    def touches(self, start: int, end: int) -> bool:
        """Whether an edit made overlaps ``start:end`` (``r.start < end and start < r.end``)."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start

    def shifted(self, pos: int) -> int:
        """Where ``pos`` lands once the edits made are applied (those ending at or before it move it)."""
        return pos + self.shift[bisect_right(self.ends, pos)]

    def outside(self, edits: list[Edit]) -> set[tuple[int, str, str]]:
        """``edits`` that touch no edit made, as (start once the edits made are applied, before, after).

        >>> made = _Made([Edit("t", "r", 2, 4, "ab", "")])
        >>> sorted(made.outside([Edit("t", "r", 0, 1, "x", "y"), Edit("t", "r", 3, 5, "bc", ""),
        ...                      Edit("t", "r", 6, 6, "", "z")]))
        [(0, 'x', 'y'), (4, '', 'z')]
        """
        return {(self.shifted(e.start), e.before, e.after) for e in edits if not self.touches(e.start, e.end)}
