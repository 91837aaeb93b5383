"""The ``typos`` pass: OCR typos fixed with precision first.

A correct word is never "fixed". Its layers, the first that claims a span wins:

known typos (``typos.known``)
    ``wrong → right`` pairs of ``dictionaries/typos.tsv``, matched longest
    first; any gain in segmentation is enough.
near misses of terms (``typos.term.*``)
    a span one OCR error away from a term of ``dictionaries/terms.tsv``: a
    confusable substituted (``confusables.tsv``), a character doubled, one of
    two identical characters dropped (``实在在`` for ``实实在在``), two
    neighbours swapped; a clear gain in segmentation (:mod:`.known`).
a dateline's date (``typos.dateline.digit``)
    a look-alike of ``1`` (``]``, ``|``, ``l``, ``I``) in the month or day of a
    news dateline (``新华社北京]月12日电``), where only a digit can stand (:mod:`.datelines`).
document evidence (``typos.document.majority``)
    the page spells a name or term one way three times or more and once with
    a look-alike character (:mod:`.document`).
context (``typos.context.lookalike``)
    anywhere a character segments badly, its glyph neighbours
    (``glyphs.tsv``) are tried; a fix must make the text far more likely
    (``context_margin``), is never made inside what looks like a name
    (:mod:`.context`), nor in a sentence that holds another candidate the
    pass refused with a quarter of the margin or more (its context may itself
    be misread). ``--suggest`` lists
    what fell short.
homophones (``typos.context.homophone``)
    the same with the characters of the same reading (``homophones.tsv``),
    for typing errors of a pinyin input method (``推近`` → ``推进``).
context with a character model (``typos.context.model``)
    the same, when ``dicts`` names a model built by ``cleaner model build``
    from the user's clean text (:mod:`.ngram`): a fix the model doubts is not
    made, one it strongly supports needs less gain (:func:`.context.decide`).

Every edit names its rule, its evidence and its score.

>>> from cleaner.pipeline import Pipeline
>>> Pipeline(["typos"])("取得实在在的成效，以俭促改。")
'取得实实在在的成效，以检促改。'
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterator, NamedTuple

import regex

from ...edits import Edit, make_edit, run_to_fixed_point
from . import context, datelines, document, known, ngram
from .ngram import CharModel
from .tables import Model, model

NAME = "typos"
__all__ = ["NAME", "Options", "Candidate", "Model", "model", "load", "candidates", "run", "suggest"]


@dataclass(frozen=True)
class Options:
    """Options of the ``typos`` pass.

    dicts: more dictionary files (the ``# Format:`` header line says which
        kind each is: typos, terms, lexicon, confusables or glyphs; default none),
        or a character model made by ``cleaner model build`` (the last one given is used).
    fuzzy: fix near misses of terms, not only known pairs (default ``True``).
    min_weight: confusable pairs below this glyph overlap are ignored
        (default ``0.3``).
    margin: log-probability gain a look-alike substitution in a term needs
        (default ``3.0``); a dropped, doubled or swapped character needs a
        third of it, a known pair more than ``0``.
    context: fix look-alikes anywhere by context (default ``False``: on real
        OCR sentences it fixes about 1 % of the erroneous ones, at a few times
        the cost of the dictionary layer; turn it on where that is worth it).
    context_margin: log-probability gain a context fix needs (default ``14.0``).
    min_glyph: glyph similarity a context look-alike needs (default ``0.5``).
    document: fix a spelling the document contradicts several times (default
        ``False``, for the same reason as ``context``).
    model_margin: with a character model, the model's gain that lets a context
        fix through with less segmentation gain (:func:`.context.decide`; default ``20.0``).
    homophones: the context layer also tries the characters of the same reading
        (``homophones.tsv``: typing errors of a pinyin input method; default ``True``).
    """

    dicts: tuple[str, ...] = ()
    fuzzy: bool = True
    min_weight: float = 0.3
    margin: float = 3.0
    context: bool = False
    context_margin: float = 14.0
    min_glyph: float = 0.5
    document: bool = False
    model_margin: float = 20.0
    homophones: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.dicts, list):
            object.__setattr__(self, "dicts", tuple(self.dicts))


class Candidate(NamedTuple):
    start: int
    end: int
    wrong: str
    right: str
    rule: str          # the rule id (typos.known, typos.term.lookalike, ...)
    reason: str        # the evidence, in words
    gain: float        # the score: segmentation gain, or copies for document evidence


#: Context candidates with at least this share of the margin are suggested (and hold back
#: the other context fixes of their sentence).
SUGGEST_SHARE = 0.25


def load(options: Options) -> tuple[Model, CharModel | None]:
    """The merged dictionaries and the character model (if ``dicts`` names one) of ``options``."""
    tables, models = ngram.split(options.dicts)
    return model(tables, options.min_weight), ngram.load(models[-1]) if models else None


def candidates(text: str, options: Options = Options()) -> Iterator[tuple[Candidate, bool]]:
    """Every candidate fix in ``text`` with whether it is accepted (refused ones: ``--suggest``)."""
    m, lm = load(options)
    taken: set[int] = set()
    for start, end, right, reason, rule, g, ok in known.scan_text(m, text, options.fuzzy, options.margin):
        yield Candidate(start, end, text[start:end], right, rule,
                        f"{reason}; the fixed text segments better (gain {g:.1f})", g), ok
        if ok:
            taken.update(range(start, end))
    for start, end, right in datelines.fixes(text):
        if taken.isdisjoint(range(start, end)):
            yield Candidate(start, end, text[start:end], right, datelines.RULE, datelines.REASON, 0.0), True
    if not (options.context or options.document):
        return
    spots = [p for p in context.suspects(m, text) if p not in taken]
    seen = document.count(text, spots) if options.document else None
    frames = seen.frames if seen is not None else frozenset()
    found = []
    for p in spots:
        # Cheap tests first: most suspects can be neither (no look-alike makes a word there).
        if text[p - 1:p] + text[p + 1:p + 2] in frames or options.context and context.joinable(m, text, p):
            lo, hi = known.window(text, p, p + 1, known.WIDTH)
            found += _at(m, lm, text[lo:hi], lo, p - lo, seen, options)
    yield from _doubt(text, found)


_STOP = regex.compile(r"[。！？；!?;\n]")


def _doubt(text: str, found: list[tuple[Candidate, bool]]) -> Iterator[tuple[Candidate, bool]]:
    """Context fixes in a sentence that also holds a refused candidate become suggestions:
    a second doubtful spot means the context the fix relied on may itself be misread."""
    ends = [m.end() for m in _STOP.finditer(text)]
    doubtful = {bisect.bisect(ends, c.start) for c, ok in found if not ok}
    for c, ok in found:
        if ok and c.rule.startswith("typos.context.") and bisect.bisect(ends, c.start) in doubtful:
            yield c._replace(reason=c.reason + "; left alone: another doubtful spot in the sentence"), False
        else:
            yield c, ok


def _at(m: Model, lm: CharModel | None, run_text: str, base: int, p: int, seen: document.Seen | None,
        options: Options) -> Iterator[tuple[Candidate, bool]]:
    wrong = run_text[p]
    if seen is not None:
        found = document.majority(m, run_text, p, seen)
        if found is not None:
            yield Candidate(base + p, base + p + 1, wrong, found.right, "typos.document.majority",
                            f"the document spells {found.form} {found.copies} times and "
                            f"{run_text[p - 1:p + 2]} once; look-alike {wrong}→{found.right} "
                            f"(glyph similarity {found.weight:.2f})", float(found.copies)), True
            return
    if not options.context:
        return
    g = context.guess(m, run_text, p, options.min_glyph, lm, options.homophones)
    if g is None or g.gain < options.context_margin * SUGGEST_SHARE:
        return
    ok, why = context.decide(g, options.context_margin, options.model_margin)
    rule = ("typos.context.model" if g.evidence is not None else
            "typos.context.homophone" if g.homophone else "typos.context.lookalike")
    model_says = "" if g.evidence is None else f"; the character model's gain {g.evidence:.1f}"
    kind = (f"homophone {wrong}→{g.right} (same reading)" if g.homophone
            else f"look-alike {wrong}→{g.right} (glyph similarity {g.weight:.2f})")
    yield Candidate(base + p, base + p + 1, wrong, g.right, rule,
                    f"{kind}: in context the text segments better by {g.gain:.1f} "
                    f"(a fix needs {options.context_margin:g}){model_says}{why}", g.gain), ok


def run(text: str, options: Options = Options()) -> list[Edit]:
    """The edits that fix typos in ``text``.

    >>> [e.after for e in run("民族团团结，信访稳维，教育幅射。")]
    ['民族团结', '信访维稳', '辐射']
    >>> run("以建促改，实在，团团，辐射，维稳。")
    []
    >>> run("大家都很关心环境保扩问题")                    # the context layer is off by default
    []
    >>> [(e.after, e.rule) for e in run("大家都很关心环境保扩问题", Options(context=True))]
    [('护', 'typos.context.lookalike')]

    A fix can leave the very shape another rule repairs (a swap that leaves a
    doubled character), so the pass runs again on its own output, up to
    :data:`ROUNDS` times, while a round still finds a fix; the edits of all
    rounds are reported against the pass's input:

    >>> [(e.before, e.after, e.rule) for e in run("基层基党建")]
    [('基层基党建', '基层党建', 'typos.term.swapped+typos.term.doubled')]
    """
    return run_to_fixed_point(text, lambda t: _round(t, options), ROUNDS)


#: Rounds of the pass on its own output at most (a round runs only while the one before it
#: fixed something: a text converges in one or two, but each round removes one doubled
#: character of a run, '实实实实在在在在' taking four).
ROUNDS = 32


def _round(text: str, options: Options) -> list[Edit]:
    """One scan of ``text``: the candidates that pass their guard, as edits."""
    return [make_edit(NAME, text, c.start, c.end, c.right, c.reason, c.gain, rule=c.rule)
            for c, ok in candidates(text, options) if ok]


def suggest(text: str, options: Options = Options()) -> list[dict[str, object]]:
    """Candidates that were refused, for a human to review (``cleaner --suggest``)."""
    return [{"start": c.start, "end": c.end, "before": c.wrong, "after": c.right, "rule": c.rule,
             "reason": c.reason, "gain": c.gain}
            for c, ok in candidates(text, options) if not ok]
