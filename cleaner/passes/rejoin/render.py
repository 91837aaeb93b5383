"""Rendering the between-block plan as edits.

A join in place replaces the separator between two blocks with what joins
them (nothing between Chinese, a space between Latin words). Where the plan
moves blocks, the stretch from the first moved block to the last is rendered
as a diff of the old and the new sequence of blocks and separators, so that
every edit is small and names the joins and moves it carries out.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

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
    at = {i: k for k, i in enumerate(order)}
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
    """The edits of blocks ``lo..hi`` of the moved stretch, diffed on their own."""
    lo, hi = piece
    start, end = units[lo].start, units[hi].end
    # The piece on its own, its blocks and its order numbered from 0; the plan's sets
    # keep their numbers (``base`` maps to them), so a piece costs its own length.
    local = [replace(u, start=u.start - start, end=u.end - start) for u in units[lo:hi + 1]]
    order = [i - lo for i in found.order[lo:hi + 1]]
    inner = _render_moves(text[start:end], local, order, found, joined, style, lo)
    return [e.moved(e.start + start, e.end + start) for e in inner]


def _tokens(text: str, units: list[Unit], order: list[int], joined: set[int], style: str,
            base: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The stretch before and after, as (key, text) tokens: ``B`` blocks, ``S`` separators
    kept, ``J`` joins, ``N`` new separators (block ``i`` is the plan's ``base + i``)."""
    n = len(units)
    old: list[tuple[str, str]] = [("H", text[:units[0].start])]
    for i, b in enumerate(units):
        old.append((f"B{i}", b.text))
        nxt = units[i + 1].start if i + 1 < n else len(text)
        old.append((f"S{i}", text[b.end:nxt]))
    new: list[tuple[str, str]] = [("H", text[:units[0].start])]
    for k, i in enumerate(order):
        new.append((f"B{i}", units[i].text))
        if k + 1 < len(order):
            j = order[k + 1]
            if i + base in joined:
                glue = joiner(units[i].text, units[j].text)
                new.append((f"J{i}" if glue == "" else f"J{i} ", glue))
            elif j == i + 1:
                new.append((f"S{i}", text[units[i].end:units[j].start]))
            else:
                new.append(("N", separator(style)))
        else:
            new.append((f"S{n - 1}", text[units[n - 1].end:]))
    return old, new


def _render_moves(text: str, units: list[Unit], order: list[int], found: Plan, joined: set[int], style: str,
                  base: int) -> list[Edit]:
    """Edits for a stretch of blocks put in ``order`` (a block-level diff); block ``i`` of
    ``units`` is the plan's ``base + i``."""
    old, new = _tokens(text, units, order, joined, style, base)
    offsets = [0]
    for _, t in old:
        offsets.append(offsets[-1] + len(t))
    matcher = difflib.SequenceMatcher(None, [k for k, _ in old], [k for k, _ in new], autojunk=False)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        after = "".join(t for _, t in new[j1:j2])
        ids = {base + int(k[1:].strip()) for k, _ in old[max(0, i1 - 1):i2 + 1] + new[max(0, j1 - 1):j2 + 1]
               if k[0] in "BSJ"}
        notes: dict[int, Join] = found.joins
        why = [notes[i].reason for i in sorted(ids) if i in notes]
        rules = [r for i in sorted(ids) if i in notes for r in notes[i].rule.split("+")]
        gone = [k for k, _ in old[i1:i2] if k[0] == "B" and base + int(k[1:]) in found.moved]
        if gone and tag in ("replace", "delete"):
            why.append(f"{len(gone)} block(s) moved up behind the paragraph they continue")
            rules.append("rejoin.move.up")
        shifted = {base + int(k[1:]) for k, _ in old[i1:i2] + new[j1:j2] if k[0] == "B"}
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
