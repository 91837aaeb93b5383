"""Headlines and bylines that OCR read as one block of short lines.

A headline set in larger type than the body wraps over two or three lines,
each shorter than the body's column; OCR keeps them together as one block. A
byline at the head of a narrow column wraps its reporter's name onto a line of
its own (``本报武汉9月11日电 记者 李`` / ``红梅``). The lines of such a block are
one headline or one byline, and are joined; a headline over its dateline, a
title over its author's name, a section heading over an article, a label over
a label are not.

>>> wrapped(["树立事物发展是一个过", "程的意识"], 28)
'a headline set in larger type, wrapped: a word spans the break'
>>> wrapped(["本报武汉9月11日电记者 李", "红梅"], 28)
"a byline whose reporter's name wraps onto a line of its own"
>>> wrapped(["电话指导排除医疗仪器故障", "本报讯中国惠普医疗产品事"], 28) is None
True
>>> wrapped(["某某市人民政府办公厅关于进一步加强", "基层治理工作的通知"], 46)
"an official document's title (关于…的通知), wrapped"

OCR also sets the lines of such a headline apart by blank lines, a block each
(``中科院完成整体定位建`` / blank / ``设科技国家队``): :func:`across_blocks` joins
them on the same evidence.
"""

from __future__ import annotations

import regex

from ... import lang
from ...chars import DATELINE, LIST_ITEM
from ...edits import Edit, make_edit
from ...text import Block
from .blocks import as_printed, each_block, heading_like, joiner, kind_of
from .geometry import width_of
from .options import NAME

#: The rest of a reporter's name: one to three Han characters alone on a line.
_NAME_REST = regex.compile(r"^\p{Han}{1,3}$")
#: No line of a headline is a label or a byline.
_LABEL_OR_BYLINE = regex.compile(r"[：:]|记者|通讯员")
#: The title of an official document: ``关于…的`` and the kind of document it is (文种), which
#: ends it (``某市人民政府关于进一步加强`` / ``基层治理工作的通知``).
_OFFICIAL_TITLE = regex.compile(
    r"关于\S{2,}的(?:通知|决定|意见|实施意见|办法|规定|报告|请示|批复|通报|公告|通告|函|复函|纪要|方案|实施方案|规划|细则|条例|决议)$")
#: A picture note opens no line of a headline's wrap.
_PICTURE_NOTE = regex.compile(r"^[（(〈<]?附图")


def wrapped(lines: list[str], width: int | None) -> str | None:
    """Why the lines of a block are one wrapped headline or byline, or ``None``."""
    ls = [line.strip() for line in lines]
    if not 2 <= len(ls) <= 3 or not all(ls):
        return None
    if len(ls) == 2 and DATELINE.match(ls[0]) and "记者" in ls[0] and _NAME_REST.match(ls[1]):
        return "a byline whose reporter's name wraps onto a line of its own"
    if width is None or not all(heading_like(s) and kind_of(s) in ("heading", "list") for s in ls):
        return None
    widths = [width_of(s) for s in ls]
    if max(widths) > 0.9 * width:  # as wide as the body: not larger type
        return None
    if any(_LABEL_OR_BYLINE.search(s) for s in ls):
        return None
    if any(DATELINE.match(s) or LIST_ITEM.match(s) or _PICTURE_NOTE.match(s) for s in ls[1:]):
        return None  # a headline over its dateline, a section heading over an article
    if len(set(ls)) < len(ls):
        return None  # a line printed twice is a repeat, not a wrap
    if widths[-1] > widths[0] or any(abs(w - widths[0]) > 2 for w in widths[1:-1]):
        return None  # a wrap fills every line but the last to the headline's width
    gain = lang.junction_gain(ls[0], ls[1])
    if gain >= 3:
        return "a headline set in larger type, wrapped: a word spans the break"
    if _OFFICIAL_TITLE.search(as_printed("".join(ls))):  # (as punctuation prints it)
        return "an official document's title (关于…的通知), wrapped"
    if widths[0] - widths[1] <= 2 and widths[0] >= 16:
        return "a headline set in larger type, wrapped: its lines are as wide as each other"
    return None


