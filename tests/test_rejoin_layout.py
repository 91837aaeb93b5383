"""The rejoin steps that act on the layout of a page: lines read across two columns, and
OCR debris between a cut and its continuation. Rows that change next to rows that must not."""

from __future__ import annotations

import pytest

from cleaner import Pipeline

rj = Pipeline(["normalize", "rejoin"])
#: Only the columns step of rejoin (every other step off), to see its own output.
columns_only = Pipeline(["rejoin"], options={"rejoin": {
    "lines": False, "paragraphs": False, "interrupted": False, "headings": False, "spaces": False,
    "markup": False, "blank_lines": False}})

LEFT = ["今天是一九九八年元旦，首都各界人", "士在人民大会堂举行新年茶话会，共", "同迎接新年的到来。江泽民主席发表",
        "了讲话。"]
RIGHT = ["他说，过去的一年是我国改革开放和", "现代化建设取得重大成就的一年，全", "国各族人民团结一心，克服困难，完",
         "成了全年的主要任务。"]
ACROSS = "\n".join([LEFT[0] + "    " + RIGHT[0], LEFT[1] + "    " + RIGHT[1], LEFT[2] + "    " + RIGHT[2],
                    LEFT[3] + " " * 30 + RIGHT[3]]) + "\n"


def test_lines_read_across_two_columns_become_left_then_right() -> None:
    result = columns_only.run(ACROSS)
    assert result.text == "\n".join(LEFT) + "\n\n" + "\n".join(RIGHT) + "\n"
    assert [e.rule for e in result.edits] == ["rejoin.columns"]


def test_columns_then_wraps_give_two_whole_paragraphs() -> None:
    assert rj(ACROSS) == "".join(LEFT) + "\n\n" + "".join(RIGHT) + "\n"


def test_a_single_column_line_inside_the_run_stays_in_the_left_column() -> None:
    text = "\n".join([LEFT[0] + "    " + RIGHT[0], LEFT[1] + "    " + RIGHT[1], "通栏的一行",
                      LEFT[2] + "    " + RIGHT[2]]) + "\n"
    assert columns_only(text) == "\n".join(LEFT[:2] + ["通栏的一行", LEFT[2]]) + "\n\n" + \
        "\n".join(RIGHT[:3]) + "\n"


COLUMNS_UNCHANGED = [
    ("two lines across are not a run", "\n".join([LEFT[0] + "    " + RIGHT[0], LEFT[1] + "    " + RIGHT[1]]) + "\n"),
    ("Latin on both sides", "\n".join(["Name      Value"] * 4) + "\n"),
    ("a table of names and numbers", "北京市      1998\n上海市      2001\n天津市      1997\n重庆市      2005\n"),
    ("a gap of two spaces", "\n".join(["标题甲  标题乙"] * 4) + "\n"),
    ("a single tab", "第一栏第一行\t第二栏第一行\n第一栏第二行\t第二栏第二行\n第一栏第三行\t第二栏第三行\n"),
]


@pytest.mark.parametrize("name,text", COLUMNS_UNCHANGED, ids=[r[0] for r in COLUMNS_UNCHANGED])
def test_columns_leave_alone(name: str, text: str) -> None:
    assert columns_only(text) == text


def test_columns_option_off() -> None:
    off = Pipeline(["rejoin"], options={"rejoin": {"columns": False}})
    assert all(e.rule != "rejoin.columns" for e in off.run(ACROSS).edits)
    assert "    " in off(ACROSS)


CUT = "他们参加晨交班和现场办公，了解科室急需解决"
REST = "的问题，提出意见。"

DEBRIS_FIRES = [
    ("a column rule between cut and continuation", f"{CUT}\n\n|\n\n{REST}\n", f"{CUT}{REST}\n\n|\n"),
    ("two tiny blocks, then more text", f"{CUT}\n\n|\n\n·\n\n{REST}\n\n下一段。\n",
     f"{CUT}{REST}\n\n|\n\n·\n\n下一段。\n"),
]

DEBRIS_UNCHANGED = [
    ("four tiny blocks are too many to look across", f"{CUT}\n\n|\n\n·\n\n-\n\n*\n\n{REST}\n"),
    ("the block before the debris ends a sentence", "他们参加晨交班和现场办公，解决了问题。\n\n|\n\n的问题，提出意见。\n"),
    ("a heading after the debris", f"{CUT}\n\n|\n\n多彩活动迎端午\n"),
    ("one paragraph a line: debris between lines", f"{CUT}\n|\n{REST}\n"),
]


@pytest.mark.parametrize("name,text,expected", DEBRIS_FIRES, ids=[r[0] for r in DEBRIS_FIRES])
def test_debris_moves_after_the_paragraph(name: str, text: str, expected: str) -> None:
    result = rj.run(text)
    assert result.text == expected
    assert any(e.rule == "rejoin.join.paragraph+rejoin.move.debris" for e in result.edits)
    # Nothing is lost: the debris is still there, after the joined paragraph.
    assert sorted(result.text.replace("\n", "")) == sorted(text.replace("\n", ""))
    assert rj(result.text) == result.text


@pytest.mark.parametrize("name,text", DEBRIS_UNCHANGED, ids=[r[0] for r in DEBRIS_UNCHANGED])
def test_debris_leave_alone(name: str, text: str) -> None:
    assert rj(text) == text
