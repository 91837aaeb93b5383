"""Clean government text for benchmarks: the Criminal Law of the People's Republic of China.

The articles ship as ``legal_documents_cn/criminal_law.csv`` in the wheel of
``legal-documents-cn`` 0.0.12 on PyPI (MIT licence; the text of a law is
itself outside copyright under article 5 of China's Copyright Law). It is
downloaded with ``pip download --no-deps`` on first use into
``benchmarks/data/`` (git-ignored) and never committed.

Each chapter becomes an article: the chapter's name is the headline, section
names are subheadings, and every article of the law is a paragraph
(``第二百三十二条【故意杀人罪】故意杀人的，…``; an article of several
paragraphs gives several). ASCII marks beside Han characters are made
full-width, as the gold convention wants.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from functools import lru_cache

import regex

from benchmarks.corpus import DATA

WHEEL = "legal_documents_cn-0.0.12-py3-none-any.whl"
MEMBER = "legal_documents_cn/criminal_law.csv"
_WIDE = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
_ASCII_BY_HAN = regex.compile(r"(?<=[\p{Han}）】”])[,;:?!]|[,;:?!](?=[\p{Han}（【“])|\((?=\p{Han})|(?<=\p{Han})\)")
_DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    """A Chinese numeral below 10,000, as laws number their articles.

    >>> numeral(3), numeral(10), numeral(15), numeral(120), numeral(232), numeral(1003)
    ('三', '十', '十五', '一百二十', '二百三十二', '一千零三')
    """
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            out += ("零" if zero and out else "") + _DIGITS[d] + unit
            zero = False
        elif out:
            zero = True
    return out


def full_width(text: str) -> str:
    """ASCII marks next to Han characters made full-width.

    >>> full_width("定罪处刑;法律没有规定(见前款)的,不得处罚")
    '定罪处刑；法律没有规定（见前款）的，不得处罚'
    """
    return _ASCII_BY_HAN.sub(lambda m: m.group().translate(_WIDE), text)


def _wheel() -> bytes:
    path = DATA / WHEEL
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "legal-documents-cn==0.0.12",
                        "-d", str(DATA), "-q"], check=True)
    return path.read_bytes()


@lru_cache(maxsize=1)
def chapters() -> list[list[tuple[str, str]]]:
    """Every chapter as [(kind, text)], kind one of ``title``, ``sub``, ``para``."""
    with zipfile.ZipFile(io.BytesIO(_wheel())) as wheel:
        rows = list(csv.DictReader(io.StringIO(wheel.read(MEMBER).decode("utf-8-sig"))))
    out: list[list[tuple[str, str]]] = []
    chapter = section = None
    for row in rows:
        if not row["chapter_code"].isdigit() or not row["article_code"].isdigit():
            continue  # the file's last rows are empty
        if (row["part_code"], row["chapter_code"]) != chapter:
            chapter, section = (row["part_code"], row["chapter_code"]), None
            out.append([("title", full_width(f"第{numeral(int(row['chapter_code']))}章 {row['chapter_name']}"))])
        if row["section_name"] and row["section_code"] != section:
            section = row["section_code"]
            out[-1].append(("sub", full_width(f"第{numeral(int(section))}节 {row['section_name']}")))
        number = f"第{numeral(int(row['article_code']))}条"
        for k, para in enumerate(regex.sub(r"\s+", "", p) for p in row["article_content"].split("\n") if p.strip()):
            out[-1].append(("para", full_width(number + para if k == 0 else para)))
    return out


if __name__ == "__main__":
    from benchmarks.args import parse

    parse(__doc__)
    chs = chapters()
    print(len(chs), "chapters,", sum(len(t) for c in chs for _, t in c), "characters")
    print(chs[0][:3])
