"""Blocks inserted in a story: a boxed story (its headline first) or a photo caption set
inside a column, which the story's text flows around.

On a page the story runs down its column, stops at the box's top edge and
resumes below the box; OCR reads the column from top to bottom, so the text
comes out with the box in the middle of a paragraph. The signs, read from the
text and the line geometry alone:

* a block is cut: it ends without a stop and its last line fills the column
  (a paragraph stopped by the edge of something, not by its end);
* a headline or a caption follows it: the start of another text;
* further on, a block opens with a line that fills the column: no indent, so
  it starts inside a paragraph (OCR drops indents, and a paragraph's first line
  is short by its indent), and its start reads on from the cut, better than
  from the inserted text's own last block, if that one is cut too.

Then the paragraph is joined across the inserted block, and the inserted block
(from its headline or caption to the block before the continuation) is read
after the story: the story runs on to the end of the page, so the block goes to
the end of the text, after any other inserted block met before it. Nothing
else is moved, and a block is never joined into the inserted one: headlines,
datelines and captions stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import CLOSED_KINDS, Unit, is_terminal
from .evidence import Verdict, junction
from .options import Options

#: Kinds that start an inserted block.
STARTS = ("heading", "caption", "marker")
#: Evidence at the start of a block that it reads on from the block before.
CONTINUES = ("word_across", "word_may_span", "particle_start", "one_char_comma", "name_suffix",
              "enumeration_comma")
_PAIRS = ("【】", "（）", "《》", "〔〕", "[]")
#: Round brackets read as one pair whatever their width: punctuation makes a lone ``(``
#: at a line's end full width and leaves the ``)`` that opens the next line as it is.
_FULL_PARENS = str.maketrans("()", "（）")
#: Evidence against: no move is made on a junction that has any.
_AGAINST = ("inside_word", "inside_word_full", "paragraph_opener", "second_heading", "closing_mark")


@dataclass(frozen=True)
class Insert:
    """Block ``cut`` continues at block ``resume``; ``blocks`` (between them) go after the story."""

    cut: int
    resume: int
    blocks: tuple[int, ...]
    verdict: Verdict
    first_kind: str = "heading"  # the kind of its first block

    @property
    def reason(self) -> str:
        head = "a headline" if self.first_kind == "heading" else f"a {self.first_kind}"
        return (f"joined a paragraph interrupted by an inserted block ({head} and "
                f"{len(self.blocks) - 1} block(s) after it, as a boxed story or a caption set inside the "
                "column): its continuation opens with a full line after the block; "
                + "; ".join(self.verdict.evidence))


def find(units: list[Unit], opts: Options) -> list[Insert]:
    """Every inserted block between a cut block and its continuation."""
    found: list[Insert] = []
    busy: set[int] = set()
    for i, a in enumerate(units):
        if i in busy or not _cut(a):
            continue
        s = i + 1
        while s < len(units) and units[s].debris:
            s += 1
        if s >= len(units) - 1 or units[s].page_furniture or not _starts_insert(a, units[s]):
            continue  # (page furniture after a cut is a page break: the neighbour test looks across it)
        hit = _resume(units, i, s, opts)
        if hit is not None and _one_block(units[s:hit[0]]):
            j, v = hit
            found.append(Insert(i, j, tuple(range(i + 1, j)), v, units[s].kind))
            busy.update(range(i, j + 1))
    return found


def _starts_insert(a: Unit, b: Unit) -> bool:
    """``b``, after cut block ``a``, is a headline or a caption, not a line of the paragraph
    that looks like a heading: a line filling the column is a wrapped line (a headline's
    larger type never fills it), and nothing at ``b``'s start reads on from ``a``."""
    if b.kind not in STARTS or (b.kind != "caption" and b.opens_full):
        return False
    return not _reads_on(a.text, b.text)


def headline_after_cut(a: str, b: Unit, v: Verdict) -> bool:
    """``b`` looks like a heading and its line does not fill the column, nothing at its
    start reads on from the cut before it, and the cut does not end with a word that
    needs a continuation (``和``, ``可以``; a comma is no such word) or inside a quotation:
    a headline (a box's, the next story's), which the cut's open end alone never joins
    into the prose."""
    if "second_heading" not in v.ids or b.opens_full or set(v.ids) & set(CONTINUES + ("unclosed",)):
        return False
    return "open_end_word" not in v.ids or a.rstrip()[-1:] in "，,"


def _one_block(run: list[Unit]) -> bool:
    """``run`` is one inserted block, and nothing of the story: a caption and the pieces of
    its credit; or a headline, a dateline and paragraphs, where no headline follows a
    finished paragraph (that would be the next story) and no caption stands."""
    if run[0].kind == "caption":
        return len(run) <= 3 and all(u.kind in ("heading", "byline", "credit") or u.debris for u in run[1:])
    finished = False
    for k, u in enumerate(run):
        if u.kind in ("caption", "furniture") or (u.kind == "credit" and k < len(run) - 1):
            return False
        if u.kind in STARTS and finished:
            return False
        finished = finished or (u.kind in ("prose", "list") and is_terminal(u.text))
    return True


