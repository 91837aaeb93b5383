"""Page furniture: the page numbers and running heads of a document of several pages.

A report or a book that went through OCR or PDF extraction page by page comes out with
each page's number and running head (or foot) between its pages' text, often in the
middle of a paragraph the page break cut. :func:`page_furniture` finds them from the
document alone; :func:`removals` are the edits that take them out (the rejoin option
``furniture``), each named in its edit, so ``--removed`` can write them. With the option
off they stay, and the between-block stage joins a cut paragraph across them.
"""

from __future__ import annotations

import regex
from rapidfuzz.distance import Levenshtein

from ... import chars
from ...chars import LIST_ITEM
from ...edits import Edit, make_edit
from ...text import paragraph_style
from .blocks import as_printed, is_terminal, kind_of
from .options import NAME

#: A page number as a page prints it: ``— 3 —``, ``- 12 -``, ``第 3 页``, ``第3页 共12页``,
#: ``3/12``, or a bare number (which counts only in order with the page numbers a page either
#: side of it: :func:`_next_page`).
_PAGE_NUMBER = regex.compile(
    r"^(?:[-—–－~·一]+\s*(?P<n>\d{1,4})\s*[-—–－~·一]+|第\s*(?P<n>\d{1,4})\s*页(?:\s*[/／,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|(?P<n>\d{1,4})\s*[/／]\s*\d{1,4}|(?P<bare>\d{1,4}))$")
#: The longest line read as a page number, and as a running head or foot.
_PAGE_NUMBER_LONGEST = 16
_RUNNING_HEAD_LONGEST = 40


def page_furniture(text: str) -> frozenset[str]:
    """The lines of ``text`` (stripped) that are the furniture of a document of several
    pages: its page numbers, and its running heads and feet.

    A running head or foot is a short line printed twice or more, each time beside a page
    number; or, since OCR often drops a page number set small and alone, printed twice or
    more a page apart (``_PAGE_LINES``), each time beside a page number or as a block of its
    own (in text with no blank lines between paragraphs, at a block's edge: the form feed
    of a page break leaves a blank line), with no clause mark, shaped like a heading and no
    numbered one (a credit such as ``（新华社北京11月7日电）`` closes two stories of a day),
    one copy at least after a page that ended mid-sentence (a rubric a paper prints every
    day, ``图片新闻``, follows finished paragraphs). A bare number is a page number only when
    another page number one or two on stands a page after it, or one or two back a page
    before (``3`` alone may be anything; ``3`` and ``4`` a page apart are the pages'
    numbers). OCR reads the dashes around a page number as ``一`` (``一1一``).

    >>> doc = "为居民提\\n— 1 —\\n某市公报\\n供服务，\\n— 2 —\\n某市公报\\n推动基层治理。"
    >>> sorted(page_furniture(doc))
    ['— 1 —', '— 2 —', '某市公报']
    >>> page = "\\n\\n".join(["推动基层治理，\\n提升服务水平，\\n做好各项工作。"] * 6)
    >>> sorted(page_furniture(f"{page}甲\\n\\n3\\n\\n又{page}乙\\n\\n4\\n\\n再{page}")), sorted(page_furniture("甲\\n3\\n乙\\n4\\n丙"))
    (['3', '4'], [])
    >>> cut = "推动治理重心向基层下移，把更多资源、服务、管理放到社区，为居民提"
    >>> sorted(page_furniture(f"人民日报 1月\\n\\n{page}\\n\\n{cut}\\n\\n人民日报 1月\\n\\n{page}"))
    ['人民日报 1月']
    >>> sorted(page_furniture(f"人民日报 1月\\n{page}\\n\\n人民日报 1月\\n{page}"))  # a paragraph's first line
    []
    """
    lines: list[str] = []
    alone: list[bool] = []  # the line is a block of its own (with no blank lines: at a block's edge)
    raw = text.split("\n")
    both = paragraph_style(text) == "blank"  # (a page break's form feed leaves a blank line on one side)
    for k, line in enumerate(raw):
        line = line.strip()
        if line:
            lines.append(line)
            before, after = k == 0 or not raw[k - 1].strip(), k + 1 == len(raw) or not raw[k + 1].strip()
            alone.append(before and after if both else before or after)
    numbers: dict[int, tuple[int, bool]] = {}  # line index -> (its number, bare)
    for i, line in enumerate(lines):
        if len(line) <= _PAGE_NUMBER_LONGEST and line[-1:] in _PAGE_NUMBER_ENDS:
            m = _PAGE_NUMBER.match(line)
            if m and (m.group("n") or m.group("bare"))[0] not in "0０":  # (no page is numbered 0 or 07)
                numbers[i] = (int(m.group("n") or m.group("bare")), m.group("bare") is not None)
    order = list(numbers)  # (ascending: the lines were read in order)
    pages = {i for p, (i, (n, bare)) in enumerate(numbers.items()) if not bare or _next_page(numbers, order, p)}
    found = {lines[i] for i in pages}
    beside: dict[str, set[int]] = {}  # a line -> where it stands next to a page number
    for i in pages:
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and j not in numbers and len(lines[j]) <= _RUNNING_HEAD_LONGEST:
                beside.setdefault(lines[j], set()).add(j)
    found.update(line for line, at in beside.items() if len(at) >= 2)
    next_to_number = set().union(*beside.values())
    found.update(_repeated_apart(lines, [a or i in next_to_number for i, a in enumerate(alone)]))
    return frozenset(found)


