"""Rejoin on the text Tesseract gives of news pages: a paragraph's first line, short by the
indent OCR dropped. Rows that change next to rows that must not."""

from __future__ import annotations

import pytest

from cleaner import Pipeline

rj = Pipeline(["normalize", "rejoin"])

#: A column 14 characters wide; each paragraph's first line is two characters short (its indent).
FIRST = "当他们听说有些区县因为地"
REST = ["方保护主义，停止审批乡镇卫星", "小网，要求群众等待以城市为中", "心的光纤大网建成后再收看中央",
        "卫星电视节目时，他们奔走呼吁。"]
OTHER = ["事实证明，在幅员辽阔、居", "住分散、农民收入较低的广大农", "村，实现广播电视尽快覆盖的最",
         "好办法，是加快建设卫星有线电", "视小网。"]


def test_a_first_line_short_by_the_indent_is_joined() -> None:
    text = "\n".join([FIRST, *REST]) + "\n\n" + "\n".join(OTHER) + "\n"
    result = rj.run(text)
    assert result.text == FIRST + "".join(REST) + "\n\n" + "".join(OTHER) + "\n"
    assert sum(e.rule == "rejoin.line.indent" for e in result.edits) == 2


#: A paragraph after each row, so the column width is measured as on a page.
AFTER = "\n\n" + "\n".join(OTHER) + "\n"
JOINED_AFTER = "\n\n" + "".join(OTHER) + "\n"

DATELINED = ["业部为满足各大医院的医疗需要，", "采用电话指导及时排除故障。经", "过电话及时指导，便可立即排除",
             "故障或进入正常操作。"]

#: (name, text, expected, first lines joined): the headline (or short sentence) stays apart.
INDENT_UNCHANGED = [
    # A headline as wide as a first line, over a paragraph's first line (short by its indent).
    ("a headline over a first line", "电话指导排除医疗仪器故障\n本报讯中国惠普医疗产品事\n" + "\n".join(DATELINED),
     "电话指导排除医疗仪器故障\n\n本报讯中国惠普医疗产品事" + "".join(DATELINED), 1),
    # A headline over an unindented line that fills the column: no evidence joins them.
    ("a headline over a full line", "乡镇卫星小网建设前景广阔\n" + "\n".join(REST),
     "乡镇卫星小网建设前景广阔\n\n" + "".join(REST), 0),
    # The first line ends a sentence: a paragraph of its own.
    ("a short sentence", "今年是改革开放二十周年。\n" + "\n".join(REST),
     "今年是改革开放二十周年。\n\n" + "".join(REST), 0),
]


@pytest.mark.parametrize("name,text,expected,joined", INDENT_UNCHANGED, ids=[r[0] for r in INDENT_UNCHANGED])
def test_indent_rule_leaves_alone(name: str, text: str, expected: str, joined: int) -> None:
    result = rj.run(text + AFTER)
    assert result.text == expected + JOINED_AFTER
    assert sum("rejoin.line.indent" in (e.rule or "") for e in result.edits) == joined + 1  # and the paragraph after