def across_blocks(text: str, width: int | None) -> list[Edit]:
    """Edits joining the lines of a wrapped headline that OCR split into blocks of one or
    two lines each, separated by single blank lines (``text`` in the blank-line style).

    A run of such blocks holding two or three lines in all is joined when
    :func:`wrapped` finds its lines one headline (the shortest such run from each block).

    >>> body = "\\n\\n他说，这是一项立足长远的工作，必须加大力度推进。"
    >>> [(e.before, e.after) for e in across_blocks("中科院完成整体定位建\\n\\n设科技国家队" + body, 28)]
    [('\\n\\n', '')]
    """
    if width is None or "\n\n" not in text:
        return []
    blocks = _Ahead(text)
    pieces: dict[int, bool] = {}  # block -> it is a headline piece (asked only of blocks a run may hold)
    edits: list[Edit] = []
    i = 0
    while blocks.has(i + 1):
        found = _run_from(text, blocks, pieces, i, width)
        if found is None:
            i += 1
        else:
            end, why = found
            edits.extend(_joins(text, [blocks[k] for k in range(i, end)], why))
            i = end
        blocks.let_go(i, pieces)
    return edits


class _Ahead:
    """The blocks of a text as a run looks at them: read from a stream as far as it looks
    (four blocks at most), and let go once it has passed them. The blocks of the whole text
    are never held at once (they copy it)."""

    def __init__(self, text: str) -> None:
        self._stream = each_block(text, "blank")
        self._held: list[Block] = []
        self._first = 0  # the number of the first block held

    def has(self, j: int) -> bool:
        """There is a block ``j`` (reading up to it)."""
        while j - self._first >= len(self._held):
            block = next(self._stream, None)
            if block is None:
                return False
            self._held.append(block)
        return True

    def __getitem__(self, j: int) -> Block:
        if j < self._first:
            raise IndexError(f"block {j} was let go")
        self.has(j)
        return self._held[j - self._first]

    def let_go(self, i: int, pieces: dict[int, bool]) -> None:
        """Forget the blocks before block ``i`` (and what ``pieces`` says of them)."""
        for k in range(self._first, min(i, self._first + len(self._held))):
            pieces.pop(k, None)
        del self._held[:i - self._first]
        self._first = i


def _run_from(text: str, blocks: _Ahead, pieces: dict[int, bool], i: int,
              width: int) -> tuple[int, str] | None:
    """The end of the shortest run of headline pieces from block ``i`` whose lines (two or
    three) are one wrapped headline, and why; or ``None``."""
    lines: list[str] = []
    j = i - 1
    while blocks.has(j + 1):
        j += 1
        if j > i and text[blocks[j - 1].end:blocks[j].start] != "\n\n":
            return None
        count = len(lines) + blocks[j].text.count("\n") + 1  # (counted before a long block is split)
        if count > 3 or j == i and (not blocks.has(j + 1) or count + 1 > 3):
            return None
        lines += blocks[j].text.split("\n")
        if j not in pieces:
            pieces[j] = _headline_piece(blocks[j].text, width)
        if not pieces[j]:
            return None
        why = wrapped(lines, width) if j > i else None
        if why:
            return j + 1, why
    return None


def _headline_piece(block: str, width: int) -> bool:
    """A block of one or two lines, each shaped like a line of a headline in larger type
    (its first line holds a few characters at least: a character alone is OCR debris; and
    figures make less than a third of each: rows of a table are as wide as each other too)."""
    lines = block.split("\n")
    return len(lines) <= 2 and width_of(lines[0].strip()) >= _MIN_FIRST and all(
        width_of(s.strip()) <= 0.9 * width and 3 * sum(c.isdigit() for c in s) < len(s)
        and heading_like(s) and kind_of(s) in ("heading", "list") for s in lines)


#: The width a headline piece's first line has at least (four Chinese characters).
_MIN_FIRST = 8


def _joins(text: str, run: list[Block], why: str) -> list[Edit]:
    """Every break of the run's lines removed: inside its blocks and the blank lines between them."""
    edits: list[Edit] = []
    for n, block in enumerate(run):
        edits += [make_edit(NAME, text, block.start + k, block.start + k + 1,
                            joiner(block.text[:k], block.text[k + 1:]), f"joined the lines of {why}",
                            rule="rejoin.line.headline")
                  for k, ch in enumerate(block.text) if ch == "\n"]
        if n + 1 < len(run):
            nxt = run[n + 1]
            edits.append(make_edit(NAME, text, block.end, nxt.start, joiner(block.text, nxt.text),
                                   f"joined the lines of {why}, across the blank lines OCR set between them",
                                   rule="rejoin.join.headline"))
    return edits