def _cut(u: Unit) -> bool:
    """Cut mid-sentence by an edge: open, and its last line fills the column."""
    return u.open_end and u.full and not u.repeated_cut and u.kind in ("prose", "heading", "list")


def _resume(units: list[Unit], i: int, s: int, opts: Options) -> tuple[int, Verdict] | None:
    """The continuation of cut block ``i`` after the inserted block starting at ``s``."""
    a = units[i]
    for j in range(s + 1, min(len(units), s + 1 + opts.window)):
        c, prev = units[j], units[j - 1]
        if not c.opens_full and c.kind == "prose" and is_terminal(c.text) and _word_across(a.text, c.text):
            return None  # a short last line that reads on from the cut: nothing further is its continuation
        if j == s + 1 and _may_follow_headline(prev, c):
            v = junction(a.text, c.text, full=True)
            if (not v.hard and "word_across" in v.ids and v.score >= opts.threshold
                    and not set(v.ids) & set(_AGAINST) and not _reads_on(prev.text, c.text)):
                return j, v  # the headline alone stands in the paragraph
        if not c.opens_full or prev.kind in ("heading", "marker"):
            continue  # (a block right after a heading opens that heading's text)
        if c.kind not in ("prose", "heading") or c.debris:
            return None  # the first block opening mid-paragraph is the only candidate
        v = junction(a.text, c.text, full=True)
        if v.hard or v.score < opts.threshold or set(v.ids) & set(_AGAINST):
            return None
        if not set(v.ids) & set(CONTINUES) and _other_cut(units, i, j, opts):
            return None  # nothing at the start says which cut it continues
        return (j, v) if _beats_own(units, j) else None
    return None


def _may_follow_headline(head: Unit, c: Unit) -> bool:
    """The block right after headline ``head`` may be the cut's continuation, not the
    headline's text: it opens with a full line (no indent: inside a paragraph). It is,
    when a word spans the break from the cut into it (``仍大`` + ``量排放…``) and nothing at
    its start reads on from the headline: a page's headline that OCR read between the
    lines of a column."""
    return head.kind == "heading" and c.opens_full and c.kind == "prose" and not c.debris


def _word_across(a: str, b: str) -> bool:
    v = junction(a, b, full=True)
    return not v.hard and "word_across" in v.ids


def _other_cut(units: list[Unit], i: int, j: int, opts: Options) -> bool:
    """Another cut block in reach before ``j`` is not continued where it stands."""
    for k in range(max(0, i - opts.window), j):
        if k == i or not _cut(units[k]):
            continue
        n = k + 1
        while n < len(units) and units[n].debris:
            n += 1
        if n < len(units) and not units[n].opens_full:
            return True
    return False


def _beats_own(units: list[Unit], j: int) -> bool:
    """The continuation does not read on from the inserted block's own last block: when
    that one ends open too (a box's text cut by its bottom edge, a list item's heading)
    and the continuation's start reads on from it as well, which one it continues is
    not known, and nothing is moved."""
    prev = units[j - 1]
    if prev.kind in CLOSED_KINDS or is_terminal(prev.text):
        return True
    return not _reads_on(prev.text, units[j].text)


def _reads_on(a: str, b: str) -> bool:
    """``b``'s start reads on from ``a``: a word across, a particle start, an enumeration
    comma before it, or a bracket or quotation ``a`` opened that ``b`` closes (``【污染环境``
    + ``罪】``; ``党委（党组`` + ``)国式``, a bracket's two halves in two widths).

    >>> _reads_on("党委（党组", ")国式现代化作为"), _reads_on("他说“走", '"了。')
    (True, True)
    """
    a, b = a.translate(_FULL_PARENS), b.translate(_FULL_PARENS)
    for o, c in _PAIRS:
        if a.rfind(o) > a.rfind(c) and c in b[:20] and (o not in b or b.find(c) < b.find(o)):
            return True
    if (a.count('"') % 2 == 1 or a.rfind("“") > a.rfind("”")) and ('"' in b[:20] or "”" in b[:20]):
        return True
    v = junction(a, b, full=True)
    return not v.hard and bool(set(v.ids) & set(CONTINUES))


def apply(inserts: list[Insert], order: list[int]) -> list[int]:
    """``order`` with every inserted block taken out and put at the end, in the order met."""
    gone = {k for ins in inserts for k in ins.blocks}
    return [k for k in order if k not in gone] + [k for k in order if k in gone]
