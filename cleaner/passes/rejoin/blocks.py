"""The block model: what rejoin knows about each block before it decides anything.

Each block of the text (a run of non-blank lines, or a line in one-paragraph-
a-line text) becomes one :class:`Unit` record: where it is, its kind
(heading, byline, prose...), whether its end is open (no stop: perhaps a
cut), whether its last line fills the column, whether it was indented (a
paragraph start), whether its cut end repeats another block's (a duplicated
passage, left for dedup). The labels are kept on the record and can be read
with :meth:`Unit.labels`, as jusText keeps a paragraph's class; the
between-block stage reads them and never recomputes them.

>>> [u.kind for u in units("多彩活动迎端午\\n\\n端午节临近，各地举办活动。\\n", "blank")]
['heading', 'prose']
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Iterator

import regex

from ... import chars, lang
from ...chars import LIST_ITEM, TERMINAL, TRAILING_PAREN
from ...edits import apply_edits
from ...text import Block, iter_paragraphs, paragraph_style
from ...text import paragraphs as _paragraphs

#: Kinds of block that never join another (a cut open end is not possible there).
CLOSED_KINDS = ("furniture", "credit", "byline", "marker", "caption")

_MARKER = regex.compile(r"^(?:[◆◇■□●○▲△★☆▶►•※◎]|——)")
_CREDIT = regex.compile(r"^[（(【\[][^（()）\n]{1,40}[）)】\]]$")
_BYLINE = regex.compile(r"^(?:(?:本报|新华社|中新社|人民日报)(?:特约)?记者|记者|通讯员|本报评论员)[\p{Han}\s、·]{0,20}$")
_CAPTION = regex.compile(r"^(?:图为|图：|图:|上图|下图|左图|右图|图\d|资料图|供图)")
#: Page furniture's three forms, each alone (:class:`FurnitureSoFar` reads them one by one):
#: a weekday then a desk word (``星期三 … 责编``), a page number (the whole text), an editor's credit.
_WEEKDAY = r"星期[一二三四五六日天]"
_DESK_WORD = r"责编|版式|校对|编辑"
_PAGE_NUMBER = r"^(?:第\s*\d+\s*版|[-—\s]*\d{1,4}[-—\s]*)$"
_EDITOR = r"(?:责编|责任编辑)[:：;；\s]"
_FURNITURE = regex.compile(f"(?:{_WEEKDAY}.*(?:{_DESK_WORD}))|{_PAGE_NUMBER}|{_EDITOR}")
_WORD_OR_NUMBER = regex.compile(r"[\p{Han}\p{N}]")
_HAN = regex.compile(r"\p{Han}")


@lru_cache(maxsize=1)
def _blocks_of(text: str, style: str) -> tuple[Block, ...]:
    return tuple(_paragraphs(text, style))  # type: ignore[arg-type]


def paragraphs(text: str, style: str | None = None) -> tuple[Block, ...]:
    """The blocks of ``text`` (cached: the steps of a stage split the same text one after
    another; one text only, as its blocks copy it, and :func:`forget` drops it)."""
    return _blocks_of(text, style or paragraph_style(text))


def each_block(text: str, style: str) -> Iterator[Block]:
    """The blocks of ``text`` one at a time, not kept: for a step that reads each block once
    and in order (the blocks of a whole text copy it; :func:`paragraphs` keeps them).

    >>> [b.text for b in each_block("a\\nb\\n\\nc", "blank")] == [b.text for b in paragraphs("a\\nb\\n\\nc", "blank")]
    True
    """
    return iter_paragraphs(text, style)  # type: ignore[arg-type]


def forget() -> None:
    """Drop the blocks of the last text split and the printed views of its blocks (at the end
    of a run: they copy the whole text, and would stay alive until the next document)."""
    forget_blocks()
    _paired_long.cache_clear()


def forget_blocks() -> None:
    """Drop the blocks of the last text split (at the end of a round, whose next text differs)."""
    _blocks_of.cache_clear()


def is_marked(text: str) -> bool:
    """A heading with a marker (``◆``, ``■``, ``——``) at its start."""
    return _MARKER.match(text) is not None


_WIDE = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"})
#: The ASCII marks the punctuation pass makes full-width: , ; : ? ! after Han or a
#: Chinese closing mark (spaces, a stop and other such marks between them allowed, as its
#: context test: ``是? ,`` prints ``是？，``), , ; :
#: between a number and Chinese text, a comma between a percentage and a number, and a
#: sentence-final '.' after Han or a closing bracket or quote.
_ASCII_MARK = regex.compile(r"(?<=[\p{Han}%s][ \t.]*(?:[,;:?!]+[ \t.]*)*)[,;:?!]+" % regex.escape(chars.CJK_CLOSERS)
                            + r"|(?<=[\d%‰])[,;:](?=[ \t]*[\p{Han}（《“「『])|(?<=[%‰]),(?=\d)"
                            + r"|(?<=[\p{Han}%s])(?<!(?m:^)[ \t]*[%s百]+)\.(?=$|[\s\"'”’)）\p{Han}])"
                            % (regex.escape(chars.STOP_AFTER_CLOSERS), chars.HAN_DIGITS))


def as_punctuated(text: str) -> str:
    """``text`` as the ``punctuation`` pass will write it, for judging: ASCII marks
    after Chinese text read as the full-width marks they become (same length).

    Rejoin runs before punctuation; judging ``,`` and ``.`` after Han as ``，``
    and ``。`` keeps its decisions the same on its own output once punctuated.

    >>> as_punctuated("他说,好.走了. 1,000人, e.g. 中.com")
    '他说，好。走了。 1,000人， e.g. 中.com'
    >>> as_punctuated("是? ,"), as_punctuated("a? ,")
    ('是？ ，', 'a? ,')
    """
    if not ("," in text or "." in text or ":" in text or ";" in text or "?" in text or "!" in text):
        return text  # the usual case, told apart without a regex scan
    return _ASCII_MARK.sub(lambda m: m.group().translate(_WIDE), text)


#: The last characters that :data:`chars.TERMINAL` or :data:`chars.TRAILING_PAREN` can
#: match, before or after :func:`as_punctuated` (which turns ASCII marks full-width).
_MAY_END_A_SENTENCE = frozenset(chars.BLOCK_STOPS + chars.CLOSERS + ",;:?!.)）")


#: The document being rejoined writes its single dashes ``——`` once punctuated
#: (:func:`chars.single_dashes_double`, a census of the whole text): set by
#: :func:`printing_document` for the length of a run, read by :func:`as_printed`.
_DASHES_DOUBLE: ContextVar[bool] = ContextVar("dashes_double", default=False)


@contextmanager
def printing_document(text: str) -> Iterator[None]:
    """Judge lines as punctuation will print them in ``text``: the facts of the whole
    document that the printed form of a line depends on (whether a single dash between
    Chinese text becomes ``——``) are taken once, here, for the run.

    >>> with printing_document("甲——乙——丙"):
    ...     as_printed("开展—以检促改")
    '开展——以检促改'
    >>> as_printed("开展—以检促改")
    '开展—以检促改'
    """
    token = _DASHES_DOUBLE.set(chars.single_dashes_double(text))
    try:
        yield
    finally:
        _DASHES_DOUBLE.reset(token)


def dashes_double() -> bool:
    """Whether the document being judged writes a single dash ``——`` (:func:`printing_document`)."""
    return _DASHES_DOUBLE.get()


def as_printed(text: str, pairs: bool = True) -> str:
    """``text`` as the pipeline will print it, for judging what offsets do not
    matter to: :func:`as_punctuated`, full-width letters and digits half-width,
    no spaces beside a full-width mark, an ellipsis in Chinese text written ``……``,
    and a single dash ``——`` where the document's census says so (:func:`printing_document`).

    >>> as_printed("义 ,。是: 县…２０２３")
    '义，。是：县……2023'
    """
    text = as_punctuated(pairs_printed(text) if pairs else text)
    if chars.FULLWIDTH_ALNUM.search(text):
        text = text.translate(chars.HALF_WIDTH)
    if " " in text or "\t" in text or "\u3000" in text:
        text = chars.SPACE_BY_MARK.sub("", text)
    if _DASHES_DOUBLE.get() and ("—" in text or "―" in text):  # (the flag first: most documents have none)
        text = chars.SINGLE_DASH.sub("——", text)
    return _ellipsis_printed(text)


def pairs_printed(text: str, keep: bool = True) -> str:
    """Straight quotes and ASCII brackets paired as punctuation pairs them (``容“'``
    reads ``容“‘``, an opener; ``做).`` reads ``做）。``, a stop).

    Each answer costs a run of punctuation's pairing (30-100 µs however short the
    text), so answers are remembered: a short text's (a line, a heading, a block's end)
    in a cache that outlives the run (the same lines are read again by the later rounds,
    by dedup and by its settle step), a longer one's until the end of the run
    (:func:`forget`), or not at all without ``keep``.
    """
    if '"' not in text and "'" not in text and "(" not in text and ")" not in text and not (
            ("（" in text or "）" in text) and ("《" in text or "》" in text or "〈" in text or "〉" in text
                                             or "【" in text)):
        return text  # no straight mark, and no pair whose halves may disagree ('（一》', '【罪）')
    if len(text) <= _SHORT_PAIRED:
        return _paired_short(text)
    return _paired_long(text) if keep else _paired(text)


#: The longest text whose paired view outlives a run: the cache holds at most
#: 2,048 texts of this length and their views (about 1 MB), never a document.
_SHORT_PAIRED = 128


@lru_cache(maxsize=2048)
def _paired_short(text: str) -> str:
    return _paired(text)


@lru_cache(maxsize=4096)
def _paired_long(text: str) -> str:
    return _paired(text)


def _paired(text: str) -> str:
    from .. import punctuation  # (punctuation never reads rejoin)
    pairs_only = punctuation.Options(dashes=False, width=False, spaces=False)
    edits = [e for e in punctuation.run(text, pairs_only) if e.rule.split("+")[0] in _PAIR_RULES]
    return apply_edits(text, edits)[0] if edits else text


_PAIR_RULES = frozenset(("punctuation.quotes", "punctuation.quotes.single", "punctuation.quotes.partner",
                         "punctuation.brackets",
                         "punctuation.bracket.lone", "punctuation.bracket.partner"))


def _ellipsis_printed(text: str) -> str:
    written = chars.ellipses_written(text)
    if written is not text and not _HAN.search(text):
        return text  # not Chinese text: punctuation keeps its '...'
    return written


def is_terminal(text: str) -> bool:
    """True when ``text`` ends a sentence (a stop, perhaps closed by quotes or a credit).

    >>> is_terminal("完成了。”"), is_terminal("安全顺畅。(据新华社北京6月6日电)"), is_terminal("为广大")
    (True, True, False)
    >>> is_terminal("完成了.")
    True
    >>> is_terminal('他说："完成了。"'), is_terminal('完成了；"'), is_terminal("心里有数! ”")
    (True, False, True)
    >>> is_terminal('完成了。"（新华社北京电）'), is_terminal('；"（日电）'), is_terminal('；(〈工）')
    (True, False, False)
    """
    text = text.rstrip()
    if not text or text[-1] not in _MAY_END_A_SENTENCE:  # most lines: no regex needed
        return False
    # A quote or bracket closes or opens as punctuation pairs it on its line ('；"）' is '；“）':
    # open), and so do the marks of a trailing credit and those before it ('；"（日电）' is
    # '；“（日电）', '；(〈工）' is '；(（工）': open).
    if _trailing_credit(text) is not None or text[-1] in "\"')）》〉" or '"' in text[-4:] or "'" in text[-4:]:
        # (and a credit whose opener is a look-alike punctuation repairs: '?〈机）' is '?（机）')
        cut = text.rfind("\n") + 1
        text = text[:cut] + pairs_printed(text[cut:])
    text = as_punctuated(text)
    tail = text[-6:]
    if " " in tail or "\u3000" in tail or "\t" in tail:
        # punctuation removes a space between a stop and its closing marks ('有数! ”' prints '有数！”')
        cut = text.rfind("\n") + 1
        text = text[:cut] + chars.SPACE_BY_MARK.sub("", text[cut:])
    if _stop_at_end(text):
        return True
    m = _trailing_credit(text)
    return bool(m) and _stop_at_end(text[:m.start()].rstrip())


def _trailing_credit(text: str) -> regex.Match | None:
    """``TRAILING_PAREN.search(text)``, read in the last 42 characters (its longest match)."""
    if text[-1:] not in (")", "）"):
        return None
    return TRAILING_PAREN.search(text, max(0, len(text) - 42))


#: What a match of :data:`chars.TERMINAL` consists of: stops, then closing marks.
_STOP_RUN = frozenset(chars.BLOCK_STOPS + chars.CLOSERS)


def _stop_at_end(text: str) -> bool:
    """``TERMINAL.search(text)``, reading only the last 15 characters when the
    16th from the end cannot be part of a match (the regex would try every position).

    >>> _stop_at_end("他说" * 20 + "完成了。”"), _stop_at_end("。" * 40), _stop_at_end("为广大" * 9)
    (True, True, False)
    """
    if len(text) > 16 and text[-16] not in _STOP_RUN:
        text = text[-15:]
    return TERMINAL.search(text) is not None


#: The kinds told by a pattern at the block start, in the order :func:`kind_of` tests
#: them, as one pattern: the first alternative that matches names the kind.
_ANCHORED_KINDS = regex.compile("|".join(f"(?P<{kind}>{pattern.pattern})" for kind, pattern in (
    ("credit", _CREDIT), ("byline", _BYLINE), ("caption", _CAPTION), ("marker", _MARKER), ("list", LIST_ITEM))))


#: Texts longer than this are classified afresh each time: a cache keyed by them
#: would hold whole paragraphs (and every growing paragraph-so-far) alive.
_CACHED_KIND = 256


def kind_of(text: str) -> str:
    """Classify a block: ``furniture``, ``credit``, ``byline``, ``caption``,
    ``marker`` (a heading with a marker), ``list``, ``heading`` (short and
    open) or ``prose``.

    >>> [kind_of(t) for t in ["（新华社北京11月7日电）", "新华社记者", "◆办实事 以更有力举措",
    ...                       "多彩活动迎端午", "1.毫不放松压实责任。", "共舞蓝天。据悉，他们根据气"]]
    ['credit', 'byline', 'marker', 'heading', 'list', 'prose']
    """
    return _kind(text) if len(text) > _CACHED_KIND else _cached_kind(text, _DASHES_DOUBLE.get())


def _kind(text: str) -> str:
    text = text.strip()
    if len(text) <= _PAIRED_KIND:  # (a credit, byline or heading is short; the kinds read it as printed)
        text = as_printed(text)
    if is_furniture(text):
        return "furniture"
    m = _ANCHORED_KINDS.match(text)
    if m:
        return m.lastgroup  # type: ignore[return-value]
    if heading_like(text):
        return "heading"
    return "prose"


@lru_cache(maxsize=8192)
def _cached_kind(text: str, dashes_double: bool) -> str:
    return _kind(text)  # (a short block's kind reads it as printed, which the dash census changes)

#: Blocks up to this long are classified as punctuation prints them, quotes and
#: brackets paired and spaces beside full-width marks gone: ``（射；〉]`` reads
#: ``（射；）]``, prose, not a credit; ``(一 )，`` reads ``（一），``, a list item.
_PAIRED_KIND = 64


def is_furniture(text: str) -> bool:
    """Page furniture: a page number, an editor's credit (``责编：``), a date-and-editor line.

    >>> is_furniture("第 4 版"), is_furniture("责编：王静"), is_furniture("多彩活动迎端午")
    (True, True, False)
    """
    text = text.strip()
    # Only the pattern's anchored alternative can match a text without these words;
    # testing for them first spares a scan of every long paragraph.
    if "编" in text or "版式" in text or "校对" in text:
        return _FURNITURE.search(text) is not None
    return _FURNITURE.match(text) is not None


#: The forms of :data:`_FURNITURE`, compiled alone: is_furniture holds when any of them matches.
_WEEKDAY_RE, _DESK_WORD_RE, _PAGE_NUMBER_RE, _EDITOR_RE = (
    regex.compile(p) for p in (_WEEKDAY, _DESK_WORD, _PAGE_NUMBER, _EDITOR))


class FurnitureSoFar:
    """:func:`is_furniture` of a text that grows at its end, the line step's paragraph so
    far, in time that grows with what each join appends, not with the whole text (the
    paragraph of a page with no stop grows to the whole page, and asking each time
    made the line step quadratic).

    ``answer`` is ``is_furniture(text)`` of the last text given; :meth:`follow` takes the
    next one, and whether it is the last one with something appended. The test of an
    editor's credit (``责编：``) and of a weekday then a desk word (``星期三 … 编辑``) hold
    once they hold, so only the appended end is searched for them; a page number is the
    whole text, told at its first characters.

    >>> f = FurnitureSoFar("2024年3月5日 星期二")
    >>> f.answer, f.follow("2024年3月5日 星期二 本版编辑", True), f.follow("星期二", False)
    (False, True, False)
    """

    __slots__ = ("answer", "_plain", "_end", "_weekday", "_sticky")

    def __init__(self, text: str) -> None:
        self._start(text)

    def follow(self, text: str, grown: bool) -> bool:
        """Take ``text``: the last text with something appended (``grown``), or a new one."""
        if not grown or not self._plain or "\n" in text[self._end:]:
            self._start(text)  # (a new text, or a line break the weekday test does not read across)
        else:
            self._read(text, self._end)
        return self.answer

    def _start(self, text: str) -> None:
        # Read in place (offsets of ``text`` are those of its stripped form) when nothing leads it.
        self._plain = not text[:1].isspace() and "\n" not in text
        if not self._plain:
            self.answer = is_furniture(text)
            return
        self._weekday, self._sticky = None, False
        self._read(text, 0)

    def _read(self, text: str, old: int) -> None:
        """Take ``text``, whose first ``old`` characters (stripped) were read before."""
        end = _stripped_end(text)
        if not self._sticky:
            if self._weekday is None:
                m = _WEEKDAY_RE.search(text, max(0, old - 2), end)
                self._weekday = m.start() if m else None
            self._sticky = (_EDITOR_RE.search(text, max(0, old - 5), end) is not None
                            or self._weekday is not None
                            and _DESK_WORD_RE.search(text, max(old - 1, self._weekday + 3), end) is not None)
        self._end = end
        self.answer = self._sticky or _PAGE_NUMBER_RE.match(text, 0, end) is not None


def _stripped_end(text: str) -> int:
    """Where ``text.rstrip()`` ends, found without copying the text."""
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
    return end


def heading_like(text: str) -> bool:
    """Short, open and with at most one clause comma: how headings look.

    >>> heading_like("强化思想引领,持续紧扣冠要求"), heading_like("他们根据气象条件，编排设计了动作，")
    (True, False)
    """
    text = text.strip()
    if len(text) > 45 and "." not in text and "。。" not in text:
        return False  # too long, whatever else it is (no '...' or '。。。' that prints shorter)
    text = as_punctuated(text)
    if is_terminal(text) or "\n" in text:
        return False
    commas = len(chars.COMMA.findall(text))
    if chars.HEADING_BREAKER.search(text):
        return False
    n = len(_ellipsis_printed(text))  # as punctuation will write it: '…' is '……'
    if n <= 24 and commas <= 1:
        return True
    return n <= 45 and commas == 0


def is_debris(text: str) -> bool:
    """A one-character block, or a few non-word characters: OCR debris from rules and images.

    >>> is_debris("|"), is_debris("。"), is_debris("镇")
    (True, False, True)
    """
    text = text.strip()
    if len(text) > 3 or chars.TRAILING_MARKS_ONLY.match(text):
        return False
    return len(text) <= 1 or (len(text) <= 3 and not _WORD_OR_NUMBER.search(text))


def joiner(left: str, right: str) -> str:
    """What goes between two pieces when a break between them is removed.

    >>> joiner("中", "文"), joiner("word", "next"), joiner("19", "98")
    ('', ' ', '')
    """
    a, b = left[-1:], right[:1]
    if a.isdigit() and b.isdigit():
        return ""
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
        return " "
    if a in ",;:!?" and b.isascii() and b.isalpha():
        return " "
    return ""


def _tail_key(text: str) -> str | None:
    """A block's last characters, compared with other blocks' to find repeated cut ends:
    its last twelve letters, digits and Han characters (read as printed: full-width digits
    half width), without marks or spaces, which punctuation may settle differently on each
    copy's line (a ';' at a text's start stays ASCII, a space beside a full-width mark goes).

    >>> _tail_key("处;组织出卖人体器官罪) 故意") == _tail_key("处；组织出卖人体器官罪）故意")
    True
    """
    tail = _NOT_WORD.sub("", as_printed(text.rstrip()[-36:], pairs=False))[-12:]
    return tail if chars.han_count(tail) >= 6 else None


_NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True)
class Unit:
    """One block and its labels: :attr:`text` is ``source[start:end]``, read from the
    source when asked (a record holds no copy of its block: a round's records would
    copy the whole text)."""

    index: int
    start: int
    end: int
    source: str = field(repr=False, compare=False)
    kind: str
    #: Ends without a stop and is prose or a heading: the break after it may be a cut.
    open_end: bool
    #: Its last line fills the column: a wrapped line, so the text goes on.
    full: bool
    #: Its first line was indented: a paragraph starts here.
    indented: bool = False
    #: Its open end repeats another block's: a duplicated passage, left for dedup.
    repeated_cut: bool = False
    #: Its first line fills the column: no indent, so it starts inside a paragraph.
    opens_full: bool = False
    #: One line that fills the column less a paragraph indent: a first line, its indent dropped.
    short_by_indent: bool = False
    #: A page number, running head or foot of a document of several pages (:func:`page_furniture`).
    page_furniture: bool = False

    @property
    def text(self) -> str:
        """The block's text."""
        return self.source[self.start:self.end]

    @property
    def debris(self) -> bool:
        """A tiny block of OCR debris (see :func:`is_debris`)."""
        return is_debris(self.text)

    @property
    def first_word(self) -> str:
        """The first word of the block (the lexicon's segmentation)."""
        return lang.first_word(self.text.lstrip())

    def labels(self) -> dict[str, object]:
        """Every label, by name (for reading a decision; ``--explain`` names the evidence)."""
        return {"kind": self.kind, "open_end": self.open_end, "full": self.full, "indented": self.indented,
                "repeated_cut": self.repeated_cut, "opens_full": self.opens_full,
                "short_by_indent": self.short_by_indent, "page_furniture": self.page_furniture,
                "debris": self.debris, "first_word": self.first_word}


