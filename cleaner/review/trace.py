"""A trace of a run: every character of the input and of each pass's output, in one stream.

Each pass's edits are on the text that pass received; the trace lays them on
top of one another. It is a list of runs ``(text, ins, dele)``: ``ins`` is the
index (in ``Result.edits``) of the edit that inserted the text, or
:data:`SOURCE` for text of the input; ``dele`` is the edit that deleted it, or
:data:`KEPT`. Deleted text stays in the stream, so the review page can show
it struck through where it was, and an insertion inside text a later pass
rewrote is still there, marked by both.

Each edit is split into character-level operations (a replaced mark, a
removed space, the one character a typo fix adds), so a page highlights
only what changed.

The trace also says which edits depend on which: an edit depends on an
earlier one when it touches characters the earlier edit inserted, or spans
characters it deleted. Rejecting an edit drops the edits that depend on it
(they were made on text that no longer exists); every other accepted edit
touches the same characters whatever was rejected, so the accepted edits
replay exactly (:func:`replay`). See ``docs/decisions/0015-review-plans-replay-recorded-edits.md``.

>>> from cleaner.pipeline import Pipeline
>>> t = build(Pipeline(["normalize", "punctuation"]).run("中文,文字 \\n"))
>>> [r for r in t.runs if r[1] != SOURCE or r[2] != KEPT]
[(',', -1, 1), ('，', 1, -1), (' ', -1, 0)]
>>> t.text({1})
'中文,文字\\n'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..edits import Edit, apply_edits
from ..pipeline import Result

SOURCE = -1   #: ``ins`` of text that was in the input
KEPT = -1     #: ``dele`` of text that no edit deleted
ANCHOR = -2   #: ``ins`` of an empty marker run; its ``dele`` names the edit that points at it

Run = tuple[str, int, int]
Op = tuple[int, int, str]   # replace before[a:b] with the text (offsets relative to the edit)

_DIFF_LIMIT = 400  # longer before+after: common prefix and suffix only (linear)


def char_ops(before: str, after: str) -> list[Op]:
    """The character-level changes that turn ``before`` into ``after``.

    >>> char_ops("以俭促改", "以检促改")
    [(1, 2, '检')]
    >>> char_ops("实在在", "实实在在")
    [(0, 0, '实')]
    >>> char_ops("\\n\\n", "")
    [(0, 2, '')]
    """
    if len(before) + len(after) <= _DIFF_LIMIT and before.strip() and after.strip():
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        return [(i1, i2, after[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    p = 0
    limit = min(len(before), len(after))
    while p < limit and before[p] == after[p]:
        p += 1
    s = 0
    while s < limit - p and before[-1 - s] == after[-1 - s]:
        s += 1
    return [(p, len(before) - s, after[p:len(after) - s])]


class _Cursor:
    """Reads runs without copying the rest of a long run at every split."""

    def __init__(self, runs: Sequence[Run]) -> None:
        self.runs, self.i, self.o = runs, 0, 0

    def _visible(self, run: Run) -> bool:
        return run[2] == KEPT and run[1] != ANCHOR

    def take(self, n: int) -> list[Run]:
        """The pieces up to and including the ``n``-th visible character from here."""
        pieces: list[Run] = []
        runs = self.runs
        while n > 0 and self.i < len(runs):
            text, ins, dele = runs[self.i]
            if not self._visible(runs[self.i]):
                pieces.append((text[self.o:], ins, dele))
                self.i, self.o = self.i + 1, 0
                continue
            k = min(n, len(text) - self.o)
            pieces.append((text[self.o:self.o + k], ins, dele))
            n -= k
            self.o += k
            if self.o == len(text):
                self.i, self.o = self.i + 1, 0
        if n > 0:
            raise ValueError("edit beyond the end of the text it was made on")
        return pieces

    def gap(self) -> list[Run]:
        """The invisible runs (deleted text, markers) right here, consumed."""
        pieces: list[Run] = []
        while self.i < len(self.runs) and not self._visible(self.runs[self.i]):
            pieces.append(self.runs[self.i][self.o:] if self.o else self.runs[self.i])
            self.i, self.o = self.i + 1, 0
        return pieces

    def peek_gap(self) -> list[Run]:
        j, found = self.i, []
        while j < len(self.runs) and not self._visible(self.runs[j]):
            found.append(self.runs[j])
            j += 1
        return found

    def rest(self) -> list[Run]:
        if self.i >= len(self.runs):
            return []
        first = self.runs[self.i]
        return [(first[0][self.o:], first[1], first[2]), *self.runs[self.i + 1:]]


def _touched(pieces: Iterable[Run]) -> set[int]:
    found: set[int] = set()
    for _, ins, dele in pieces:
        if ins >= 0:
            found.add(ins)
        if dele >= 0 and ins != ANCHOR:
            found.add(dele)
    return found


@dataclass
class Trace:
    """The stream of runs, each edit's dependencies and its character-level operations."""

    runs: list[Run]
    edits: list[Edit]
    deps: list[list[int]]
    ops: list[list[Op]]
    source: str

    def effective(self, rejected: Iterable[int] = ()) -> list[bool]:
        """Which edits apply when ``rejected`` are not: the rest, minus those that depend on a rejected one."""
        rejected = set(rejected)
        eff: list[bool] = []
        for i, deps in enumerate(self.deps):
            eff.append(i not in rejected and all(eff[d] for d in deps))
        return eff

    def text(self, rejected: Iterable[int] = ()) -> str:
        """The output with ``rejected`` edits (and those that depend on them) left out."""
        eff = self.effective(rejected)
        return "".join(t for t, ins, dele in self.runs
                       if ins != ANCHOR and (ins == SOURCE or eff[ins]) and (dele == KEPT or not eff[dele]))


