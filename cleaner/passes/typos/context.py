"""Look-alike fixes anywhere in the text, decided by context.

Where the text segments badly with the lexicon, a character may be an OCR
misreading of one of its glyph neighbours (``dictionaries/glyphs.tsv``). A
*suspect* is a Han character that no word of two to four characters (of
frequency :data:`COVER` or more) covers and that is not a common word of its
own (``环境保扩问题``: ``保``, ``扩``). For each suspect, the neighbours that would make a
two-character word with the character before or after it are tried, and the
text a few characters either side is segmented with and without the change
(a unigram word model): the gain in log probability must reach the margin.

Names are where a look-alike most often makes a plausible word out of a
correct text (``刘孝慈`` → ``刘孝感``), so a suspect next to a surname that no
word covers, or among the characters of a transliterated foreign name, is
only suggested, never fixed. Positions and numbers only: strings in, spans
and scores out.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...lang import kernels_for
from .known import logp
from .ngram import CharModel
from .tables import COMMON_SINGLE, COVER, Model

#: Characters of context on each side of a suspect when segmenting.
SIDE = 4
#: Common surnames: a suspect next to one that no word covers may be a name.
SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
                     "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
                     "毛郝龚邵万钱严覃武戴莫孔向汤殷吉柳常")
#: Characters of transliterated foreign names (two in a window: a name).
FOREIGN = frozenset("克斯尔特维迪亚拉德伊诺夫基里罗娜莎丽卡塔普布埃雷冈瑞奥兰泽森贝佩纳尼蒂米科洛茨莫")


class Guess(NamedTuple):
    pos: int
    right: str
    weight: float      # glyph similarity of the two characters
    gain: float
    name_like: bool    # the guard that keeps names: suggested, never fixed
    evidence: float | None = None   # the character model's gain (None: no model given)
    homophone: bool = False         # a homophone (``homophones.tsv``), not a look-alike


def _covered(words: dict[str, int], run: str, p: int, lengths: tuple[int, ...] = (2, 3, 4)) -> bool:
    """A word of ``lengths`` characters (frequency :data:`COVER` or more) covers position ``p``."""
    for length in lengths:
        for s in range(max(0, p - length + 1), min(p, len(run) - length) + 1):
            if words.get(run[s:s + length], 0) >= COVER:
                return True
    return False


def suspects(m: Model, text: str) -> list[int]:
    """Positions of Han characters of ``text`` that no word of their run covers and that could be
    a misread look-alike; one scan in C finds the uncovered.

    >>> from .tables import model
    >>> suspects(model(), "大家都很关心环境保扩问题")   # 保 and 扩: 保扩 is no word
    [8, 9]
    """
    flags = kernels_for(m.words).uncovered(text, 2, 4, COVER, COMMON_SINGLE)
    able = m.able
    return [p for p in (x.start() for x in _LOOSE.finditer(flags)) if text[p] in able]


def joinable(m: Model, text: str, p: int) -> bool:
    """A look-alike of ``text[p]`` could make a word with a neighbour (a quick superset of what
    :func:`guess` tries: a suspect that fails it has no candidate)."""
    ch, right = text[p], text[p + 1:p + 2]
    return (p > 0 and text[p - 1] in m.joins_left.get(ch, "")) or (right != "" and right in m.joins_right.get(ch, ""))


_LOOSE = re.compile(b"\x01")


def name_like(m: Model, run: str, p: int) -> bool:
    """A surname no word covers within two characters, or two transliteration characters near ``p``."""
    for k in range(max(0, p - 2), min(len(run), p + 2)):
        if run[k] in SURNAMES and not _covered(m.words, run, k):
            return True
    return sum(ch in FOREIGN for ch in run[max(0, p - 2):p + 3]) >= 2


def guess(m: Model, run: str, p: int, min_glyph: float, lm: CharModel | None = None,
          homophones: bool = True) -> Guess | None:
    """The best look-alike (or homophone) for the suspect at ``p`` (``None``: none makes a word);
    with a character model ``lm``, the one the segmentation and the model together like best."""
    # Only a neighbour that makes a word with the character before or after it.
    words, left, right = m.words, run[p - 1:p], run[p + 1:p + 2]
    follows = m.after.get(left, "") if left else ""
    precedes = m.before.get(right, "") if right else ""
    tried = []
    floor = min_glyph * 255
    near = m.neighbours.get(run[p], "")
    for c, w8 in zip(near, m.similarity.get(run[p], b"")):
        if w8 < floor:
            break  # most alike first
        if c in follows or c in precedes:
            tried.append((_made(words, left, c, right), c, round(w8 / 255, 3), False))
    for c in m.homophones.get(run[p], "") if homophones else "":
        if (c in follows or c in precedes) and c not in near:
            tried.append((_made(words, left, c, right), c, 0.0, True))
    # Segmenting is the cost: only the candidates that make the two most frequent words.
    best: Guess | None = None
    lo, hi = max(0, p - SIDE), min(len(run), p + 1 + SIDE)
    base = logp(m, run[lo:hi]) if tried else 0.0
    for _, c, w, sound in sorted(tried, reverse=True)[:2]:
        g = logp(m, run[lo:p] + c + run[p + 1:hi]) - base
        e = None if lm is None else round(lm.gain(run, p, c), 2)
        if best is None or g + (e or 0.0) > best.gain + (best.evidence or 0.0):
            best = Guess(p, c, w, round(g, 2), False, e, sound)
    if best is not None and name_like(m, run, p):
        best = best._replace(name_like=True)
    return best


def _made(words: dict[str, int], left: str, c: str, right: str) -> int:
    """The frequency of the more frequent word ``c`` makes with its left or right neighbour."""
    return max(words.get(left + c, 0) if left else 0, words.get(c + right, 0) if right else 0)


#: With a character model: a fix the model doubts by more than this (nats) is refused.
MODEL_DOUBT = 2.0
#: With a character model: the share of the margin a fix needs when the model supports it strongly.
SUPPORTED_SHARE = 0.7


def decide(g: Guess, margin: float, model_margin: float) -> tuple[bool, str]:
    """Whether the guess is a fix, and why not in words (``""`` when it is).

    Without a model, the segmentation gain must reach ``margin``. With one, the
    model must not doubt the fix (gain above ``-MODEL_DOUBT``), or, when it
    supports it by ``model_margin`` or more, :data:`SUPPORTED_SHARE` of the margin is enough.
    """
    if g.name_like:
        return False, "; left alone: it may be part of a name"
    if g.evidence is None:
        return g.gain >= margin, ""
    if g.gain >= margin and g.evidence >= -MODEL_DOUBT:
        return True, ""
    if g.gain >= margin * SUPPORTED_SHARE and g.evidence >= model_margin:
        return True, ""
    return False, "; left alone: the character model does not support it enough"
