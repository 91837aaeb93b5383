"""The ``rejoin`` pass: restore the paragraph structure a page layout broke.

OCR and PDF extraction hard-wrap every printed line, cut paragraphs at column
and page breaks, let another article's column run into a paragraph, glue
headings into prose and leave spaces between Chinese characters. This pass
repairs the structure in two stages; every decision is an edit whose reason
names its evidence.

Stage 1, inside blocks (a block is a run of non-blank lines):

* stray ``>`` markup at a block start is removed; runs of blank lines
  collapse to one;
* hard-wrapped lines are joined (Chinese to Chinese with nothing between,
  Latin to Latin with one space). A line that fills the column (the wrap
  width is measured on the document itself) continues on the next line; a
  short line that ends a sentence ends a paragraph, so the block is split;
* spaces OCR put between Chinese characters are removed when a word spans
  them (``引 导`` → ``引导``) or when the document is full of such spaces;
  spaced-out digits are rejoined (``1 9 9 8年``). Spaces in headings,
  datelines, titles in ``《》`` and quotations stay;
* a heading glued to the start of a paragraph, or between two of its
  sentences, is split out.

Stage 2, between blocks. Blocks are classified first (heading, byline,
dateline, credit, caption, page furniture, list item, prose) and a block
that ends without a sentence stop is scored against the block that follows.
Evidence for a join: a word spans the break (``主题教育开`` + ``展过程中``),
the next block starts with a character that never starts a sentence
(``的问题``) or with one character and a comma, the block ends with a word
that needs a continuation (``虽然``, a preposition, an enumeration comma), an
unclosed quotation, earlier sentences of the block end with a stop (the
block is prose, so its open end is a cut) or its last line fills the column.
Evidence against: the block or the next one looks like a heading, the next
one opens like a paragraph (``据悉``, a quotation), the block ends inside a
word that the next block does not complete. A join needs a score of at
least :attr:`Options.threshold`.

When a block is cut and its continuation is not the next block but one
further on (another article's column ran in between), the continuation and
the blocks that belong with it are moved up behind it (``interrupted``). A
block set inside the story's column (a boxed story with its headline, a photo
caption) that cuts a paragraph is moved after the story ends, and the
paragraph is joined across it (:mod:`.inserted`).
Blocks whose cut ends repeat each other (a duplicated passage) are left for
``dedup``.

The stages, one module each: :mod:`.blocks` (the block model and its
labels), :mod:`.geometry` (column width, lines read across two columns),
:mod:`.evidence` (junction scoring and its weights), :mod:`.inside` and
:mod:`.spaces` (stage 1), :mod:`.between` (stage 2's plan, with
:mod:`.inserted`) and
:mod:`.render` (the plan as edits). ``docs/decisions/0013-rejoin-as-stages.md``
explains the split.

>>> from cleaner.pipeline import Pipeline
>>> Pipeline(["normalize", "rejoin"])("共舞蓝天。据悉，他们根据气\\n\\n象条件编排了动作。\\n")
'共舞蓝天。据悉，他们根据气象条件编排了动作。\\n'
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from ...edits import Edit, applied, apply_edits, compose, fixed_point
from ...text import paragraph_style
from .between import Join, Plan, plan
from .blocks import Unit, forget, forget_blocks, heading_like, is_terminal, kind_of, paragraphs, printing_document, units
from .furniture import page_furniture, removals
from .evidence import WEIGHTS, Verdict, junction
from .geometry import Memo, columns, hard_wrapped, wrap_width
from .inside import LineFacts, inside
from .options import NAME, Options
from .render import render

__all__ = ["NAME", "Options", "run", "rewrite", "is_settled", "junction", "Verdict", "WEIGHTS", "kind_of",
           "heading_like", "is_terminal", "wrap_width", "paragraphs", "units", "Unit", "Plan", "Join"]


#: Rounds of the pass on its own output before it stops looking for more.
_ROUNDS = 8


def run(text: str, options: Options = Options()) -> list[Edit]:
    """The edits that rejoin ``text``, run to a fixed point.

    Every repair makes a shape another rule judges: a join makes a longer
    block whose spaces, quotes and wrap width read differently, and a join of
    two later blocks changes the evidence for the break before them. So the
    pass runs again on its own output until that changes nothing (at most
    :data:`_ROUNDS` rounds), and a second run of the pass finds nothing to do.

    >>> [e.reason for e in run("确保基层党员干部理论学习\\n\\n各地总结经验。\\n")]
    []
    """
    try:
        with printing_document(text):  # (lines judged as printed: the document's dash census, taken once)
            out, edits, settled = fixed_point(text, lambda t: _round(t, options)[1], _ROUNDS)
    finally:
        forget()  # the blocks of the last round's text are not kept for the next document
    if settled:
        _remember(out, options)
    return edits


def rewrite(text: str, options: Options = Options()) -> str:
    """The text the edits of :func:`run` make of ``text``, at less cost: the
    pipeline calls this when nobody reads the edits.

    The rounds and their stages are the same, but their edits are not composed
    into edits on ``text``, and the inside stage's (one a line break of
    OCR-shaped text) are not held once the stage has made its text.

    >>> rewrite("共舞蓝天。据悉，他们根据气\\n\\n象条件编排了动作。\\n")
    '共舞蓝天。据悉，他们根据气象条件编排了动作。\\n'
    """
    current = text
    settled = False
    try:
        with printing_document(text):
            for _ in range(_ROUNDS):
                out = _round(current, options, edits=False)[0]
                # (a round is a function of its text and the census: when one gives its own input
                # back, every later round would too, whatever edits it made: the fixed point)
                if out == current:
                    settled = True
                    break
                current = out
    finally:
        forget()
    if settled:
        _remember(current, options)
    return current


def _remember(out: str, options: Options) -> None:
    """``out`` is a fixed point of the pass (for :func:`is_settled`)."""
    if options == _DEFAULT:
        _SETTLED[(hash(out), len(out))] = None
        while len(_SETTLED) > 16:
            _SETTLED.popitem(last=False)  # the oldest (atomic, so threads may share the pass)


_DEFAULT = Options()
#: The last texts the pass left at its fixed point with the default options (hash and
#: length), so that a later pass asking :func:`is_settled` of its input need not run it.
_SETTLED: OrderedDict[tuple[int, int], None] = OrderedDict()


def is_settled(text: str) -> bool:
    """``run(text)`` (default options) is known to find nothing: ``text`` is one of the
    last outputs of the pass. ``False`` says only that it is not known.

    >>> out = "共舞蓝天。据悉，他们根据气象条件编排了动作。\\n"
    >>> run("共舞蓝天。据悉，他们根据气\\n\\n象条件编排了动作。\\n") != [], is_settled(out)
    (True, True)
    """
    return (hash(text), len(text)) in _SETTLED


def _round(text: str, options: Options, edits: bool = True) -> tuple[str, list[Edit]]:
    """One round of every stage: columns, inside blocks, then between blocks. Its text,
    and its edits on ``text`` (none composed when ``edits`` is false)."""
    original, want = text, edits
    first: list[Edit] = []
    if options.columns:
        found = columns(text)
        if found:
            text, kept = apply_edits(text, found)
            first = kept if want else []
    if options.furniture:
        # (taken out first: the text on either side of a page break then meets, and every
        # stage reads it as it reads a paragraph no page cut)
        gone = removals(text, page_furniture(text))
        if gone:
            text, kept = apply_edits(text, gone)
            first = (compose(original, first, kept) if first else kept) if want else []
    furniture = frozenset() if options.furniture else page_furniture(text)
    style = paragraph_style(text)
    # One paragraph a line by its blank lines, but its lines are a page's wrapped lines: the
    # line step decides each break, as inside a block, and the paragraphs it finds are set
    # apart by blank lines (one paragraph a line would not survive the blank lines the
    # text has: a few, a page break's, read as the convention once the lines are joined).
    memo = Memo()  # (the lines' measures, taken once for both)
    if style == "newline" and options.lines and hard_wrapped(text, memo):
        style = "blank"
    current, done, facts = inside(text, style, options, furniture, memo, edits=want)
    del memo
    if not want:
        text = original  # (the text without its columns and furniture is read no more: not held beside the next stage's)
    if options.paragraphs or options.interrupted:
        found = _between(current, style, facts, furniture, options)
        del facts  # (the stage's facts are not held while the edits are made)
        if want:
            current, kept = apply_edits(current, found)
            del found  # (nor the blocks while the edits are composed)
            if kept:
                done = compose(text, done, kept)
        else:
            current = applied(current, found)  # (the edits made one at a time, none held)
    return current, (compose(original, first, done) if first and want else done)


def _between(text: str, style: str, facts: LineFacts, furniture: frozenset[str], options: Options) -> Iterable[Edit]:
    """The between-block stage: the edits that carry out the plan for the blocks of ``text``,
    in the order they apply (made as they are read)."""
    blocks = units(text, style, facts.full_end, facts.indented_start, facts.full_start, facts.indent_short_end,
                   furniture)
    if len(blocks) < 2:
        return []
    found = plan(blocks, style, options)
    return render(text, style, blocks, found) if found.changes else []
