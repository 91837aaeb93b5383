"""The ``rejoin`` pass: restore the paragraph structure a page layout broke.

OCR and PDF extraction hard-wrap every printed line, cut paragraphs at column
and page breaks, let another article's column run into a paragraph, glue
headings into prose and leave spaces between Chinese characters. This pass
repairs the structure in two stages; every decision is an edit whose reason
names its evidence.

Stage 1, inside blocks (a block is a run of non-blank lines):

* stray ``>`` markup at a block start is removed; runs of blank lines
  collapse to one;
* hard-wrapped lines are joined (Chinese to Chinese with nothing between,
  Latin to Latin with one space). A line that fills the column (the wrap
  width is measured on the document itself) continues on the next line; a
  short line that ends a sentence ends a paragraph, so the block is split;
* spaces OCR put between Chinese characters are removed when a word spans
  them (``引 导`` → ``引导``) or when the document is full of such spaces;
  spaced-out digits are rejoined (``1 9 9 8年``). Spaces in headings,
  datelines, titles in ``《》`` and quotations stay;
* a heading glued to the start of a paragraph, or between two of its
  sentences, is split out.

Stage 2, between blocks. Blocks are classified first (heading, byline,
dateline, credit, caption, page furniture, list item, prose) and a block
that ends without a sentence stop is scored against the block that follows.
Evidence for a join: a word spans the break (``主题教育开`` + ``展过程中``),
the next block starts with a character that never starts a sentence
(``的问题``) or with one character and a comma, the block ends with a word
that needs a continuation (``虽然``, a preposition, an enumeration comma), an
unclosed quotation, earlier sentences of the block end with a stop (the
block is prose, so its open end is a cut) or its last line fills the column.
Evidence against: the block or the next one looks like a heading, the next
one opens like a paragraph (``据悉``, a quotation), the block ends inside a
word that the next block does not complete. A join needs a score of at
least :attr:`Options.threshold`.

When a block is cut and its continuation is not the next block but one
further on (another article's column ran in between), the continuation and
the blocks that belong with it are moved up behind it (``interrupted``).
Blocks whose cut ends repeat each other (a duplicated passage) are left for
``dedup``.

>>> from cleaner.pipeline import Pipeline
>>> Pipeline(["normalize", "rejoin"])("共舞蓝天。据悉，他们根据气\\n\\n象条件编排了动作。\\n")
'共舞蓝天。据悉，他们根据气象条件编排了动作。\\n'
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

import regex

from .. import chars, lang
from ..edits import Edit, OffsetMap, apply_edits, compose, make_edit, run_steps
from ..chars import CLAUSE, DATELINE, INNER_STOP, LIST_ITEM, PUNCT, TERMINAL, TRAILING_PAREN
from ..text import Block, lines_at, paragraph_style, separator
from ..text import paragraphs as _paragraphs

NAME = "rejoin"


@dataclass(frozen=True)
class Options:
    """Options of the ``rejoin`` pass.

    columns: split lines that OCR read straight across two columns (a wide
        gap in the middle of most lines) into the left column, then the right
        (default ``True``).
    lines: join hard-wrapped lines inside a block (default ``True``).
    paragraphs: join blocks cut mid-sentence (default ``True``).
    interrupted: move a displaced continuation up to the block it continues
        (default ``True``).
    headings: split headings glued into prose (default ``True``).
    spaces: remove OCR spaces between Chinese characters (default ``True``).
    markup: remove stray ``>`` at block starts (default ``True``).
    blank_lines: collapse runs of blank lines (default ``True``).
    threshold: evidence score a join needs (default ``2.0``; higher is more
        cautious).
    window: how many blocks ahead a displaced continuation is looked for
        (default ``12``).
    """

    columns: bool = True
    lines: bool = True
    paragraphs: bool = True
    interrupted: bool = True
    headings: bool = True
    spaces: bool = True
    markup: bool = True
    blank_lines: bool = True
    threshold: float = 2.0
    window: int = 12


@lru_cache(maxsize=4)
def _blocks_of(text: str, style: str) -> tuple[Block, ...]:
    return tuple(_paragraphs(text, style))  # type: ignore[arg-type]


def paragraphs(text: str, style: str | None = None) -> tuple[Block, ...]:
    """The blocks of ``text`` (cached: the stages of one run split the same text)."""
    return _blocks_of(text, style or paragraph_style(text))


# --------------------------------------------------------------------------
# Character classes and block classification

_MARKER = regex.compile(r"^(?:[◆◇■□●○▲△★☆▶►•※◎]|——)")
_CREDIT = regex.compile(r"^[（(【\[][^（()）\n]{1,40}[）)】\]]$")
_BYLINE = regex.compile(r"^(?:(?:本报|新华社|中新社|人民日报)(?:特约)?记者|记者|通讯员|本报评论员)[\p{Han}\s、·]{0,20}$")
_CAPTION = regex.compile(r"^(?:图为|图：|图:|上图|下图|左图|右图|图\d|资料图|供图)")
_FURNITURE = regex.compile(
    r"(?:星期[一二三四五六日天].*(?:责编|版式|校对|编辑))|^(?:第\s*\d+\s*版|[-—\s]*\d{1,4}[-—\s]*)$|(?:责编|责任编辑)[:：\s]")
_INTERJECTIONS = frozenset("哦啊呀嗯唉哎喂嘿噢哈呵咦嗨哇")
#: Single-character suffixes of place and organisation names: ``…布拉克`` + ``镇``.
_NAME_SUFFIX = frozenset("镇乡村县市区省州旗盟路街巷局委厅处科院所站队馆店厂园场港湾岛山河湖江桥寺庙校")


def is_terminal(text: str) -> bool:
    """True when ``text`` ends a sentence (a stop, perhaps closed by quotes or a credit).

    >>> is_terminal("完成了。”"), is_terminal("安全顺畅。(据新华社北京6月6日电)"), is_terminal("为广大")
    (True, True, False)
    """
    text = text.rstrip()
    if TERMINAL.search(text):
        return True
    m = TRAILING_PAREN.search(text)
    return bool(m) and bool(TERMINAL.search(text[:m.start()].rstrip()))


@lru_cache(maxsize=8192)
def kind_of(text: str) -> str:
    """Classify a block: ``furniture``, ``credit``, ``byline``, ``caption``,
    ``marker`` (a heading with a marker), ``list``, ``heading`` (short and
    open) or ``prose``.

    >>> [kind_of(t) for t in ["（新华社北京11月7日电）", "新华社记者", "◆办实事 以更有力举措",
    ...                       "多彩活动迎端午", "1.毫不放松压实责任。", "共舞蓝天。据悉，他们根据气"]]
    ['credit', 'byline', 'marker', 'heading', 'list', 'prose']
    """
    text = text.strip()
    if _FURNITURE.search(text):
        return "furniture"
    if _CREDIT.match(text):
        return "credit"
    if _BYLINE.match(text):
        return "byline"
    if _CAPTION.match(text):
        return "caption"
    if _MARKER.match(text):
        return "marker"
    if LIST_ITEM.match(text):
        return "list"
    if heading_like(text):
        return "heading"
    return "prose"


def heading_like(text: str) -> bool:
    """Short, open and with at most one clause comma: how headings look.

    >>> heading_like("强化思想引领,持续紧扣冠要求"), heading_like("他们根据气象条件，编排设计了动作，")
    (True, False)
    """
    text = text.strip()
    if is_terminal(text) or "\n" in text:
        return False
    commas = len(chars.COMMA.findall(text))
    if chars.HEADING_BREAKER.search(text):
        return False
    if len(text) <= 24 and commas <= 1:
        return True
    return len(text) <= 45 and commas == 0


def _width(s: str) -> int:
    """Display width in half-width units, approximated fast: CJK characters
    (three UTF-8 bytes) count two, ASCII one.

    >>> _width("中文ab")
    6
    """
    return len(s) + (len(s.encode("utf-8", "surrogatepass")) - len(s)) // 2


def _mostly_wide(s: str) -> bool:
    """At least half the characters are CJK (three UTF-8 bytes each)."""
    wide = (len(s.encode("utf-8", "surrogatepass")) - len(s)) // 2
    return 2 * wide >= len(s)


def _tolerance(w: int) -> int:
    return max(3, round(0.08 * w))


def wrap_width(lines: list[str]) -> int | None:
    """The column width (in half-width units) most wrapped lines fill, if there is one.

    >>> wrap_width(["一二三四五六七八九十"] * 5 + ["短"])
    20
    >>> wrap_width(["长短不一的行。", "这一行要长得多得多得多得多。", "短。"]) is None
    True
    """
    # Only lines of Chinese text: Latin text wraps at word ends, so its lines are ragged.
    widths = sorted(w for w in (_width(s) for s in lines if _mostly_wide(s)) if w >= 10)
    if len(widths) < 4:
        return None
    best, best_count = None, 0
    lo = 0
    for hi, w in enumerate(widths):
        while widths[lo] < w - _tolerance(w):
            lo += 1
        count = hi - lo + 1
        if count >= best_count:
            best, best_count = w, count
    if best is None or best_count < max(3, 0.3 * len(widths)):
        return None
    return best


def _is_full(line: str, width: int | None) -> bool:
    """The line fills the column (a line much wider than the column is a headline, not a wrap)."""
    if width is None:
        return False
    w = _width(line.rstrip())
    return width - _tolerance(width) <= w <= width + _tolerance(width)


def _joiner(left: str, right: str) -> str:
    """What goes between two pieces when a break between them is removed."""
    a, b = left[-1:], right[:1]
    if a.isdigit() and b.isdigit():
        return ""
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
        return " "
    if a in ",;:!?" and b.isascii() and b.isalpha():
        return " "
    return ""


# --------------------------------------------------------------------------
# The junction score

class Verdict(NamedTuple):
    score: float
    evidence: tuple[str, ...]
    hard: bool  # a hard "no": the score is meaningless


def _unclosed(text: str) -> bool:
    for o, c in ("“”", "（）", "《》", "()"):
        if text.rfind(o) > text.rfind(c):
            return True
    return text.count('"') % 2 == 1


def _never_starts(b: str, first: str) -> bool:
    """``b`` starts with a particle or suffix standing alone (``的问题``, not ``着力``)."""
    return b[0] in lang.NEVER_START and len(first) <= 1


def junction(a: str, b: str, *, full: bool = False) -> Verdict:
    """Score the evidence that block ``b`` continues block ``a``.

    >>> junction("共舞蓝天。据悉，他们根据气", "象条件编排了动作。").score >= 2
    True
    >>> junction("多彩活动迎端午", "端午节临近，各地举办活动。").score >= 2
    False
    """
    a, b = a.rstrip(), b.lstrip()
    if not a or not b:
        return Verdict(0.0, ("empty",), True)
    if is_terminal(a):
        return Verdict(0.0, ("the first ends a sentence",), True)
    ka, kb = kind_of(a), kind_of(b)
    if ka in ("furniture", "credit", "byline", "marker", "caption"):
        return Verdict(0.0, (f"the first is a {ka}",), True)
    if kb in ("furniture", "credit", "byline", "marker", "caption", "list"):
        return Verdict(0.0, (f"the second is a {kb}",), True)
    if DATELINE.match(b):
        return Verdict(0.0, ("the second starts with a dateline",), True)
    score = 0.0
    ev: list[str] = []
    gain = lang.junction_gain(a, b)
    if gain >= 3:
        score += 3
        ev.append(f"a word spans the break (gain {gain:.1f})")
    elif gain >= 1:
        score += 1
        ev.append(f"a word may span the break (gain {gain:.1f})")
    first = lang.first_word(b)
    if _never_starts(b, first):
        score += 4
        ev.append(f"the second starts with {b[0]!r}, which does not start a sentence")
    elif len(first) == 1 and len(b) > 1 and b[1] in "、，," and first not in _INTERJECTIONS:
        score += 4
        ev.append(f"the second starts with one character and a comma ({b[:2]})")
    elif len(first) == 1 and first in _NAME_SUFFIX and lang.junction_gain(a, "") == 0:
        score += 2
        ev.append(f"the second starts with the name suffix {first!r}")
    if a[-1] == "、":
        score += 1
        ev.append("the first ends with an enumeration comma")
    elif a[-1] in lang.NEVER_END or a.endswith(lang.OPEN_END_WORDS):
        score += 2
        ev.append("the first ends with a word that needs a continuation")
    if _unclosed(a):
        score += 2
        ev.append("the first has an unclosed quotation or bracket")
    if INNER_STOP.search(a):
        score += 2
        ev.append("earlier sentences of the first end with a stop, its open end is a cut")
    if full:
        score += 2
        ev.append("the first's last line fills the column")
    if ka == "heading" and not full:
        # (A line that fills the column is a wrapped line, not a heading.)
        score -= 2
        ev.append("the first looks like a heading")
    if kb == "heading":
        score -= 3
        ev.append("the second looks like a heading")
    if a[-1] in chars.CLOSERS:
        score -= 1
        ev.append("the first ends with a closing mark")
    if b.startswith(chars.PARAGRAPH_OPENERS):
        score -= 1.5
        ev.append("the second opens like a paragraph")
    if gain < 1 and lang.ends_inside_word(a) and not _never_starts(b, first):
        score -= 2 if full else 3
        ev.append("the first ends inside a word the second does not complete")
    return Verdict(score, tuple(ev), False)


# --------------------------------------------------------------------------
# Stage 1: inside blocks

_BLANK_RUN = regex.compile(r"\n{3,}")
_LINE_INDENT = regex.compile(r"(?<=\n)[ \t\u3000\xa0]+(?=\S)")
_LEAD_BLANK = regex.compile(r"^\n+")
_TRAIL_BLANK = regex.compile(r"\n{2,}$")
_MARKUP = regex.compile(r"(?:^|(?<=\n\n))> ?(?=\S)")
_HAN_SPACE = regex.compile(r"(?<=[\p{Han}])[ \t]+(?=[\p{Han}])")
_DIGIT_RUN = regex.compile(r"(?<![\d.,])\d(?:[ ]\d){2,}(?![\d.,])")
_UNITS = "年月日号时分秒个人次名项条家所元角万亿倍度岁只台辆座份件篇场届期批类种户位间栋层米吨里亩公斤克余多"
_DIGIT_UNIT = regex.compile(r"(?<=\d)[ ]+(?=[%s])" % _UNITS)
_HAN_DIGIT = regex.compile(r"(?<=\p{Han})[ ]+(?=\d)|(?<=\d)[ ]+(?=\p{Han})")
_TIGHT_DIGIT = regex.compile(r"\p{Han}\d|\d\p{Han}")


def _layout(text: str, opts: Options) -> list[Edit]:
    out: list[Edit] = []
    if opts.blank_lines:
        for m in _LEAD_BLANK.finditer(text):
            out.append(make_edit(NAME, text, m.start(), m.end(), "", "blank lines at the start removed"))
        for m in _BLANK_RUN.finditer(text):
            if m.end() == len(text) or m.start() == 0:
                continue
            out.append(make_edit(NAME, text, m.start(), m.end(), "\n\n", "run of blank lines collapsed"))
        m = _TRAIL_BLANK.search(text)
        if m and m.start() > 0:
            out.append(make_edit(NAME, text, m.start(), m.end(), "\n", "blank lines at the end removed"))
    if opts.markup:
        for m in _MARKUP.finditer(text):
            out.append(make_edit(NAME, text, m.start(), m.end(), "", "stray '>' markup at a block start removed"))
    return out


_GAP = regex.compile(r"[ \t]{3,}")


def _gap(line: str) -> tuple[str, str] | None:
    """The left and right halves of a line with a wide gap between Chinese text, if any."""
    if "   " not in line and "\t" not in line:
        return None
    m = _GAP.search(line.strip())
    if m is None:
        return None
    left, right = line.strip()[:m.start()], line.strip()[m.end():]
    if not (chars.HAN_RE.search(left) and chars.HAN_RE.search(right)):
        return None
    return left, right


def _columns(text: str) -> list[Edit]:
    """Lines read across two columns, de-interleaved: the left column, then the right.

    OCR sometimes reads a two-column page line by line straight across the
    gutter; each such line holds a left-column line, a wide gap and a
    right-column line. A run of at least three of them (blank lines and
    single-column lines between them included) is rewritten as the left
    halves in order, a blank line, and the right halves in order.
    """
    starts, lines = map(list, zip(*lines_at(text)))
    gaps = [_gap(line) for line in lines]
    edits: list[Edit] = []
    i = 0
    while i < len(lines):
        if not gaps[i]:
            i += 1
            continue
        j = i
        last = i
        while j + 1 < len(lines):
            nxt = j + 1
            if gaps[nxt]:
                last = nxt
            elif not any(gaps[k] for k in range(nxt, min(len(lines), nxt + 3))):
                break
            j = nxt
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
                                   "first, then the right"))
        i = last + 1
    return edits


def _block_lines(text: str) -> list[str]:
    """Lines whose width may reveal the column: all but the last of each block."""
    found: list[str] = []
    for block in paragraphs(text, "blank"):
        found.extend(block.text.split("\n")[:-1])
    return found


def _lines(text: str, style: str, width: int | None, opts: Options) -> list[Edit]:
    if style != "blank":
        return []
    out: list[Edit] = []
    for block in paragraphs(text, "blank"):
        placed = list(lines_at(block.text, block.start))
        if len(placed) < 2:
            continue
        current = placed[0][1]
        for (pos, line), (_, nxt) in zip(placed, placed[1:]):
            brk = pos + len(line)
            indent = len(nxt) - len(nxt.lstrip(" \t\u3000\xa0"))
            if indent:
                out.append(make_edit(NAME, text, brk, brk + 1 + indent, "\n\n",
                                     "indented line starts a new paragraph"))
                current = nxt.lstrip()
                continue
            if not line.strip() or not nxt.strip():
                current = nxt
                continue
            if chars.TRAILING_MARKS_ONLY.match(nxt):
                out.append(make_edit(NAME, text, brk, brk + 1, "",
                                     "joined a line holding only closing punctuation to the line it ends"))
                current += nxt
                continue
            if _noise(nxt) or _noise(line):
                out.append(make_edit(NAME, text, brk, brk + 1, "\n\n",
                                     "split: OCR debris (a tiny line) stands apart"))
                current = nxt
                continue
            if is_terminal(line) and (LIST_ITEM.match(nxt) or _MARKER.match(nxt)):
                out.append(make_edit(NAME, text, brk, brk + 1, "\n\n",
                                     "split: a list item or marked heading starts after a stop"))
                current = nxt
                continue
            if not chars.HAN_RE.search(line) and not chars.HAN_RE.search(nxt) and not LIST_ITEM.match(nxt):
                after = _joiner(line, nxt)
                out.append(make_edit(NAME, text, brk, brk + 1, after,
                                     "joined wrapped lines of Latin text inside a paragraph"))
                current += after + nxt
                continue
            if _is_full(line, width) and kind_of(current) != "furniture":
                after = _joiner(line, nxt)
                out.append(make_edit(NAME, text, brk, brk + 1, after,
                                     f"joined hard-wrapped line: it fills the column ({width} wide)"))
                current += after + nxt
                continue
            verdict = junction(current, nxt)
            if verdict.hard and is_terminal(current):
                if width is not None:
                    out.append(make_edit(NAME, text, brk, brk + 1, "\n\n",
                                         "split: a short line ending a sentence ends the paragraph"))
                current = nxt
                continue
            score = verdict.score + (2 if width is None else 0)
            if not verdict.hard and score >= opts.threshold:
                after = _joiner(line, nxt)
                out.append(make_edit(NAME, text, brk, brk + 1, after,
                                     "joined lines: " + "; ".join(verdict.evidence), verdict.score))
                current += after + nxt
            elif width is not None:
                out.append(make_edit(NAME, text, brk, brk + 1, "\n\n",
                                     "split: a short open line that does not continue on the next "
                                     "(" + "; ".join(verdict.evidence) + ")", verdict.score))
                current = nxt
            else:
                current = nxt
    return out


def _spaces_kept(line: str) -> list[tuple[int, int]]:
    """Spans whose spaces are intentional: titles in 《》, short quoted names and slogans
    (a long quotation with clauses is speech: its spaces are OCR's), a dateline."""
    spans = [(m.start(), m.end()) for m in chars.TITLES_AND_QUOTES.finditer(line)
             if m.group().startswith("《") or (len(m.group()) <= 24 and not CLAUSE.search(m.group()))]
    m = DATELINE.match(line)
    if m:
        spans.append((0, m.end() + 2))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _spacey(text: str) -> bool:
    """True when spaces between Han characters are the document's noise, not its style."""
    count = han = 0
    if not _HAN_SPACE.search(text):
        return False
    for block in paragraphs(text):
        if kind_of(block.text) != "prose":
            continue
        spans = _spaces_kept(block.text)
        han += len(chars.HAN_RE.findall(block.text))
        count += sum(1 for m in _HAN_SPACE.finditer(block.text) if not _inside(m.start(), spans))
    return count >= 3 and count * 150 >= han


def _spaces(text: str, style: str, opts: Options) -> list[Edit]:
    out: list[Edit] = []
    spacey = _spacey(text)
    for block in paragraphs(text, style):
        body = block.text
        if " " not in body or kind_of(body) != "prose":
            continue
        spans = _spaces_kept(body)
        base = block.start
        han_digit = _HAN_DIGIT.findall(body)
        tight = len(_TIGHT_DIGIT.findall(body))
        for m in _DIGIT_RUN.finditer(body):
            out.append(make_edit(NAME, text, base + m.start(), base + m.end(), m.group().replace(" ", ""),
                                 "spaced-out digits rejoined"))
        digit_spans = [(m.start(), m.end()) for m in _DIGIT_RUN.finditer(body)]
        if len(han_digit) <= tight:
            for m in _DIGIT_UNIT.finditer(body):
                if not _inside(m.start(), spans) and not _inside(m.start() - 1, digit_spans):
                    out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                         "OCR space between a number and its unit removed"))
        for m in _HAN_SPACE.finditer(body):
            gain = lang.junction_gain(body[:m.start()], body[m.end():])
            if _inside(m.start(), spans):
                # Titles and quotations keep their spaces, unless a word spans one.
                if gain >= 3:
                    out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                         f"OCR space inside a word removed (gain {gain:.1f})", gain))
                continue
            if gain >= 1:
                out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                     f"OCR space inside a word removed (gain {gain:.1f})", gain))
            elif spacey:
                out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                     "OCR space between Chinese characters removed (the document is "
                                     "full of line-wrap spaces)"))
            elif opts.headings:
                out.extend(_glued_heading(text, style, base, body, m, opts))
    return out


