"""Spaces inside blocks: OCR spaces between Chinese characters, spaced-out digits, glued headings.

A space between two Chinese characters is OCR's when a word of the lexicon
spans it, or when the document is full of such spaces (every former line end
got one); it is the writer's in headings, datelines, ``《》`` titles and short
quotations. A space that is neither may mark a heading glued to the start of
a paragraph: that one becomes a paragraph break.
"""

from __future__ import annotations

import regex

from ... import chars, lang
from ...chars import CLAUSE, DATELINE, INNER_STOP, PUNCT
from ...edits import Edit, make_edit
from ...text import paragraph_style, separator
from .blocks import as_printed, as_punctuated, each_block, is_terminal, kind_of, pairs_printed
from .evidence import junction
from .options import NAME, Options

_HAN_SPACE = regex.compile(r"(?<=[\p{Han}])[ \t]+(?=[\p{Han}])")
_DIGIT_RUN = regex.compile(r"(?<![\d.,])\d(?:[ ]\d){2,}(?![\d.,])")
_UNITS = "年月日号时分秒个人次名项条家所元角万亿倍度岁只台辆座份件篇场届期批类种户位间栋层米吨里亩公斤克余多"
_DIGIT_UNIT = regex.compile(r"(?<=\d)[ ]+(?=[%s])" % _UNITS)
_DIGIT_UNIT_MARK = regex.compile(r"(?<=\d)[ ]+(?=[%s%%％‰])" % _UNITS)
# Two or more single digits with one space between each (``_DIGIT_RUN`` needs three).
_SPACED_DIGITS = regex.compile(r"(?<![\d.,．])\d(?:[ ]\d)+(?![\d.,．])")
# A decimal point with a space before it (`720 . 7`, `25 .59`): never how a number is typeset.
_SPACED_POINT = regex.compile(r"(?<=\d)[ ]+[.．][ ]*(?=\d)")
# A space after the point of a number in Chinese text, before a percentage or an amount
# (`高达20. 9%`, `403. 4亿美元`, `9. 2个百分点`; not `20. 9月份`, which may be a sentence's end).
_POINT_SPACE = regex.compile(r"(?<=\p{Han}\d{1,6}[.．])[ ]+(?=\d+(?:[%％‰亿万千百倍]|个百分点))")
_NUMBER_BEFORE = regex.compile(r"([A-Za-z][ ]?)?[\d.．]+$")
_NUMBER_AFTER = regex.compile(r"[ ]*[\d.．]+[%％]?([ ]?[A-Za-z])?")
_HAN_DIGIT = regex.compile(r"(?<=\p{Han})[ ]+(?=\d)|(?<=\d)[ ]+(?=\p{Han})")
_WORD_RULES = ("rejoin.space.word", "rejoin.space.document")
_TIGHT_DIGIT = regex.compile(r"\p{Han}\d|\d\p{Han}")
_DIGIT = regex.compile(r"\d")


def _spaces_kept(line: str) -> list[tuple[int, int]]:
    """Spans whose spaces are intentional: titles in 《》, short quoted names and slogans
    (a long quotation with clauses is speech: its spaces are OCR's), a dateline.
    Pairs and marks are read as punctuation will print them: ``《导人)`` is ``（导人）``, no
    title; ``“结.豳”`` holds the clause mark ``。``; a quotation's length counts ``…`` as ``……``."""
    spans = [(m.start(), m.end()) for m in chars.TITLES_AND_QUOTES.finditer(_in_place(line))
             if m.group().startswith("《") or _short_quotation(m.group())]
    m = DATELINE.match(line)
    if m:
        spans.append((0, m.end() + 2))
    return spans


def _short_quotation(quoted: str) -> bool:
    """A quotation of at most 24 characters as printed, with no clause mark: a name or slogan."""
    printed = as_printed(quoted, pairs=False)
    return len(printed) <= 24 and not CLAUSE.search(printed)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _spacey(text: str) -> bool:
    """True when spaces between Han characters are the document's noise, not its style."""
    count = han = 0
    if not _HAN_SPACE.search(text):
        return False
    for block in each_block(text, paragraph_style(text)):
        if kind_of(block.text) != "prose":
            continue
        han += chars.han_count(block.text)
        spaced = [m.start() for m in _HAN_SPACE.finditer(block.text)]
        if spaced:  # (the spans kept are looked for only in a block with such a space)
            spans = _spaces_kept(block.text)
            count += sum(1 for pos in spaced if not _inside(pos, spans))
    return count >= 3 and count * 150 >= han


