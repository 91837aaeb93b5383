"""The high-confidence layer: known pairs (``typos.tsv``) and near misses of terms (``terms.tsv``).

Candidates come from a table of every term's one-error variants, found in the
text by a bigram prefilter, so nothing compares every window with every term.
"""

from __future__ import annotations

from typing import Iterator

import regex

from ...chars import HAN_RUN
from ...lang import best_logp
from .tables import Model

#: Rule ids of the near-miss kinds, by the first word of the variant's rule.
TERM_RULES = {"look-alike": "typos.term.lookalike", "dropped": "typos.term.dropped",
              "doubled": "typos.term.doubled", "swapped": "typos.term.swapped"}


def logp(m: Model, chars: str) -> float:
    """Best unigram segmentation log probability of ``chars`` with the merged dictionaries."""
    return best_logp(m.words, m.log_total, chars)


def gain(m: Model, run: str, start: int, end: int, right: str, side: int = 4) -> float:
    """How much better the run segments with the fix (``side`` characters of context either side)."""
    lo, hi = max(0, start - side), min(len(run), end + side)
    return logp(m, run[lo:start] + right + run[end:hi]) - logp(m, run[lo:hi])


def already_right(run: str, start: int, end: int, right: str) -> bool:
    """The correct form already covers the match (``实在在`` inside ``实实在在``)."""
    wrong = run[start:end]
    for k in range(len(right) - len(wrong) + 1):
        if right[k:k + len(wrong)] == wrong and run[max(0, start - k):start - k + len(right)] == right:
            return True
    return False


def _match(m: Model, span: str, fuzzy: bool, margin: float) -> tuple[str, str, str, float] | None:
    """(right, reason, rule id, gain needed) when ``span`` is a known typo or a term's variant."""
    if span in m.pairs:
        return m.pairs[span], "known typo", "typos.known", 0.0
    if not fuzzy or span not in m.variants:
        return None
    entries = [c.split("\t", 1) for c in m.variants[span].split("\n")]
    if len({t for t, _ in entries}) != 1:
        return None  # two terms claim it: ambiguous
    right, kind = entries[0]
    # A look-alike substitution needs a clear gain; a dropped, doubled or
    # swapped character changes the shape and needs less.
    need = margin if kind.startswith("look-alike") else margin / 3
    return right, f"near miss of the term {right} ({kind})", TERM_RULES[kind.split(" ", 1)[0]], need


def scan(m: Model, run: str, fuzzy: bool, margin: float) -> Iterator[tuple[int, int, str, str, str, float, bool]]:
    """(start, end, right, reason, rule, gain, accepted) for every candidate in one Han run."""
    i, n = 0, len(run)
    while i < n - 1:
        if run[i:i + 2] not in m.prefixes:
            i += 1
            continue
        taken = False
        for length in m.lengths:
            if i + length > n:
                continue
            found = _match(m, run[i:i + length], fuzzy, margin)
            if found is None or already_right(run, i, i + length, found[0]):
                continue
            right, reason, rule, need = found
            g = round(gain(m, run, i, i + length, right), 2)
            yield i, i + length, right, reason, rule, g, g > need
            if g > need:
                i += length
                taken = True
                break
        if not taken:
            i += 1


def window(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """The Han run of ``text`` around ``text[start:end]``, cut at ``width`` characters either side."""
    lo = _HAN_TAIL.search(text, max(0, start - width), start).start()  # type: ignore[union-attr]
    return lo, _HAN_HEAD.match(text, end, end + width).end()  # type: ignore[union-attr]


#: Characters of the Han run either side of a candidate that its guards look at (at most).
WIDTH = 16


def scan_text(m: Model, text: str, fuzzy: bool, margin: float) -> Iterator[tuple[int, int, str, str, str, float, bool]]:
    """:func:`scan` over every Han run of ``text`` at once, positions in ``text``: the pairs and
    variants are found by one scan in C, and only where one matches is the run looked at."""
    if m.keys is None:
        for r in HAN_RUN.finditer(text):
            for start, end, *rest in scan(m, r.group(), fuzzy, margin):
                yield (r.start() + start, r.start() + end, *rest)  # type: ignore[misc]
        return
    width = WIDTH + (m.lengths[0] if m.lengths else 0)
    after = 0  # the end of the last accepted fix
    for i, j in m.keys.spans(text):
        if i < after or j - i < 2:
            continue
        found = _match(m, text[i:j], fuzzy, margin)
        if found is None:
            continue
        lo, hi = window(text, i, j, width)
        run = text[lo:hi]
        if already_right(run, i - lo, j - lo, found[0]):
            continue
        right, reason, rule, need = found
        g = round(gain(m, run, i - lo, j - lo, right), 2)
        yield i, j, right, reason, rule, g, g > need
        if g > need:
            after = j


_HAN_TAIL = regex.compile(r"\p{Han}*\Z")
_HAN_HEAD = regex.compile(r"\p{Han}*")
