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

import regex

from .resources import lexicon

#: Longest word considered when segmenting a window.
MAX_WORD = 8
#: Han characters taken on each side of a break.
SIDE = 6

_HAN_TAIL = regex.compile(r"\p{Han}{1,%d}$" % SIDE)
_HAN_HEAD = regex.compile(r"^\p{Han}{1,%d}" % SIDE)

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
def _model() -> tuple[dict[str, int], float, float]:
    words = lexicon()
    total = float(sum(words.values())) or 1.0
    return words, math.log(total), math.log(0.5)


def piece_logp(words: dict[str, int], log_total: float, piece: str) -> float | None:
    """Log probability of ``piece`` as one word: its frequency, or a small one for a
    single unknown character; ``None`` for an unknown longer piece."""
    freq = words.get(piece)
    if freq:
        return math.log(freq) - log_total
    if len(piece) == 1:
        return _LOG_UNKNOWN - log_total
    return None


_LOG_UNKNOWN = math.log(0.5)


def best_logp(words: dict[str, int], log_total: float, chars: str, cut: int | None = None) -> float:
    """Log probability of the best segmentation of ``chars`` under a unigram word model.

    With ``cut``, no word may span position ``cut``.
    """
    n = len(chars)
    best = [0.0] + [-math.inf] * n
    for i in range(1, n + 1):
        for j in range(max(0, i - MAX_WORD), i):
            if cut is not None and j < cut < i:
                continue
            lp = piece_logp(words, log_total, chars[j:i])
            if lp is not None and best[j] + lp > best[i]:
                best[i] = best[j] + lp
    return best[n]


def _best(chars: str, cut: int | None = None) -> float:
    words, log_total, _ = _model()
    return best_logp(words, log_total, chars, cut)


@lru_cache(maxsize=65536)
def junction_gain(left: str, right: str) -> float:
    """How much the lexicon prefers a word across the break between ``left`` and ``right``.

    Only the Han characters next to the break are looked at. Zero when no
    word spans the break (or one side does not end/start in Han).

    >>> junction_gain("他们根据气", "象条件和机场特点") > 3
    True
    >>> junction_gain("坚决做到两个维护", "各级党委坚持")
    0.0
    """
    tail = _HAN_TAIL.search(left)
    head = _HAN_HEAD.match(right)
    if tail is None or head is None:
        return 0.0
    window = tail.group() + head.group()
    cut = len(tail.group())
    words = _model()[0]
    # Most breaks have no word across them at all: say so without segmenting.
    if not any(window[i:j] in words for i in range(max(0, cut - MAX_WORD + 1), cut)
               for j in range(cut + 1, min(len(window), i + MAX_WORD) + 1)):
        return 0.0
    gain = _best(window) - _best(window, cut)
    return round(max(0.0, gain), 3)


def is_word(text: str) -> bool:
    """True when ``text`` is a word of the lexicon.

    >>> is_word("气象"), is_word("象条")
    (True, False)
    """
    return text in lexicon()


@lru_cache(maxsize=1)
def _prefix_mass() -> dict[str, int]:
    mass: dict[str, int] = {}
    for word, freq in lexicon().items():
        if len(word) > 1:
            mass[word[0]] = mass.get(word[0], 0) + freq
    return mass


def ends_inside_word(text: str) -> bool:
    """True when ``text`` seems cut inside a word.

    That is: no word of two or more characters ends at its last character,
    and that character is far more often the start of a longer word than a
    word of its own (``理论基`` → ``基础``; ``群众心`` → ``心里``).

    >>> ends_inside_word("奠定扎实的理论基"), ends_inside_word("有效措施")
    (True, False)
    """
    tail = _HAN_TAIL.search(text)
    if tail is None:
        return False
    chars = tail.group()
    words = lexicon()
    if any(chars[-k:] in words for k in range(2, min(len(chars), 5) + 1)):
        return False
    last = chars[-1]
    single = words.get(last, 0)
    return single < 0.4 * _prefix_mass().get(last, 0)


def first_word(text: str) -> str:
    """The first word of the best segmentation of the Han run starting ``text``.

    >>> first_word("镇充分利用"), first_word("省市二级平台")
    ('镇', '省市')
    """
    head = _HAN_HEAD.match(text)
    if head is None:
        return ""
    chars = head.group()
    words, log_total, log_unknown = _model()
    n = len(chars)
    # Best segmentation from each position to the end, remembering the first cut.
    best = [-math.inf] * n + [0.0]
    nxt = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            lp = piece_logp(words, log_total, chars[i:j])
            if lp is not None and lp + best[j] > best[i]:
                best[i], nxt[i] = lp + best[j], j
    return chars[:nxt[0]]
