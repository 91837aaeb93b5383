"""Line-level bookkeeping of the ``punctuation`` pass: where ASCII marks are right on a
line (:class:`AsciiMask`) and the replacements made on it so far (:class:`Collector`).

>>> mask = AsciiMask("见 www.gov.cn 网站,")
>>> 5 in mask, len("见 www.gov.cn 网站,") - 1 in mask
(True, False)
>>> put = Collector("好,")
>>> put(1, 2, "，", "a comma after Han", "punctuation.width"); put(1, 2, ",", "ignored", "x")
>>> [(e.start, e.after) for e in put.edits("好,", 0, "punctuation")]
[(1, '，')]
"""

from __future__ import annotations

import bisect

import regex

from .. import chars
from ..edits import Edit, make_edit

# ASCII_SPANS less its e-mail alternative, which cannot match in a line with no '@': same spans, found faster.
_SPANS_NO_AT = regex.compile(chars.ASCII_SPANS.pattern.replace(r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "", 1))


class AsciiMask:
    """Spans of a line where ASCII punctuation is right (:data:`cleaner.chars.ASCII_SPANS`:
    URLs, numbers, Latin phrases…): ``i in mask``.

    Computed on first use: most lines of Chinese text have no ASCII mark to check.
    The spans are found in the line as the pass writes it, full-width letters and
    digits half-width (``１'3`` is the number ``1'3`` a second run sees).
    """

    def __init__(self, line: str) -> None:
        self.line = line
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def __contains__(self, i: int) -> bool:
        if self.starts is None:
            self.starts = []
            spans = chars.ASCII_SPANS if "@" in self.line else _SPANS_NO_AT
            written = self.line.translate(chars.HALF_WIDTH) if chars.FULLWIDTH_ALNUM.search(self.line) else self.line
            for m in spans.finditer(written):
                self.starts.append(m.start())
                self.ends.append(m.end())
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and i < self.ends[k]


class Collector:
    """Non-overlapping replacements within one line (never empty): the first one put at a place wins.

    Replaced characters are marked in a byte array: a check costs the span's
    length, not the number of replacements (a line of megabytes holds 100,000s).
    """

    def __init__(self, line: str) -> None:
        self.line = line
        self.out: dict[int, tuple[int, str, str, str]] = {}
        self._taken: bytearray | None = None  # 1 where a replacement covers the character

    def __call__(self, start: int, end: int, after: str, reason: str, rule: str) -> None:
        if self.overlaps(start, end):
            return
        if self.line[start:end] != after:
            self.out[start] = (end, after, reason, rule)
            if self._taken is None:
                self._taken = bytearray(len(self.line))
            self._taken[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """A replacement already covers a character of ``start:end``."""
        return self._taken is not None and self._taken.find(1, start, end) != -1

    def edits(self, text: str, base: int, name: str) -> list[Edit]:
        return [make_edit(name, text, base + s, base + e, a, r, rule=rule)
                for s, (e, a, r, rule) in sorted(self.out.items())]
