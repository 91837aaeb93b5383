"""Score a cleaned (or raw) text against a gold text, with the error split by kind.

The reference is the gold's paragraphs joined by one newline; the hypothesis
is the scored text's paragraphs (blank-line or one-a-line style, as
:func:`cleaner.text.paragraphs` guesses it) joined the same way, so a
paragraph break costs one character and a hard wrap left inside a paragraph
costs one too.

Measures:

CER
    Levenshtein distance from the reference to the hypothesis over the length
    of the reference.
exact
    Reference paragraphs that appear, character for character, as a paragraph
    of the hypothesis (each hypothesis paragraph vouches for one).
residual
    The Levenshtein distance left after NFKC (full-width forms fold to ASCII:
    ``，`` and ``,`` are one) and the removal of all white space, including
    line breaks. Only what changes the characters themselves lowers it: typo
    fixes, removed duplicates, restored reading order. It is reported over
    the same denominator as the CER, so that ``cer - residual_rate`` is the
    share of layout error (spaces, breaks, mark widths).

The error mass is split into kinds, decided from one optimal alignment of the
reference to the hypothesis (RapidFuzz's Levenshtein ``opcodes``); every
edit operation of the alignment counts once, so the kinds add up to the
distance exactly:

``order``
    Text out of reading order: a run of at least ``min_block`` deleted
    characters (white space not counted) whose text turns up as a run of
    inserted characters elsewhere (at least 80 % of the shorter run's
    character trigrams in the longer, which is at most twice as long). The deletions of the one
    and the insertions of the other count here.
``duplicates``
    The inserted characters of a region, at least ``min_block`` of them and
    not a move, whose
    text is also in the hypothesis outside the run (at least 80 % of its
    character trigrams, within 5,000 characters or twenty run lengths either
    side): a copy printed twice. Its
    insertions count here.
``breaks``
    Any other operation on a line break (a wrap left in, a paragraph break
    lost, a break replaced by a space or a character).
``spaces``
    Any other operation on white space other than a line break (a space
    inserted, deleted, or standing for a character).
``punctuation``
    An operation between marks (Unicode categories P and S) or a mark and
    nothing: a mark inserted or deleted, or replaced by another mark (width
    included: ``,`` for ``，``, ``〈`` for ``（``).
``characters``
    The rest: a letter, digit or Han character inserted, deleted or confused,
    including a mark read as a character or the reverse.

The alignment costs time in the product of the two lengths (RapidFuzz's
bit-parallel Levenshtein: a page takes milliseconds, two texts of 100,000
characters several seconds), so score page- or article-sized documents, one
pair at a time.

Runs are compared after NFKC and without white space, so a copy that differs
only in mark widths is still a copy. Runs are found at the granularity of the alignment's change regions (changed
stretches, with unchanged stretches of fewer than three characters inside
them absorbed), so a moved or duplicated block that also carries OCR noise
is still one run.

>>> s = score("第一段。\\n\\n第二段,有误", ["第一段。", "第二段，有误"])
>>> s.distance, s.length, s.exact, s.paragraphs, s.kinds["punctuation"]
(1, 11, 1, 2, 1)
>>> s.residual
0
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import regex
from rapidfuzz.distance import Levenshtein

from .text import paragraphs as _blocks

if TYPE_CHECKING:
    from .pipeline import Pipeline

#: The kinds of error, in the order tables show them.
KINDS: tuple[str, ...] = ("spaces", "punctuation", "breaks", "characters", "duplicates", "order")

#: Unchanged stretches shorter than this inside a change region are absorbed into it.
GLUE = 3
#: Similarity (0-100) for a run to count as a copy or a move of other text.
SIMILAR = 80.0

_WS = regex.compile(r"\s+")


@dataclass(frozen=True)
class Score:
    """Counts for one text or a sum of many (``a + b``); rates are derived."""

    distance: int = 0
    length: int = 0
    paragraphs: int = 0
    exact: int = 0
    residual: int = 0
    kinds: Mapping[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    documents: int = 1

    @property
    def cer(self) -> float:
        """Character error rate (0 when the reference is empty and so is the distance)."""
        return self.distance / self.length if self.length else float(self.distance > 0)

    @property
    def exact_rate(self) -> float:
        """Share of reference paragraphs restored exactly."""
        return self.exact / self.paragraphs if self.paragraphs else 1.0

    @property
    def residual_rate(self) -> float:
        """The whitespace-free NFKC residual over the reference length."""
        return self.residual / self.length if self.length else float(self.residual > 0)

    def share(self, kind: str) -> float:
        """Error mass of ``kind`` as a share of the reference length.

        >>> score("甲乙 丙", "甲乙丙").share("spaces")
        0.3333333333333333
        """
        return self.kinds[kind] / self.length if self.length else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.distance + other.distance, self.length + other.length,
                     self.paragraphs + other.paragraphs, self.exact + other.exact,
                     self.residual + other.residual,
                     {k: self.kinds[k] + other.kinds[k] for k in KINDS},
                     self.documents + other.documents)

    def to_dict(self) -> dict[str, Any]:
        """Counts and rates, for JSON.

        >>> d = score("甲乙", "甲丙").to_dict()
        >>> d["cer"], d["characters"], d["exact_rate"]
        (0.5, 1, 0.0)
        """
        return {"documents": self.documents, "length": self.length, "distance": self.distance,
                "cer": round(self.cer, 6), "paragraphs": self.paragraphs, "exact": self.exact,
                "exact_rate": round(self.exact_rate, 6), "residual": self.residual,
                "residual_rate": round(self.residual_rate, 6),
                **{k: self.kinds[k] for k in KINDS}}


def total(scores: Iterable[Score]) -> Score:
    """The sum of ``scores`` (an empty sum counts no document).

    >>> total([score("甲", "乙"), score("丙", "丙")]).cer
    0.5
    """
    out = Score(documents=0)
    for s in scores:
        out = out + s
    return out


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: blocks between blank lines, or lines.

    >>> split_paragraphs("甲\\n乙\\n\\n丙\\n"), split_paragraphs("甲\\n乙\\n")
    (['甲\\n乙', '丙'], ['甲', '乙'])
    """
    return [b.text for b in _blocks(text)]