def _after_a_cut(lines: list[str], i: int) -> bool:
    """The text line before line ``i`` (page numbers aside) ends inside a sentence: a page
    that ended mid-paragraph, as most pages do (a rubric repeated in a paper follows a
    finished paragraph)."""
    j = i - 1
    while j >= max(0, i - 3) and _PAGE_NUMBER.match(lines[j]):  # (a page's number and its foot)
        j -= 1
    return j >= 0 and not is_terminal(lines[j]) and kind_of(lines[j]) in ("prose", "list")


_PAGE_NUMBER_ENDS = frozenset("0123456789０１２３４５６７８９-—–－~·页一")  # (full-width digits print half width)
#: Lines of text a page holds at least: a running head prints once a page, so its copies
#: stand this far apart (a heading printed twice close together is something else).
_PAGE_LINES = 15


def _next_page(numbers: dict[int, tuple[int, bool]], order: list[int], p: int) -> bool:
    """The page number nearest after the ``p``-th one (``order``: their lines, ascending) is
    one or two more and a page on (``_PAGE_LINES`` lines or more), or the nearest before it
    one or two less and a page back: the pages' numbers in order, not the numbered parts of
    an article (``1`` … ``2`` a few paragraphs apart)."""
    i = order[p]
    n = numbers[i][0]
    return any(abs(j - i) >= _PAGE_LINES and 0 < (numbers[j][0] - n) * (1 if j > i else -1) <= 2
               for j in order[max(0, p - 1):p] + order[p + 1:p + 2])


#: A clause mark (a colon aside, which OCR reads for a head's ``·``): a running head has
#: none; a line of a paragraph printed twice mostly has some.
_CLAUSE = regex.compile(r"[，、；。！？,;!?]")


