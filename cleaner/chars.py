"""The character vocabulary: named classes of marks and the patterns built from them.

Every pass that reasons about characters takes its classes from here, so
that "a stop" or "a closing mark" is written once. Where a pass needs a
variant (a narrower set, an extra mark) the variant is derived here, from the
named classes, next to a note of who uses it and why; a pass never types a
class of marks of its own. Letters are matched with ``regex`` Unicode
properties (``\\p{Han}``), not code-point ranges.

Classes are plain strings (for ``ch in CLASS`` and for building patterns);
:func:`char_class` turns one into a regex character class.

>>> "。" in SENTENCE_STOPS, "，" in SENTENCE_STOPS
(True, False)
>>> bool(TERMINAL.search("完成了。”")), bool(TERMINAL.search("为广大"))
(True, False)
"""

from __future__ import annotations

import regex

# --------------------------------------------------------------------------
# Classes of marks

#: A Han (Chinese) character, as a pattern.
HAN = r"\p{Han}"
HAN_RE = regex.compile(HAN)
#: A run of Han characters.
HAN_RUN = regex.compile(HAN + "+")


def han_count(text: str) -> int:
    """How many Han characters ``text`` holds (counted by runs: a quarter of the time of one
    match a character).

    >>> han_count("2024年，新华社 ABC 电")
    5
    """
    return sum(map(len, HAN_RUN.findall(text)))

#: Marks that end a sentence (full and half width).
SENTENCE_STOPS = "。！？!?"
ELLIPSIS = "…"
SEMICOLONS = "；;"
COLONS = "：:"
COMMAS = "，,"
#: The enumeration comma: a list goes on after it.
ENUMERATION_COMMA = "、"
#: A dash or a full-width hyphen at a block end (a line that ends ``——`` leads on to a list).
DASHES = "—－"
#: Closing quotation marks.
QUOTE_CLOSERS = "”’」』"
#: Closing round brackets, full and half width.
PAREN_CLOSERS = "）)"
#: Closing title and lenticular brackets.
TITLE_CLOSERS = "》〉】"
#: Straight quotes: they close as well as open.
STRAIGHT_QUOTES = "\"'"
#: Every closing mark that may follow a stop or end a block. (``〕`` is not in it:
#: rejoin never counted it, and counting it now would change what rejoin joins.)
CLOSERS = QUOTE_CLOSERS + PAREN_CLOSERS + TITLE_CLOSERS + STRAIGHT_QUOTES
#: Opening brackets and quotation marks.
OPENERS = "（《〈【「『“‘"

#: What ends a block, so that the break after it is no cut (rejoin): a
#: sentence stop, an ellipsis, and also a semicolon, a colon or a dash, after
#: which a new block (a list, a quotation) legitimately starts.
BLOCK_STOPS = SENTENCE_STOPS + ELLIPSIS + SEMICOLONS + COLONS + DASHES
#: Marks that separate clauses: how many a line has tells prose from a heading.
CLAUSE_MARKS = COMMAS + SEMICOLONS + "。"
#: Stops inside a text that show it holds more than one sentence (rejoin: a
#: block with earlier stops is prose, so its open end is a cut).
INNER_STOPS = SENTENCE_STOPS + SEMICOLONS
#: A full stop or a semicolon anywhere in a line: no heading has one.
HEADING_BREAKERS = "。" + SEMICOLONS
#: What a line holding only punctuation can consist of when it ends the line
#: before it (the typesetter pushed it down: ``…车间`` + ``。``).
TRAILING_MARKS = "。，、；：？！…" + QUOTE_CLOSERS + "）" + TITLE_CLOSERS
#: Closing marks after which an ASCII ``.`` ends a Chinese sentence (punctuation writes it
#: ``。``; rejoin reads it so). Every closing bracket that punctuation may repair into
#: another is in it: ``【斄）.`` prints ``【斄】。``, the stop judged the same either side.
STOP_AFTER_CLOSERS = "）" + TITLE_CLOSERS + QUOTE_CLOSERS
#: Chinese marks after which an ASCII mark is in Chinese context (punctuation).
CJK_CLOSERS = "。，、；：？！）" + TITLE_CLOSERS + QUOTE_CLOSERS + ELLIPSIS + "—"
#: Every Chinese mark that gives an ASCII mark Chinese context (punctuation).
CJK_MARKS = CJK_CLOSERS + OPENERS
#: An end that is not a cut (dedup: two cut blocks ending at the same words are
#: a layout repeat). Narrower than :data:`BLOCK_STOPS` and :data:`CLOSERS`: a
#: dash, ``〉``, ``】`` or a straight quote there may still be a cut, and dedup
#: would rather keep a repeat than move text on a guess.
CLOSED_END_MARKS = SENTENCE_STOPS + ELLIPSIS + SEMICOLONS + COLONS + PAREN_CLOSERS + QUOTE_CLOSERS + "》"