def units(text: str, style: str, full_end: Callable[[int], bool] = lambda pos: False,
          indented_start: Callable[[int], bool] = lambda pos: False,
          full_start: Callable[[int], bool] = lambda pos: False,
          indent_short_end: Callable[[int], bool] = lambda pos: False,
          furniture: frozenset[str] = frozenset()) -> list[Unit]:
    """The blocks of ``text`` as records. ``full_end(offset)`` tells whether a block
    ending there ends with a line that fills the column, ``indented_start(offset)``
    whether a block starting there was indented, ``full_start(offset)`` whether its
    first line fills the column (facts of the inside stage); ``furniture`` holds the
    page furniture of the text (:func:`page_furniture`)."""
    # (each block read once, in order: the blocks of the text are not kept beside the records)
    records: list[Unit] = []
    tails: dict[str, int] = {}  # a cut end's key -> the first block ending with it
    repeated: set[int] = set()
    for i, b in enumerate(each_block(text, style)):
        kind = kind_of(b.text)
        # A list item may be cut (an article, an item); a chapter or section heading is not.
        open_end = ((kind in ("prose", "heading") or kind == "list" and not chars.SECTION_HEADING.match(b.text))
                    and not is_terminal(b.text))
        key = _tail_key(b.text) if open_end else None
        if key:
            first = tails.setdefault(key, i)
            if first != i:
                repeated.update((first, i))
        records.append(Unit(i, b.start, b.end, text, kind, open_end, full_end(b.end), indented_start(b.start),
                            False, full_start(b.start), "\n" not in b.text and indent_short_end(b.end),
                            bool(furniture) and b.text.strip() in furniture))
    for i in repeated:
        records[i] = replace(records[i], repeated_cut=True)
    return records
