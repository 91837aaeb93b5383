"""The character vocabulary: each named pattern answers its own question."""

from __future__ import annotations

import pytest

from cleaner import chars
from cleaner.text import lines_at

LIST_ROWS = [
    # text, starts a list item (rejoin), its item number (dedup)
    ("1.毫不放松压实责任", True, "1."),
    ("（二）完善制度", True, "（二）"),
    ("三、长江三峡工程截流成功", True, "三、"),
    ("第三章 总则", True, None),          # a numbered part, but no item number to compare
    ("一百、附则", True, None),
    ("  2、加强领导", False, "2、"),      # dedup allows leading space; a rejoin block has none
    ("1.5亿元投入使用", False, "1."),     # a number, not an item (rejoin); dedup compares the prefix
    ("今年以来，各地积极推进", False, None),
]


@pytest.mark.parametrize("text,item,number", LIST_ROWS, ids=[r[0] for r in LIST_ROWS])
def test_list_item_and_list_number(text: str, item: bool, number: str | None) -> None:
    assert bool(chars.LIST_ITEM.match(text)) is item
    m = chars.LIST_NUMBER.match(text)
    assert (m.group().strip() if m else None) == number


@pytest.mark.parametrize("text,terminal", [
    ("完成了。”", True), ("任务如下：", True), ("他说——", True), ("为广大", False), ("（新华社）", False),
    ("问题〕", False),  # 〕 is not a closer (see chars.CLOSERS)
])
def test_terminal(text: str, terminal: bool) -> None:
    assert bool(chars.TERMINAL.search(text)) is terminal


def test_sentence_end_is_narrower_than_a_block_stop() -> None:
    assert chars.SENTENCE_END.search("好。”") and not chars.SENTENCE_END.search("如下：")
    assert set(chars.SENTENCE_STOPS) <= set(chars.BLOCK_STOPS)
    assert set(chars.CLOSED_END_MARKS) <= set(chars.BLOCK_STOPS) | set(chars.CLOSERS)


def test_protected_spans_of_each_kind() -> None:
    assert [m.group() for m in chars.TITLES_AND_QUOTES.finditer("读《赓续 使命》和“一 把手”")] == \
        ["《赓续 使命》", "“一 把手”"]
    assert [m.group() for m in chars.ASCII_SPANS.finditer("见https://a.b/c，共1,000人")] == \
        ["https://a.b/c", "1,000"]


def test_lines_at_gives_offsets_that_index_the_text() -> None:
    text = "甲\n\n乙丙\n"
    assert all(text[pos:pos + len(line)] == line for pos, line in lines_at(text))
    assert [line for _, line in lines_at(text)] == text.split("\n")


def test_paragraph_style_reads_white_space_as_str_strip_does() -> None:
    """paragraph_style counts blank lines with a regex class that must hold exactly the white
    space str.strip removes (but the line break), or a line of U+001C would count otherwise."""
    import sys

    from cleaner.text import _SPACE_BUT_NEWLINE, paragraph_style
    assert _SPACE_BUT_NEWLINE == "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != "\n")
    assert paragraph_style("甲\n\x1c\n乙\n\n丙") == "blank"  # (the \x1c line is blank, as strip reads it)
