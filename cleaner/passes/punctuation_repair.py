"""Repairs of the ``punctuation`` pass that read a mark from its context (used by
:mod:`cleaner.passes.punctuation`; kept apart so each file reads in one sitting).

Bracket partners (rule ``punctuation.bracket.partner``)
    OCR reads a round bracket as its look-alike: ``（`` as ``〈`` or ``《`` or
    ``(``, ``）`` as ``)``. A pair whose two halves disagree (``〈附图片2张)``,
    ``《本报记者李某摄)``, ``(附图片2张）``, ``（河南省郑州市〉``) is repaired from
    the half that is a round bracket: both become ``（`` ``）``. The halves are
    paired by nesting, so a true ``〈下〉`` or ``《人民日报》`` is paired with its
    own partner first and stays. Only pairs around Chinese text (a Han
    character inside, no sentence end, at most 30 characters) are repaired, and
    pairs with no round half at all (``〈…》``) are left alone: nothing says
    which mark was meant. A ``【`` closed by ``）`` (``【重大飞行事故罪）``) is
    repaired from its square half: OCR reads the heavy ``】`` as ``）``, and never
    invents a ``【``.

Lone round brackets (rule ``punctuation.bracket.lone``)
    An ASCII ``)`` right after a Han character with no opening bracket before
    it on the line, or an ASCII ``(`` before a Han character with no closing
    bracket after it, is the full-width mark whose partner OCR lost or misread
    beyond recognition (``附图片2张)`` → ``附图片2张）``). After a digit or a
    letter (``1)``, ``a)``) it stays: that is list numbering.

A space after a label (rule ``punctuation.space.label``)
    A space after a full-width colon is never typeset: the colon carries its
    own spacing. The spaces around the colon of a label of at most eight Han
    characters at the start of a line go (``职务： 县委书记``, ``施行日期 ： 1997年``)
    under this rule, which names the label; the general space rule removes the
    same spaces elsewhere, in a headline-shaped line too.
"""

from __future__ import annotations

from array import array
from typing import Container

import regex

from .. import chars

_BRACKET = regex.compile(r"[()（）〈〉《》【】]")
_OPENERS = "(（〈《【"
_FAMILY = {"(": "round", "（": "round", ")": "round", "）": "round",
           "〈": "angle", "〉": "angle", "《": "title", "》": "title"}
_TRUE_PAIRS = {"()", "（）", "〈〉", "《》"}
_HAN = regex.compile(r"\p{Han}")
_SENTENCE = regex.compile(r"[。！？]")
LABEL_SPACE = regex.compile(r"^\p{Han}{1,8}([ \t\u3000]*)：([ \t\u3000]*)(?=[\p{Han}\p{N}\p{L}（《“])")

RULE_PARTNER = "punctuation.bracket.partner"
RULE_LABEL = "punctuation.space.label"
RULE_LONE = "punctuation.bracket.lone"


def partner_brackets(line: str, protected: Container[int]) -> list[tuple[int, int, str, str, str]]:
    """Repairs of bracket pairs whose halves disagree, and of lone ASCII round brackets
    beside Han text: [(start, end, after, reason, rule)].

    >>> [r[:3] for r in partner_brackets("新闻〈附图片2张)完", set())]
    [(2, 3, '（'), (8, 9, '）')]
    >>> partner_brackets("《人民日报》〈下〉", set())
    []
    >>> [r[:3] for r in partner_brackets("第一条【重大飞行事故罪）航空人员", set())]
    [(11, 12, '】')]
    >>> [r[2:3] + r[4:] for r in partner_brackets("附图片2张)", set())]
    [('）', 'punctuation.bracket.lone')]
    """
    out = []
    stack = array("q")  # (8 bytes an opener, not an int object's 36: brackets may nest a million deep)
    for m in _BRACKET.finditer(line):
        i, ch = m.start(), m.group()
        if i in protected:
            continue
        if ch in _OPENERS:
            stack.append(i)
            continue
        if ch == "】":  # closes only its own opener
            if stack and line[stack[-1]] == "【":
                stack.pop()
            continue
        if not stack:
            if ch == ")" and i and _HAN.match(line[i - 1]):
                out.append((i, i + 1, "）", "a lone ASCII ')' after Chinese text", RULE_LONE))
            continue
        o = stack.pop()
        pair = line[o] + ch
        if line[o] == "【":
            if ch in ")）" and _bracketed_text(line[o + 1:i]):
                out.append((i, i + 1, "】", f"bracket pair {pair!r} around Chinese text repaired from its "
                            "square half (OCR reads 】 as ）)", RULE_PARTNER))
            continue
        if pair in _TRUE_PAIRS or "round" not in (_FAMILY[line[o]], _FAMILY[ch]):
            continue
        if not _bracketed_text(line[o + 1:i]):
            continue
        reason = f"bracket pair {pair!r} around Chinese text repaired from its round half"
        out += [(o, o + 1, "（", reason, RULE_PARTNER), (i, i + 1, "）", reason, RULE_PARTNER)]
    for o in stack:
        if line[o] == "(" and _HAN.match(line[o + 1:o + 2]) and ")" not in line[o:] and "）" not in line[o:]:
            out.append((o, o + 1, "（", "a lone ASCII '(' before Chinese text", RULE_LONE))
    return out


def _bracketed_text(inner: str) -> bool:
    """What is between a pair reads as a bracketed note: Chinese, short, no sentence end."""
    inner = _written(inner)
    return len(inner) <= 30 and _HAN.search(inner) is not None and _SENTENCE.search(inner) is None


def _written(inner: str) -> str:
    """What is between a pair, read as punctuation writes it whatever its spaces: no spaces
    (the spaces step may remove them) and ellipses as ``……`` (``。。。`` ends no sentence)."""
    inner = chars.ellipses_written(inner)
    return inner.translate(_NO_SPACE) if " " in inner or "\t" in inner or "\u3000" in inner else inner


_NO_SPACE = str.maketrans("", "", chars.MARK_SPACES)


def label_spaces(line: str) -> list[tuple[int, int]]:
    """The spans of the spaces around a leading label's colon.

    >>> label_spaces("职务： 县委书记"), label_spaces("施行日期 ： 1997年"), label_spaces("检查结果如何互认？ 医疗")
    ([(3, 4)], [(4, 5), (6, 7)], [])
    >>> label_spaces("会议指出，职务：县委书记")
    []
    """
    m = LABEL_SPACE.match(line)
    return [m.span(g) for g in (1, 2) if m and m.end(g) > m.start(g)]
