"""The ``dedup`` pass: paragraphs and passages printed twice.

Page assembly and OCR repeat text: a paragraph printed twice, the same paragraph with different
OCR noise, a block that repeats a passage of an earlier paragraph, or a copy cut by column breaks
(``dedup_pieces``). This pass removes the repeat and keeps the first occurrence. Every removal is
an edit whose ``before`` holds the removed text and whose reason names the paragraph it repeats,
so nothing is lost (``--explain`` shows it; ``--removed FILE`` writes the removed blocks).

Three kinds, judged on a comparison key (white space removed, full-width
letters, digits and punctuation folded to one width):

exact
    the key was seen before;
near
    the keys are similar (RapidFuzz ``ratio``) above a threshold (a little
    lower for short paragraphs, which must also stand close to their original);
contained
    the whole block, but for a short lead-in (``据悉，``), lies inside an
    earlier paragraph (RapidFuzz ``partial_ratio``).

A contained block that ends mid-sentence at the same words as its original
(both cut at ``…为广大``) is a layout repeat: the block after it is the
original's continuation, so it moves up to complete the original.

Candidates come from an index of character shingles of the paragraphs kept
so far, with short posting lists (a shingle seen in too many paragraphs is
dropped from the index), so the cost grows linearly with the text.

Distance is the evidence for short blocks. A layout glitch prints its copy
within a few blocks of the original; a document that repeats a short clause
far apart means it (legislation repeats ``过失犯前款罪的，…`` in many
articles, a credit closes two articles). So a paragraph shorter than
``long_chars`` comparable characters is a repeat only when its original lies
within ``window`` blocks of it with no long paragraph between (the law
repeats a clause with one article between), or when the line before it is
cut mid-sentence and repeats the line before the original (a passage printed
twice, lines and all). A short labelled line (``工作单位：某县某乡某村``, at
least 8 comparable characters) printed twice within ``window`` blocks is a
glitch copy, exactly the same text only. A long paragraph printed twice
anywhere is a repeat.

Never removed: other blocks shorter than ``min_chars`` (credits like
``（新华社北京11月7日电）``, headings, datelines) or short lines without a
stop (bylines; a numbered list item closed by ``；`` counts as stopped), list
items with different numbers, near duplicates whose
numbers or ``《》`` titles differ (a template filled in twice: ``本法自1998年3月1日``
and ``…5月1日``), and a paragraph that repeats only part of another one (a
statistic quoted in two articles). A contained block is removed only when it
is cut at the same words as its original (a layout repeat) or follows it
within three paragraphs.

>>> from cleaner.pipeline import Pipeline
>>> p = "全国人大常委会法工委设立31个基层立法联系点，辐射带动各地设立联系点。"
>>> Pipeline(["dedup"])(p + "\\n\\n" + p + "\\n")
'全国人大常委会法工委设立31个基层立法联系点，辐射带动各地设立联系点。\\n'
"""

from __future__ import annotations

from array import array
from collections.abc import Container, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import overload

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .. import chars
from ..edits import Edit, make_edit, run_to_fixed_point
from ..text import iter_paragraphs, paragraph_style
from .dedup_index import Index, new_index, shingles as shingles_of
from .dedup_pieces import piece_edits, settled

NAME = "dedup"


@dataclass(frozen=True)
class Options:
    """Options of the ``dedup`` pass.

    min_chars: blocks with fewer comparable characters are never removed
        (default ``20``: credits, datelines and headings repeat legitimately).
    near: similarity (0-100) above which two paragraphs of at least
        ``long_chars`` characters are near duplicates (default ``95``: the
        Criminal Law has different clauses 92-94 alike, ``检验`` for ``检疫``).
    near_short: the same for shorter paragraphs (default ``94``; lower, as a
        short near copy must also stand close to its original).
    long_chars: where "short" ends (default ``60``). A shorter paragraph is a
        repeat only of an original within ``window`` blocks: the law repeats
        clauses of up to about 50 characters in articles far apart.
    window: how close a short repeat and its original must be: both lie
        within ``window`` consecutive blocks, counting the blocks that stay,
        none of them long (default ``3``: the copy follows its original
        directly or one short block later, as a layout glitch prints it; the
        Criminal Law repeats clauses two and three blocks apart, with an
        article between).
    contained: how well a block must match inside an earlier paragraph to be
        a contained repeat (default ``95``); beyond the score, at most two
        characters plus 2% may differ (OCR noise, not a clause of its own).
    lead_in: characters at the start of a contained block that may differ
        from the original (a ``据悉，``; default ``4``).
    reconnect: move the continuation of a repeated cut up to its original
        (default ``True``).
    """

    min_chars: int = 20
    near: float = 95.0
    near_short: float = 94.0
    long_chars: int = 60
    window: int = 3
    contained: float = 95.0
    lead_in: int = 4
    reconnect: bool = True


