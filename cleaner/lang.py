"""Small pieces of language knowledge shared by the structural passes.

Everything here is derived from the word lexicon (``dictionaries/words.tsv``,
jieba's dictionary): no corpus is shipped and nothing is trained at run time.

The main tool is :func:`junction_gain`: given the text before and after a
line or paragraph break, it asks whether a word of the lexicon *spans* the
break. It compares the probability of the best segmentation of the joined
window with the best segmentation that is forced to cut at the break (a
unigram word model, as jieba's ``cut`` uses). A positive gain means the
lexicon prefers a word across the break (``气`` + ``象条件`` → ``气象``); zero
means the break sits on a word boundary anyway, which is no evidence either
way.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .kernels import IMPLEMENTATION, MAX_WORD, SIDE, Lexicon, PureLexicon, build, piece_logp
from .resources import lexicon

__all__ = ["IMPLEMENTATION", "MAX_WORD", "NEVER_END", "NEVER_START", "OPEN_END_WORDS", "SIDE",
           "best_logp", "ends_inside_word", "first_word", "is_word", "junction_gain", "piece_logp"]

#: Characters that (almost) never begin a sentence: particles, suffixes and
#: bound morphemes. A block that starts with one continues something.
NEVER_START = frozenset("的地得了着过们之性化者吗呢吧啊么所于与及、，。；：？！）》")
#: Characters after which a sentence cannot end: prepositions, conjunctions,
#: structural particles that need what follows.
NEVER_END = frozenset("的把被对在从向和与及或并而将为以让使给比跟同由于经据按当自往朝离各每该本此其第约近逾共计、，（《“‘")
#: Words that, ending a text, leave the sentence open.
OPEN_END_WORDS = ("虽然", "但是", "因为", "所以", "如果", "以及", "并且", "而且", "或者", "还是",
                  "不仅", "通过", "根据", "按照", "关于", "对于", "围绕", "随着", "为了", "包括")


@lru_cache(maxsize=1)
def _model() -> tuple[Lexicon, float]:
    """The packaged lexicon, built once into the segmentation kernels, and its log total."""
    words = lexicon()
    total = float(sum(words.values())) or 1.0
    return build(words), math.log(total)


#: Lexicons built for other dicts (the typos pass's merged dictionaries), by identity, with the
#: calls answered so far; each keeps its dict alive so that the identity is not reused.
_BUILT: dict[int, list] = {}
#: Calls on such a dict that the pure kernels answer before the compiled ones are built for it.
#: A build copies the dict into C (some 20 MB for the typos dictionaries) and a document of
#: several MB may ask four times, so it waits until the calls pay for it. The two kernels give
#: equal results, bit for bit (``tests/test_kernels.py``).
PURE_CALLS = 256


def _built(words: dict[str, int], now: bool = False) -> Lexicon:
    """The kernels for ``words``: the lexicon's, else the pure ones for the first
    :data:`PURE_CALLS` calls (``now``: the compiled ones at once, where built)."""
    if words is lexicon():
        return _model()[0]
    hit = _BUILT.get(id(words))
    if hit is None or hit[0] is not words or hit[1] != len(words):
        if len(_BUILT) >= 4:
            _BUILT.clear()
        hit = _BUILT[id(words)] = [words, len(words), PureLexicon(words), 0]
    if hit[3] <= PURE_CALLS:
        hit[3] = PURE_CALLS + 1 if now else hit[3] + 1
        if hit[3] > PURE_CALLS:
            hit[2] = build(words)
    return hit[2]


def kernels_for(words: dict[str, int]) -> Lexicon:
    """The segmentation kernels built for ``words`` (those :func:`best_logp` uses once past its
    first :data:`PURE_CALLS` calls)."""
    return _built(words, now=True)


def best_logp(words: dict[str, int], log_total: float, chars: str, cut: int | None = None) -> float:
    """Log probability of the best segmentation of ``chars`` under a unigram word model.

    With ``cut``, no word may span position ``cut``. ``words`` is built into the
    segmentation kernels on first use and reused while it keeps its size (a dict
    must not be changed in place after it is first used here).

    >>> w = {"气象": 4, "条件": 4, "气": 1, "象": 1}
    >>> round(best_logp(w, math.log(10), "气象条件"), 3)  # 气象 + 条件: 2 * log(4/10)
    -1.833
    >>> round(best_logp(w, math.log(10), "气象", cut=1), 3)  # 气 + 象: 2 * log(1/10)
    -4.605
    """
    if cut is not None and type(cut) is not int:
        return PureLexicon(words).best_logp(chars, log_total, cut)
    return _built(words).best_logp(chars, log_total, cut)


def junction_gain(left: str, right: str) -> float:
    """How much the lexicon prefers a word across the break between ``left`` and ``right``.

    Only the Han characters next to the break are looked at. Zero when no
    word spans the break (or one side does not end/start in Han).

    >>> junction_gain("他们根据气", "象条件和机场特点") > 3
    True
    >>> junction_gain("坚决做到两个维护", "各级党委坚持")
    0.0
    """
    # The kernels read at most SIDE Han characters on each side (and a final
    # line break on the left): the cache is keyed by those ends, so that it
    # never holds whole blocks.
    return _gain(left[-(SIDE + 1):], right[:SIDE])


@lru_cache(maxsize=8192)  # a few recent breaks: the kernel is cheap, the entries are not free
def _gain(left: str, right: str) -> float:
    lex, log_total = _model()
    gain = lex.junction(left, right, log_total)
    if gain is None:  # most breaks have no word across them at all
        return 0.0
    return round(max(0.0, gain), 3)


def is_word(text: str) -> bool:
    """True when ``text`` is a word of the lexicon.

    >>> is_word("气象"), is_word("象条")
    (True, False)
    """
    return text in lexicon()


def ends_inside_word(text: str) -> bool:
    """True when ``text`` seems cut inside a word.

    That is: no word of two or more characters ends at its last character,
    and that character is far more often the start of a longer word than a
    word of its own (``理论基`` → ``基础``; ``群众心`` → ``心里``).

    >>> ends_inside_word("奠定扎实的理论基"), ends_inside_word("有效措施")
    (True, False)
    """
    return _model()[0].ends_inside_word(text)


def first_word(text: str) -> str:
    """The first word of the best segmentation of the Han run starting ``text``.

    >>> first_word("镇充分利用"), first_word("省市二级平台")
    ('镇', '省市')
    """
    lex, log_total = _model()
    return text[:lex.first_word(text, log_total)]
