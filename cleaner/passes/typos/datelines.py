"""A news dateline's date, where OCR read a ``1`` as a look-alike (``typos.dateline.digit``).

Tesseract reads the thin ``1`` of many CJK fonts as ``]``, ``|``, ``l`` or
``I``. Between an agency's or paper's name and ``月…日电`` (or ``讯``) nothing
but a digit can stand, so there the look-alike is a ``1`` whenever the date
it makes is one (a month up to 12, a day up to 31):

>>> [(text[s:e], right) for text in ["新华社北京]月12日电（记者张宿堂）", "（本报华盛顿1月l6日电）"]
...  for s, e, right in fixes(text)]
[(']', '1'), ('l6', '16')]
>>> list(fixes("新华社北京]3月12日电")), list(fixes("他说]月12日电报"))   # no month 13; no agency
([], [])
"""

from __future__ import annotations

from typing import Iterator

import regex

from ... import chars

RULE = "typos.dateline.digit"
REASON = ("a look-alike of 1 in a dateline's date: between the agency's place and "
          "'月…日电' only a digit can stand")

_NUMBER = r"[0-9%s]{1,2}" % regex.escape(chars.ONE_LOOKALIKES)
#: A dateline at a line's start, after an opening bracket (a closing credit) or after ``据``.
_DATE = regex.compile(r"(?:^|(?<=[（(]))据?%s\p{Han}{0,8}?(%s)月(%s)日(?:电|讯)"
                      % (chars.AGENCIES, _NUMBER, _NUMBER), regex.MULTILINE)
_AS_ONE = str.maketrans({c: "1" for c in chars.ONE_LOOKALIKES})
_LAST = {1: 12, 2: 31}  # the largest month and day


def fixes(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, right)`` of each date number of a dateline that holds a look-alike of 1."""
    if "月" not in text:
        return
    for m in _DATE.finditer(text):
        for group, last in _LAST.items():
            number = m.group(group)
            if number.isascii() and number.isdigit():
                continue
            right = number.translate(_AS_ONE)
            if 1 <= int(right) <= last:
                yield m.start(group), m.end(group), right
