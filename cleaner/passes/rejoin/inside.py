"""The inside-block stage: layout, wrapped lines, indentation, OCR spaces.

Steps run one after another on the text the previous one left
(:func:`cleaner.edits.run_steps`): blank lines and stray markup
(:func:`layout`), indentation in one-paragraph-a-line text, hard-wrapped lines
(:func:`lines`), then spaces (:mod:`.spaces`). What the between-block stage
needs from this stage (which lines filled the column, which were indented) is
handed on as :class:`LineFacts`, asked in the coordinates of this stage's
output.
"""

from __future__ import annotations

import bisect
from array import array
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple

import regex

from ... import chars
from ...chars import LIST_ITEM
from ...edits import Edit, MapChain, make_edit, offsets, run_steps
from ...text import lines_at
from .blocks import (FurnitureSoFar, as_printed, each_block, heading_like, is_debris, is_furniture, is_marked,
                     is_terminal, joiner)
from .evidence import WEIGHTS, Verdict, because, junction
from .geometry import Memo, is_full, printed_width, text_column
from .headlines import across_blocks, wrapped
from .options import NAME, Options
from .spaces import spaces

_BLANK_RUN = regex.compile(r"\n{3,}")
_LINE_INDENT = regex.compile(r"(?<=\n)%s+(?=\S)" % chars.char_class(chars.INDENT_SPACES))
_LEAD_BLANK = regex.compile(r"^\n+")
_TRAIL_BLANK = regex.compile(r"\n{2,}$")
_MARKUP = regex.compile(r"(?:^|(?<=\n\n))(?:> ?)+(?=\S)")  # the whole run: ``>> 引文`` (nested quoting)
_INDENT_SPACE = chars.INDENT_SPACES
_INDENT = "\u3000\u3000"  # a paragraph indent: two full-width spaces
_CLAUSE_MARK = regex.compile(r"[，、；：。？！,;:]")
#: A line's end that a dateline may go on: a clause mark or ``据`` (``…另据`` / ``新华社…电``).
_BEFORE_CITED = regex.compile(r"(?:[，、：；,;:]|据)\s*$")
#: The addressees of an official document (主送机关): bodies, each ending with the word for
#: one (政府, 部门, 单位…), parted by commas, and a colon: ``各区县人民政府，市政府各部门：``.
_BODY = r"[\p{Han}（）()]{0,20}?(?:政府|部门|机构|单位|委员会|党委|党组|厅|局|委|办|室|处|所|院|校|公司|组织|团体|省|自治区|直辖市|市|县|区)"
_ADDRESSEES = regex.compile(rf"各?(?:{_BODY}[，、,]\s*){{0,12}}{_BODY}[：:]$")
#: A labelled line's start, ``工作单位：``: a short label, a colon (OCR spaces beside it), then a
#: value that is no quotation (``他说：“…`` goes on a sentence).
_LABEL = regex.compile(r"\p{Han}{2,4}[ \t\u3000]*[：:][ \t\u3000]*(?![“”\"‘'「『])\S")


class LineFacts:
    """Facts about lines of the stage's input, asked at offsets of its output.

    ``full_end(pos)``: a block ending at ``pos`` ends with a line that filled
    the column (``indent_short_end(pos)``: but for a paragraph indent); ``full_start(pos)``: a block starting at ``pos`` starts with a
    line that filled the column; ``indented_start(pos)``: a block starting at
    ``pos`` started an indented line (one-paragraph-a-line text).
    """

    def __init__(self, full_starts: array, full_ends: array, indented: array, back: MapChain,
                 short_by_indent: frozenset[int] | set[int] = frozenset()) -> None:
        # Offsets in ascending order, as arrays (8 bytes a line; a set of ints costs some 100).
        self._full_starts = full_starts
        self._full = full_ends
        self._short_by_indent = short_by_indent
        self._indented = indented
        self._back = back  # (the stage's output offsets back to its input, step by step)

    def full_end(self, pos: int) -> bool:
        return bool(self._full) and _holds(self._full, self._back.to_input_end(pos))

    def full_start(self, pos: int) -> bool:
        return _holds(self._full_starts, self._back.to_input(pos))

    def indent_short_end(self, pos: int) -> bool:
        return self._back.to_input_end(pos) in self._short_by_indent

    def indented_start(self, pos: int) -> bool:
        return bool(self._indented) and _holds(self._indented, self._back.to_input(pos))


