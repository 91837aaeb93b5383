"""The ``normalize`` pass: Unicode and white space, nothing else.

Steps, each reported with its own reason:

1. line breaks: CRLF and CR become LF; vertical tab, form feed (a PDF page
   break), NEL and U+2028 become LF; U+2029 (paragraph separator) a blank line;
2. invisible characters removed: zero-width space/non-joiner/joiner, word
   joiner, BOM, and C0/C1 control characters other than tab and newline
   (a zero-width joiner inside an emoji sequence is kept: it is meaningful);
3. Unicode NFC (CJK compatibility ideographs become their unified forms);
4. trailing white space at line ends removed (a line of only white space
   becomes a blank line);
5. indentation (spaces, tabs, no-break and ideographic spaces) removed at
   paragraph starts: the first line of a block, or every line of a block whose
   lines are all indented. An indented line in the middle of a block is left
   alone: it marks a paragraph start that only ``rejoin`` can act on.

Everything else is left exactly as it is.

>>> from cleaner.pipeline import Pipeline
>>> Pipeline(["normalize"])("\\u3000\\u3000第一段。 \\r\\n")
'第一段。\\n'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from .. import chars
from ..edits import Edit, make_edit, run_steps
from ..text import iter_blocks, lines_at

NAME = "normalize"


@dataclass(frozen=True)
class Options:
    """Options of the ``normalize`` pass.

    nfc: apply Unicode NFC (default ``True``).
    indentation: remove indentation at paragraph starts (default ``True``).
    """

    nfc: bool = True
    indentation: bool = True


_BREAKS = regex.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE = regex.compile(
    r"[\u200b\u200c\u2060\ufeff\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]"
    r"|(?<!\p{Extended_Pictographic}[\p{Emoji_Modifier}\ufe0f]?)\u200d"
    r"|\u200d(?![\p{Extended_Pictographic}])")
_SPACE = chars.char_class(chars.INDENT_SPACES)
_TRAILING = regex.compile(_SPACE + r"+$", regex.M)
_INDENT = regex.compile(r"^" + _SPACE + r"+")
_LINE_INDENT = regex.compile(r"^" + _SPACE + r"+", regex.M)
_GRAPHEME = regex.compile(r"\X")


def _line_breaks(text: str) -> list[Edit]:
    out = []
    for m in _BREAKS.finditer(text):
        after = "\n\n" if m.group() == "\u2029" else "\n"
        if m.group()[0] == "\r":
            reason, rule = "CR/CRLF line break to LF", "normalize.break.crlf"
        else:
            reason, rule = f"line separator U+{ord(m.group()):04X} to LF", "normalize.break.separator"
        out.append(make_edit(NAME, text, m.start(), m.end(), after, reason, rule=rule))
    return out


def _invisible(text: str) -> list[Edit]:
    return [make_edit(NAME, text, m.start(), m.end(), "",
                      f"invisible character U+{ord(m.group()):04X} "
                      f"({unicodedata.name(m.group(), 'control')}) removed", rule="normalize.invisible")
            for m in _INVISIBLE.finditer(text)]


def _nfc(text: str) -> list[Edit]:
    if unicodedata.is_normalized("NFC", text):
        return []
    out = []
    for pos, line in lines_at(text):
        if not unicodedata.is_normalized("NFC", line):
            for m in _GRAPHEME.finditer(line):
                g = m.group()
                n = unicodedata.normalize("NFC", g)
                if n != g:
                    out.append(make_edit(NAME, text, pos + m.start(), pos + m.end(), n,
                                         "Unicode NFC", rule="normalize.nfc"))
    return out


def _trailing(text: str) -> list[Edit]:
    return [make_edit(NAME, text, m.start(), m.end(), "", "trailing white space removed",
                      rule="normalize.trailing_space")
            for m in _TRAILING.finditer(text)]


def _indentation(text: str) -> list[Edit]:
    """The first line's indentation of each block; every line's when every line of the block is
    indented. Found by the regex engine, so a block of many lines is not split into a list."""
    out = []
    for block in iter_blocks(text):
        if _INDENT.match(block.text) is None:
            continue
        found = list(_LINE_INDENT.finditer(block.text))
        if len(found) < block.text.count("\n") + 1:
            found = found[:1]
        for m in found:
            out.append(make_edit(NAME, text, block.start + m.start(), block.start + m.end(), "",
                                 "indentation at a paragraph start removed", rule="normalize.indent"))
    return out


def run(text: str, options: Options = Options()) -> list[Edit]:
    """The edits that normalize ``text``.

    >>> [e.reason for e in run("a\\u200bb")]
    ['invisible character U+200B (ZERO WIDTH SPACE) removed']
    >>> run("已经干净的文本。\\n")
    []
    """
    steps = [_line_breaks, _invisible]
    if options.nfc:
        steps.append(_nfc)
    steps.append(_trailing)
    if options.indentation:
        steps.append(_indentation)
    return run_steps(text, steps)[1]