def _glued_heading(text: str, style: str, base: int, body: str, m: regex.Match, opts: Options) -> list[Edit]:
    """A heading glued before a paragraph or between two of its sentences."""
    starts = [s.end() for s in chars.SENTENCE_BREAK.finditer(body[:m.start()])]
    start = starts[-1] if starts else 0
    head = body[start:m.start()]
    rest = body[m.end():]
    if not 6 <= len(head) <= 30 or PUNCT.search(head) or regex.search(r"\s", head):
        return []
    if start == 0 and (DATELINE.match(body) or kind_of(head) != "heading"):
        return []
    first_clause = regex.split(r"[\p{P}\s]", rest, maxsplit=1)[0]
    if len(rest) < 10 or len(first_clause) < 2 or not is_terminal(rest) and not INNER_STOP.search(rest):
        return []
    if regex.match(r"[\p{Han}]{0,3}[:：]", rest) or first_clause.endswith(("：", ":")):
        return []
    verdict = junction(head, rest)
    if not verdict.hard and verdict.score >= opts.threshold:
        return []
    sep = separator(style)
    reason = "heading glued into a paragraph split out: a short unpunctuated phrase, then a space and a sentence"
    edits = [make_edit(NAME, text, base + m.start(), base + m.end(), sep, reason)]
    if start > 0:
        edits.insert(0, make_edit(NAME, text, base + start, base + start, sep, reason))
    return edits