def spaces(text: str, style: str, opts: Options) -> list[Edit]:
    out: list[Edit] = []
    spacey = _spacey(text)
    # (the blocks are read once each and not kept: those with spaces are few)
    blocks = [b for b in each_block(text, style) if " " in b.text]
    for block in blocks:
        if kind_of(block.text) == "prose":
            out.extend(_han_spaces(text, style, block.start, block.text, spacey, opts))
    noisy = _numbers_noisy(text, words=sum(e.rule in _WORD_RULES for e in out))
    for block in blocks:
        out.extend(_number_spaces(text, block.start, block.text, noisy))
        if "://" in block.text:
            out.extend(make_edit(NAME, text, block.start + m.start(), block.start + m.end(),
                                 m.group().replace(" ", ""), "OCR space inside a URL's scheme removed",
                                 rule="rejoin.space.url")
                       for m in _SPACED_SCHEME.finditer(block.text) if " " in m.group())
    return out


#: A URL's scheme with an OCR space inside it or before its ``://`` (``h ttp://``, ``http ://``).
_SPACED_SCHEME = regex.compile(r"(?<![A-Za-z])(?:h ?t ?t ?p(?: ?s)?|f ?t ?p) ?://")


def _han_spaces(text: str, style: str, base: int, body: str, spacey: bool, opts: Options) -> list[Edit]:
    """Spaces between two Chinese characters of a prose block: inside a word, a spacey document's, a glued heading."""
    out: list[Edit] = []
    spans = _spaces_kept(body)
    for m in _HAN_SPACE.finditer(body):
        gain = lang.junction_gain(body[:m.start()], body[m.end():])
        if _inside(m.start(), spans):
            # Titles and quotations keep their spaces, unless a word spans one.
            if gain >= 3:
                out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                     f"OCR space inside a word removed (gain {gain:.1f})", gain,
                                     rule="rejoin.space.word"))
            continue
        if gain >= 1:
            out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                 f"OCR space inside a word removed (gain {gain:.1f})", gain,
                                 rule="rejoin.space.word"))
        elif spacey:
            out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                 "OCR space between Chinese characters removed (the document is "
                                 "full of line-wrap spaces)", rule="rejoin.space.document"))
        elif opts.headings:
            out.extend(_glued_heading(text, style, base, body, m, opts))
    return out


def _numbers_noisy(text: str, words: int) -> bool:
    """True when the document's spaces next to and inside numbers are OCR noise, not its style.

    Spaces inside numbers (``6 0``, ``720 . 7``) together with spaces inside words
    make an OCR document; so do two of either when tight digit/Han contacts
    (``1997年``) outnumber spaced ones. A document that spaces every number
    (``2003 年``) and has no other OCR space keeps its style.

    >>> _numbers_noisy("有6 0 多人，2003 年。", words=1), _numbers_noisy("他在 2003 年和 2005 年。", words=0)
    (True, False)
    """
    numbers = len(_SPACED_DIGITS.findall(text)) + len(_SPACED_POINT.findall(text))
    if numbers and words:
        return True
    return numbers + words >= 2 and len(_TIGHT_DIGIT.findall(text)) > len(_HAN_DIGIT.findall(text))


def _latin_bound(body: str, pos: int) -> bool:
    """True when the number touching the space at ``pos`` belongs to Latin text (`Windows 10`, `5 km`).

    >>> _latin_bound("用Windows 10 发布", 11), _latin_bound("全长 5 km", 2), _latin_bound("带着 3个", 2)
    (True, True, False)
    """
    before = _NUMBER_BEFORE.search(body[max(0, pos - 40):pos])
    after = _NUMBER_AFTER.match(body, pos)
    return bool(before and before.group(1)) or bool(after and after.group(1))


