"""Build ``dictionaries/homophones.tsv``: the Han characters of GB 2312 grouped by reading.

A typing error of a pinyin input method puts a character of the same syllable
in place of the right one (``推近`` for ``推进``). Each of the 6,763 characters
of GB 2312 (enumerated with Python's ``gb2312`` codec) is read with its most
common reading by ``pypinyin`` (MIT; its data come from the MIT-licensed
``pinyin-data``), tones dropped; one line per syllable lists the characters
that read so, the most frequent first (frequencies of ``dictionaries/words.tsv``,
the character as a word of its own).

Needs ``pypinyin`` (a tool, not a run-time dependency)::

    pip install pypinyin
    python tools/build_homophones.py > dictionaries/homophones.tsv
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent


def gb2312() -> list[str]:
    out = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                out.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def frequencies() -> dict[str, int]:
    freq: dict[str, int] = {}
    for line in (ROOT / "dictionaries" / "words.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 2 and len(cols[0]) == 1 and not line.startswith("#"):
            freq[cols[0]] = int(cols[1])
    return freq


def main() -> None:
    import pypinyin
    groups: dict[str, list[str]] = defaultdict(list)
    for ch in gb2312():
        reading = lazy_pinyin(ch, style=Style.NORMAL)[0]
        if reading.isascii() and reading.isalpha():
            groups[reading].append(ch)
    freq = frequencies()
    out = sys.stdout
    out.write("# File: homophones.tsv\n")
    out.write("# Format: homophones, one entry a line: syllable<TAB>characters that read so (tones dropped)\n")
    out.write("# License: MIT (readings from pypinyin, MIT, whose data are the MIT-licensed pinyin-data)\n")
    out.write(f"# Source: the 6,763 Han characters of GB 2312, each with its most common reading by pypinyin "
              f"{pypinyin.__version__}; built by tools/build_homophones.py\n")
    for syllable in sorted(groups):
        chars = sorted(groups[syllable], key=lambda c: (-freq.get(c, 0), c))
        if len(chars) > 1:
            out.write(f"{syllable}\t{''.join(chars)}\n")


if __name__ == "__main__":
    main()