def char_class(chars: str) -> str:
    """A regex character class matching any of ``chars``.

    >>> char_class("。-")
    '[。\\\\-]'
    """
    return "[" + regex.escape(chars) + "]"


#: Every kind of space a line can be indented with: ASCII, tab, no-break, en quad to
#: hair space, narrow no-break, medium mathematical, ideographic. normalize removes
#: them at a paragraph start and a line end; rejoin reads a line that starts with
#: one as indented (one definition, so that what rejoin splits off normalize has
#: nothing left to remove).
#: The spaces punctuation removes beside a full-width mark (and rejoin reads as gone).
MARK_SPACES = " \t\u3000"
#: The spaces punctuation removes beside a full-width mark in Chinese text (``义 ，`` ,
#: ``： 县``, ``市 “一``); rejoin judges a line as printed without them.
_MARK_SPACE_RUN = char_class(MARK_SPACES) + "+"
SPACE_BY_MARK = regex.compile(r"(?<=[，。、；：？！）》」』”】])" + _MARK_SPACE_RUN + r"(?=[\p{Han}\p{N}\p{L}“‘（《「『【])"
                              r"|(?<=[\p{Han}\p{N}\p{L}%‰，。、；：？！”’）》」』】])" + _MARK_SPACE_RUN
                              + r"(?=[，。、；：？！）》」』”】])"
                              r"|(?<=[（《「『“【])" + _MARK_SPACE_RUN + r"(?=\S)"
                              r"|(?<=\p{Han})" + _MARK_SPACE_RUN + r"(?=[“‘（《「『【])")
#: A run of those spaces anywhere (punctuation removes the whole run beside a mark).
MARK_SPACE_RUN = regex.compile(_MARK_SPACE_RUN)
#: Full-width letters and digits, which punctuation writes half-width (:data:`HALF_WIDTH`).
#: One full-width letter or digit (a pattern).
FULLWIDTH_ALNUM_CHAR = "[０-９Ａ-Ｚａ-ｚ]"
FULLWIDTH_ALNUM = regex.compile(FULLWIDTH_ALNUM_CHAR + "+")
HALF_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in
                            [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]})
INDENT_SPACES = " \t\xa0\u3000" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f"


# --------------------------------------------------------------------------
# Patterns

#: The text ends a sentence or a block: stops, then perhaps closing marks (rejoin).
TERMINAL = regex.compile(char_class(BLOCK_STOPS) + "+" + char_class(CLOSERS) + "*$")
#: A bracketed credit at the very end (``…顺畅。(据新华社北京6月6日电)``).
TRAILING_PAREN = regex.compile(r"[（(][^（()）\n]{1,40}[）)]$")
#: A sentence end: a stop or an ellipsis, perhaps closed by quotes or brackets.
SENTENCE_END_MARKS = char_class(SENTENCE_STOPS + ELLIPSIS) + char_class(QUOTE_CLOSERS + PAREN_CLOSERS) + "*"
#: The text ends with a sentence end (dedup: a short block without one is a heading).
SENTENCE_END = regex.compile(SENTENCE_END_MARKS + "$")
#: A stop that is not the last character: the text has an earlier sentence.
INNER_STOP = regex.compile(char_class(INNER_STOPS) + "(?!$)")
CLAUSE = regex.compile(char_class(CLAUSE_MARKS))
COMMA = regex.compile(char_class(COMMAS))
HEADING_BREAKER = regex.compile(char_class(HEADING_BREAKERS))
#: An ellipsis written otherwise than ``……`` (punctuation writes it so, in Chinese text).
#: Three to six Chinese stops may have spaces between them (OCR's spacing of ``。。。``),
#: which punctuation removes beside full-width marks.
ELLIPSIS_FORMS = regex.compile(r"(?<![.\d])\.{3,6}(?![.\d])|。(?:[ \t\u3000]*。){2,5}|(?<!…)…(?!…)")


