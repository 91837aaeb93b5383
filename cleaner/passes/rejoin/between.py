"""The between-block stage: one plan of which blocks join and in what order they stand.

Two steps fill one :class:`Plan`. First displaced continuations
(:func:`stitch`): a cut block whose continuation stands further on, because
another article's column ran in between, gets its continuation (and the
blocks that read with it) moved up behind it. Then neighbours
(:func:`join_neighbours`): each cut block is scored against the block after
it in the plan's order; OCR debris between the two moves after the paragraph.
The plan is rendered as edits by :mod:`.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import chars, lang
from . import inserted
from .blocks import Unit
from .evidence import WEIGHTS, Verdict, because, bigrams, cohesion, junction
from .options import Options


@dataclass
class Join:
    """The break after a block is removed: why, and with what score."""

    reason: str
    score: float
    rule: str  # its rule id (ids joined by ``+`` when the join also moved debris)


@dataclass
class Plan:
    """The blocks' new order, the joins (by the index of the first block) and the blocks moved."""

    order: list[int]
    joins: dict[int, Join] = field(default_factory=dict)
    moved: set[int] = field(default_factory=set)
    #: Blocks of an inserted block (a box, a caption) moved after the story it interrupted.
    inserted: set[int] = field(default_factory=set)

    @property
    def changes(self) -> bool:
        return bool(self.joins) or self.order != sorted(self.order)


def plan(units: list[Unit], style: str, opts: Options) -> Plan:
    """What the between-block stage does to ``units``."""
    found = Plan(list(range(len(units))))
    if opts.interrupted:
        inserts = inserted.find(units, opts)
        stitch(units, opts, found, {k for ins in inserts for k in range(ins.cut, ins.resume + 1)})
        if inserts:
            found.order = inserted.apply(inserts, found.order)
            found.inserted = {k for ins in inserts for k in ins.blocks}
            for ins in inserts:
                found.joins[ins.cut] = Join(ins.reason, ins.verdict.score, "rejoin.join.inserted")
    if opts.paragraphs:
        join_neighbours(units, style, opts, found)
    return found


# --------------------------------------------------------------------------
# Displaced continuations

def stitch(units: list[Unit], opts: Options, found: Plan, busy: frozenset[int] | set[int] = frozenset()) -> None:
    """Move displaced continuations up behind the cut blocks they continue (none of the
    ``busy`` blocks, which an inserted block's repair holds)."""
    chosen, sources = _choose([p for p in _candidates(units, opts)
                               if not busy or not busy.intersection(range(p[1], p[2] + 1))])
    if not chosen:
        return
    targets = {j for _, j, _ in chosen}
    runs: dict[int, list[int]] = {}
    for i, j, v in chosen:
        run = runs[i] = _carried(units, i, j, targets | set(busy), sources)
        reason = (f"joined a paragraph interrupted by other text: its continuation is block "
                  f"{j - i} blocks further on; " + "; ".join(v.evidence))
        if len(run) > 1:
            reason += f"; the {len(run) - 1} block(s) after the continuation moved with it"
        found.joins[i] = Join(reason, v.score, "rejoin.join.interrupted")
    found.moved = {k for run in runs.values() for k in run}
    order: list[int] = []

    def emit(i: int) -> None:
        order.append(i)
        for k in runs.get(i, ()):
            emit(k) if k in runs else order.append(k)

    for i in range(len(units)):
        if i not in found.moved:
            emit(i)
    found.order = order


def _candidates(units: list[Unit], opts: Options) -> list[tuple[float, int, int, Verdict]]:
    """(score, cut block, continuation, verdict) of every displaced continuation in reach."""
    n = len(units)
    pairs: list[tuple[float, int, int, Verdict]] = []
    for i in range(n - 2):
        a = units[i]
        if not a.open_end or a.repeated_cut or a.kind != "prose":
            continue
        nxt = i + 1
        while nxt < n - 1 and (units[nxt].debris or units[nxt].page_furniture):
            nxt += 1  # (the neighbour test joins across them)
        near = junction(a.text, units[nxt].text, full=a.full)
        near_score = -99.0 if near.hard else near.score
        for j in range(nxt + 1, min(n, i + 2 + opts.window)):
            v = _displaced(units, i, j, near_score, opts)
            if v is not None:
                pairs.append((v.score, i, j, v))
    return pairs