# --------------------------------------------------------------------------
# Stage 2: between blocks

def _bigrams(text: str) -> set[str]:
    han = "".join(regex.findall(r"\p{Han}+", text))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def _cohesion(grams: set[str], context: set[str]) -> float:
    return len(grams & context) / (len(grams) or 1)


class _Block(NamedTuple):
    start: int
    end: int
    text: str
    full: bool
    indented: bool = False  # the line was indented: a paragraph start


def _tail_key(text: str) -> str | None:
    tail = text.rstrip()[-12:]
    return tail if len(regex.findall(r"\p{Han}", tail)) >= 6 else None


def _between(text: str, style: str, full_ends: set[int], opts: Options,
             indented: frozenset[int] = frozenset()) -> list[Edit]:
    found = paragraphs(text, style)
    blocks = [_Block(b.start, b.end, b.text, b.end in full_ends, b.start in indented) for b in found]
    n = len(blocks)
    if n < 2:
        return []
    kinds = [kind_of(b.text) for b in blocks]
    open_ = [kinds[i] in ("prose", "heading") and not is_terminal(blocks[i].text) for i in range(n)]
    # Cut blocks whose ends repeat another's: a duplicated passage; dedup decides.
    tails: dict[str, list[int]] = {}
    for i in range(n):
        key = _tail_key(blocks[i].text) if open_[i] else None
        if key:
            tails.setdefault(key, []).append(i)
    deferred = {i for group in tails.values() if len(group) > 1 for i in group}

    reasons: dict[int, str] = {}
    scores: dict[int, float] = {}
    order = list(range(n))
    joined_to_next: set[int] = set()

    moved: set[int] = set()
    if opts.interrupted:
        order, moved = _stitch(blocks, kinds, open_, deferred, opts, reasons, scores, joined_to_next)

    if opts.paragraphs:
        order = _join_neighbours(blocks, style, order, open_, deferred, moved, opts, reasons, scores,
                                 joined_to_next)

    if not joined_to_next and order == list(range(n)):
        return []
    return _render(text, style, blocks, order, joined_to_next, reasons, scores, moved)


