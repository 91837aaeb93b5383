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

from ...edits import Edit, make_edit
from ...text import separator
from .between import Join, Plan
from .blocks import Unit, joiner
from .options import NAME


def render(text: str, style: str, units: list[Unit], found: Plan) -> list[Edit]:
    """Edits turning the blocks of ``text`` into the plan's order with its joins made."""
    n = len(units)
    order = found.order
    moved_at = [k for k, i in enumerate(order) if i != k]

    def in_place(i: int) -> Edit:
        join = found.joins[i]
        return make_edit(NAME, text, units[i].end, units[i + 1].start,
                         joiner(units[i].text, units[i + 1].text), join.reason, join.score, rule=join.rule)

    if not moved_at:
        return [in_place(i) for i in sorted(found.joins)]
    lo, hi = max(0, moved_at[0] - 1), min(n - 1, moved_at[-1] + 1)
    # A join belongs to the moved stretch by where its block stands in the new
    # order, not by its number: the last block, moved up, joins what follows it there.
    at = array("q", bytes(8 * n))  # block -> its place in the new order
    for k, i in enumerate(order):
        at[i] = k
    inside = {i for i in found.joins if lo <= at[i] < hi}
    edits = [in_place(i) for i in sorted(set(found.joins) - inside)]
    # (the blocks of an inserted block, counted by each move's reason, are those of the whole stretch)
    stretch = Plan(order, found.joins, found.moved, {i for i in found.inserted if lo <= i <= hi})
    for a, b in pieces(order, lo, hi, inside):
        edits.extend(_render_piece(text, style, units, stretch, inside, (a, b)))
    return sorted(edits, key=lambda e: e.start)


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
                  piece: tuple[int, int]) -> list[Edit]:
    """The edits of blocks ``lo..hi`` of the moved stretch, diffed on their own (a piece
    costs its own length: nothing of the text or the blocks is copied)."""
    lo, hi = piece
    old_keys, old_texts, new_keys, new_texts = _tokens(text, units, lo, hi, found.order[lo:hi + 1], joined, style)
    return _render_moves(text, units[lo].start, old_keys, old_texts, new_keys, new_texts, found)


#: Token keys of the block-level diff, as integers (a key is compared, never read as text):
#: block ``i`` is ``4i``, the separator kept after it ``4i + 1``, a join after it ``4i + 2``
#: (``4i + 3`` when the join is a space); the stretch's head and a new separator are negative.
_HEAD, _NEW_SEP = -1, -2
_BLOCK, _KEPT, _JOINED, _JOINED_SPACE = 0, 1, 2, 3


def _tokens(text: str, units: list[Unit], lo: int, hi: int, order: list[int], joined: set[int],
            style: str) -> tuple[list[int], list[str], list[int], list[str]]:
    """Blocks ``lo..hi`` before and after, as keys and texts: blocks, separators kept,
    joins, new separators (``order``: the plan's order of those blocks)."""
    old_keys, old_texts = [_HEAD], [""]
    for i in range(lo, hi + 1):
        old_keys.append(4 * i + _BLOCK)
        old_texts.append(units[i].text)
        old_keys.append(4 * i + _KEPT)
        old_texts.append(text[units[i].end:units[i + 1].start] if i < hi else "")
    new_keys, new_texts = [_HEAD], [""]
    for k, i in enumerate(order):
        new_keys.append(4 * i + _BLOCK)
        new_texts.append(units[i].text)
        if k + 1 < len(order):
            j = order[k + 1]
            if i in joined:
                glue = joiner(units[i].text, units[j].text)
                new_keys.append(4 * i + (_JOINED if glue == "" else _JOINED_SPACE))
                new_texts.append(glue)
            elif j == i + 1:
                new_keys.append(4 * i + _KEPT)
                new_texts.append(text[units[i].end:units[j].start])
            else:
                new_keys.append(_NEW_SEP)
                new_texts.append(separator(style))
        else:
            new_keys.append(4 * hi + _KEPT)
            new_texts.append("")
    return old_keys, old_texts, new_keys, new_texts


def _render_moves(text: str, start: int, old_keys: list[int], old_texts: list[str], new_keys: list[int],
                  new_texts: list[str], found: Plan) -> list[Edit]:
    """Edits for a stretch of blocks starting at offset ``start`` of ``text`` and put in a
    new order (a block-level diff of the tokens of :func:`_tokens`)."""
    offsets = array("q", [start])
    for t in old_texts:
        offsets.append(offsets[-1] + len(t))
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        after = "".join(new_texts[j1:j2])
        ids = {k >> 2 for k in old_keys[max(0, i1 - 1):i2 + 1] + new_keys[max(0, j1 - 1):j2 + 1] if k >= 0}
        notes: dict[int, Join] = found.joins
        why = [notes[i].reason for i in sorted(ids) if i in notes]
        rules = [r for i in sorted(ids) if i in notes for r in notes[i].rule.split("+")]
        gone = [k for k in old_keys[i1:i2] if k >= 0 and k & 3 == _BLOCK and k >> 2 in found.moved]
        if gone and tag in ("replace", "delete"):
            why.append(f"{len(gone)} block(s) moved up behind the paragraph they continue")
            rules.append("rejoin.move.up")
        shifted = {k >> 2 for k in old_keys[i1:i2] + new_keys[j1:j2] if k >= 0 and k & 3 == _BLOCK}
        # (The diff may show the story's end moving up past the inserted block instead.)
        if shifted & found.inserted or (shifted and found.inserted and not shifted & found.moved):
            why.append(f"{len(found.inserted)} block(s) of a block inserted in the story (a boxed story, "
                       "headline included, or a caption) moved after the story ends")
            rules.append("rejoin.move.inserted")
        score = max((notes[i].score for i in ids if i in notes), default=None)
        edits.append(make_edit(NAME, text, offsets[i1], offsets[i2], after,
                               "; ".join(dict.fromkeys(why)) or "blocks moved", score,
                               rule="+".join(dict.fromkeys(rules)) or "rejoin.move.blocks"))
    return edits