def _number_spaces(text: str, base: int, body: str, noisy: bool) -> list[Edit]:
    """Spaces inside numbers and between a number and Chinese text, decided from the document's evidence."""
    if _DIGIT.search(body) is None:
        return []  # (every pattern below reads a digit: most blocks have none)
    prose = kind_of(body) == "prose"
    if not prose and not noisy:
        return []
    spans = _spaces_kept(body)
    runs = list((_SPACED_DIGITS if noisy else _DIGIT_RUN).finditer(body))
    why = " (the document has OCR spaces inside numbers and words)" if noisy else ""
    out = [make_edit(NAME, text, base + m.start(), base + m.end(), m.group().replace(" ", ""),
                     "spaced-out digits rejoined" + why, rule="rejoin.space.digits") for m in runs]
    out += [make_edit(NAME, text, base + m.start(), base + m.end(), m.group().strip(),
                      "OCR space around a decimal point removed", rule="rejoin.space.decimal")
            for m in _SPACED_POINT.finditer(body)]
    out += [make_edit(NAME, text, base + m.start(), base + m.end(), "",
                      "OCR space after a decimal point removed", rule="rejoin.space.decimal")
            for m in _POINT_SPACE.finditer(body)]
    if noisy:
        pattern = _HAN_DIGIT if prose else _DIGIT_UNIT_MARK
        for m in pattern.finditer(body):
            if _inside(m.start(), spans) or _latin_bound(body, m.start()):
                continue
            if _DIGIT_UNIT.match(body, m.start()):
                out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                     "OCR space between a number and its unit removed", rule="rejoin.space.unit"))
            else:
                out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                     "OCR space between a number and Chinese text removed (the document "
                                     "has OCR spaces inside numbers and words)", rule="rejoin.space.number"))
    elif len(_HAN_DIGIT.findall(body)) <= len(_TIGHT_DIGIT.findall(body)):
        digit_spans = [(m.start(), m.end()) for m in runs]
        for m in _DIGIT_UNIT.finditer(body):
            if not _inside(m.start(), spans) and not _inside(m.start() - 1, digit_spans) \
                    and not _latin_bound(body, m.start()):
                out.append(make_edit(NAME, text, base + m.start(), base + m.end(), "",
                                     "OCR space between a number and its unit removed",
                                     rule="rejoin.space.unit"))
    return out


def _in_place(body: str) -> str:
    """``body`` as punctuation prints it where that keeps every offset: straight quotes
    and brackets paired (``"显。"区委`` reads ``“显。”区委``: the stop is closed; kept as
    written when pairing changes the length) and ASCII marks after Chinese text full width."""
    paired = pairs_printed(body)
    return as_punctuated(paired if len(paired) == len(body) else body)


#: A sentence stop and its closing quotes (``chars.SENTENCE_BREAK``), read across the spaces
#: punctuation removes between them (``！\u3000」`` prints ``！」``; ``chars.SPACE_BY_MARK``
#: removes a space after a full-width stop or a closing quote only before ``”」』``).
_SENTENCE_BREAK_PRINTED = regex.compile(
    "%s(?:%s|(?<=[。！？%s])%s+(?=[”」』]))*" % (chars.char_class(chars.SENTENCE_STOPS), chars.char_class(
        chars.QUOTE_CLOSERS), chars.QUOTE_CLOSERS, chars.char_class(chars.MARK_SPACES)))


_WHITE = regex.compile(r"\s")
_CLAUSE_END = regex.compile(r"[\p{P}\s]")
_SHORT_LABEL = regex.compile(r"[\p{Han}]{0,3}[:：]")


def _glued_heading(text: str, style: str, base: int, body: str, m: regex.Match, opts: Options) -> list[Edit]:
    """A heading glued before a paragraph or between two of its sentences."""
    body = _in_place(body)  # '求.' ends a sentence as '求。' will
    starts = [s.end() for s in _SENTENCE_BREAK_PRINTED.finditer(body[:m.start()])]
    cut = start = starts[-1] if starts else 0
    while start < m.start() and body[start] in chars.MARK_SPACES:
        start += 1  # a space after the stop goes as punctuation removes it ('。 本报记者')
    head = body[start:m.start()]
    rest = body[m.end():]
    if not 6 <= len(head) <= 30 or PUNCT.search(head) or _WHITE.search(head):
        return []
    if cut == 0 and (DATELINE.match(body) or kind_of(head) != "heading"):
        return []
    first_clause = _CLAUSE_END.split(rest, maxsplit=1)[0]
    if len(as_printed(rest)) < 10 or len(first_clause) < 2 or not is_terminal(rest) and not INNER_STOP.search(rest):
        return []
    if _SHORT_LABEL.match(rest) or first_clause.endswith(("：", ":")):
        return []
    verdict = junction(head, rest)
    if not verdict.hard and verdict.score >= opts.threshold:
        return []
    sep = separator(style)
    reason = "heading glued into a paragraph split out: a short unpunctuated phrase, then a space and a sentence"
    edits = [make_edit(NAME, text, base + m.start(), base + m.end(), sep, reason, rule="rejoin.heading.glued")]
    if cut > 0:
        edits.insert(0, make_edit(NAME, text, base + cut, base + start, sep, reason, rule="rejoin.heading.glued"))
    return edits