def _noise(text: str) -> bool:
    """A one-character block, or a few non-word characters: OCR debris from rules and images."""
    text = text.strip()
    if chars.TRAILING_MARKS_ONLY.match(text):
        return False
    return len(text) <= 1 or (len(text) <= 3 and not regex.search(r"[\p{Han}\p{N}]", text))


def _join_neighbours(blocks: list[_Block], style: str, order: list[int], open_: list[bool],
                     deferred: set[int], moved: set[int], opts: Options, reasons: dict[int, str],
                     scores: dict[int, float], joined: set[int]) -> list[int]:
    """Join each cut block to the block after it; return the (possibly changed) order.

    OCR debris between a cut block and its continuation (a stray ``|`` from a
    column rule) does not stop the join: the debris moves after the paragraph.
    """
    seq = list(order)
    current = ""
    k = 0
    while k < len(seq) - 1:
        i = seq[k]
        current = (current + blocks[i].text) if current else blocks[i].text
        if i in joined:
            k += 1
            continue
        if i in deferred or not open_[i] or _noise(blocks[i].text):
            current = ""
            k += 1
            continue
        m = k + 1
        while m < len(seq) - 1 and m - k <= 3 and _noise(blocks[seq[m]].text) and seq[m] not in joined:
            m += 1
        j = seq[m]
        verdict = junction(current, blocks[j].text, full=blocks[i].full)
        if blocks[j].indented:
            verdict = Verdict(0.0, ("the second is indented: a new paragraph",), True)
        if verdict.hard:
            current = ""
            k += 1
            continue
        if j != i + 1 and (i + 1) in moved:
            g = _bigrams(blocks[j].text)
            mine = set().union(*(_bigrams(blocks[x].text) for x in range(max(0, i - 3), i + 1)))
            theirs = set().union(*(_bigrams(blocks[x].text) for x in range(i + 1, j) if x in moved))
            if _cohesion(g, mine) > _cohesion(g, theirs):
                verdict = Verdict(verdict.score + 2, verdict.evidence + (
                    "the other article's text between them was moved away, and the second reads "
                    "with the first's",), False)
        need = opts.threshold
        if style == "newline" and not blocks[i].full:
            need = max(need, 4.0)
        if verdict.score >= need:
            joined.add(i)
            reasons[i] = "joined paragraphs cut mid-sentence: " + "; ".join(verdict.evidence)
            scores[i] = verdict.score
            if m > k + 1:
                debris = seq[k + 1:m]
                seq[k + 1:m + 1] = [j]
                # The debris goes after the paragraph the join completes.
                end = k + 1
                while end < len(seq) - 1 and seq[end] in joined:
                    end += 1
                seq[end + 1:end + 1] = debris
                moved.update(debris)
                reasons[i] += f"; across OCR debris ({len(debris)} tiny block(s) moved after the paragraph)"
        else:
            current = ""
        k += 1
    return seq