def score(hypothesis: str, reference: str | Sequence[str], *, min_block: int = 10) -> Score:
    """Score ``hypothesis`` against ``reference`` (a gold text, or its paragraphs).

    >>> s = score("甲乙丙丁\\n戊", "甲乙丙丁戊")     # a wrap left inside a paragraph
    >>> s.distance, s.kinds["breaks"], s.exact
    (1, 1, 0)
    """
    ref_paras = split_paragraphs(reference) if isinstance(reference, str) else list(reference)
    hyp_paras = split_paragraphs(hypothesis)
    ref, hyp = "\n".join(ref_paras), "\n".join(hyp_paras)
    kinds = breakdown(ref, hyp, min_block=min_block)
    available = Counter(hyp_paras)
    exact = 0
    for p in ref_paras:
        if available[p] > 0:
            available[p] -= 1
            exact += 1
    return Score(sum(kinds.values()), len(ref), len(ref_paras), exact, residual(hyp, ref), kinds)


def stages(text: str, pipeline: "Pipeline") -> list[tuple[str, str]]:
    """``text`` and the text after each of ``pipeline``'s passes in turn: [(stage, text)].

    The first stage is ``"input"``; each later one is named after the pass just
    added (and ``"layout"`` when the pipeline re-lays paragraphs), so the last
    text is what ``pipeline.run(text).text`` gives.

    >>> from cleaner import Pipeline
    >>> [(name, t) for name, t in stages("甲,乙 \\r\\n", Pipeline(["normalize", "punctuation"]))]
    [('input', '甲,乙 \\r\\n'), ('normalize', '甲,乙\\n'), ('punctuation', '甲，乙\\n')]
    """
    from .edits import apply_edits
    from .pipeline import pass_module, relayout

    out = [("input", text)]
    for name in pipeline.passes:
        text, _ = apply_edits(text, pass_module(name).run(text, pipeline.options[name]))
        out.append((name, text))
    if pipeline.paragraph_sep != "keep":
        text, _ = apply_edits(text, relayout(text, pipeline.paragraph_sep))
        out.append(("layout", text))
    return out


def residual(hypothesis: str, reference: str) -> int:
    """Levenshtein distance after NFKC and with all white space removed.

    >>> residual("第 1 段,好", "第1段，好"), residual("第一段", "第二段")
    (0, 1)
    """
    return Levenshtein.distance(_folded(reference), _folded(hypothesis))


def _folded(text: str) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def classify(before: str | None, after: str | None) -> str:
    """The kind of one edit operation: ``before`` the reference character, ``after`` the
    hypothesis character (``None`` for an insertion or a deletion).

    >>> classify("\\n", None), classify(None, " "), classify("，", ","), classify("辉", "交")
    ('breaks', 'spaces', 'punctuation', 'characters')
    >>> classify("一", "—"), classify(None, "》")
    ('characters', 'punctuation')
    """
    present = [c for c in (before, after) if c is not None]
    if "\n" in present:
        return "breaks"
    if any(c.isspace() for c in present):
        return "spaces"
    if all(_is_mark(c) for c in present):
        return "punctuation"
    return "characters"


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def breakdown(ref: str, hyp: str, *, min_block: int = 10) -> dict[str, int]:
    """Edit operations from ``ref`` to ``hyp`` counted by kind (they sum to the distance).

    >>> breakdown("甲乙，丙丁", "甲乙, 丙丁\\n")
    {'spaces': 1, 'punctuation': 1, 'breaks': 1, 'characters': 0, 'duplicates': 0, 'order': 0}
    """
    counts = dict.fromkeys(KINDS, 0)
    regions = _regions(ref, hyp)
    moved = _moves(regions, ref, hyp, min_block)
    copies = _copies(regions, hyp, min_block, moved)
    for index, region in enumerate(regions):
        for tag, i, j in region:
            if (tag != "insert" and (index, "ref") in moved) or (tag != "delete" and (index, "hyp") in moved):
                kind = "order"
            elif tag == "insert" and index in copies:
                kind = "duplicates"
            else:
                kind = classify(ref[i] if tag != "insert" else None, hyp[j] if tag != "delete" else None)
            counts[kind] += 1
    return counts


