"""The pass's name and options (a module of their own, so that every stage can import them)."""

from __future__ import annotations

from dataclasses import dataclass

NAME = "rejoin"


@dataclass(frozen=True)
class Options:
    """Options of the ``rejoin`` pass.

    columns: split lines that OCR read straight across two columns (a wide
        gap in the middle of most lines) into the left column, then the right
        (default ``True``).
    lines: join hard-wrapped lines inside a block (default ``True``).
    paragraphs: join blocks cut mid-sentence (default ``True``).
    interrupted: move a displaced continuation up to the block it continues
        (default ``True``).
    headings: split headings glued into prose (default ``True``).
    spaces: remove OCR spaces between Chinese characters (default ``True``).
    markup: remove stray ``>`` at block starts (default ``True``).
    blank_lines: collapse runs of blank lines (default ``True``).
    furniture: remove the page numbers and running heads of a document of several pages
        (default ``True``; each removal is an edit, which ``--removed`` writes too); off, they
        stay, and a paragraph a page break cut joins across them.
    threshold: evidence score a join needs (default ``2.0``; higher is more
        cautious).
    window: how many blocks ahead a displaced continuation is looked for
        (default ``12``).
    """

    columns: bool = True
    lines: bool = True
    paragraphs: bool = True
    interrupted: bool = True
    headings: bool = True
    spaces: bool = True
    markup: bool = True
    blank_lines: bool = True
    furniture: bool = True
    threshold: float = 2.0
    window: int = 12
