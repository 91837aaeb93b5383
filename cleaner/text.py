"""Shared character classes and paragraph splitting.

Every pass that reasons about characters uses these patterns rather than
hand-typed code-point ranges, so that "a Chinese character" means the same
thing everywhere (``\\p{Han}``, via the ``regex`` module).

Vocabulary used across the package:

block
    A run of non-blank lines. In blank-line style text a block is a
    paragraph (possibly hard-wrapped over several lines); in one-paragraph-a-
    line text every line is a block.
paragraph style
    ``"blank"`` when paragraphs are separated by blank lines, ``"newline"``
    when by single line breaks. Passes keep the input's style.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal

import regex

ParagraphStyle = Literal["blank", "newline"]

#: A Han (Chinese) character.
HAN = r"\p{Han}"
#: Full-width CJK punctuation seen in Chinese prose.
CJK_PUNCT = "，。、；：？！（）《》〈〉【】〔〕「」『』“”‘’—…·～"
#: Sentence-final punctuation (full and half width), optionally followed by closers.
SENTENCE_END = "。！？!?…；;"
#: Closing marks that may follow a sentence end.
CLOSERS = "”’」』）)》〉】〕\"'"
#: Horizontal white space (not line breaks).
HSPACE = r"[^\S\n]"

HAN_RE = regex.compile(HAN)
BLANK_LINES_RE = regex.compile(r"\n(?:" + HSPACE + r"*\n)+")


def is_han(ch: str) -> bool:
    """True for a Han character.

    >>> is_han("中"), is_han("a"), is_han("，")
    (True, False, False)
    """
    return bool(ch) and HAN_RE.match(ch) is not None


def is_cjk(ch: str) -> bool:
    """True for a Han character or full-width CJK punctuation.

    >>> is_cjk("中"), is_cjk("。"), is_cjk(".")
    (True, True, False)
    """
    return bool(ch) and (ch in CJK_PUNCT or HAN_RE.match(ch) is not None)


@dataclass(frozen=True, slots=True)
class Block:
    """A block of non-blank lines: ``text == source[start:end]`` (no trailing newline)."""

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
    n = len(text)
    for m in BLANK_LINES_RE.finditer(text):
        yield from _trimmed(text, pos, m.start())
        pos = m.end()
    yield from _trimmed(text, pos, n)


def _trimmed(text: str, start: int, end: int) -> Iterator[Block]:
    # Drop a leading/trailing newline or whitespace-only edge lines.
    chunk = text[start:end]
    if not chunk.strip():
        return
    lead = len(chunk) - len(chunk.lstrip("\n"))
    chunk = chunk.strip("\n")
    yield Block(start + lead, start + lead + len(chunk), chunk)


def iter_lines(text: str) -> Iterator[Block]:
    """Every non-blank line as a block (for one-paragraph-a-line text).

    >>> [(b.start, b.text) for b in iter_lines("ab\\n\\ncd")]
    [(0, 'ab'), (4, 'cd')]
    """
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield Block(pos, pos + len(line), line)
        pos += len(line) + 1


def paragraph_style(text: str) -> ParagraphStyle:
    """Guess how ``text`` separates paragraphs.

    Blank-line style when blank lines are frequent enough to be paragraph
    separators (on average a block of at most 20 lines); otherwise one
    paragraph a line, where a stray blank line (after a title, say) is not
    a convention.

    >>> paragraph_style("a\\n\\nb\\n\\nc"), paragraph_style("a\\nb\\nc")
    ('blank', 'newline')
    """
    body = text.strip("\n")
    gaps = len(BLANK_LINES_RE.findall(body))
    lines = sum(1 for line in body.split("\n") if line.strip())
    return "blank" if gaps and gaps * 20 >= lines else "newline"


def paragraphs(text: str, style: ParagraphStyle | None = None) -> list[Block]:
    """The paragraphs of ``text`` under ``style`` (guessed when ``None``).

    >>> [b.text for b in paragraphs("a\\nb")]
    ['a', 'b']
    >>> [b.text for b in paragraphs("a\\nb\\n\\nc")]
    ['a\\nb', 'c']
    """
    style = style or paragraph_style(text)
    return list(iter_blocks(text) if style == "blank" else iter_lines(text))


def separator(style: ParagraphStyle) -> str:
    """The string placed between paragraphs in ``style``.

    >>> separator("blank")
    '\\n\\n'
    """
    return "\n\n" if style == "blank" else "\n"