def ellipses_written(text: str) -> str:
    """``text`` with every ellipsis form written ``……``, as punctuation writes it in
    Chinese text (for judging; the caller decides whether the text is Chinese).

    >>> ellipses_written("互联互通… 等等... 完。。。 好。。 。")
    '互联互通…… 等等…… 完…… 好……'
    """
    if "…" not in text and "..." not in text and text.count("。") < 3:
        return text  # the usual case, told apart without a regex scan
    return ELLIPSIS_FORMS.sub("……", text)


#: A single dash between Chinese text: a connector (GB/T 15834: ``东盟—中日韩``), or the
#: dropped half of ``——`` in a document that writes those (:func:`single_dashes_double`).
SINGLE_DASH = regex.compile(r"(?<=[\p{Han}”」』》）])[—―](?=[\p{Han}“「『《（])")


def single_dashes_double(text: str) -> bool:
    """``text`` writes double dashes (twice or more) and at most one single one between
    Chinese text, so that punctuation writes its single dash ``——``: a census of the whole
    document, which rejoin reads too, to measure a line as it will be printed.

    >>> single_dashes_double("他说——好——走—了"), single_dashes_double("东盟—中日韩——合作——机制—会议")
    (True, False)
    """
    if text.count("——") < 2:
        return False
    found = SINGLE_DASH.finditer(text)
    return next(found, None) is None or next(found, None) is None


#: A line of one to three trailing marks only.
TRAILING_MARKS_ONLY = regex.compile("^" + char_class(TRAILING_MARKS) + "{1,3}$")
#: Any punctuation.
PUNCT = regex.compile(r"\p{P}")
#: A sentence stop, then any closing quotes: where a sentence ends inside a block.
SENTENCE_BREAK = regex.compile(char_class(SENTENCE_STOPS) + "(?:" + char_class(QUOTE_CLOSERS) + "*)")

#: Words that open a paragraph (``据悉``, ``同时``) or an opening quotation
#: mark: a block starting so is likely no continuation.
PARAGRAPH_OPENERS = ("据", "近日", "日前", "此外", "同时", "另外", "目前", "今年", "去年", "截至", "记者",
                     "与此同时", "随着", "为了", "对此", "其中", "然而", "但是", "因此", "所以", "首先", "其次",
                     "最后", "总之", "一是", "二是", "三是", "一方面", "另一方面", "“", "\"", "《", "（")

# List numbers. Two patterns from the same parts, for two questions:
_ARABIC_ITEM = r"\d{1,3}[.．、)）]"
_PAREN_ARABIC = r"[（(]\d{1,3}[）)]"
#: Chinese numerals that number list items (五、 五.).
HAN_DIGITS = "一二三四五六七八九十"
_PAREN_HAN = r"[（(][%s]+[）)]" % HAN_DIGITS
#: A block that starts like a list item or a numbered part (rejoin: it never
#: continues the block before it). Includes ``第三章`` and hundreds (``一百、``);
#: ``1.5`` is a number, not an item, and so is ``1） 5`` (punctuation removes its space).
_ORDINAL = r"第[%s百\d]+" % HAN_DIGITS  # 第三, 第一百二十七
LIST_ITEM = regex.compile(r"^(?:%s(?![ \t\u3000]*\d)|%s|[%s百]+[、.．]|%s|%s[章节部分篇条])"
                          % (_ARABIC_ITEM, _PAREN_ARABIC, HAN_DIGITS, _PAREN_HAN, _ORDINAL))
