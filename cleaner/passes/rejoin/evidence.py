"""Evidence: how strongly one block's text reads on into the next.

:func:`junction` weighs what it sees at a break (the end of ``a``, the start
of ``b``) with the weights of :data:`WEIGHTS`, named data that
``docs/passes/rejoin.md`` lists row by row (a test holds the two together).
Some facts refuse a join outright (a hard "no": ``a`` ends a sentence, one
side is a credit, a byline, a list item...); the score is then meaningless.

>>> junction("共舞蓝天。据悉，他们根据气", "象条件编排了动作。").score >= 2
True
>>> junction("多彩活动迎端午", "端午节临近，各地举办活动。").score >= 2
False
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from ... import chars, lang
from ...chars import DATELINE, INNER_STOP
from .blocks import CLOSED_KINDS, as_printed, dashes_double, is_terminal, kind_of

#: The weight of each piece of evidence, by id. Positive weights are for a
#: join, negative ones against; a join needs ``Options.threshold`` (2).
WEIGHTS: dict[str, float] = {
    # at any junction
    "word_across": 3.0,          # a lexicon word spans the break (gain >= 3)
    "word_may_span": 1.0,        # a weaker word across the break (1 <= gain < 3)
    "particle_start": 4.0,       # the second starts with a particle standing alone (的问题)
    "one_char_comma": 4.0,       # the second starts with one character and a comma (事、烦心事)
    "name_suffix": 2.0,          # the second starts with a name suffix (镇) the first's end needs
    "enumeration_comma": 1.0,    # the first ends with 、
    "open_end_word": 2.0,        # the first ends with a word that needs a continuation (虽然)
    "unclosed": 2.0,             # the first has an unclosed quotation or bracket
    "earlier_stops": 2.0,        # earlier sentences of the first end with a stop
    "full_line": 2.0,            # the first's last line fills the column
    "credit_rest": 5.0,          # the first is an open caption, the second the rest of its photo credit
    "first_heading": -2.0,       # the first looks like a heading (and its last line is not full)
    "indent_full": 2.0,          # the first is one line, full less an indent, the second opens full
    "second_heading": -3.0,      # the second looks like a heading
    "closing_mark": -1.0,        # the first ends with a closing mark
    "paragraph_opener": -1.5,    # the second opens like a paragraph (据悉, a quotation)
    "inside_word": -3.0,         # the first ends inside a word the second does not complete
    "inside_word_full": -2.0,    # the same, when the first's last line fills the column
    # adjustments made by the stages
    "no_column": 2.0,            # inside a block, when no column width was measured
    "far_word_across": 1.0,      # a displaced continuation: a word across the break (required)
    "distance": -0.25,           # a displaced continuation: per block between the two
    "moved_away": 2.0,           # the other article between them moved away; the second reads with the first
}

_INTERJECTIONS = frozenset("哦啊呀嗯唉哎喂嘿噢哈呵咦嗨哇")
#: Single-character suffixes of place and organisation names: ``…布拉克`` + ``镇``.
_NAME_SUFFIX = frozenset("镇乡村县市区省州旗盟路街巷局委厅处科院所站队馆店厂园场港湾岛山河湖江桥寺庙校")


class Verdict(NamedTuple):
    score: float
    evidence: tuple[str, ...]
    hard: bool  # a hard "no": the score is meaningless
    ids: tuple[str, ...] = ()  # the ids (of WEIGHTS) of the evidence


def _unclosed(text: str) -> bool:
    for o, c in ("“”", "（）", "《》", "()", "【】", "「」", "『』", "〔〕"):
        if text.rfind(o) > text.rfind(c):
            return True
    return text.count('"') % 2 == 1


def _never_starts(b: str, first: str) -> bool:
    """``b`` starts with a particle or suffix standing alone (``的问题``, not ``着力``)."""
    return b[0] in lang.NEVER_START and len(first) <= 1


_CLOSED_OR_LIST = CLOSED_KINDS + ("list",)
#: The datelines of :data:`chars.DATELINE` without a date; the others have a 月
#: within their first 16 characters.
_UNDATED_DATELINES = ("本报讯", "新华社电", "中新社电")


#: The rest of a photo credit, wrapped after a caption's open end (``图为…参观。新`` /
#: ``华社记者 赵春生摄``): a caption goes on into it, as into nothing else.
_CREDIT_REST = regex.compile(r"[\p{Han}·\s]{1,16}摄[）)]?$")


def refusal(a: str, b: str) -> str | None:
    """Why ``b`` can never continue ``a`` (stripped texts), or ``None``."""
    if not a or not b:
        return "empty"
    if is_terminal(a):
        return "the first ends a sentence"
    ka, kb = kind_of(a), kind_of(b)
    if ka == "caption" and _CREDIT_REST.match(b):
        return None  # ('记者 张卫东摄' is a byline too)
    if ka in CLOSED_KINDS:
        return f"the first is a {ka}"
    if kb in _CLOSED_OR_LIST:
        return f"the second is a {kb}"
    if ("月" in b[:20] or b.startswith(_UNDATED_DATELINES)) and DATELINE.match(b):
        return "the second starts with a dateline"
    return None


def junction(a: str, b: str, *, full: bool = False) -> Verdict:
    """Score the evidence that block ``b`` continues block ``a``.

    A verdict is a function of the two texts, ``full`` and how the document prints
    a dash (:func:`~.blocks.printing_document`), so the last few are remembered:
    the between stage asks about half its pairs twice (a pair's neighbours
    are swept again, and a block's continuation candidates overlap them). Only
    short pairs are: the line step asks with the paragraph so far, which may be a
    whole long block, and the cache would hold every such prefix alive.
    """
    if len(a) + len(b) > _CACHED_JUNCTION:
        return _verdict(a, b, full)
    return _junction(a, b, full, dashes_double())


#: The longest pair of texts (characters together) whose verdict is remembered.
_CACHED_JUNCTION = 512


@lru_cache(maxsize=256)  # (the repeats of one document fall within some 200 calls)
def _junction(a: str, b: str, full: bool, dashes: bool) -> Verdict:
    return _verdict(a, b, full)  # (``dashes``: the census the verdict reads, in the key)


def _verdict(a: str, b: str, full: bool) -> Verdict:
    a, b = as_printed(a.rstrip()), as_printed(b.lstrip())
    why_not = refusal(a, b)
    if why_not is not None:
        return Verdict(0.0, (why_not,), True)
    gain = lang.junction_gain(a, b)
    first = lang.first_word(b)
    found = _for_a_join(a, b, full, gain, first) + _against_a_join(a, b, full, gain, first)
    return verdict(found)


def because(lead: str, v: Verdict) -> str:
    """The reason of an edit made on verdict ``v``: ``lead``, a colon and its evidence. Equal
    reasons are one string (a document repeats a few hundred over thousands of edits).

    >>> v = verdict([("full_line", "the first's last line fills the column")])
    >>> because("joined lines", v), because("joined lines", v) is because("joined lines", v)
    ("joined lines: the first's last line fills the column", True)
    """
    text = lead + ": " + "; ".join(v.evidence)
    shared = _REASONS.setdefault(text, text)
    if len(_REASONS) > 4096:
        _REASONS.clear()
    return shared


_REASONS: dict[str, str] = {}


def verdict(found: list[tuple[str, str]]) -> Verdict:
    """The verdict of evidence found as (weight id, text) pairs."""
    ids = [k for k, _ in found]
    return Verdict(sum([WEIGHTS[k] for k in ids], 0.0), tuple([t for _, t in found]), False, tuple(ids))


def _for_a_join(a: str, b: str, full: bool, gain: float, first: str) -> list[tuple[str, str]]:
    found = []
    if gain >= 3:
        found.append(("word_across", f"a word spans the break (gain {gain:.1f})"))
    elif gain >= 1:
        found.append(("word_may_span", f"a word may span the break (gain {gain:.1f})"))
    if _never_starts(b, first):
        found.append(("particle_start", f"the second starts with {b[0]!r}, which does not start a sentence"))
    elif len(first) == 1 and len(b) > 1 and b[1] in "、，," and first not in _INTERJECTIONS:
        found.append(("one_char_comma", f"the second starts with one character and a comma ({b[:2]})"))
    elif len(first) == 1 and first in _NAME_SUFFIX and lang.junction_gain(a, "") == 0:
        found.append(("name_suffix", f"the second starts with the name suffix {first!r}"))
    if a[-1] == chars.ENUMERATION_COMMA:
        found.append(("enumeration_comma", "the first ends with an enumeration comma"))
    elif a[-1] in lang.NEVER_END or a.endswith(lang.OPEN_END_WORDS):
        found.append(("open_end_word", "the first ends with a word that needs a continuation"))
    if _unclosed(a):
        found.append(("unclosed", "the first has an unclosed quotation or bracket"))
    if INNER_STOP.search(a):
        found.append(("earlier_stops", "earlier sentences of the first end with a stop, its open end is a cut"))
    if full:
        found.append(("full_line", "the first's last line fills the column"))
    if _CREDIT_REST.match(b) and kind_of(a) == "caption":
        found.append(("credit_rest", "the first is a caption, the second the rest of its photo credit"))
    return found


def _against_a_join(a: str, b: str, full: bool, gain: float, first: str) -> list[tuple[str, str]]:
    found = []
    if kind_of(a) == "heading" and not full:
        # (A line that fills the column is a wrapped line, not a heading.)
        found.append(("first_heading", "the first looks like a heading"))
    if kind_of(b) == "heading":
        found.append(("second_heading", "the second looks like a heading"))
    if a[-1] in chars.CLOSERS:
        found.append(("closing_mark", "the first ends with a closing mark"))
    if b.startswith(chars.PARAGRAPH_OPENERS):
        found.append(("paragraph_opener", "the second opens like a paragraph"))
    if gain < 1 and lang.ends_inside_word(a) and not _never_starts(b, first):
        found.append(("inside_word_full" if full else "inside_word",
                      "the first ends inside a word the second does not complete"))
    return found


def bigrams(text: str) -> set[str]:
    """The Han character bigrams of ``text`` (what an article's vocabulary is judged by)."""
    han = "".join(chars.HAN_RUN.findall(text))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def cohesion(grams: set[str], context: set[str]) -> float:
    """The share of ``grams`` found in ``context``."""
    return len(grams & context) / (len(grams) or 1)