def _stitch(blocks: list[_Block], kinds: list[str], open_: list[bool], deferred: set[int],
            opts: Options, reasons: dict[int, str], scores: dict[int, float],
            joined_to_next: set[int]) -> tuple[list[int], set[int]]:
    """Find displaced continuations; return the new block order and the blocks moved."""
    n = len(blocks)
    pairs: list[tuple[float, int, int, Verdict]] = []
    for i in range(n - 2):
        if not open_[i] or i in deferred or kinds[i] != "prose":
            continue
        nxt = i + 1
        while nxt < n - 1 and _noise(blocks[nxt].text):
            nxt += 1
        near = junction(blocks[i].text, blocks[nxt].text, full=blocks[i].full)
        near_score = -99.0 if near.hard else near.score
        for j in range(nxt + 1, min(n, i + 2 + opts.window)):
            if kinds[j] != "prose" or _noise(blocks[j].text) or blocks[j].indented or kinds[j - 1] in ("heading", "marker"):
                continue  # a block right after a heading opens that heading's text
            b = blocks[j].text
            # Moving text far needs the most specific evidence: a word across the
            # break. A particle start alone is not enough (OCR misreads 据 as 所).
            if lang.junction_gain(blocks[i].text, b) < 3:
                continue
            v = junction(blocks[i].text, b)
            if not v.hard:
                # Nearer candidates are likelier; a word across the break is the surest sign.
                bonus = 1.0 if lang.junction_gain(blocks[i].text, b) >= 3 else 0.0
                v = Verdict(v.score + bonus - 0.25 * (j - i - 1), v.evidence, False)
            if v.hard or v.score < opts.threshold + 1 or v.score < near_score + 1:
                continue
            prev = blocks[j - 1].text
            if open_[j - 1] and j - 1 != i:
                # The block before the candidate is cut too: only a word
                # spanning this break, and not that one, takes it away.
                pv = junction(prev, b, full=blocks[j - 1].full)
                if not pv.hard and (pv.score >= v.score or lang.junction_gain(blocks[i].text, b) < 3
                                    or lang.junction_gain(prev, b) >= 1):
                    continue
            pairs.append((v.score, i, j, v))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_a: set[int] = set()
    used_c: set[int] = set()
    chosen: list[tuple[int, int, Verdict]] = []
    for score, i, j, v in pairs:
        if i in used_a or j in used_c or j in used_a or i in used_c:
            continue
        used_a.add(i)
        used_c.add(j)
        chosen.append((i, j, v))
    if not chosen:
        return list(range(n)), set()
    targets = {j for _, j, _ in chosen}
    runs: dict[int, list[int]] = {}
    for i, j, v in chosen:
        # The run carried with the continuation: blocks that read with the
        # first block's article rather than with the one that interrupted it.
        home = set().union(*(_bigrams(blocks[k].text) for k in range(max(0, i - 6), i + 1)))
        away = set().union(*(_bigrams(blocks[k].text) for k in range(i + 1, j)))
        run = [j]
        k = j + 1
        while k < n and k not in targets and kinds[k] == "prose" and k not in used_a:
            g = _bigrams(blocks[k].text)
            if _cohesion(g, home) <= _cohesion(g, away):
                break
            run.append(k)
            if open_[k]:
                break
            k += 1
        runs[i] = run
        joined_to_next.add(i)
        reasons[i] = (f"joined a paragraph interrupted by other text: its continuation is block "
                      f"{j - i} blocks further on; " + "; ".join(v.evidence))
        scores[i] = v.score
        if len(run) > 1:
            reasons[i] += f"; the {len(run) - 1} block(s) after the continuation moved with it"
    moved = {k for run in runs.values() for k in run}
    order: list[int] = []

    def emit(i: int) -> None:
        order.append(i)
        for k in runs.get(i, ()):
            emit(k) if k in runs else order.append(k)

    for i in range(n):
        if i not in moved:
            emit(i)
    return order, moved