def _repeated_apart(lines: list[str], placed: list[bool]) -> set[str]:
    """Short lines with no clause mark printed twice or more where ``placed`` (beside a page
    number or a block of their own), each copy at least a page after the one before. A copy
    may differ by the characters OCR misreads on a page (``人民日报 1998年]月`` for
    ``…1998年1月``): one in eight, at least one. Copies are compared as the pipeline
    prints them (``职务:乡`` is ``职务：乡``, one character from ``职务：长``).

    >>> cut = "推动治理重心向基层下移，把更多资源、服务、管理放到社区，为居民提"
    >>> lines = ["人民日报 1998年1月"] + ["正文写完了。"] * 20 + [cut, "人民日报 1998年]月"]
    >>> sorted(_repeated_apart(lines, [True] * 23))
    ['人民日报 1998年1月', '人民日报 1998年]月']
    """
    heads: list[tuple[str, int, set[str]]] = []  # a head's first text as printed, where it was last seen, its texts
    by_length: dict[int, list[int]] = {}  # length -> indices into heads
    apart: set[str] = set()
    for i, line in enumerate(lines):
        if not (placed[i] and _RUNNING_HEAD_SHORTEST <= len(line) <= _RUNNING_HEAD_LONGEST) or _CLAUSE.search(line):
            continue
        shown = as_printed(line)
        allowed = max(1, len(shown) // 8)
        near = [k for n in (len(shown) - 1, len(shown), len(shown) + 1) for k in by_length.get(n, [])[-_COMPARED:]]
        match = next((k for k in near if Levenshtein.distance(shown, heads[k][0], score_cutoff=allowed) <= allowed),
                     None)
        if match is None:
            by_length.setdefault(len(shown), []).append(len(heads))
            heads.append((shown, i, {line}))
            continue
        first, seen, texts = heads[match]
        texts.add(line)
        if i - seen >= _PAGE_LINES and any(_after_a_cut(lines, k) for k in (seen, i)):
            apart.update(texts)
        heads[match] = (first, i, texts)
    return {line for line in apart if kind_of(line) == "heading" and LIST_ITEM.match(line) is None
            and chars.SECTION_HEADING.match(line) is None}  # (no credit, byline or caption: they repeat too)


#: How many earlier heads of a length a line is compared with (the cost stays linear).
_COMPARED = 32
_RUNNING_HEAD_SHORTEST = 4


def removals(text: str, furniture: frozenset[str]) -> list[Edit]:
    """The edits that remove the lines of ``furniture`` from ``text``, each with the line
    break that would leave a gap (a block of its own: the blank lines after it; a block's last
    line: the break before it; the text's last line: the breaks before it; a line inside a
    block: its own break), so the text on either side meets as if the page had not printed
    them.

    >>> doc = "为居民提\\n\\n— 1 —\\n\\n某市公报\\n\\n供服务，\\n— 2 —\\n某市公报\\n推动基层治理。\\n"
    >>> [(e.before, e.reason) for e in removals(doc, page_furniture(doc))][:2]
    [('— 1 —\\n\\n', 'page furniture removed: a page number'), ('某市公报\\n\\n', 'page furniture removed: a running head or foot')]
    >>> from cleaner.edits import apply_edits
    >>> apply_edits(doc, removals(doc, page_furniture(doc)))[0]
    '为居民提\\n\\n供服务，\\n推动基层治理。\\n'
    """
    if not furniture:
        return []
    runs: list[list[tuple[int, int, str]]] = []  # lines of furniture one after another in a block
    for m in _LINE.finditer(text):
        line = m.group(1).strip()
        if not line or line not in furniture:
            continue
        here = (m.start(), m.start() + len(m.group(1)), line)
        if runs and runs[-1][-1][1] + 1 == m.start():
            runs[-1].append(here)
        else:
            runs.append([here])
    out: list[tuple[int, int, set[str]]] = []  # (start, end, what) of each removal
    for run in runs:
        start, content_end = run[0][0], run[-1][1]
        end = min(len(text), content_end + 1)
        after = end
        while after < len(text) and text[after] == "\n":
            after += 1
        alone_before = start == 0 or text[start - 2:start] == "\n\n"
        if after == len(text) and start > 0:  # the text's last lines: they go with the breaks before them
            start, end = len(text[:start].rstrip("\n")), content_end
        elif after > end and not alone_before:  # they end a block: the break before them goes
            start, end = start - 1, content_end
        elif after > end:  # a block of their own: the blank lines after them go
            end = after
        if start == 0 or text[start - 2:start] == "\n\n":
            # the line after them opens a block now: its indent goes too (normalize takes a
            # block's first indent, and would on a second run)
            while end < len(text) and text[end] in _INDENT:
                end += 1
        kinds = {"a page number" if _PAGE_NUMBER.match(line) else "a running head or foot" for _, _, line in run}
        if out and start < out[-1][1]:  # (the text's last line, right after another block of furniture)
            start, kinds = out[-1][0], kinds | out.pop()[2]
        out.append((start, end, kinds))
    return [make_edit(NAME, text, start, end, "", "page furniture removed: " + " and ".join(sorted(kinds)),
                      rule="rejoin.furniture.removed") for start, end, kinds in out]


_INDENT = frozenset(chars.INDENT_SPACES)
_LINE = regex.compile(r"^([^\n]*)(?:\n|$)", regex.MULTILINE)