def _displaced(units: list[Unit], i: int, j: int, near_score: float, opts: Options) -> Verdict | None:
    """The verdict that block ``j`` continues cut block ``i``, when it beats the block right after ``i``."""
    c = units[j]
    if c.kind != "prose" or c.debris or c.indented or units[j - 1].kind in ("heading", "marker"):
        return None  # a block right after a heading opens that heading's text
    a, b = units[i].text, c.text
    # Moving text far needs the most specific evidence: a word across the
    # break. A particle start alone is not enough (OCR misreads 据 as 所).
    if lang.junction_gain(a, b) < 3:
        return None
    v = junction(a, b)
    if v.hard:
        return None
    # Nearer candidates are likelier; a word across the break is the surest sign.
    v = Verdict(v.score + WEIGHTS["far_word_across"] + WEIGHTS["distance"] * (j - i - 1), v.evidence, False,
                v.ids + ("far_word_across", "distance"))
    if v.score < opts.threshold + 1 or v.score < near_score + 1:
        return None
    prev = units[j - 1]
    if prev.open_end and j - 1 != i:
        # The block before the candidate is cut too: only a word spanning
        # this break, and not that one, takes it away.
        pv = junction(prev.text, b, full=prev.full)
        if not pv.hard and (pv.score >= v.score or lang.junction_gain(prev.text, b) >= 1):
            return None
    return v


def _choose(pairs: list[tuple[float, int, int, Verdict]]) -> tuple[list[tuple[int, int, Verdict]], set[int]]:
    """The best pairs, each block in one pair at most; and the cut blocks chosen."""
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    sources: set[int] = set()
    targets: set[int] = set()
    chosen: list[tuple[int, int, Verdict]] = []
    for _, i, j, v in pairs:
        if i in sources or j in targets or j in sources or i in targets:
            continue
        sources.add(i)
        targets.add(j)
        chosen.append((i, j, v))
    return chosen, sources


def _carried(units: list[Unit], i: int, j: int, targets: set[int], sources: set[int]) -> list[int]:
    """The run carried with continuation ``j``: blocks that read with the first
    block's article rather than with the one that interrupted it."""
    home = set().union(*(bigrams(units[k].text) for k in range(max(0, i - 6), i + 1)))
    away = set().union(*(bigrams(units[k].text) for k in range(i + 1, j)))
    run = [j]
    k = j + 1
    while k < len(units) and k not in targets and units[k].kind == "prose" and k not in sources:
        g = bigrams(units[k].text)
        if cohesion(g, home) <= cohesion(g, away):
            break
        run.append(k)
        if units[k].open_end:
            break
        k += 1
    return run


# --------------------------------------------------------------------------
# Neighbours

def join_neighbours(units: list[Unit], style: str, opts: Options, found: Plan) -> None:
    """Join each cut block to the block after it in the plan's order.

    Each break is judged between the paragraph so far on its left and the one
    its right side starts, joins made elsewhere included, as the next round
    would read them. Sweeps go forward, then back, until one joins nothing (a
    chain of short open lines settles in one backward sweep, not one round a
    link). OCR debris between a cut block and its continuation (a stray ``|``
    from a column rule) does not stop the join: the debris moves after the paragraph.
    """
    seq = list(found.order)
    backward = False
    for _ in range(_SWEEPS):
        if not _sweep(units, style, opts, found, seq, backward):
            break
        backward = not backward
    found.order = seq


#: Sweeps over the breaks at most (the pass's rounds settle what is left).
_SWEEPS = 6
#: How much of the paragraph on a break's right is read beyond its first block.
_RIGHT_READ = 200


