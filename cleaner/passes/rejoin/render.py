"""Rendering the between-block plan as edits.

A join in place replaces the separator between two blocks with what joins
them (nothing between Chinese, a space between Latin words). Where the plan
moves blocks, the stretch from the first moved block to the last is rendered
as a diff of the old and the new sequence of blocks and separators, so that
every edit is small and names the joins and moves it carries out.
"""

from __future__ import annotations

import difflib
from array import array
from heapq import merge
from itertools import chain
from typing import Iterator, Sequence

from ...edits import Edit, make_edit
from ...text import separator
from .between import Join, Plan
from .blocks import Unit, joiner
from .options import NAME


def render(text: str, style: str, units: list[Unit], found: Plan) -> Iterator[Edit]:
    """Edits turning the blocks of ``text`` into the plan's order with its joins made, made
    as they are read, in the order they apply (by start; at one offset an insertion before a
    replacement, as :func:`~cleaner.edits.apply_edits` orders them): a caller that only wants
    the text never holds them all."""
    n = len(units)
    order = found.order

    def in_place(i: int) -> Edit:
        join = found.joins[i]
        return make_edit(NAME, text, units[i].end, units[i + 1].start,
                         joiner(units[i].text, units[i + 1].text), join.reason, join.score, rule=join.rule)

    first = next((k for k, i in enumerate(order) if i != k), None)
    if first is None:
        return (in_place(i) for i in sorted(found.joins))
    last = next(k for k in range(n - 1, first - 1, -1) if order[k] != k)
    lo, hi = max(0, first - 1), min(n - 1, last + 1)
    # A join belongs to the moved stretch by where its block stands in the new
    # order, not by its number: the last block, moved up, joins what follows it there.
    at = array("q", bytes(8 * n))  # block -> its place in the new order
    for k, i in enumerate(order):
        at[i] = k
    inside = {i for i in found.joins if lo <= at[i] < hi}
    outside = (in_place(i) for i in sorted(set(found.joins) - inside))
    # (the blocks of an inserted block, counted by each move's reason, are those of the whole stretch)
    stretch = Plan(order, found.joins, found.moved, {i for i in found.inserted if lo <= i <= hi})
    moved = (e for a, b in pieces(order, lo, hi, inside) for e in _render_piece(text, style, units, stretch, inside, (a, b)))
    # (each in apply order: the joins in place by their blocks, the pieces one after another,
    # each piece's edits by the diff's order, a change never next to another)
    return merge(outside, moved, key=_apply_order)


def _apply_order(e: Edit) -> tuple[int, bool]:
    return e.start, e.end > e.start


def pieces(order: list[int], lo: int, hi: int, joined: set[int]) -> list[tuple[int, int]]:
    """The stretch ``lo..hi`` of blocks cut where nothing crosses: before block ``c`` when the
    blocks before it stay among themselves, ``c - 1`` and ``c`` stay in place and are not joined.

    Every key of the block-level diff (``B``, ``S``, ``J`` and a block's number) is unique, so a
    match can never pair a token of one piece with one of another, and a cut inside a run of
    tokens the same before and after leaves the diff's changes as they are (``tests`` compare
    it with the diff of the whole stretch): the diff of a long stretch is not held at once.
    """
    cuts, top = [lo], lo
    for c in range(lo + 1, hi + 1):
        top = max(top, order[c - 1])
        if top == c - 1 and order[c - 1] == c - 1 and order[c] == c and c - 1 not in joined:
            cuts.append(c)
    cuts.append(hi + 1)
    return [(a, b - 1) for a, b in zip(cuts, cuts[1:])]


def _render_piece(text: str, style: str, units: list[Unit], found: Plan, joined: set[int],
                  piece: tuple[int, int]) -> Iterator[Edit]:
    """The edits of blocks ``lo..hi`` of the moved stretch, diffed on their own (a piece
    costs its own length: nothing of the text or the blocks is copied)."""
    lo, hi = piece
    old_keys, new_keys = _tokens(units, lo, hi, found.order[lo:hi + 1], joined)
    return _render_moves(text, style, units, lo, hi, old_keys, new_keys, found)


#: Token keys of the block-level diff, as integers (a key is compared, never read as text):
#: block ``i`` is ``4i``, the separator kept after it ``4i + 1``, a join after it ``4i + 2``
#: (``4i + 3`` when the join is a space); the stretch's head and a new separator are negative.
_HEAD, _NEW_SEP = -1, -2
_BLOCK, _KEPT, _JOINED, _JOINED_SPACE = 0, 1, 2, 3


def _tokens(units: list[Unit], lo: int, hi: int, order: list[int], joined: set[int]) -> tuple[array, array]:
    """Blocks ``lo..hi`` before and after, as keys: blocks, separators kept, joins, new
    separators (``order``: the plan's order of those blocks). A key says its text
    (:func:`_token_text`), so no text is held for a token."""
    old_keys = array("q", [_HEAD])
    for i in range(lo, hi + 1):
        old_keys.append(4 * i + _BLOCK)
        old_keys.append(4 * i + _KEPT)
    new_keys = array("q", [_HEAD])
    for k, i in enumerate(order):
        new_keys.append(4 * i + _BLOCK)
        if k + 1 < len(order):
            j = order[k + 1]
            if i in joined:
                new_keys.append(4 * i + (_JOINED if joiner(units[i].text, units[j].text) == "" else _JOINED_SPACE))
            elif j == i + 1:
                new_keys.append(4 * i + _KEPT)
            else:
                new_keys.append(_NEW_SEP)
        else:
            new_keys.append(4 * hi + _KEPT)
    return old_keys, new_keys


