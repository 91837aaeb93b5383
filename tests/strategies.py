"""Generators of OCR-shaped Chinese text, for property tests and the long-run fuzzer.

One generator, :func:`document`, is written against a tiny source of choices
(:class:`Choices`: ``pick``, ``integer``, ``chance``). Two sources back it:

* :func:`documents` draws the choices from hypothesis, so failures shrink
  (a ``pick`` shrinks towards the first, simplest item of its table, an
  ``integer`` towards its lower bound, a ``chance`` towards "no");
* :class:`RandomChoices` draws them from a seeded :class:`random.Random`,
  for ``python -m benchmarks fuzz``, which generates far more inputs than
  hypothesis could in the same time.

The building blocks are biased to the domain: common, rare and astral Han,
CJK and ASCII punctuation, digits, Latin words, every kind of space, line
breaks and blank lines, zero-width and bidirectional marks, markup debris,
and paragraphs of the seed documents shuffled, cut, repeated (a passage
printed twice, with OCR noise), recombined and hard-wrapped at random widths.

>>> text = document(RandomChoices(7))
>>> isinstance(text, str)
True
>>> document(RandomChoices(7)) == text
True
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

HAN_COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
              "也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小"
              "物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形"
              "相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建"
              "月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长"
              "求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战")
#: Rare BMP Han: CJK extension A, compatibility ideographs (NFC changes them), uncommon unified.
HAN_RARE = "斄㐀㑇㒳㓁㔾䶵䲜䴙鿐鿕龘靐齉爨豳彧燚犇骉麤" "\uf900\uf92c\ufa10\ufa2d"
#: Astral Han (extensions B to G): two UTF-16 code units, often mishandled.
HAN_ASTRAL = "𠀀𡽸𪖃𠮷𤭢𦍌𧺆𩽾𪚥𫝀𬺰𰀀𠂇"
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·～"
ASCII_PUNCT = ",.;:?!\"'()[]-/<>|*#%&_+="
DIGITS = "0123456789０１２３"
LATIN = ("a", "E", "W", "GDP", "COVID-19", "the", "of", "Beijing", "http://www.gov.cn", "e.g.", "No.",
         "iPhone", "5G", "x86", "A股", "3.5%", "1,000", "10:30", "2023年", "歼-10C")
#: Every kind of space: ASCII, tab, no-break, en, em, thin, hair, narrow no-break, math, ideographic.
SPACES = (" ", "  ", "\t", "\xa0", "\u2002", "\u2003", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000",
          "    ")
BREAKS = ("\n", "\n\n", "\n\n\n", "\r\n", "\r", "\n \n", "\u2028", "\u2029", "\x0c")
#: Zero-width characters and bidirectional marks, embeddings and isolates.
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u061c",
             "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069")
MARKUP = (">", "> ", ">>", "■", "◆", "●", "|", "——", "1.", "（一）", "一、", "（新华社北京11月7日电）",
          "■新华社发", "本报记者 张三", "图为", "据悉，", "《人民日报》", "“", "”")
WORDS = ("主题教育", "基层", "群众", "工作机制", "推进", "改革", "医保", "重点内容", "实实在在", "民族团结",
         "信访维稳", "辐射", "以检促改", "立法诉求", "高质量发展")

#: Token classes with their weights (a class listed twice is drawn twice as often).
CLASSES: tuple[tuple[str, Sequence[str]], ...] = (
    ("han", HAN_COMMON), ("han", HAN_COMMON), ("han", HAN_COMMON), ("word", WORDS),
    ("cjk_punct", CJK_PUNCT), ("cjk_punct", CJK_PUNCT), ("break", BREAKS), ("space", SPACES),
    ("ascii_punct", ASCII_PUNCT), ("digit", DIGITS), ("latin", LATIN), ("rare", HAN_RARE),
    ("astral", HAN_ASTRAL), ("invisible", INVISIBLE), ("markup", MARKUP),
)

SEPARATORS = ("\n\n", "\n", "\n\n\n", "", "\n\n\n\n")


class Choices(Protocol):
    """Where the generator's decisions come from."""

    def pick(self, items: Sequence[T]) -> T: ...

    def integer(self, lo: int, hi: int) -> int: ...

    def chance(self, p: float) -> bool: ...


