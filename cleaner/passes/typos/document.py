"""Document evidence: a name or term spelled one way several times and once with a look-alike.

OCR misreads one copy of a name the page prints several times (``沈泉庄`` ×4,
``沈朱庄`` ×1). The three characters around every suspect of the document
(:func:`.context.suspects`) are counted; a suspect whose three characters
occur once and make no word of the lexicon, while a look-alike of its middle character (glyph similarity at
least :data:`MIN_GLYPH`) makes a form the document has :data:`MAJORITY` or
more times, is fixed to that form.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import regex

from .tables import Model, lookalikes

_HAN3 = regex.compile(r"\p{Han}{3}")

#: Copies of the other spelling the document must have.
MAJORITY = 3
#: Glyph similarity the two characters need (document evidence is strong; the shapes must agree too).
MIN_GLYPH = 0.7


class Majority(NamedTuple):
    pos: int
    right: str
    weight: float
    copies: int
    form: str          # the majority spelling


class Seen(NamedTuple):
    forms: Counter[str]          # the three characters around each suspect, with their counts
    frames: frozenset[str]       # the outer two characters of every form seen MAJORITY times or more


def count(text: str, spots: list[int]) -> Seen:
    """The three characters around each suspect of the document whose neighbours are Han."""
    forms: Counter[str] = Counter(text[p - 1:p + 2] for p in spots if p > 0 and _HAN3.fullmatch(text, p - 1, p + 2))
    return Seen(forms, frozenset(f[0] + f[2] for f, k in forms.items() if k >= MAJORITY))


def majority(m: Model, run: str, p: int, seen: Seen) -> Majority | None:
    """The spelling the document prefers for the suspect at ``p``, if it clearly does.

    >>> from .tables import model
    >>> seen = Seen(Counter({"沈泉庄": 4, "沈朱庄": 1}), frozenset({"沈庄"}))
    >>> majority(model(), "来到沈朱庄", 3, seen).form
    '沈泉庄'
    """
    if not 0 < p < len(run) - 1 or run[p - 1] + run[p + 1] not in seen.frames:
        return None
    if seen.forms[run[p - 1:p + 2]] != 1:
        return None
    if run[p - 1:p + 1] in m.words or run[p:p + 2] in m.words:
        return None  # the one-off spelling makes a word (中美 beside 中英): not evidence of a misreading
    a, b = run[p - 1], run[p + 1]
    best: Majority | None = None
    for c, w in lookalikes(m, run[p]):
        if w < MIN_GLYPH:
            break
        copies = seen.forms.get(a + c + b, 0)
        if copies >= MAJORITY and (best is None or copies > best.copies):
            best = Majority(p, c, w, copies, a + c + b)
    return best