def _holds(ascending: array, value: int) -> bool:
    """``value`` is in the ascending array ``ascending``."""
    i = bisect.bisect_left(ascending, value)
    return i < len(ascending) and ascending[i] == value


class Inside(NamedTuple):
    text: str          # the stage's output
    edits: list[Edit]  # on the stage's input
    facts: LineFacts


def inside(text: str, style: str, options: Options, furniture: frozenset[str] = frozenset(),
           memo: Memo | None = None, edits: bool = True) -> Inside:
    """Run the inside-block steps on ``text`` (``furniture``: its page numbers and running
    heads, :func:`~.furniture.page_furniture`, which join no line; ``memo``: line measures
    already taken of it). With ``edits`` false the stage's edits are not composed (none
    returned), and the line step's (one a line break of OCR-shaped text) are applied as
    they are made, never all held."""
    if memo is None:
        memo = Memo()  # (each line measured once for the column and for the lines that fill it)
    width = text_column(text, style, memo)
    fills = Fills(text, width, memo)
    short_by_indent: set[int] = set()  # lines that fill the column but for a paragraph indent OCR dropped
    if width is not None:
        for pos, line in lines_at(text):
            if not fills.measure(pos, line) and line.strip() and is_full(_INDENT + line.strip(), width):
                short_by_indent.add(pos + len(line))
    memo.clear()  # (not kept while the steps run: the caller's reference to it holds nothing)
    fills.memo = memo = None
    # In one-paragraph-a-line text an indented line starts a paragraph.
    indents = array("q", (m.end() for m in _LINE_INDENT.finditer(text))) if style == "newline" else array("q")

    steps = [lambda t: layout(t, options)]
    if indents:
        steps.append(unindent)
    if options.lines:
        if style == "blank":
            steps.append(lambda t: across_blocks(t, width))
        steps.append(lambda t: line_edits(t, style, width, options, fills, furniture))
        if style == "blank":  # (and once the line step has split a block: a dateline under a headline's line)
            steps.append(lambda t: across_blocks(t, width))
    if options.spaces:
        steps.append(lambda t: spaces(t, style, options))
    current, done, back = run_steps(text, steps, fills.seen_through, edits=edits)
    return Inside(current, done, LineFacts(fills.starts_full, fills.ends_full, indents, back, short_by_indent))


class Fills:
    """Which lines of the stage's input fill the column, measured once a line.

    Kept as offsets and flags (5 bytes a line), not by the lines' text: a
    later step asks about a line of its own input, found in the stage's input
    through the edits made before it (:meth:`seen_through`), and a line not
    found there as it is (an earlier step changed it) is measured again.
    """

    def __init__(self, text: str, width: int | None, memo: Memo | None = None) -> None:
        self.text, self.width, self.memo = text, width, memo
        self._starts = offsets(len(text))  # every line measured, by its start
        self._full = bytearray()
        self.starts_full, self.ends_full = offsets(len(text)), offsets(len(text))  # the lines that fill it
        self._back = MapChain()  # through the steps before the one that asks

    def measure(self, pos: int, line: str) -> bool:
        """Measure the line at ``pos`` of the stage's input (in order of ``pos``)."""
        full = is_full(line, self.width, self.memo, pos)
        self._starts.append(pos)
        self._full.append(full)
        if full:
            self.starts_full.append(pos)
            self.ends_full.append(pos + len(line))
        return full

    def seen_through(self, back: MapChain) -> None:
        """The next step's input is the stage's input through the steps ``back`` maps."""
        self._back = back

    def __call__(self, pos: int, line: str) -> bool:
        """``line``, at ``pos`` of the asking step's input, fills the column."""
        at = self._back.to_input(pos)
        i = bisect.bisect_left(self._starts, at)
        end = at + len(line)
        if (i < len(self._starts) and self._starts[i] == at and self.text.startswith(line, at)
                and (end == len(self.text) or self.text[end] == "\n")):
            return bool(self._full[i])
        return is_full(line, self.width)


