"""Lines, blocks and paragraphs: how text is cut up, with offsets.

Characters and marks (stops, closers, list numbers...) are named in
:mod:`cleaner.chars`; this module knows only line breaks and white space.
Terms (see ``docs/glossary.md``):

block
    A run of non-blank lines. In blank-line style text a block is a
    paragraph (possibly hard-wrapped over several lines); in one-paragraph-a-
    line text every line is a block.
paragraph style
    ``"blank"`` when paragraphs are separated by blank lines, ``"newline"``
    when by single line breaks. Passes keep the input's style.
"""

from __future__ import annotations

from typing import Iterator, Literal, NamedTuple

import regex

ParagraphStyle = Literal["blank", "newline"]

#: Horizontal white space (not line breaks).
HSPACE = r"[^\S\n]"

BLANK_LINES_RE = regex.compile(r"\n(?:" + HSPACE + r"*\n)+")


def lines_at(text: str, base: int = 0) -> Iterator[tuple[int, str]]:
    """Every line of ``text`` (split at ``\\n``) with the offset where it starts.

    The one place that counts offsets line by line: passes that work a line
    at a time use it. ``base`` is added to every offset (the offset of
    ``text`` in a larger text).

    >>> list(lines_at("ab\\n\\ncd"))
    [(0, 'ab'), (3, ''), (4, 'cd')]
    >>> list(lines_at("x\\ny", base=10))
    [(10, 'x'), (12, 'y')]
    """
    start = 0  # (found line by line: a list of a long text's lines would hold it a second time)
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield base + start, text[start:]
            return
        yield base + start, text[start:end]
        start = end + 1


class Block(NamedTuple):
    """A block of non-blank lines: ``text == source[start:end]`` (no trailing newline).

    A named tuple (made in half a frozen dataclass's time: a round of rejoin
    splits its text into blocks five times).
    """

    start: int
    end: int
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def iter_blocks(text: str) -> Iterator[Block]:
    """Blank-line separated blocks of ``text``, with their offsets.

    Lines holding only white space count as blank.

    >>> [b.text for b in iter_blocks("a\\nb\\n\\n c\\n")]
    ['a\\nb', ' c']
    """
    pos = 0
    for m in BLANK_LINES_RE.finditer(text):
        block = _trimmed(text, pos, m.start())
        if block is not None:
            yield block
        pos = m.end()
    block = _trimmed(text, pos, len(text))
    if block is not None:
        yield block


def _trimmed(text: str, start: int, end: int) -> Block | None:
    """The block of ``text[start:end]`` without a leading or trailing newline; ``None``
    when it is white space only."""
    chunk = text[start:end]
    if not chunk or chunk.isspace():
        return None
    if chunk[0] == "\n" or chunk[-1] == "\n":  # (most blocks have neither: no copies made)
        start += len(chunk) - len(chunk.lstrip("\n"))
        chunk = chunk.strip("\n")
    return Block(start, start + len(chunk), chunk)


def iter_lines(text: str) -> Iterator[Block]:
    """Every non-blank line as a block (for one-paragraph-a-line text).

    >>> [(b.start, b.text) for b in iter_lines("ab\\n\\ncd")]
    [(0, 'ab'), (4, 'cd')]
    """
    for pos, line in lines_at(text):
        if line.strip():
            yield Block(pos, pos + len(line), line)


def paragraph_style(text: str) -> ParagraphStyle:
    """Guess how ``text`` separates paragraphs.

    Blank-line style when blank lines are frequent enough to be paragraph
    separators (on average a block of at most 20 lines); otherwise one
    paragraph a line, where a stray blank line (after a title, say) is not
    a convention.

    >>> paragraph_style("a\\n\\nb\\n\\nc"), paragraph_style("a\\nb\\nc")
    ('blank', 'newline')
    """
    # Counted in place over the text without its leading and trailing line breaks (no copy
    # of the text, no list of its lines: a style is asked of whole documents; ``strip`` would
    # copy a text that ends with a line break, as most do).
    start, end = 0, len(text)
    while start < end and text[start] == "\n":
        start += 1
    while end > start and text[end - 1] == "\n":
        end -= 1
    if start >= end:
        return "newline"
    gaps = sum(1 for _ in BLANK_LINES_RE.finditer(text, start, end))
    if not gaps:
        return "newline"
    lines = text.count("\n", start, end) + 1 - len(_BLANK_LINE.findall(text, start, end))
    return "blank" if gaps * 20 >= lines else "newline"


#: White space as ``str.strip`` reads it, but for the line break.
_SPACE_BUT_NEWLINE = ("\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                      "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
#: A line holding nothing but white space.
_BLANK_LINE = regex.compile(r"(?m)^[%s]*$" % regex.escape(_SPACE_BUT_NEWLINE))


def paragraphs(text: str, style: ParagraphStyle | None = None) -> list[Block]:
    """The paragraphs of ``text`` under ``style`` (guessed when ``None``).

    >>> [b.text for b in paragraphs("a\\nb")]
    ['a', 'b']
    >>> [b.text for b in paragraphs("a\\nb\\n\\nc")]
    ['a\\nb', 'c']
    """
    return list(iter_paragraphs(text, style))


def iter_paragraphs(text: str, style: ParagraphStyle | None = None) -> Iterator[Block]:
    """:func:`paragraphs` one at a time, for a reader that reads each once and in order
    (the list of a whole text's paragraphs copies it).

    >>> [b.text for b in iter_paragraphs("a\\nb\\n\\nc")]
    ['a\\nb', 'c']
    """
    style = style or paragraph_style(text)
    return iter_blocks(text) if style == "blank" else iter_lines(text)


def replaced(text: str, fixes: dict[int, str]) -> str:
    """``text`` with the character at each offset of ``fixes`` replaced by its string.

    Built from slices: a list of the characters of a long line costs some 80 bytes a character.

    >>> replaced("a,b.c", {1: "，", 3: "。"})
    'a，b。c'
    """
    if not fixes:
        return text
    out, pos = [], 0
    for i in sorted(fixes):
        out += (text[pos:i], fixes[i])
        pos = i + 1
    out.append(text[pos:])
    return "".join(out)


def separator(style: ParagraphStyle) -> str:
    """The string placed between paragraphs in ``style``.

    >>> separator("blank")
    '\\n\\n'
    """
    return "\n\n" if style == "blank" else "\n"