def _render(text: str, style: str, blocks: list[_Block], order: list[int], joined: set[int],
            reasons: dict[int, str], scores: dict[int, float], moved: set[int]) -> list[Edit]:
    """Edits turning the blocks of ``text`` into ``order`` with ``joined`` breaks removed."""
    n = len(blocks)
    moved_at = [k for k, i in enumerate(order) if i != k]
    if not moved_at:
        # Same order: each join replaces one separator.
        return [make_edit(NAME, text, blocks[i].end, blocks[i + 1].start,
                          _joiner(blocks[i].text, blocks[i + 1].text), reasons[i], scores.get(i))
                for i in sorted(joined)]
    lo, hi = max(0, moved_at[0] - 1), min(n - 1, moved_at[-1] + 1)
    edits = [make_edit(NAME, text, blocks[i].end, blocks[i + 1].start,
                       _joiner(blocks[i].text, blocks[i + 1].text), reasons[i], scores.get(i))
             for i in sorted(joined) if i < lo or i >= hi]
    sub = [blocks[i] for i in range(lo, hi + 1)]
    start, end = sub[0].start, sub[-1].end
    local = [i - lo for i in order[lo:hi + 1]]
    inner = _render_moves(text[start:end], [_Block(b.start - start, b.end - start, b.text, b.full) for b in sub],
                          local, {i - lo for i in joined if lo <= i < hi}, style,
                          {i - lo: r for i, r in reasons.items() if lo <= i <= hi},
                          {i - lo: v for i, v in scores.items() if lo <= i <= hi},
                          {i - lo for i in moved if lo <= i <= hi})
    edits.extend(replace(e, start=e.start + start, end=e.end + start) for e in inner)
    return sorted(edits, key=lambda e: e.start)