def layout(text: str, opts: Options) -> list[Edit]:
    """Blank lines at the start and end removed, runs of them collapsed; stray ``>`` markup removed."""
    out: list[Edit] = []
    if opts.blank_lines:
        for m in _LEAD_BLANK.finditer(text):
            out.append(make_edit(NAME, text, m.start(), m.end(), "", "blank lines at the start removed",
                                 rule="rejoin.blank.start"))
        for m in _BLANK_RUN.finditer(text):
            if m.end() == len(text) or m.start() == 0:
                continue
            out.append(make_edit(NAME, text, m.start(), m.end(), "\n\n", "run of blank lines collapsed",
                                 rule="rejoin.blank.run"))
        m = _TRAIL_BLANK.search(text)
        if m and m.start() > 0:
            out.append(make_edit(NAME, text, m.start(), m.end(), "\n", "blank lines at the end removed",
                                 rule="rejoin.blank.end"))
    if opts.markup:
        for m in _MARKUP.finditer(text):
            out.append(make_edit(NAME, text, m.start(), m.end(), "", "stray '>' markup at a block start removed",
                                 rule="rejoin.markup"))
    return out


def unindent(text: str) -> list[Edit]:
    """Indentation at line starts removed (it marked a paragraph start, which is recorded)."""
    return [make_edit(NAME, text, m.start(), m.end(), "", "indentation removed: it marks a paragraph start",
                      rule="rejoin.indent.removed")
            for m in _LINE_INDENT.finditer(text)]


def lines(text: str, style: str, width: int | None, opts: Options,
          fills: Callable[[int, str], bool] | None = None, furniture: frozenset[str] = frozenset()) -> list[Edit]:
    """Each line break inside a block kept, removed (a wrap) or made a paragraph break.

    ``fills(pos, line)`` tells whether the line at ``pos`` fills the column (:class:`Fills`:
    lines already measured); by default :func:`is_full` measures it. The lines of
    ``furniture`` (page numbers, running heads) stand apart.
    """
    return list(line_edits(text, style, width, opts, fills, furniture))


def line_edits(text: str, style: str, width: int | None, opts: Options,
               fills: Callable[[int, str], bool] | None = None,
               furniture: frozenset[str] = frozenset()) -> Iterator[Edit]:
    """:func:`lines`, one block's edits at a time, in text order."""
    if style != "blank":
        return
    for block in each_block(text, "blank"):  # (each read once, in order: the blocks of the text are not kept)
        placed = list(lines_at(block.text, block.start))
        why = wrapped([line for _, line in placed], width) if 2 <= len(placed) <= 3 else None
        if why:
            yield from (make_edit(NAME, text, pos + len(line), pos + len(line) + 1, joiner(line, nxt),
                                  f"joined the lines of {why}", rule="rejoin.line.headline")
                        for (pos, line), (_, nxt) in zip(placed, placed[1:]))
            continue
        current = placed[0][1]  # the paragraph so far, up to the break
        so_far = FurnitureSoFar(current)  # (whether it is page furniture, kept as it grows)
        decided: list[Edit | None] = []
        kept: dict[int, tuple[str, bool]] = {}  # a break kept as it is: the paragraph so far, ``full``
        for k, ((pos, line), (_, nxt)) in enumerate(zip(placed, placed[1:])):
            full = fills(pos, line) if fills is not None else is_full(line, width)
            before = current
            edit, current = _line_break(text, pos + len(line), line, nxt, current, full, width, opts, furniture,
                                        so_far.answer)
            decided.append(edit)
            if edit is None:
                kept[k] = (before, full)
            so_far.follow(current, len(current) > len(nxt))  # (a join returns the paragraph so far and more)
        if kept:
            _settle_kept(text, placed, decided, kept, width, opts, furniture)
        yield from (e for e in decided if e is not None)


#: The longest right side a kept break is judged again with (see :func:`_settle_kept`):
#: longer than any text whose kind (a heading, a credit) the evidence reads.
_REJUDGED_RIGHT = 128


def _settle_kept(text: str, placed: list[tuple[int, str]], decided: list[Edit | None],
                 kept: dict[int, tuple[str, bool]], width: int | None, opts: Options,
                 furniture: frozenset[str] = frozenset()) -> None:
    """Judge a kept break again when the break after it was joined, from the block's end.

    Each break is judged against the next line alone, and a short line (``员深``) looks
    like a heading; once the break after it joins, the line it opens is longer and may
    read on, which the next round would find, one link a round. Judging the kept breaks
    from the end with the right side as this round leaves it settles a chain of such
    lines in one round. Only right sides up to :data:`_REJUDGED_RIGHT` characters are
    built (a longer one has no heading look), so a block costs linear time.
    """
    right: str | None = placed[-1][1]  # the text after the break, as this round joins it
    for k in range(len(decided) - 1, -1, -1):
        pos, line = placed[k]
        edit = decided[k]
        if edit is None and right is not None and right is not placed[k + 1][1]:
            current, full = kept[k]
            edit = decided[k] = _line_break(text, pos + len(line), line, right, current, full, width, opts,
                                            furniture)[0]
        if edit is not None and "\n" not in edit.after and right is not None:  # a join
            grown = line + edit.after + right
            right = grown if len(grown) <= _REJUDGED_RIGHT else None
        else:
            right = line


