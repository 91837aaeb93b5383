"""Edits: what a pass changed, where, and why.

A pass never rewrites text behind the pipeline's back. It returns a list of
:class:`Edit` objects, each replacing ``text[start:end]`` (``before``) with
``after``, and the pipeline applies them with :func:`apply_edits`. That makes
every change reviewable (``--explain``, ``--diff``) and every removal
auditable: the removed text travels in ``before``.

Offsets: ``start``/``end`` index the text the pass received. The pipeline
also fills ``source_start``/``source_end`` (offsets in the original input of
the whole pipeline) and ``line`` (1-based line of ``source_start`` there).
"""

from __future__ import annotations

import bisect
from array import array
import re
import json
from dataclasses import asdict, dataclass, fields
from operator import attrgetter
from typing import Callable, Iterable, Sequence


@dataclass(frozen=True, slots=True, init=False)
class Edit:
    """One change: ``before`` (at ``start:end`` of the pass's input) became ``after``.

    ``reason`` is the prose a reader sees; ``rule`` is a stable dotted id of
    the rule that made the edit (``rejoin.join.word_across``), for programs
    (filters, the review page, tests). An edit that merges the work of several
    rules names them joined by ``+``.

    >>> e = Edit("normalize", "CRLF to LF", 3, 5, "\\r\\n", "\\n")
    >>> e.pass_name, e.before, e.after
    ('normalize', '\\r\\n', '\\n')
    """

    pass_name: str
    reason: str
    start: int
    end: int
    before: str
    after: str
    score: float | None = None
    source_start: int | None = None
    source_end: int | None = None
    line: int | None = None
    rule: str | None = None

    def __init__(self, pass_name: str, reason: str, start: int, end: int, before: str, after: str,
                 score: float | None = None, source_start: int | None = None, source_end: int | None = None,
                 line: int | None = None, rule: str | None = None) -> None:
        # The fields are written through their slots: a frozen dataclass's own
        # ``__init__`` goes through ``object.__setattr__`` by name, three times slower,
        # and passes build thousands of edits per document.
        _pass_name(self, pass_name)
        _reason(self, reason)
        _start(self, start)
        _end(self, end)
        _before(self, before)
        _after(self, after)
        _score(self, score)
        _source_start(self, source_start)
        _source_end(self, source_end)
        _line(self, line)
        _rule(self, rule)

    def moved(self, start: int, end: int, before: str | None = None) -> "Edit":
        """The same edit at ``start:end`` (``dataclasses.replace`` without its cost).

        >>> Edit("p", "demo", 3, 4, "a", "b").moved(0, 1)
        Edit(pass_name='p', reason='demo', start=0, end=1, before='a', after='b', score=None, source_start=None, source_end=None, line=None, rule=None)
        """
        return Edit(self.pass_name, self.reason, start, end, self.before if before is None else before,
                    self.after, self.score, self.source_start, self.source_end, self.line, self.rule)

    def to_dict(self) -> dict:
        """A JSON-ready mapping; the pass name is under ``"pass"``, its rule id next to it.

        >>> Edit("punctuation", "ASCII ',' after Chinese text", 1, 2, ",", "，", rule="punctuation.width").to_dict()
        {'pass': 'punctuation', 'rule': 'punctuation.width', 'reason': "ASCII ',' after Chinese text", 'start': 1, 'end': 2, 'before': ',', 'after': '，'}
        """
        d = {"pass": self.pass_name}
        if self.rule is not None:
            d["rule"] = self.rule
        d.update((k, v) for k, v in asdict(self).items() if k not in ("pass_name", "rule") and v is not None)
        return d

    def to_json(self) -> str:
        """One JSON line (UTF-8 text kept readable, not ``\\u`` escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @property
    def is_removal(self) -> bool:
        """True when text was deleted outright (``after`` is empty)."""
        return bool(self.before) and not self.after


(_pass_name, _reason, _start, _end, _before, _after, _score, _source_start, _source_end, _line,
 _rule) = (getattr(Edit, f.name).__set__ for f in fields(Edit))


def make_edit(pass_name: str, text: str, start: int, end: int, after: str,
              reason: str, score: float | None = None, *, rule: str | None = None) -> Edit:
    """Build an edit replacing ``text[start:end]`` with ``after``.

    >>> make_edit("p", "abc", 1, 2, "X", "demo", rule="p.demo").before
    'b'
    """
    return Edit(pass_name, reason, start, end, text[start:end], after, score, rule=rule)


class OverlapError(ValueError):
    """Two edits of one pass touch the same characters."""


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    """Apply non-overlapping edits to ``text``; return the new text and the edits kept.

    Edits that change nothing (``before == after``) are dropped, so the
    returned list holds only real changes, in text order. Insertions at the
    same offset keep the order the pass gave them.

    >>> t, es = apply_edits("a b", [make_edit("p", "a b", 1, 2, "", "space")])
    >>> t, len(es)
    ('ab', 1)
    >>> apply_edits("abc", [make_edit("p", "abc", 0, 1, "a", "no-op")])
    ('abc', [])
    """
    edits = edits if isinstance(edits, list) else list(edits)
    # The sort is stable: insertions at one offset stay in the order given. Most passes
    # give their edits in order of (start, end) already, which is this order too (an
    # insertion ends before a replacement at its start): then no sort key is built.
    ordered = edits if _by_span(edits) else sorted(edits, key=lambda e: (e.start, e.end > e.start))
    kept: list[Edit] = []
    return _apply_ordered(text, ordered, kept.append), kept


def apply_in_order(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """:func:`apply_edits` for edits given in text order, read one at a time and not kept:
    the new text, and the map of its offsets back to ``text`` (32 bytes an edit kept, where
    an edit costs some 250). For a step whose edits nobody reads but the map.

    >>> t, m = apply_in_order("a b c", iter([make_edit("p", "a b c", 1, 2, "", "space"),
    ...                                      make_edit("p", "a b c", 3, 4, "", "space")]))
    >>> t, m.to_input(2)
    ('abc', 4)
    """
    back = OffsetMap(())
    return _apply_ordered(text, edits, back.add), back


def applied(text: str, edits: Iterable[Edit]) -> str:
    """:func:`apply_edits` for edits given in apply order, read one at a time and none kept:
    only the new text. For a stage whose edits nobody reads.

    >>> applied("a b c", iter([make_edit("p", "a b c", 1, 2, "", "space"), make_edit("p", "a b c", 3, 4, "", "space")]))
    'abc'
    """
    return _apply_ordered(text, edits, lambda e: None)


def _apply_ordered(text: str, ordered: Iterable[Edit], keep: Callable[[Edit], None]) -> str:
    """The text ``ordered`` (in apply order) make of ``text``; ``keep`` is given each edit
    that changes something."""
    out: list[str] = []
    chunks: list[str] = []
    pos = 0
    for e in ordered:
        if e.start < pos:
            raise OverlapError(f"overlapping edits at {e.start}: {e.reason!r}")
        if not 0 <= e.start <= e.end <= len(text):
            raise OverlapError(f"edit out of range {e.start}:{e.end}: {e.reason!r}")
        if text[e.start:e.end] != e.before:
            raise OverlapError(f"edit 'before' does not match the text at {e.start}: {e.reason!r}")
        if e.before == e.after:
            continue
        out.append(text[pos:e.start])
        out.append(e.after)
        if len(out) >= _CHUNK:
            # (joined as it goes: a slice between two edits costs some 100 bytes beyond its
            # characters, and a document has one a line break)
            chunks.append("".join(out))
            out.clear()
        pos = e.end
        keep(e)
    out.append(text[pos:])
    if chunks:
        chunks.append("".join(out))
        return "".join(chunks)
    return "".join(out)


#: Pieces :func:`apply_edits` joins at a time.
_CHUNK = 2048


#: The largest offset an array of 4-byte integers holds.
_NARROW = 2**31 - 1


def offsets(size: int) -> array:
    """An empty array for offsets into a text of ``size`` characters: 4 bytes an offset where
    they fit, 8 past 2 G characters.

    >>> offsets(100).itemsize, offsets(2**31).itemsize
    (4, 8)
    """
    return array("i" if size <= _NARROW else "q")


class OffsetMap:
    """Maps offsets in a pass's output back to its input, given the edits applied.

    >>> m = OffsetMap([make_edit("p", "aXXb", 1, 3, "", "drop")])
    >>> m.to_input(1), m.to_input(2)
    (3, 4)
    """

    def __init__(self, edits: Sequence[Edit]) -> None:
        # (arrays of machine integers: 4 bytes an offset while they fit, where a list of ints costs 40)
        self._out = array("i")      # output offset where each edit's `after` starts
        self._in = array("i")       # input offset where each edit starts
        self._len_out = array("i")
        self._len_in = array("i")
        self._shift = 0
        for e in sorted(edits, key=lambda e: e.start):
            self.add(e)

    def __len__(self) -> int:
        return len(self._in)

    def add(self, e: Edit) -> None:
        """Map through ``e`` too, an edit after every edit the map holds.

        >>> m = OffsetMap([Edit("p", "r", 2**31, 2**31 + 1, "x", "")])  # (a text past 2 G characters)
        >>> m.to_input(2**31), m.to_input(2**31 + 1)
        (2147483649, 2147483650)
        """
        if (e.end > _NARROW or e.start + self._shift + len(e.after) > _NARROW) and self._in.typecode == "i":
            self._out, self._in, self._len_out, self._len_in = (
                array("q", a) for a in (self._out, self._in, self._len_out, self._len_in))
        self._out.append(e.start + self._shift)
        self._in.append(e.start)
        self._len_out.append(len(e.after))
        self._len_in.append(e.end - e.start)
        self._shift += len(e.after) - (e.end - e.start)

    def to_input(self, pos: int) -> int:
        """The input offset of output offset ``pos`` (inside a replacement: its start)."""
        i = bisect.bisect_right(self._out, pos) - 1
        if i < 0:
            return pos
        out0, in0 = self._out[i], self._in[i]
        if pos < out0 + self._len_out[i]:
            return in0
        return in0 + self._len_in[i] + (pos - out0 - self._len_out[i])

    def to_input_end(self, pos: int) -> int:
        """Like :meth:`to_input`, but inside a replacement: its end (for span ends)."""
        i = bisect.bisect_left(self._out, pos) - 1
        if i < 0:
            return pos
        out0, in0 = self._out[i], self._in[i]
        if pos <= out0 + self._len_out[i]:
            return in0 + self._len_in[i]
        return in0 + self._len_in[i] + (pos - out0 - self._len_out[i])


class MapChain:
    """Offsets in the text after several steps mapped back to the text before the first,
    through each step's :class:`OffsetMap` in turn (the steps' edits need not be kept or
    composed for it).

    >>> first = OffsetMap([make_edit("p", "a b", 1, 2, "", "space")])     # 'a b' -> 'ab'
    >>> second = OffsetMap([make_edit("p", "ab", 0, 0, "x", "insert")])   # 'ab' -> 'xab'
    >>> MapChain([first, second]).to_input(2)
    2
    """

    def __init__(self, maps: Iterable[OffsetMap] = ()) -> None:
        self.maps = list(maps)

    def then(self, step: OffsetMap) -> MapChain:
        """This chain, and then ``step``."""
        return MapChain([*self.maps, step])

    def to_input(self, pos: int) -> int:
        for m in reversed(self.maps):
            pos = m.to_input(pos)
        return pos

    def to_input_end(self, pos: int) -> int:
        for m in reversed(self.maps):
            pos = m.to_input_end(pos)
        return pos


def compose(text: str, first: Sequence[Edit], second: Sequence[Edit], *, consume: bool = False) -> list[Edit]:
    """Express ``first`` (on ``text``) followed by ``second`` (on its result) as edits on ``text``.

    Passes that work in steps use this to report every change against their
    own input. Edits of the two steps that touch or overlap merge into one
    edit whose reason names both. With ``consume``, the caller gives up the
    list ``second``: each of its edits is let go as it is read (emptied to
    ``None``), so that an edit moved to new offsets is not held twice.

    >>> t = "a \\u200b \\n"
    >>> e1 = [make_edit("p", t, 2, 3, "", "zero-width")]
    >>> t1, _ = apply_edits(t, e1)
    >>> e2 = [make_edit("p", t1, 1, 3, "", "trailing space")]
    >>> [(e.start, e.end, e.after, e.reason) for e in compose(t, e1, e2)]
    [(1, 4, '', 'zero-width; trailing space')]
    """
    if not second:
        return list(first)
    if not first:
        return list(second)
    # (most lists of edits are in order already: then no sort key is built, a tuple an edit)
    ordered = first if _by_span(first) else None
    back = _Back(ordered if ordered is not None else sorted(first, key=attrgetter("start")))
    # The edits of both steps as spans of ``text``, in order of (start, end), the first
    # step's before the second's at a tie (stable within each step), walked as a merge of
    # the two ordered sequences: no record per edit beyond its two offsets, and an edit
    # that nothing touches (most of them) passes through as it is.
    firsts = ordered if ordered is not None else sorted(first, key=attrgetter("start", "end"))
    starts, ends = array("q"), array("q")
    for e in second:
        a0 = back.start(e.start)
        starts.append(a0)
        ends.append(a0 if e.end == e.start else max(a0, back.end(e.end)))
    n = len(second)
    order: Sequence[int] = range(n)
    if any(starts[k] > starts[k + 1] or starts[k] == starts[k + 1] and ends[k] > ends[k + 1]
           for k in range(n - 1)):
        order = sorted(order, key=lambda k: (starts[k], ends[k]))
    result: list[Edit] = []
    cluster: list[tuple[int, int, int, Edit]] = []
    reach = -1
    i = j = 0
    while i < len(firsts) or j < n:
        if j == n or i < len(firsts) and (firsts[i].start, firsts[i].end) <= (starts[order[j]], ends[order[j]]):
            e = firsts[i]
            item = (e.start, e.end, 0, e)
            i += 1
        else:
            k = order[j]
            item = (starts[k], ends[k], 1, second[k])
            if consume:
                second[k] = None  # type: ignore[index]  (the caller's list, given up)
            j += 1
        if cluster and item[0] <= reach:
            cluster.append(item)
            reach = max(reach, item[1])
        else:
            if cluster:
                _settle(text, cluster, back, result)
            cluster = [item]
            reach = item[1]
    _settle(text, cluster, back, result)
    return result


def _by_span(edits: Sequence[Edit]) -> bool:
    """``edits`` are in order of (start, end)."""
    prev_start = prev_end = -1
    for e in edits:
        start, end = e.start, e.end
        if start < prev_start or start == prev_start and end < prev_end:
            return False
        prev_start, prev_end = start, end
    return True


def _settle(text: str, cl: list[tuple[int, int, int, Edit]], back: "_Back", result: list[Edit]) -> None:
    """One cluster of :func:`compose` added to ``result``."""
    if len(cl) == 1:
        a, b, step, e = cl[0]
        if step == 0 or (a == e.start and b == e.end and text.startswith(e.before, a)):
            result.append(e)  # untouched, and (a second-step edit) where it stood: as it is
        else:
            result.append(e.moved(a, b, text[a:b]))
    else:
        result.extend(_merged(text, cl, back))


class _Back:
    """Offsets in the text after edits ``firsts`` (sorted), mapped back to the text before them."""

    def __init__(self, firsts: list[Edit]) -> None:
        self.firsts = firsts
        self.out_start = array("q")
        self.out_end = array("q")
        self.prefix = array("q", [0])  # prefix[i]: total growth of the first i edits
        for e in firsts:
            o = e.start + self.prefix[-1]
            self.out_start.append(o)
            self.out_end.append(o + len(e.after))
            self.prefix.append(self.prefix[-1] + len(e.after) - (e.end - e.start))
        self.first_ends = array("q", (e.end for e in firsts))

    def start(self, a1: int) -> int:
        n = len(self.firsts)
        j = bisect.bisect_right(self.out_end, a1)
        if j < n and self.out_start[j] < a1 < self.out_end[j]:
            return self.firsts[j].start
        return a1 - self.prefix[j]

    def end(self, b1: int) -> int:
        n = len(self.firsts)
        j = bisect.bisect_left(self.out_end, b1)
        while j < n and self.out_end[j] == b1 and self.out_start[j] < b1:
            j += 1
        if j < n and self.out_start[j] < b1 < self.out_end[j]:
            return self.firsts[j].end
        return b1 - self.prefix[j]


def _merged(text: str, cl: list[tuple[int, int, int, Edit]], back: _Back) -> list[Edit]:
    """One cluster as edits on ``text``: first-step edits alone stay as they are, else one merged edit."""
    if all(it[2] == 0 for it in cl):
        return [it[3] for it in cl]
    a, b = cl[0][0], max(it[1] for it in cl)
    if len(cl) == 1:
        e = cl[0][3]
        return [e.moved(a, b, text[a:b])]
    a1 = a + back.prefix[bisect.bisect_left(back.first_ends, a)]
    mid, _ = apply_edits(text[a:b], [it[3].moved(it[0] - a, it[1] - a) for it in cl if it[2] == 0])
    after, _ = apply_edits(mid, [it[3].moved(it[3].start - a1, it[3].end - a1) for it in cl if it[2] == 1])
    ordered = sorted(cl, key=lambda it: it[2])
    reasons = list(dict.fromkeys(it[3].reason for it in ordered))
    rules = list(dict.fromkeys(it[3].rule for it in ordered if it[3].rule))
    scores = [it[3].score for it in cl if it[3].score is not None]
    return [Edit(cl[0][3].pass_name, "; ".join(reasons), a, b, text[a:b], after,
                 max(scores) if scores else None, rule="+".join(rules) or None)]


def run_steps(text: str, steps: Iterable[Callable[[str], Iterable[Edit]]],
              before_each: Callable[[MapChain], None] | None = None, *,
              edits: bool = True) -> tuple[str, list[Edit], MapChain]:
    """Apply ``steps`` one after another, each on the text the previous one left.

    Returns the final text, every change as edits on ``text``, and the map of
    the final text's offsets back to ``text``, step by step. Passes that work
    in stages use this, so that a later stage sees an earlier one's result.
    ``before_each`` is given the map so far before each step. With ``edits``
    false no edits are composed (the list is empty), and a step that gives its
    edits as an iterator, not a list, is applied as it gives them: they are
    never all held (:func:`apply_in_order`).

    >>> run_steps("a  b", [lambda t: [make_edit("p", t, 1, 2, "", "space")]])[0]
    'a b'
    """
    current, done, back = text, [], MapChain()
    for step in steps:
        if before_each is not None:
            before_each(back)
        found = step(current)
        if not edits and not isinstance(found, list):
            current, moved = apply_in_order(current, found)
        else:
            current, kept = apply_edits(current, found)
            del found  # (a step's own edits are not held while the next step runs)
            moved = OffsetMap(kept)
            if edits and kept:
                done = compose(text, done, kept, consume=True)
            del kept
        if moved:
            back = back.then(moved)
    return current, done, back


def run_to_fixed_point(text: str, step: Callable[[str], list[Edit]], rounds: int) -> list[Edit]:
    """Apply ``step`` to its own output until a round changes nothing (at most ``rounds`` rounds).

    Returns every change as edits on ``text``. A pass whose repairs make the
    very shapes its rules judge uses this, so that a second run of it finds
    nothing more to do.

    >>> drop_one = lambda t: [make_edit("p", t, 0, 1, "", "drop")] if t.startswith("x") else []
    >>> [(e.before, e.after) for e in run_to_fixed_point("xxa", drop_one, 5)]
    [('xx', '')]
    """
    return fixed_point(text, step, rounds)[1]


def fixed_point(text: str, step: Callable[[str], list[Edit]], rounds: int) -> tuple[str, list[Edit], bool]:
    """:func:`run_to_fixed_point`, with the text it ends with and whether a last round
    found nothing to do (``False``: it stopped after ``rounds`` rounds that all changed it).

    >>> drop_one = lambda t: [make_edit("p", t, 0, 1, "", "drop")] if t.startswith("x") else []
    >>> fixed_point("xxa", drop_one, 5)[::2], fixed_point("xxa", drop_one, 2)[::2]
    (('a', True), ('a', False))
    """
    current, done = text, []
    for _ in range(rounds):
        current, kept = apply_edits(current, step(current))
        if not kept:
            return current, done, True
        done = compose(text, done, kept, consume=True)
        del kept  # (a round's own edits are not held while the next round runs)
    return current, done, False


def line_of(text: str, offset: int) -> int:
    """1-based line number of ``offset`` in ``text``.

    >>> line_of("a\\nb\\nc", 4)
    3
    """
    return text.count("\n", 0, offset) + 1


_NEWLINE = re.compile("\n")


def locate(edits: list[Edit], maps: list[OffsetMap], source: str) -> list[Edit]:
    """Fill ``source_start``/``source_end``/``line`` by mapping through earlier passes."""
    if not edits:
        return []
    starts = [m.start() for m in _NEWLINE.finditer(source)]
    located = []
    for e in edits:
        s, t = e.start, e.end
        for m in reversed(maps):
            # (an end at a place an earlier pass deleted text maps before the deletion:
            # the span holds only what this edit replaced)
            s, t = m.to_input(s), m.to_input_end(t)
        line = bisect.bisect_left(starts, s) + 1
        located.append(Edit(e.pass_name, e.reason, e.start, e.end, e.before, e.after, e.score,
                            s, max(s, t), line, e.rule))
    return located


def render_explain(edits: Iterable[Edit], file: str | None = None) -> str:
    """JSON lines, one per edit (the ``--explain`` format); ``file`` first in each when given.

    >>> print(render_explain([Edit("p", "demo", 0, 1, "a", "b", rule="p.demo")], file="x.txt"), end="")
    {"file": "x.txt", "pass": "p", "rule": "p.demo", "reason": "demo", "start": 0, "end": 1, "before": "a", "after": "b"}
    """
    if file is None:
        return "".join(e.to_json() + "\n" for e in edits)
    return "".join(json.dumps({"file": file, **e.to_dict()}, ensure_ascii=False) + "\n" for e in edits)