def _render_moves(text: str, blocks: list[_Block], order: list[int], joined: set[int], style: str,
                  reasons: dict[int, str], scores: dict[int, float], moved: set[int]) -> list[Edit]:
    """Edits for a stretch of blocks put in a new order (a block-level diff)."""
    n = len(blocks)
    sep = separator(style)
    old: list[tuple[str, str]] = [("H", text[:blocks[0].start])]
    for i, b in enumerate(blocks):
        old.append((f"B{i}", b.text))
        nxt = blocks[i + 1].start if i + 1 < n else len(text)
        old.append((f"S{i}", text[b.end:nxt]))
    new: list[tuple[str, str]] = [("H", text[:blocks[0].start])]
    for k, i in enumerate(order):
        new.append((f"B{i}", blocks[i].text))
        if k + 1 < len(order):
            j = order[k + 1]
            if i in joined:
                glue = _joiner(blocks[i].text, blocks[j].text)
                new.append((f"J{i}" if glue == "" else f"J{i} ", glue))
            elif j == i + 1:
                new.append((f"S{i}", text[blocks[i].end:blocks[j].start]))
            else:
                new.append(("N", sep))
        else:
            new.append((f"S{n - 1}", text[blocks[n - 1].end:]))
    offsets = [0]
    for _, t in old:
        offsets.append(offsets[-1] + len(t))
    matcher = difflib.SequenceMatcher(None, [k for k, _ in old], [k for k, _ in new], autojunk=False)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = offsets[i1], offsets[i2]
        after = "".join(t for _, t in new[j1:j2])
        ids = {int(k[1:].strip()) for k, _ in old[max(0, i1 - 1):i2 + 1] + new[max(0, j1 - 1):j2 + 1]
               if k[0] in "BSJ"}
        why = [reasons[i] for i in sorted(ids) if i in reasons]
        gone = [k for k, _ in old[i1:i2] if k[0] == "B" and int(k[1:]) in moved]
        if gone and tag in ("replace", "delete"):
            why.append(f"{len(gone)} block(s) moved up behind the paragraph they continue")
        score = max((scores[i] for i in ids if i in scores), default=None)
        edits.append(make_edit(NAME, text, start, end, after, "; ".join(dict.fromkeys(why)) or
                               "blocks moved", score))
    return edits