def _sweep(units: list[Unit], style: str, opts: Options, found: Plan, seq: list[int], backward: bool) -> bool:
    """One sweep over the breaks of ``seq``; True when it joined something."""
    joined = False
    positions = range(len(seq) - 2, -1, -1) if backward else range(len(seq) - 1)
    for k in positions:
        if k >= len(seq) - 1:
            continue
        i = seq[k]
        u = units[i]
        if i in found.joins or u.repeated_cut or not u.open_end or u.debris or u.page_furniture:
            continue
        m = k + 1
        while (m < len(seq) - 1 and m - k <= 3 and seq[m] not in found.joins
               and (units[seq[m]].page_furniture or (units[seq[m]].debris and not _tail_of_heading(u, units[seq[m]])))):
            m += 1
        left = _left_of(units, seq, k, found)
        verdict = _neighbour_verdict(units, left, i, seq[m], found, _right_of(units, seq, m, found))
        need = opts.threshold
        if style == "newline" and not u.full:
            need = max(need, 4.0)
        if not verdict.hard and verdict.score >= need and not inserted.headline_after_cut(left, units[seq[m]], verdict):
            found.joins[i] = Join(because("joined paragraphs cut mid-sentence", verdict), verdict.score,
                                  "rejoin.join.paragraph")
            joined = True
            if m > k + 1:
                _move_between(units, seq, k, m, found, i)
    return joined


def _left_of(units: list[Unit], seq: list[int], k: int, found: Plan) -> str:
    """The paragraph so far through the block at ``seq[k]`` (the joins before it)."""
    start = k
    while start > 0 and seq[start - 1] in found.joins:
        start -= 1
    return "".join(units[seq[x]].text for x in range(start, k + 1))


def _right_of(units: list[Unit], seq: list[int], m: int, found: Plan) -> str:
    """The paragraph the block at ``seq[m]`` starts (the joins after it; its first characters)."""
    parts = [units[seq[m]].text]
    size = len(parts[0])
    while size < _RIGHT_READ and m < len(seq) - 1 and seq[m] in found.joins:
        m += 1
        parts.append(units[seq[m]].text)
        size += len(parts[-1])
    return "".join(parts)


def _tail_of_heading(u: Unit, debris: Unit) -> bool:
    """A one-character block after a heading is the heading's wrapped last character, not debris."""
    return u.kind == "heading" and chars.HAN_RE.search(debris.text) is not None


def _neighbour_verdict(units: list[Unit], current: str, i: int, j: int, found: Plan, right: str) -> Verdict:
    verdict = junction(current, right, full=units[i].full)
    if units[j].indented:
        return Verdict(0.0, ("the second is indented: a new paragraph",), True)
    if (not verdict.hard and "first_heading" in verdict.ids and units[i].short_by_indent
            and units[j].opens_full and current == units[i].text and set(verdict.ids) & set(inserted.CONTINUES)):
        verdict = Verdict(verdict.score + WEIGHTS["indent_full"], verdict.evidence + (
            "but the first is a paragraph's first line (it fills the column less the indent OCR dropped) "
            "and the second opens with a full line",), False, verdict.ids + ("indent_full",))
    if verdict.hard or j == i + 1 or (i + 1) not in found.moved:
        return verdict
    g = bigrams(units[j].text)
    mine = set().union(*(bigrams(units[x].text) for x in range(max(0, i - 3), i + 1)))
    theirs = set().union(*(bigrams(units[x].text) for x in range(i + 1, j) if x in found.moved))
    if cohesion(g, mine) > cohesion(g, theirs):
        return Verdict(verdict.score + WEIGHTS["moved_away"], verdict.evidence + (
            "the other article's text between them was moved away, and the second reads "
            "with the first's",), False, verdict.ids + ("moved_away",))
    return verdict


def _move_between(units: list[Unit], seq: list[int], k: int, m: int, found: Plan, i: int) -> None:
    """The debris and page furniture between ``seq[k]`` and ``seq[m]`` go after the
    paragraph the join completes."""
    between = seq[k + 1:m]
    seq[k + 1:m + 1] = [seq[m]]
    end = k + 1
    while end < len(seq) - 1 and seq[end] in found.joins:
        end += 1
    seq[end + 1:end + 1] = between
    found.moved.update(between)
    furniture = sum(1 for x in between if units[x].page_furniture)
    if furniture:
        found.joins[i].reason += (f"; across a page break ({furniture} block(s) of page furniture, a page number "
                                  "or running head, moved after the paragraph)")
        found.joins[i].rule += "+rejoin.move.furniture"
    if furniture < len(between):
        found.joins[i].reason += (f"; across OCR debris ({len(between) - furniture} tiny block(s) moved after "
                                  "the paragraph)")
        found.joins[i].rule += "+rejoin.move.debris"
