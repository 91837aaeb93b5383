"""Geometry: how wide the page's column is, which lines fill it, and lines read across two columns.

The column width is measured on the document itself (most wrapped lines
fill it); a line that fills it is a wrapped line whose text goes on. Widths
are in half-width units: a Chinese character counts two. They are measured as
the pipeline will print the line (``事,提出问`` as ``事，提出问``), so that a second
run, reading the full-width marks, finds the same column and the same full lines.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

import regex

from ... import chars
from ...edits import Edit, make_edit
from ...text import lines_at
from .blocks import as_printed, as_punctuated, each_block, is_terminal, pairs_printed
from .options import NAME

_HAN = regex.compile(r"\p{Han}")


def width_of(s: str) -> int:
    """Display width in half-width units, approximated fast: CJK characters
    (three UTF-8 bytes) count two, ASCII one.

    >>> width_of("中文ab")
    6
    """
    return len(s) + (len(s.encode("utf-8", "surrogatepass")) - len(s)) // 2


def printed_width(s: str) -> int:
    """The width of ``s`` as the pipeline will print it: ASCII marks after
    Chinese text count as the full-width marks punctuation makes of them, and
    spaces beside a full-width mark count nothing.

    >>> printed_width("事,提出问"), width_of("事,提出问"), printed_width("是: 县县"), printed_width('说"好"(甲)')
    (10, 9, 8, 14)
    """
    return _measured(s)[2]


_NONE_WIDE: frozenset[int] = frozenset()


#: A line as printed for measuring, the offsets in it of the marks that print full width, its
#: printed width, and how many of its characters count one (ASCII), as :func:`_measured` finds them.
Measure = tuple[str, "frozenset[int] | set[int]", int, int]


class Memo:
    """The measures of a text's lines, taken once a line, by where the line starts.

    A caller that measures the same lines twice (the inside stage finds the column,
    then the lines that fill it) passes one, with each line's offset in the text. A
    line holds its column width and its fill in 13 bytes of arrays: a dict by the
    lines' text held the text a second time as line strings, with each line's printed
    form (some 250 bytes a line). Lines are kept in the order of their offsets (a line
    measured out of order is measured again when asked), and a line with trailing white
    space is not kept (:func:`is_full` measures it without that).
    """

    __slots__ = ("_starts", "_column", "_width", "_half")

    def __init__(self) -> None:
        self._starts = array("q")
        self._column = array("h")  # the line's column width, -1 for none
        self._width = array("i")  # its printed width, negative when a quote or bracket prints wide
        self._half = array("i")  # how many of its characters count one

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]

    def _at(self, pos: int) -> int:
        i = bisect_left(self._starts, pos)
        return i if i < len(self._starts) and self._starts[i] == pos else -1

    def _keep(self, pos: int, s: str, column: int | None, measure: Measure) -> None:
        if (self._starts and pos <= self._starts[-1]) or (s and s[-1].isspace()):
            return
        _, wide, width, half = measure
        if width > _KEPT_WIDEST:
            return  # (a line wider than the arrays hold, some 16,000 Chinese characters: measured when asked)
        self._starts.append(pos)
        self._column.append(-1 if column is None else column)
        self._width.append(-width if wide else width)
        self._half.append(half)

    def column_width(self, pos: int, s: str) -> int | None:
        """:func:`_column_width` of the line ``s`` at ``pos``."""
        i = self._at(pos)
        if i >= 0:
            column = self._column[i]
            return None if column < 0 else column
        measure = _measured(s)
        column = _column_width(s, measure)
        self._keep(pos, s, column, measure)
        return column

    def fill(self, pos: int, line: str) -> tuple[bool, int, int]:
        """:func:`_fill` of ``line``, the line at ``pos`` (kept only if its column was
        measured, and then it has no trailing white space: its measure is ``line.rstrip()``'s)."""
        i = self._at(pos)
        if i < 0:
            return _fill(line)
        width = self._width[i]
        return width < 0, abs(width), self._half[i]


#: The widest line a :class:`Memo` keeps (its column width is a 2-byte integer, and a
#: column is never that wide).
_KEPT_WIDEST = 2**15 - 1


def _measured(s: str) -> Measure:
    """``s`` as printed, for measuring, and the offsets in it of the straight quotes and
    brackets that print full width (each counts one more than :func:`width_of` says).

    A space beside a straight quote goes when the quote is paired full width
    ('" 信访' prints '“信访'): only then is pairing the marks worth its cost. A space
    beside a bracket stays: OCR reads it from the blank half of a full-width bracket's
    cell ('(一) 猥' is as wide on the page as a full line). The widths are taken here, once
    a line (an encoding of the line each).
    """
    if not ('"' in s or "'" in s or "(" in s or ")" in s):
        measured, wide = as_printed(s, pairs=False), _NONE_WIDE
    else:
        measured = as_printed(s, pairs=_SPACED_QUOTE.search(s) is not None)
        # A straight quote or bracket in Chinese text becomes a full-width one (or
        # stays, and counts the same on a second run), and so does one that punctuation
        # pairs with it ('(MDT)' at a line's end prints '（MDT）').
        wide = _wide_pair_marks(measured)
    plain = width_of(measured)
    return measured, wide, plain + len(wide), 2 * len(measured) - plain


def _wide_pair_marks(s: str) -> set[int]:
    """The offsets of the straight quotes and brackets of ``s`` that print full width."""
    wide = {m.start() for m in _CHINESE_PAIR_MARK.finditer(s)}
    paired = pairs_printed(s)
    if len(paired) == len(s):
        wide.update(i for i, (a, b) in enumerate(zip(s, paired)) if a != b and a in "\"'()")
        if paired != s:
            # a mark beside a quote or bracket so paired is after Chinese text ('"为还",' prints '“为还”，')
            marks = as_punctuated(paired)
            wide.update(i for i, (a, b) in enumerate(zip(s, marks)) if a != b and a in ",.:;?!")
    return wide


#: A straight quote or bracket beside Han or a Chinese mark, or a quote at an end of the
#: line (punctuation reads an end as Chinese context; a wrapped line's end meets Han).
_CHINESE_PAIR_MARK = regex.compile(r"(?<=[\p{Han}%s])[\"'()]|[\"'()](?=[\p{Han}%s])|^[\"']|[\"']$"
                                   % ((regex.escape(chars.CJK_MARKS),) * 2))


_SPACED_QUOTE = regex.compile(r"[\"']%s|%s[\"']" % ((chars.char_class(chars.MARK_SPACES),) * 2))


def _column_width(s: str, measure: Measure | None = None) -> int | None:
    """The width of line ``s`` for finding the column, as a second run measures it (a
    space beside a bracket printed full width gone: '(一) 猥' as '（一）猥'), or ``None``
    when fewer than half its characters are CJK as printed (a straight quote in Chinese
    text is a full-width one, and a space beside it goes).

    >>> _column_width("(一) 猥"), printed_width("(一) 猥"), printed_width("（一）猥")
    (8, 9, 8)
    >>> _column_width('"  靐●骉进'), _column_width('“  靐●骉进'), _column_width("Latin text 中")
    (10, 10, None)
    >>> _column_width("部较  (比骉A股"), _column_width("部较（比骉A股")
    (13, 13)
    """
    measured, wide, width, _ = _measured(s) if measure is None else measure
    n = len(measured)
    if wide:  # spaces beside a bracket printed full width count nothing, as a second run sees them
        gone = sum(m.end() - m.start() for m in chars.MARK_SPACE_RUN.finditer(measured) if (
            m.start() - 1 in wide and measured[m.start() - 1] in "()"
            or m.end() in wide and measured[m.end()] in "()"))
        n, width = n - gone, width - gone
    if 2 * (width - n) < n:
        return None
    return width


@lru_cache(maxsize=256)
def _tolerance(w: int) -> int:
    return max(3, round(0.08 * w))


def wrap_width(lines: Iterable[str], firsts: frozenset[int] | set[int] = frozenset()) -> int | None:
    """The column width (in half-width units) most wrapped lines fill, if there is one.
    ``firsts`` are the indices of the lines that open a block.

    >>> wrap_width(["一二三四五六七八九十"] * 5 + ["短"])
    20
    >>> wrap_width(["长短不一的行。", "这一行要长得多得多得多得多。", "短。"]) is None
    True

    Blocks whose first lines lost their indent (short by two characters):

    >>> lines = ["一二三四五六七八九", "一二三四五六七八九十"] * 3 + ["一二三四五六七八九"]
    >>> wrap_width(lines), wrap_width(lines, firsts={0, 2, 4, 6})
    (18, 20)
    """
    # Only lines of Chinese text: Latin text wraps at word ends, so its lines are ragged.
    # Widths are as punctuation prints the lines, a space beside a full-width bracket
    # gone, so that a second run finds the same column.
    return _most_filled(Counter((_column_width(s), i in firsts) for i, s in enumerate(lines)))


def text_column(text: str, style: str, memo: Memo) -> int | None:
    """:func:`wrap_width` of the lines of ``text`` that may reveal its column (with
    blank lines between paragraphs, :func:`block_lines`; else every line), each measured
    into ``memo`` by its offset, and read one at a time."""
    rows = block_lines(text) if style == "blank" else ((pos, line, False) for pos, line in lines_at(text))
    return _most_filled(Counter((memo.column_width(pos, line), first) for pos, line, first in rows))


def _most_filled(counts: Counter[tuple[int | None, bool]]) -> int | None:
    """The column width, from how many lines have each (column width, opens a block)."""
    found = sorted((w, first, n) for (w, first), n in counts.items() if w is not None and w >= 10)
    per_width: Counter[int] = Counter()
    for w, _, n in found:
        per_width[w] += n
    total = sum(per_width.values())
    if total < 4:
        return None
    widths = sorted(per_width)
    best, best_count = None, 0
    lo, count = 0, 0  # count: the lines whose width is in widths[lo] .. w
    for w in widths:
        count += per_width[w]
        while widths[lo] < w - _tolerance(w):
            count -= per_width[widths[lo]]
            lo += 1
        if count >= best_count:
            best, best_count = w, count
    if best is None or best_count < max(3, 0.3 * total):
        return None
    # The column is the width most of those lines have: the window's top is
    # often a line with a mark hanging past the column. A block's first line may
    # be short of it by an indent OCR dropped, so the lines inside blocks decide
    # when there are enough of them.
    inner: Counter[int] = Counter()
    window: Counter[int] = Counter()
    for w, first, n in found:
        if best - _tolerance(best) <= w <= best:
            window[w] += n
            if not first:
                inner[w] += n
    chosen = inner if sum(inner.values()) >= 3 else window
    return max(chosen, key=lambda w: (chosen[w], w))


def hard_wrapped(text: str, memo: Memo | None = None) -> bool:
    """``text``, with no blank lines (or too few to separate paragraphs), holds a page's
    wrapped lines rather than one paragraph a line: most of its lines fill one column, and
    most of those end inside a sentence (a wrap falls anywhere; an item or a verse ends
    with its stop). The output of a PDF extractor or an OCR engine that sets no blank line
    between paragraphs. ``memo`` keeps the lines' measures for the line step to read again.

    >>> hard_wrapped("推动治理重心向基层下移，把更多资\\n源、服务、管理放到社区，为居民提\\n"
    ...              "供精准化、精细化服务，不断增强群\\n众的获得感、幸福感、安全感，推动\\n基层治理。")
    True
    >>> hard_wrapped("床前明月光，疑是地上霜。\\n举头望明月，低头思故乡。\\n" * 3)
    False
    """
    lines = sum(1 for _, line in lines_at(text) if line.strip())
    if lines < _WRAPPED_LINES:
        return False
    memo = Memo() if memo is None else memo
    width = text_column(text, "blank", memo)  # (the column the line step would measure)
    if width is None or width > _WIDEST_COLUMN:
        return False
    full = cut = 0
    for pos, line in lines_at(text):
        if line.strip() and is_full(line, width, memo, pos):
            full += 1
            cut += not is_terminal(line)
    return full >= _WRAPPED_LINES - 1 and 2 * full >= lines and 2 * cut >= full


#: Lines a text needs before its lines are read as wrapped at a column.
_WRAPPED_LINES = 5
#: The widest printed column, in half-width units: 60 Chinese characters (an A4 page set in
#: 9 pt holds about 53 a line); lines of one width wider than that are paragraphs, not wraps.
_WIDEST_COLUMN = 120


def is_full(line: str, width: int | None, memo: Memo | None = None, pos: int = -1) -> bool:
    """The line fills the column (a line much wider than the column is a headline, not a wrap).

    >>> is_full("一二三四五六七八九", 20), is_full("一二三四五六七八", 20), is_full("一二三四五六2024", 20)
    (True, False, True)
    """
    if width is None:
        return False
    # (``memo``: the measures of the text whose line at ``pos`` this is)
    wide, w, half = memo.fill(pos, line) if memo is not None else _fill(line)  # (w: printed_width)
    line = line.rstrip()
    # Short of the column by the tolerance (a line justified with a hanging or
    # dropped mark, a paragraph's first line whose indent OCR dropped), by up to two
    # columns more when half-width characters (digits, Latin) may have been set
    # wider on the page; longer by the tolerance and a mark hanging past the column.
    # (Counted as a second run sees them; a line without quotes or brackets is measured
    # as that already.)
    if not wide and not ('"' in line or "'" in line or "(" in line or ")" in line):
        slack = min(2, half)  # (measured as printed without pairing: the plain line)
    else:
        slack = min(2, _half_width(as_printed(line, pairs=False)))
    return width - _tolerance(width) - slack <= w <= width + _tolerance(width) + 2


def _fill(line: str) -> tuple[bool, int, int]:
    """(whether a quote or bracket prints wide, printed width, half-width count) of ``line.rstrip()``."""
    _, wide, width, half = _measured(line.rstrip())
    return bool(wide), width, half


def _half_width(s: str) -> int:
    """How many characters of ``s`` count one (ASCII)."""
    return 2 * len(s) - width_of(s)


_GAP = regex.compile(r"[ \t]{3,}")


#: Marks a gap beside is no gutter: a column's line neither ends with an opening mark nor
#: starts with a closing one, and punctuation removes such spaces.
_MARK_BEFORE_SPACE = frozenset("（《「『“【")
_MARK_AFTER_SPACE = frozenset("，。、；：？！）》」』”】")


def _may_be_gutter(line: str, gap: regex.Match) -> bool:
    """The gap is not after an opening mark or before a closing one."""
    before, after = line[gap.start() - 1:gap.start()], line[gap.end():gap.end() + 1]
    return before not in _MARK_BEFORE_SPACE and after not in _MARK_AFTER_SPACE


def _gap(line: str) -> tuple[str, str] | None:
    """The left and right halves of a line with a wide gap between Chinese text, if any."""
    if "   " not in line and "\t" not in line:
        return None
    line = line.strip()
    m = next((g for g in _GAP.finditer(line) if _may_be_gutter(line, g)), None)
    if m is None:
        return None
    # (every kind of space beside the gap goes with it, as a line's own end loses it)
    left, right = line[:m.start()].rstrip(), line[m.end():].lstrip()
    if not (_HAN.search(left) and _HAN.search(right)):
        return None
    return left, right


def columns(text: str) -> list[Edit]:
    """Lines read across two columns, de-interleaved: the left column, then the right.

    OCR sometimes reads a two-column page line by line straight across the
    gutter; each such line holds a left-column line, a wide gap and a
    right-column line. A run of at least three of them (blank lines and
    single-column lines between them included) is rewritten as the left
    halves in order, a blank line, and the right halves in order.
    """
    if "   " not in text and "\t" not in text:
        return []  # no line has a gap (see _gap): the lines are not listed at all
    starts, lines = map(list, zip(*lines_at(text)))
    gaps = [_gap(line) for line in lines]
    edits: list[Edit] = []
    i = 0
    while i < len(lines):
        if not gaps[i]:
            i += 1
            continue
        last = _run_end(gaps, i)
        count = sum(1 for k in range(i, last + 1) if gaps[k])
        if count >= 3:
            left: list[str] = []
            right: list[str] = []
            for k in range(i, last + 1):
                halves = gaps[k]
                if halves:
                    left.append(halves[0])
                    right.append(halves[1])
                else:
                    left.append(lines[k])
            body = "\n".join(left).strip("\n") + "\n\n" + "\n".join(r for r in right if r.strip())
            start, end = starts[i], starts[last] + len(lines[last])
            edits.append(make_edit(NAME, text, start, end, body,
                                   f"{count} lines read straight across two columns: the left column "
                                   "first, then the right", rule="rejoin.columns"))
        i = last + 1
    return edits


def _run_end(gaps: list[tuple[str, str] | None], i: int) -> int:
    """The last line across two columns of the run starting at line ``i``: lines
    without a gap belong to the run while another gapped line follows within three."""
    j = last = i
    while j + 1 < len(gaps):
        nxt = j + 1
        if gaps[nxt]:
            last = nxt
        elif not any(gaps[k] for k in range(nxt, min(len(gaps), nxt + 3))):
            break
        j = nxt
    return last


def block_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """Lines whose width may reveal the column (all but the last of each block), one at a
    time, each with its offset in ``text`` and whether it opens its block.

    >>> list(block_lines("一二\\n三四\\n五\\n\\n六\\n\\n七八\\n九"))
    [(0, '一二', True), (3, '三四', False), (12, '七八', True)]
    """
    for block in each_block(text, "blank"):
        body = block.text
        last = body.rfind("\n")
        if last >= 0:
            for k, (pos, line) in enumerate(lines_at(body[:last], block.start)):
                yield pos, line, k == 0