def pass_groups(edits: Sequence[Edit]) -> list[list[int]]:
    """Indices of ``edits`` grouped by pass, in run order (each group is one pass's edits)."""
    groups: list[list[int]] = []
    for i, e in enumerate(edits):
        if groups and edits[groups[-1][0]].pass_name == e.pass_name:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def build(result: Result, anchors: dict[int, int] | None = None) -> Trace:
    """Lay every edit of ``result`` over its input.

    ``anchors`` maps an edit to an offset in its own pass's input where the
    page should place a marker (the paragraph a removed block repeats).
    """
    edits = result.edits
    runs: list[Run] = [(result.source, SOURCE, KEPT)] if result.source else []
    deps: list[list[int]] = [[] for _ in edits]
    ops = [char_ops(e.before, e.after) for e in edits]
    anchors = anchors or {}
    for group in pass_groups(edits):
        marks = sorted((anchors[i], i) for i in group if i in anchors)
        runs = _apply_pass(runs, [(i, edits[i]) for i in group], ops, deps, marks)
    return Trace(runs, list(edits), deps, ops, result.source)


def _apply_pass(runs: list[Run], group: list[tuple[int, Edit]], ops: list[list[Op]],
                deps: list[list[int]], marks: list[tuple[int, int]]) -> list[Run]:
    cur = _Cursor(runs)
    out: list[Run] = []
    pos = 0
    m = 0
    for i, e in group:
        while m < len(marks) and marks[m][0] <= e.start:
            out.extend(cur.take(marks[m][0] - pos))
            pos = marks[m][0]
            out.append(("", ANCHOR, marks[m][1]))
            m += 1
        out.extend(cur.take(e.start - pos))
        pos = e.start
        if e.start == e.end:
            found = _touched(cur.peek_gap())
        else:
            out.extend(cur.gap())
            found = set()
        for a, b, new in ops[i]:
            kept = cur.take(e.start + a - pos)
            found |= _touched(kept)
            out.extend(kept)
            gone = cur.take(b - a)
            found |= _touched(gone)
            out.extend((t, ins, i if dele == KEPT and ins != ANCHOR else dele) for t, ins, dele in gone)
            if new:
                out.append((new, i, KEPT))
            pos = e.start + b
        kept = cur.take(e.end - pos)
        found |= _touched(kept)
        out.extend(kept)
        pos = e.end
        deps[i] = sorted(found)
    for at, i in marks[m:]:
        out.extend(cur.take(at - pos))
        pos = at
        out.append(("", ANCHOR, i))
    out.extend(cur.rest())
    return [r for r in out if r[0] or r[1] == ANCHOR]


def replay(trace: Trace, rejected: Iterable[int]) -> tuple[str, list[Edit]]:
    """Apply the accepted edits, pass after pass, each moved to where it now stands.

    Returns the text and the edits applied (offsets in the text their pass
    received in this replay). :func:`apply_edits` checks that each edit still
    finds its ``before`` where it is applied, so a replay never writes an
    edit over text it was not made on.

    >>> from cleaner.pipeline import Pipeline
    >>> t = build(Pipeline(["normalize", "punctuation"]).run("中文,文字 \\n"))
    >>> replay(t, {0})[0]
    '中文，文字 \\n'
    """
    eff = trace.effective(rejected)
    text = trace.source
    done: list[Edit] = []
    stream: list[Run] = [(trace.source, SOURCE, KEPT)] if trace.source else []
    for group in pass_groups(trace.edits):
        moved = _relocate(stream, [(i, trace.edits[i]) for i in group if eff[i]], eff)
        text, kept = apply_edits(text, moved)
        done.extend(kept)
        stream = _apply_pass(stream, [(i, trace.edits[i]) for i in group], trace.ops,
                             [[] for _ in trace.edits], [])
    return text, done


def _relocate(stream: list[Run], group: list[tuple[int, Edit]], eff: list[bool]) -> list[Edit]:
    """Each edit of ``group`` with offsets in the replayed text (what ``stream`` keeps under ``eff``)."""
    cur = _Cursor(stream)
    pos, new_pos = 0, 0

    def present(pieces: list[Run]) -> int:
        return sum(len(t) for t, ins, dele in pieces
                   if ins != ANCHOR and (ins == SOURCE or eff[ins]) and (dele == KEPT or not eff[dele]))

    moved = []
    for _, e in group:
        new_pos += present(cur.take(e.start - pos))
        if e.end > e.start:
            new_pos += present(cur.gap())
        start = new_pos
        new_pos += present(cur.take(e.end - e.start))
        pos = e.end
        moved.append(e.moved(start, new_pos))
    return moved


def moves(trace: Trace) -> dict[int, int]:
    """Pairs of edits of one pass that move a block: the removal and the insertion of the same text.

    A move is one decision: the page and a plan reject both halves or neither.
    """
    def moved_text(i: int, inserted: bool) -> str:
        e = trace.edits[i]
        parts = [new if inserted else e.before[a:b] for a, b, new in trace.ops[i]]
        return "".join("".join(parts).split())

    pairs: dict[int, int] = {}
    for group in pass_groups(trace.edits):
        waiting: dict[str, list[int]] = {}
        for i in group:
            e = trace.edits[i]
            if e.after and not e.before.strip():
                key = moved_text(i, True)
                if len(key) >= 2:
                    waiting.setdefault(key, []).append(i)
        for i in group:
            e = trace.edits[i]
            if e.before and not e.after:
                found = waiting.get(moved_text(i, False))
                if found:
                    j = found.pop(0)
                    pairs[i], pairs[j] = j, i
    return pairs