def _token_text(text: str, style: str, units: list[Unit], hi: int, key: int) -> str:
    """The text of a token of :func:`_tokens` (``hi``: the piece's last block, whose kept
    separator is the piece's end, empty)."""
    if key < 0:
        return "" if key == _HEAD else separator(style)
    i, kind = key >> 2, key & 3
    if kind == _BLOCK:
        return units[i].text
    if kind == _KEPT:
        return text[units[i].end:units[i + 1].start] if i < hi else ""
    return "" if kind == _JOINED else " "


def _render_moves(text: str, style: str, units: list[Unit], lo: int, hi: int, old_keys: array, new_keys: array,
                  found: Plan) -> Iterator[Edit]:
    """Edits for blocks ``lo..hi`` put in a new order (a block-level diff of the tokens of
    :func:`_tokens`), made as they are read (a stretch whose every block is joined to the
    next is one piece: a wrapped document is, when a block of it moves)."""
    offsets = array("q")  # where each old token starts, and the end of the last
    for k in old_keys:
        if k == _HEAD:
            offsets.append(units[lo].start)
        elif k & 3 == _BLOCK:
            offsets.append(units[k >> 2].start)
        else:
            offsets.append(units[k >> 2].end)
    offsets.append(units[hi].end)
    for tag, i1, i2, j1, j2 in opcodes(old_keys, new_keys):
        if tag == "equal":
            continue
        after = "".join(_token_text(text, style, units, hi, k) for k in new_keys[j1:j2])
        ids = {k >> 2 for k in chain(old_keys[max(0, i1 - 1):i2 + 1], new_keys[max(0, j1 - 1):j2 + 1]) if k >= 0}
        notes: dict[int, Join] = found.joins
        why = [notes[i].reason for i in sorted(ids) if i in notes]
        rules = [r for i in sorted(ids) if i in notes for r in notes[i].rule.split("+")]
        gone = [k for k in old_keys[i1:i2] if k >= 0 and k & 3 == _BLOCK and k >> 2 in found.moved]
        if gone and tag in ("replace", "delete"):
            why.append(f"{len(gone)} block(s) moved up behind the paragraph they continue")
            rules.append("rejoin.move.up")
        shifted = {k >> 2 for k in chain(old_keys[i1:i2], new_keys[j1:j2]) if k >= 0 and k & 3 == _BLOCK}
        # (The diff may show the story's end moving up past the inserted block instead.)
        if shifted & found.inserted or (shifted and found.inserted and not shifted & found.moved):
            why.append(f"{len(found.inserted)} block(s) of a block inserted in the story (a boxed story, "
                       "headline included, or a caption) moved after the story ends")
            rules.append("rejoin.move.inserted")
        score = max((notes[i].score for i in ids if i in notes), default=None)
        yield make_edit(NAME, text, offsets[i1], offsets[i2], after,
                        "; ".join(dict.fromkeys(why)) or "blocks moved", score,
                        rule="+".join(dict.fromkeys(rules)) or "rejoin.move.blocks")


def opcodes(a: Sequence[int], b: Sequence[int]) -> list[tuple[str, int, int, int, int]]:
    """``difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``, for keys that
    occur at most once in each sequence (the block-level diff's), in memory of a few bytes a
    key: the same search for the longest match and the same order of the matches, with the
    place of each key of ``b`` in an array instead of ``difflib``'s dict of lists.

    >>> a, b = [-1, 0, 1, 4, 5, 8, 9], [-1, 4, 5, 0, 1, 8, 9]
    >>> opcodes(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    True
    """
    top = max((k for k in chain(a, b) if k >= 0), default=-1) + 1
    where = array("q", [-1]) * top  # key -> its place in b
    others: dict[int, int] = {}  # a negative key -> its place in b (-2: more than once)
    for j, k in enumerate(b):
        if k >= 0:
            if where[k] != -1:
                return _difflib_opcodes(a, b)
            where[k] = j
        else:
            others[k] = -2 if k in others else j
    seen, seen_others = bytearray(top), set()
    for k in a:
        if k >= 0:
            if seen[k]:
                return _difflib_opcodes(a, b)
            seen[k] = 1
        elif k in others:
            if k in seen_others or others[k] == -2:
                return _difflib_opcodes(a, b)
            seen_others.add(k)
    del seen

    def place(k: int) -> int:
        return where[k] if k >= 0 else others.get(k, -1)

    def longest(alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
        besti, bestj, bestsize = alo, blo, 0
        last_j, last_k = -2, 0  # the match of a[i - 1] within the range, and its run's length
        for i in range(alo, ahi):
            j = place(a[i])
            if blo <= j < bhi:
                k = last_k + 1 if last_j == j - 1 else 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
                last_j, last_k = j, k
            else:
                last_j, last_k = -2, 0
        return besti, bestj, bestsize

    queue = [(0, len(a), 0, len(b))]
    matches: list[tuple[int, int, int]] = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = found = longest(alo, ahi, blo, bhi)
        if k:
            matches.append(found)
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    matches.sort()
    joined: list[tuple[int, int, int]] = []
    i1 = j1 = k1 = 0
    for i2, j2, k2 in matches:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                joined.append((i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        joined.append((i1, j1, k1))
    joined.append((len(a), len(b), 0))
    out: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for ai, bj, size in joined:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            out.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            out.append(("equal", ai, i, bj, j))
    return out


def _difflib_opcodes(a: Sequence[int], b: Sequence[int]) -> list[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
