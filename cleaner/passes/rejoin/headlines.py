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
"""

from __future__ import annotations

import regex

from ... import lang
from ...chars import DATELINE, LIST_ITEM
from .blocks import heading_like, kind_of
from .geometry import width_of

#: The rest of a reporter's name: one to three Han characters alone on a line.
_NAME_REST = regex.compile(r"^\p{Han}{1,3}$")
#: No line of a headline is a label or a byline.
_LABEL_OR_BYLINE = regex.compile(r"[：:]|记者|通讯员")
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
    if widths[-1] > widths[0] or any(abs(w - widths[0]) > 2 for w in widths[1:-1]):
        return None  # a wrap fills every line but the last to the headline's width
    gain = lang.junction_gain(ls[0], ls[1])
    if gain >= 3:
        return "a headline set in larger type, wrapped: a word spans the break"
    if widths[0] - widths[1] <= 2 and widths[0] >= 16:
        return "a headline set in larger type, wrapped: its lines are as wide as each other"
    return None