Op = tuple[str, int, int]  # tag, position in ref, position in hyp


def _regions(ref: str, hyp: str) -> list[list[Op]]:
    """The alignment's edit operations, grouped into change regions."""
    regions: list[list[Op]] = []
    current: list[Op] = []
    for op in Levenshtein.opcodes(ref, hyp):
        if op.tag == "equal":
            if op.src_end - op.src_start >= GLUE and current:
                regions.append(current)
                current = []
            continue
        for k in range(max(op.src_end - op.src_start, op.dest_end - op.dest_start)):
            i = op.src_start + (k if op.tag != "insert" else 0)
            j = op.dest_start + (k if op.tag != "delete" else 0)
            current.append((op.tag, i, j))
    if current:
        regions.append(current)
    return regions


def _side(region: list[Op], text: str, skip: str, pos: int) -> str:
    """The text one side of a region spans, unchanged stretches inside it included
    (``skip``: the tag that has no character on that side)."""
    where = [op[pos] for op in region if op[0] != skip]
    return _folded(text[where[0]:where[-1] + 1]) if where else ""


def _moves(regions: list[list[Op]], ref: str, hyp: str, min_block: int) -> set[tuple[int, str]]:
    """Sides of regions that are text out of reading order: {(region, "ref" | "hyp")}.

    The reference side of one region (its deleted and replaced characters) is
    found as the hypothesis side of another, or of itself (two blocks swapped
    in place come out of the alignment as one region of replacements).
    """
    refs = {n: t for n, r in enumerate(regions) if len(t := _side(r, ref, "insert", 1)) >= min_block}
    hyps = {n: t for n, r in enumerate(regions) if len(t := _side(r, hyp, "delete", 2)) >= min_block}
    moved: set[tuple[int, str]] = set()
    for n, out_text in refs.items():
        for m, in_text in hyps.items():
            if (m, "hyp") not in moved and _alike(out_text, in_text):
                moved |= {(n, "ref"), (m, "hyp")}
                break
    return moved


def _copies(regions: list[list[Op]], hyp: str, min_block: int, moved: set[tuple[int, str]]) -> set[int]:
    """Regions whose inserted text is a copy of text near it in the hypothesis."""
    copies = set()
    for m, region in enumerate(regions):
        js = [op[2] for op in region if op[0] == "insert"]
        if (m, "hyp") in moved or not js:
            continue
        text = _folded("".join(hyp[j] for j in js))
        if len(text) < min_block:
            continue
        start, end = js[0], js[-1] + 1
        reach = max(5000, 20 * (end - start))
        around = _folded(hyp[max(0, start - reach):start] + hyp[end:end + reach])
        if _found(text, around):
            copies.add(m)
    return copies


def _alike(a: str, b: str) -> bool:
    """True when two runs are one text: the shorter, at least half as long, found in the longer."""
    short, long_ = sorted((a, b), key=len)
    return len(short) * 2 >= len(long_) and _found(short, long_)


def _found(needle: str, hay: str) -> bool:
    """True when at least SIMILAR % of ``needle``'s character trigrams occur in ``hay``.

    Trigrams rather than one contiguous match: an alignment often cuts a copy
    at a different point than the printer did, so the run holds the end of
    one copy and the start of the next (a rotation of the text).

    >>> _found("设的总体部署情况。第二段说明了城市建", "第二段说明了城市建设的总体部署情况。")
    True
    >>> _found("完全不同的另外一段文字内容", "第二段说明了城市建设的总体部署情况。")
    False
    """
    grams = [needle[k:k + 3] for k in range(len(needle) - 2)]
    if not grams:
        return False
    present = {hay[k:k + 3] for k in range(len(hay) - 2)}
    return sum(g in present for g in grams) * 100 >= SIMILAR * len(grams)


__all__ = ["KINDS", "Score", "breakdown", "classify", "residual", "score", "split_paragraphs", "stages", "total"]