def _list_item(line: str) -> bool:
    """``line`` starts a list item as punctuation will print it (``《六) 以出卖`` is ``（六）以出卖``,
    ``(三 )`` is ``（三）``, ``7 ）歼`` is ``7）歼``).

    >>> _list_item("7 ）歼"), _list_item("7 人")
    (True, False)
    """
    if LIST_ITEM.match(line) is not None:
        return True
    head = line[:8]  # where a space punctuation removes could stand inside an item number
    return (line[:1] in _LOOKALIKE_OPENERS or any(c in head for c in chars.MARK_SPACES)) \
        and LIST_ITEM.match(as_printed(line)) is not None


#: Marks OCR reads for the opening bracket of an item number.
_LOOKALIKE_OPENERS = frozenset("(（〈《<[【")


def _has_han(s: str) -> bool:
    """``s`` (not empty) holds a Han character; most lines start with one, told without a regex."""
    return "\u4e00" <= s[0] <= "\u9fa5" or chars.HAN_RE.search(s) is not None


def _join(text: str, brk: int, line: str, nxt: str, current: str, rule: str, reason: str,
          score: float | None = None) -> tuple[Edit, str]:
    after = joiner(line, nxt)
    return make_edit(NAME, text, brk, brk + 1, after, reason, score, rule=rule), current + after + nxt


@lru_cache(maxsize=64)
def _fills_reason(width: int | None) -> str:
    """The reason of a join of a line that fills the column: one string a width, not one an edit."""
    return f"joined hard-wrapped line: it fills the column ({width} wide)"


def _split(text: str, brk: int, nxt: str, rule: str, reason: str, score: float | None = None) -> tuple[Edit, str]:
    return make_edit(NAME, text, brk, brk + 1, "\n\n", reason, score, rule=rule), nxt