class RandomChoices:
    """Choices from a seeded :class:`random.Random` (reproducible, no shrinking)."""

    def __init__(self, seed: int | random.Random) -> None:
        self.rng = seed if isinstance(seed, random.Random) else random.Random(seed)

    def pick(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


class _DrawChoices:
    """Choices from hypothesis's ``draw``, so that failures shrink."""

    def __init__(self, draw) -> None:  # type: ignore[no-untyped-def]
        self.draw = draw

    def pick(self, items: Sequence[T]) -> T:
        return self.draw(st.sampled_from(items))

    def integer(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def chance(self, p: float) -> bool:
        return self.draw(st.integers(0, 999)) >= 1000 - round(p * 1000)


@lru_cache(maxsize=1)
def seed_paragraphs() -> tuple[str, ...]:
    """The non-blank lines of the seed documents (each a paragraph or a heading)."""
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        out.extend(line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip())
    return tuple(sorted(out, key=len))  # shortest first: hypothesis shrinks towards them


def token(c: Choices) -> str:
    """One token of a class drawn by weight."""
    _, items = c.pick(CLASSES)
    return c.pick(items)


def tokens(c: Choices, most: int = 40) -> str:
    """A run of tokens: the characters and marks OCR output is made of."""
    return "".join(token(c) for _ in range(c.integer(0, most)))


def fragment(c: Choices) -> str:
    """A seed paragraph, whole or cut at both ends."""
    p = c.pick(seed_paragraphs())
    if c.chance(0.5):
        a = c.integer(0, len(p))
        p = p[a:c.integer(a, len(p))]
    return p


def hard_wrap(text: str, width: int) -> str:
    """Break every line of ``text`` after each ``width`` characters, as a printed column does.

    >>> hard_wrap("一二三四五\\n六七", 2)
    '一二\\n三四\\n五\\n六七'
    """
    lines = []
    for line in text.split("\n"):
        lines.extend([line[i:i + width] for i in range(0, len(line), width)] or [""])
    return "\n".join(lines)


def repeat(c: Choices, parts: list[str]) -> str:
    """A passage printed twice: a cut of an earlier part, with a few characters of OCR noise."""
    p = c.pick(parts)
    a = c.integer(0, len(p))
    p = p[a:c.integer(a, len(p))]
    for _ in range(c.integer(0, 2)):
        at = c.integer(0, len(p))
        p = p[:at] + token(c) + p[at + c.integer(0, 1):]
    return p


def seed_text(c: Choices) -> str:
    """Seed paragraphs shuffled, cut, repeated and recombined, maybe hard-wrapped, maybe with noise."""
    parts = [fragment(c) for _ in range(c.integer(1, 6))]
    for _ in range(c.integer(0, 2)):
        parts.insert(c.integer(1, len(parts)), repeat(c, parts))
    text = ""
    for p in parts:
        text += (c.pick(SEPARATORS) if text else "") + p
    if c.chance(0.5):
        text = hard_wrap(text, c.integer(3, 40))
    for _ in range(c.integer(0, 4)):
        at = c.integer(0, len(text))
        text = text[:at] + token(c) + text[at:]
    return text


def mixed(c: Choices) -> str:
    """Seed fragments and token runs interleaved."""
    return "".join(c.pick((fragment, tokens, lambda c: c.pick(BREAKS)))(c) for _ in range(c.integer(1, 6)))


def document(c: Choices) -> str:
    """One generated input: a token run, a seed recombination or a mixture."""
    return c.pick((tokens, seed_text, mixed))(c)


def long_document(c: Choices, size: int = 20_000) -> str:
    """A generated input made long: a few documents repeated until past ``size`` characters,
    then run together on one line, hard-wrapped at a column, or kept as they are. The other
    inputs are short, and a line of some 16,000 Chinese characters crashed rejoin where no
    short input could."""
    pieces = [document(c) for _ in range(c.integer(1, 3))]
    unit = "".join(pieces) or "中"
    text = unit * (size // len(unit) + 1)
    how = c.pick(("one line", "wrapped", "as generated"))
    if how == "one line":
        text = text.replace("\n", "")
    elif how == "wrapped":
        text = hard_wrap(text.replace("\n", ""), c.integer(10, 40))
    return text


@st.composite
def long_documents(draw) -> str:  # type: ignore[no-untyped-def]
    """Hypothesis strategy: :func:`long_document` with shrinkable choices."""
    return long_document(_DrawChoices(draw))


@st.composite
def documents(draw) -> str:  # type: ignore[no-untyped-def]
    """Hypothesis strategy: :func:`document` with shrinkable choices."""
    return document(_DrawChoices(draw))


@st.composite
def token_texts(draw) -> str:  # type: ignore[no-untyped-def]
    """Hypothesis strategy: token runs only (short, character-level inputs)."""
    return tokens(_DrawChoices(draw), most=30)
