"""The naive baseline: what a short script does to Tesseract output, for the tables to beat.

Three rules and nothing else: ASCII ``,:;?!()`` next to a Han character
become full-width; spaces between two Han characters, or between a Han
character and a digit, are deleted; a line that does not end a sentence is
joined to the next (blank lines are dropped, so a paragraph cut by a column
break is joined too). Paragraphs come out one a line. No duplicate is
removed and no headline is kept apart.

>>> naive("据统计 ,全国有6 0 0\\n万人 参加(其中 女性过半)。\\n\\n第二段:好")
'据统计 ，全国有6 0 0万人参加（其中女性过半）。\\n第二段：好'
"""

from __future__ import annotations

import regex

_WIDE = str.maketrans({",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"})
_MARK_BY_HAN = regex.compile(r"(?<=\p{Han})[,:;?!()]|[,:;?!()](?=\p{Han})")
_SPACE = regex.compile(r"(?<=\p{Han})[^\S\n]+(?=[\p{Han}\d])|(?<=\d)[^\S\n]+(?=\p{Han})")
_SENTENCE_END = regex.compile(r"[。！？!?…；;][”’」』）)》]*$")


def naive(text: str) -> str:
    """Apply the three rules (see the module docstring)."""
    text = _MARK_BY_HAN.sub(lambda m: m.group().translate(_WIDE), text)
    text = _SPACE.sub("", text)
    paragraphs, current = [], ""
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        current += line
        if _SENTENCE_END.search(current):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)