def _line_break(text: str, brk: int, line: str, nxt: str, current: str, full: bool, width: int | None,
                opts: Options, furniture: frozenset[str] = frozenset(),
                current_furniture: bool | None = None) -> tuple[Edit | None, str]:
    """The edit for the break at ``brk`` between ``line`` and ``nxt``, and the paragraph so far after it.

    ``full``: ``line`` fills the column; ``furniture``: the page numbers and running heads of
    the text; ``current_furniture``: ``is_furniture(current)``, when the caller keeps it
    (:class:`~.blocks.FurnitureSoFar`). The cheap facts come first; the evidence of
    :func:`junction` is weighed only for the breaks they leave open.
    """
    indent = len(nxt) - len(nxt.lstrip(_INDENT_SPACE))
    if indent:
        return (make_edit(NAME, text, brk, brk + 1 + indent, "\n\n", "indented line starts a new paragraph",
                          rule="rejoin.split.indented"),
                nxt[indent:])
    if not line.strip() or not nxt.strip():
        return None, nxt
    if len(nxt) <= 3 and chars.TRAILING_MARKS_ONLY.match(nxt):
        return (make_edit(NAME, text, brk, brk + 1, "",
                          "joined a line holding only closing punctuation to the line it ends",
                          rule="rejoin.line.closing"), current + nxt)
    if is_debris(nxt) or is_debris(line):
        return _split(text, brk, nxt, "rejoin.split.debris", "split: OCR debris (a tiny line) stands apart")
    if furniture and (line.strip() in furniture or nxt.strip() in furniture):
        return _split(text, brk, nxt, "rejoin.split.furniture",
                      "split: page furniture (a page number, a running head or foot) stands apart")
    if chars.agency_dateline(nxt) and not _BEFORE_CITED.search(line):
        return _split(text, brk, nxt, "rejoin.split.dateline", "split: a line that opens with a dateline starts a paragraph")
    if is_terminal(line) and (_list_item(nxt) or is_marked(nxt)):
        return _split(text, brk, nxt, "rejoin.split.list", "split: a list item or marked heading starts after a stop")
    if current == line and _ADDRESSEES.match(as_printed(line.strip())):  # (as punctuation prints it)
        return _split(text, brk, nxt, "rejoin.split.addressees",
                      "split: the addressees of an official document (主送机关, ending with a colon) stand on their own line")
    if _labelled(nxt) and not is_full(nxt, width) and (is_terminal(line) or _labelled(current)):
        return _split(text, brk, nxt, "rejoin.split.label",
                      "split: a labelled line (label, colon, value) starts after a stop or another labelled line")
    if not _has_han(line) and not _has_han(nxt) and not LIST_ITEM.match(nxt):
        return _join(text, brk, line, nxt, current, "rejoin.line.latin",
                     "joined wrapped lines of Latin text inside a paragraph")
    if full and width is not None and is_terminal(line):
        if not is_full(nxt, width) and heading_like(nxt):
            return _split(text, brk, nxt, "rejoin.split.heading",
                          "split: a short open line after a sentence's end reads as a heading")
        if _INDENT_SHORT[0] <= width - printed_width(nxt.rstrip()) <= _INDENT_SHORT[1]:
            return _split(text, brk, nxt, "rejoin.split.indent_dropped",
                          "split: after a sentence's end, a line short of the column by the paragraph "
                          "indent OCR dropped starts a paragraph")
    if full and not (is_furniture(current) if current_furniture is None else current_furniture):
        return _join(text, brk, line, nxt, current, "rejoin.line.full", _fills_reason(width))
    verdict = junction(current, nxt)
    if current == line and not verdict.hard and _first_of_paragraph(line, nxt, width, verdict):
        why = [e for e, k in zip(verdict.evidence, verdict.ids) if k not in _LINE_LOOKS]
        return _join(text, brk, line, nxt, current, "rejoin.line.indent", "; ".join([
            f"joined hard-wrapped line: a paragraph's first line, it fills the column ({width} wide) less the "
            "indent OCR dropped, and the next line fills it", *why]), verdict.score)
    if verdict.hard and is_terminal(current):
        if width is not None:
            return _split(text, brk, nxt, "rejoin.split.stop",
                          "split: a short line ending a sentence ends the paragraph")
        return None, nxt
    score = verdict.score + (WEIGHTS["no_column"] if width is None else 0)
    if not verdict.hard and score >= opts.threshold:
        return _join(text, brk, line, nxt, current, "rejoin.line.evidence", because("joined lines", verdict),
                     verdict.score)
    if width is not None:
        return _split(text, brk, nxt, "rejoin.split.open", "split: a short open line that does not continue on "
                      "the next (" + "; ".join(verdict.evidence) + ")", verdict.score)
    return None, nxt


#: How much a paragraph's first line is short of the column (half-width units) once OCR
#: dropped its indent of two characters (four), a mark or a half-width character either side.
_INDENT_SHORT = (3, 5)

#: Evidence that a line looks like a heading: wrongly so of the lines of a paragraph.
_LINE_LOOKS = ("first_heading", "second_heading")


def _labelled(line: str) -> bool:
    """``line`` starts a labelled line: ``工作单位：四川省大竹县庙坝镇`` (a value with no clause
    mark: ``它的涵义：发展在满足当代人的需要时，不对`` is a sentence going on)."""
    m = _LABEL.match(line)
    return m is not None and _CLAUSE_MARK.search(line, m.end()) is None


def _first_of_paragraph(line: str, nxt: str, width: int | None, verdict: Verdict) -> bool:
    """``line`` opens a paragraph whose indent OCR dropped (it fills the column less two
    characters), ``nxt`` goes on (it fills the column: after a headline comes a paragraph's
    first line, short by its indent), and no evidence is against a join but the heading
    look that any single line of a paragraph has.

    A first line with no clause mark inside needs no evidence for the join either: on
    real pages most such lines are a sentence's start (``其他国家机关工作人员违反`` /
    ``国家规定，在提供…``), and the headline over a story's first line is told apart by
    the dateline that opens the story (``rejoin.split.dateline``).
    """
    if not is_full(_INDENT + line.strip(), width) or not is_full(nxt, width):
        return False
    return verdict.score - sum(WEIGHTS[k] for k in verdict.ids if k in _LINE_LOOKS) >= 0