# --------------------------------------------------------------------------

def run(text: str, options: Options = Options()) -> list[Edit]:
    """The edits that rejoin ``text``.

    >>> [e.reason for e in run("确保基层党员干部理论学习\\n\\n各地总结经验。\\n")]
    []
    """
    original = text
    first: list[Edit] = []
    if options.columns:
        found = _columns(text)
        if found:
            text, first = apply_edits(text, found)
    edits: list[Edit] = []
    current = text
    style = paragraph_style(text)
    width = wrap_width(_block_lines(text) if style == "blank" else text.split("\n"))
    # Ends of lines that fill the column, as offsets in ``text``.
    full_ends: set[int] = set()
    if width is not None:
        full_ends = {pos + len(line) for pos, line in lines_at(text) if _is_full(line, width)}

    # In one-paragraph-a-line text an indented line starts a paragraph.
    indents = [(m.start(), m.end()) for m in _LINE_INDENT.finditer(text)] if style == "newline" else []
    indented_at = {end for _, end in indents}

    def unindent(t: str) -> list[Edit]:
        return [make_edit(NAME, t, m.start(), m.end(), "", "indentation removed: it marks a paragraph start")
                for m in _LINE_INDENT.finditer(t)]

    steps = [lambda t: _layout(t, options)]
    if indents:
        steps.append(unindent)
    if options.lines:
        steps.append(lambda t: _lines(t, style, width, options))
    if options.spaces:
        steps.append(lambda t: _spaces(t, style, options))
    current, edits = run_steps(text, steps)
    if options.paragraphs or options.interrupted:
        back = OffsetMap(edits)
        blocks = paragraphs(current, style)
        ends = {b.end for b in blocks if back.to_input_end(b.end) in full_ends}
        marked = frozenset(b.start for b in blocks if back.to_input(b.start) in indented_at)
        found = _between(current, style, ends, options, marked)
        if found:
            current, kept = apply_edits(current, found)
            edits = compose(text, edits, kept)
    return compose(original, first, edits) if first else edits