_REMOVED_RULES = {"exact": "dedup.removed.exact", "near": "dedup.removed.near",  # rule id by kind
                  "contained": "dedup.removed.contained"}
_SPACE = regex.compile(r"\s+")
_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}  # full-width ASCII to ASCII
_FOLD.update({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": "'", "』": "'", "。": ".", "、": ","})
# punctuation repairs a bracket pair from either half ('【重大飞行事故罪)' is '【…】',
# '《六)' is '（六）'), so brackets are compared as one kind
_FOLD.update({"〈": "(", "《": "(", "【": "(", "〉": ")", "》": ")", "】": ")"})
# and it writes a quotation inside a quotation with single marks ('他说"要"四下基层""' is
# '他说“要‘四下基层’”'), so a quote's marks single or double are compared as one kind too
_FOLD.update({q: '"' for q in "‘’『』'＇"})
_CLOSED_END = regex.compile(chars.char_class(chars.CLOSED_END_MARKS) + "$")


def comparison_key(text: str) -> str:
    """The text a duplicate is judged on: no white space, one width, one quote style,
    one bracket kind, one ellipsis (``…`` is written ``……`` by punctuation).

    >>> comparison_key("截至 2023年，（一）") == comparison_key("截至2023年,(一)")
    True
    >>> comparison_key("互联互通…") == comparison_key("互联互通……")
    True
    >>> comparison_key("【飞行事故罪)") == comparison_key("【飞行事故罪】")
    True
    """
    text = chars.ellipses_written(text)
    for mark in _FOLD.keys() & (text := _SPACE.sub("", text)):  # a C scan per mark present; none makes another
        text = text.replace(mark, _FOLD[mark])
    lowered = text.lower()
    return text if lowered == text else lowered  # (Chinese text has no case: no second copy of it held)


_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]")


def _comparable_len(key: str) -> int:
    return len(key) - len(_NOT_WORD.findall(key))


def _snippet(text: str, n: int = 14) -> str:
    text = text.strip().replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def _list_number(text: str) -> str | None:
    m = chars.LIST_NUMBER.match(text)
    return m.group().strip() if m else None


def run(text: str, options: Options = Options()) -> list[Edit]:
    """The edits that remove repeated paragraphs from ``text``.

    >>> run("短句。\\n\\n短句。\\n")
    []

    Run to a fixed point: a removal can change what the rest reads as (the
    paragraph style of a document left without blank lines, a block that
    ``rejoin`` stitches to its neighbour once the repeat between them is gone),
    and a second run of the pass finds nothing more to remove.
    """
    return run_to_fixed_point(text, lambda t: _round(t, options), _ROUNDS)


#: Rounds of the pass on its own output before it stops looking for more.
_ROUNDS = 4


class _Span:
    """A block of the round's text by its offsets; ``text`` is read from the document when
    asked (the blocks' own texts copy it).

    >>> _Span(3, 5, "一二三四五六").text
    '四五'
    """

    __slots__ = ("start", "end", "_doc")

    def __init__(self, start: int, end: int, doc: str) -> None:
        self.start, self.end, self._doc = start, end, doc

    @property
    def text(self) -> str:
        return self._doc[self.start:self.end]


class _Spans(Sequence[_Span]):
    """The blocks of the round's text as two arrays of offsets (16 bytes a block); a block is
    made when asked.

    >>> blocks = _Spans(array("q", [0, 4]), array("q", [2, 6]), "一二\\n\\n三四")
    >>> len(blocks), blocks[1].text, [b.start for b in blocks]
    (2, '三四', [0, 4])
    """

    __slots__ = ("_starts", "_ends", "_doc")

    def __init__(self, starts: array, ends: array, doc: str) -> None:
        self._starts, self._ends, self._doc = starts, ends, doc

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> _Span: ...
    @overload
    def __getitem__(self, i: slice) -> list[_Span]: ...

    def __getitem__(self, i: int | slice) -> _Span | list[_Span]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return _Span(self._starts[i], self._ends[i], self._doc)


def _round(text: str, options: Options) -> list[Edit]:
    """One round: the repeats of ``text``, the pieces cut by column breaks, and the joins they leave."""
    style = paragraph_style(text)
    # A block is read once, for its key and its end, and then held as its offsets: its text
    # is read from ``text`` when asked, so no copy of it is held beside its key (a text of
    # its own where folding changed anything).
    starts, ends = array("q"), array("q")
    keys: list[str] = []
    cut: list[bool] = []  # lines that end mid-sentence
    for b in iter_paragraphs(text, style):
        starts.append(b.start)
        ends.append(b.end)
        keys.append(comparison_key(b.text))
        cut.append(not _CLOSED_END.search(_end_printed(b.text)))
    if len(keys) < 2:
        return []
    blocks = _Spans(starts, ends, text)
    # (a list item's number read in its key, as punctuation prints it: '(四)' is '（四）')
    numbers = [_list_number(key) for key in keys]
    sizes = [_comparable_len(key) for key in keys]
    seen: dict[str, int] = {}
    index = new_index()
    removed: dict[int, str] = {}  # block -> reason
    scores: dict[int, tuple[float, str]] = {}  # block -> score and rule id
    moved_to: dict[int, int] = {}  # continuation block -> original it completes
    exact_reasons: dict[int, str] = {}  # original -> the reason of its exact copies
    for i, (block, key) in enumerate(zip(blocks, keys)):
        if i in moved_to:
            continue
        size = sizes[i]
        labelled = size >= _LABEL_CHARS and _LABELLED.match(block.text) is not None
        if not labelled and (size < options.min_chars or (size < 50 and not chars.SENTENCE_END.search(
                _end_printed(block.text)) and not (_list_number(key) and _CLOSED_END.search(key)))):
            continue  # short lines without a stop (headings, bylines; not list items) repeat legitimately
        shingles = shingles_of(key)
        found = _find_original(i, key, keys, numbers, seen, index, options, shingles, (removed, moved_to))
        if found is not None and not _is_repeat(i, found, keys, sizes, cut, labelled, options, removed):
            found = None
        if found is None:
            seen[key] = i  # the latest copy kept: a short block repeats only a close original
            index.add(i, shingles)
            continue
        j, kind, score = found
        scores[i] = (score, _REMOVED_RULES[kind])
        if kind == "exact" and j in exact_reasons:
            # (one reason for every copy of a paragraph: a page of boilerplate repeated
            # a hundred thousand times holds one string, not one a copy)
            removed[i] = exact_reasons[j]
            continue
        where = f"paragraph {j + 1} (「{_snippet(blocks[j].text)}」)"
        if kind == "exact":
            removed[i] = exact_reasons[j] = f"exact duplicate of {where}"
        elif kind == "near":
            removed[i] = f"near duplicate of {where}, similarity {score:.1f}"
        else:
            removed[i] = f"repeats a passage of {where}, match {score:.1f}"
        if options.reconnect and kind == "contained":
            c = _continuation(i, j, blocks, keys, removed, moved_to)
            if c is not None:
                moved_to[c] = j
                removed[i] += ("; both are cut at the same words, so the block after the repeat "
                               f"(「{_snippet(blocks[c].text)}」) continues the original and moves up to it")
    del seen, index, block, key  # (the shingle index is not held while the pieces are looked for)
    edits = _edits(text, style, blocks, removed, scores, moved_to)
    pieces = piece_edits(text, NAME, blocks, keys, sizes, set(removed) | set(moved_to) | set(moved_to.values()),
                         comparison_key)  # copies cut by column breaks
    # (nor the blocks and their keys while rejoin reads the text the removals leave: on
    # OCR-shaped text the index and these were a third of the pass's peak)
    del blocks, keys, numbers, sizes, cut
    return settled(text, edits, pieces)


#: A short labelled line ``标签：值`` (a few Han, a colon, a value; OCR spaces by the colon allowed).
_LABELLED = regex.compile(r"\s*\p{Han}{2,8}[ \t\u3000]*[：:][^\n：:]+$")
_LABEL_CHARS = 8


def _is_repeat(i: int, found: tuple[int, str, float], keys: list[str], sizes: list[int], cut: list[bool],
               labelled: bool, opts: Options, gone: Container[int] = ()) -> bool:
    """Whether the original found makes block ``i`` a repeat: for a short block, the distance decides.

    A glitch prints its copy within a few blocks, with at most short blocks (a
    line of the next column, a caption) between; a short clause repeated past
    a long paragraph is meant (legislation, credits). Farther apart, a short
    block is a repeat when the block before it is a line cut mid-sentence
    repeated before its original too: a passage the layout printed twice,
    lines and all. A labelled line is a glitch copy only when it is the same text.
    Only the blocks between that stay (not in ``gone``) count, so that a
    second run judges the same distances.

    >>> keys, sizes, cut = ["a", "b", "a", "c", "a"], [40, 90, 40, 10, 40], [False] * 5
    >>> _is_repeat(2, (0, "exact", 100.0), keys, sizes, cut, False, Options())  # a long paragraph between
    False
    >>> _is_repeat(4, (2, "exact", 100.0), keys, sizes, cut, False, Options())  # a short one between
    True
    >>> _is_repeat(2, (0, "near", 96.0), keys, [90, 40, 90], cut, False, Options())  # long: anywhere
    True
    >>> _is_repeat(4, (2, "near", 96.0), keys, sizes, cut, True, Options())  # labelled: exact only
    False
    >>> keys, cut = ["x", "a", "b", "x", "a"], [True, False, False, True, False]
    >>> _is_repeat(4, (1, "exact", 100.0), keys, [10, 40, 90, 10, 40], cut, False, Options())  # a cut line before both
    True
    """
    j, kind, _ = found
    if sizes[i] >= opts.long_chars and not labelled:
        return True
    if _close(i, j, sizes, opts, gone):
        return kind == "exact" or not labelled
    if labelled:
        return False
    return j > 0 and cut[i - 1] and keys[i - 1] == keys[j - 1] and sizes[i - 1] >= _LABEL_CHARS


def _close(i: int, j: int, sizes: list[int], opts: Options, gone: Container[int]) -> bool:
    """Fewer than ``window - 1`` blocks that stay stand between ``j`` and ``i``, none of them long.

    Walks back from ``i`` and stops at the first block that decides, so the
    cost is bounded by the window, not by the distance.
    """
    between = 0
    for x in range(i - 1, j, -1):
        if x in gone:
            continue
        between += 1
        if between >= opts.window - 1 or sizes[x] >= opts.long_chars:
            return False
    return True


def _kept_between(i: int, j: int, gone: tuple[Container[int], ...], limit: int) -> int:
    """Blocks between ``j`` and ``i`` that stay (in none of ``gone``), up to ``limit + 1``: what a second run sees."""
    return sum(1 for _ in islice((x for x in range(i - 1, j, -1) if not any(x in g for g in gone)), limit + 1))


def _find_original(i: int, key: str, keys: list[str], numbers: list[str | None], seen: dict[str, int],
                   index: Index, opts: Options, shingles: set[bytes], gone: tuple[Container[int], ...] = ()
                   ) -> tuple[int, str, float] | None:
    number = numbers[i]
    if key in seen and numbers[seen[key]] == number:
        return seen[key], "exact", 100.0
    best: tuple[int, str, float] | None = None
    for j in index.candidates(shingles):
        other = keys[j]
        if numbers[j] != number:
            continue
        longest = max(len(key), len(other))
        threshold = opts.near if min(len(key), len(other)) >= opts.long_chars else opts.near_short
        if (abs(len(key) - len(other)) <= (100 - threshold) / 100 * longest
                and key not in other and other not in key):
            # (the score first, cut off at the threshold: the facts' alignment costs the two
            # lengths multiplied, and is read only for a pair that scores high enough)
            score = fuzz.ratio(key, other, score_cutoff=threshold)
            if score >= threshold and (best is None or score > best[2]) and _same_facts(key, other):
                best = (j, "near", score)
                continue
        if len(key) < len(other) and (_kept_between(i, j, gone, 2) <= 2 and _comparable_len(key) >= 50
                                      or _same_cut(key, other)):
            # Contained: all of the block but a short lead-in matches inside the original.
            body = key[min(opts.lead_in, max(0, len(key) - opts.min_chars)):]
            other_grams = _trigrams(other) if len(body) > _PREFILTERED else None
            for cut in (0, len(key) - len(body)):
                piece = key[cut:]
                if other_grams is not None and not _may_align(piece, other_grams, 2 + 0.02 * len(piece)):
                    continue
                al = fuzz.partial_ratio_alignment(piece, other, score_cutoff=opts.contained)
                if al is None:
                    continue
                # Mismatched characters allowed: OCR noise, not a clause of its own.
                covered = al.dest_end - al.dest_start
                distance = (100 - al.score) / 100 * (len(piece) + covered)
                if distance <= 2 + 0.02 * len(piece) and (best is None or al.score > best[2]):
                    best = (j, "contained", al.score)
                    break
    return best


#: Pieces longer than this are tested on their trigrams before their alignment is sought
#: (an alignment costs some length squared: minutes for two paragraphs of 40,000 characters).
_PREFILTERED = 256


def _trigrams(text: str) -> set[str]:
    return {text[k:k + 3] for k in range(len(text) - 2)}


def _may_align(piece: str, other_grams: set[str], slack: float) -> bool:
    """Whether ``piece`` may match a stretch of the text whose trigrams are ``other_grams``
    within ``slack`` insertions and deletions. Each such edit breaks at most three of the
    piece's trigrams, so a piece with more trigrams that the text lacks cannot (the q-gram
    lemma): the test never refuses an alignment the distance bound would accept.

    >>> text = "他们根据气象条件和机场特点编排了动作，今天上午在北京举行。"
    >>> _may_align(text[3:20], _trigrams(text), 2), _may_align("完全不同的另一段文字内容", _trigrams(text), 2)
    (True, False)
    """
    missing = sum(1 for g in _trigrams(piece) if g not in other_grams)
    return missing <= 3 * (slack + 1)  # (one edit more than the bound: the distance is read from a float score)


_FACTS = regex.compile(r"\d+|[零一二三四五六七八九十百千万亿两]+|《[^》]*》")


def _facts(key: str) -> list[str]:
    """Numbers and titles: two texts that differ in these are different texts, however similar."""
    return _FACTS.findall(key)


def _same_facts(key: str, other: str) -> bool:
    """The numbers and titles of ``key`` and ``other`` are the same, once a numeral that OCR
    read as its look-alike on one side (千 as 干, 十 as +) is read as the numeral there.

    >>> _same_facts("千方百计广开门路", "干方百计广开门路"), _same_facts("三千", "四千"), _same_facts("这一规定", "本规定")
    (True, False, False)
    """
    facts = _facts(key)
    if facts == _facts(other):
        return True
    read = list(other)
    for tag, a0, a1, b0, b1 in Levenshtein.opcodes(key, other):
        if tag == "replace" and a1 - a0 == b1 - b0:
            for k in range(a1 - a0):
                if (key[a0 + k], other[b0 + k]) in _NUMERAL_LOOKALIKES:
                    read[b0 + k] = key[a0 + k]
    return facts == _facts("".join(read))


#: (numeral, look-alike) pairs OCR confuses, either way round.
_NUMERAL_LOOKALIKES = frozenset(p for a, b in (("千", "干"), ("十", "+"), ("二", "="), ("一", "-"))
                                for p in ((a, b), (b, a)))


def _end_printed(text: str) -> str:
    """``text`` without its trailing white space, its end read as punctuation will print it:
    a sentence-final ``.`` after Chinese text is ``。``, ``? ”`` is ``？”``, a straight quote
    paired (dedup runs before punctuation, and a second run, reading the full-width marks, must
    find the same ends). Only a text whose last characters may print otherwise is read
    again, and only its last line.

    >>> _end_printed("剥夺政治权利. "), _end_printed("游泳赛的? ”"), _end_printed("version 2.")
    ('剥夺政治权利。', '游泳赛的？”', 'version 2.')
    """
    text = text.rstrip()
    if not any(c in _MAY_PRINT_OTHERWISE for c in text[-4:]):
        return text
    from .rejoin.blocks import as_printed, pairs_printed  # (rejoin reads lines as printed the same way)
    # (a long line's pairing not kept: rejoin's cache of long printed views holds rejoin's own
    # blocks, and is dropped when rejoin ends; a document is not held in it until the next one)
    return as_printed(pairs_printed(text[text.rfind("\n") + 1:], keep=False), pairs=False)


#: Characters near a block's end that punctuation may write otherwise there: ASCII marks, the
#: spaces beside a mark, straight quotes and brackets.
_MAY_PRINT_OTHERWISE = frozenset(",.:;?!\"')( \t\u3000")


_HAN_END = regex.compile(r"\p{Han}$")


def _same_cut(key: str, other: str) -> bool:
    """Both end mid-sentence at the same words: a passage the layout printed twice."""
    tail = key[-6:]
    return (len(tail) == 6 and other.endswith(tail) and not _CLOSED_END.search(key)
            and _HAN_END.search(key) is not None)


def _continuation(i: int, j: int, blocks: Sequence[_Span], keys: list[str], removed: dict[int, str],
                  moved_to: dict[int, int]) -> int | None:
    """The block after repeat ``i`` when ``i`` and its original ``j`` are cut at the same words."""
    a, r = blocks[j].text.rstrip(), blocks[i].text.rstrip()
    if _CLOSED_END.search(_end_printed(a)) or _CLOSED_END.search(_end_printed(r)):
        return None
    tail = comparison_key(r)[-6:]
    if len(tail) < 4 or not comparison_key(a).endswith(tail):
        return None
    c = i + 1
    if c >= len(blocks) or c in removed or c in moved_to or j in moved_to.values():
        return None
    if not chars.HAN_RE.match(blocks[c].text):
        return None
    return c


def _edits(text: str, style: str, blocks: Sequence[_Span], removed: dict[int, str], scores: dict[int, tuple[float, str]],
           moved_to: dict[int, int]) -> list[Edit]:
    gone = set(removed) | set(moved_to)
    edits: list[Edit] = []
    for c, j in moved_to.items():
        a = blocks[j]
        edits.append(make_edit(NAME, text, a.end, a.end, blocks[c].text,
                               "the continuation of a paragraph cut at a repeated passage, moved up to it",
                               rule="dedup.moved.continuation"))
    # Each gone block is removed with the separator before it (after it, at the start).
    for x in sorted(gone):
        if x > 0:
            start, end = blocks[x - 1].end, blocks[x].end
        else:
            start, end = blocks[0].start, blocks[1].start
        if x in moved_to:
            reason = (f"moved: continues paragraph {moved_to[x] + 1} "
                      f"(「{_snippet(blocks[moved_to[x]].text)}」), see the insertion there")
            edits.append(make_edit(NAME, text, start, end, "", reason, rule="dedup.moved.from"))
        else:
            edits.append(make_edit(NAME, text, start, end, "", removed[x], scores[x][0], rule=scores[x][1]))
    return sorted(edits, key=lambda e: (e.start, e.end))