#: A chapter, section or part heading at a block start (``第六章 妨害社会管理秩序罪``): a
#: list item by its number, but nothing of it goes on into the next block (rejoin).
SECTION_HEADING = regex.compile(r"\s*%s[章节部分篇]" % _ORDINAL)
#: The item number at a block start, as text (dedup: items with different
#: numbers are never duplicates of each other). Leading space allowed.
LIST_NUMBER = regex.compile(r"^\s*(?:%s|%s|[%s]+[、.．]|%s)" % (_ARABIC_ITEM, _PAREN_ARABIC, HAN_DIGITS, _PAREN_HAN))

#: A news dateline at a block start (``新华社北京11月7日电``, ``本报北京一月十九日讯``, ``本报讯``).
#: A day's digits may be OCR's look-alikes of ``1`` (``新华社北京]月12日电``): between
#: a place name and ``月…日电`` they can be nothing else.
ONE_LOOKALIKES = "]|lI"
_DAY = r"(?:[\d%s]{1,2}|[%s]{1,3})" % (regex.escape(ONE_LOOKALIKES), HAN_DIGITS)
#: The agencies and papers a dateline names.
AGENCIES = r"(?:新华社|中新社|本报|人民网|新华网|央视网|光明网)"
DATELINE = regex.compile(
    r"^(?:[（(]?(?:据)?%s?[\p{Han}]{0,8}?%s月%s日(?:电|讯|消息)"
    r"|(?:本报讯|新华社电|中新社电))" % (AGENCIES, _DAY, _DAY))
_AGENCY_LEAD = regex.compile(r"据?%s" % AGENCIES)


def agency_dateline(text: str) -> regex.Match | None:
    """The dateline ``text`` opens with, if it names its agency or paper and is not in
    brackets (``据新华社东京1月18日电``, ``本报讯``; not ``今年5月3日消息``, nor a closing
    credit ``（新华社南京10月24日电）``, which may run on in its paragraph).

    >>> [bool(agency_dateline(t)) for t in ["本报讯国家科委", "今年5月3日消息", "（新华社北京1月1日电）"]]
    [True, False, False]
    """
    return DATELINE.match(text) if _AGENCY_LEAD.match(text) else None

# Protected spans. Two kinds, for two passes, under two names:
#: Titles and quotations on one line (rejoin keeps the spaces inside them:
#: ``《赓续百年初心 担当育人使命》``).
TITLES_AND_QUOTES = regex.compile(r"《[^》\n]*》|“[^”\n]*”|\"[^\"\n]*\"|「[^」\n]*」")
#: A character of a URL: anything but white space, Han and the Chinese marks.
_URL_CHAR = r"[^\s\p{Han}%s]" % regex.escape(CJK_MARKS)
#: Text where ASCII punctuation is right (punctuation leaves its marks alone):
#: URLs, e-mail, inline code, numbers, times and ratios, designations, list
#: numbering, Latin phrases.
ASCII_SPANS = regex.compile(
    r"(?:https?|ftp)://%s+" % _URL_CHAR +                            # URLs
    r"|www\.%s+" % _URL_CHAR +
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                                 # e-mail
    r"|`[^`\n]+`"                                                     # inline code
    r"|\d+(?:[.,:：/]\d+)+[%‰]?"                                      # 1.05, 1,000, 10:30, 1/2
    r"|\d+[%‰]"                                                       # 32%
    r"|(?<=\p{Han})-\d[\w.-]*"                                        # 歼-10C
    r"|\d+-\d+"                                                       # 1-2
    r"|(?m:^\s*\d{1,3}\.(?=\S))"                                      # list numbering 1.
    r"|[A-Za-z][A-Za-z0-9'’]*(?:[ ,.;:!?'-]+[A-Za-z0-9][A-Za-z0-9'’]*)+[.!?]?"  # Latin phrases
)
