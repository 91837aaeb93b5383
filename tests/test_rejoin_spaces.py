"""Spaces inside and next to numbers, decided from the document's own evidence.

A document whose spaces fall inside numbers (``6 0``, ``720 . 7``) and inside
words (``引 导``) is an OCR document: its number spaces go everywhere, headlines
included where the space is inside a number. A document that spaces every
number (``2003 年``) and has no other OCR space keeps its style.
"""

from __future__ import annotations

import pytest

from cleaner import Pipeline

rj = Pipeline(["normalize", "rejoin"])

# One sentence of OCR evidence: a space inside a word and one inside a number.
OCR = "他们积极引 导团员，全厂有6 0 多名职工。"
FIXED = "他们积极引导团员，全厂有60多名职工。"

FIRES = [
    ("four spaced digits before a unit", OCR + "年产值8 4 0 0 万元。\n", FIXED + "年产值8400万元。\n"),
    ("a spaced year and its unit", OCR + "他出生于1 9 9 7 年。\n", FIXED + "他出生于1997年。\n"),
    ("two spaced digits", OCR + "去年1 1月投产。\n", FIXED + "去年11月投产。\n"),
    ("a spaced number before a comma", OCR + "增长4 5，3%。\n", FIXED + "增长45，3%。\n"),
    ("digit then Han", OCR + "工厂2003 年建成，共有215 人。\n",
     FIXED + "工厂2003年建成，共有215人。\n"),
    ("Han then digit", OCR + "他带着 3个徒弟。\n", FIXED + "他带着3个徒弟。\n"),
    ("a spaced decimal point", "利润总额720 . 7亿元，增长25 .59%，他们积极引 导团员。\n",
     "利润总额720.7亿元，增长25.59%，他们积极引导团员。\n"),
    ("a space after a decimal point", "出口增长速度高达20. 9%，贸易顺差达403. 4亿美元，比上半年低了9. 2个百分点。\n",
     "出口增长速度高达20.9%，贸易顺差达403.4亿美元，比上半年低了9.2个百分点。\n"),
    ("a space inside a URL's scheme", "详细数据可登录h ttp://www.stats.gov.cn查询，或拨打ht tps ://a.cn。\n",
     "详细数据可登录http://www.stats.gov.cn查询，或拨打https://a.cn。\n"),
    ("a number in a headline", "1 9 9 8 年 经济展望\n\n" + OCR + "\n",
     "1998年 经济展望\n\n他们积极引导团员，全厂有60多名职工。\n"),
    ("a number in a credit", "（本报北京1 1月7日电）\n\n" + OCR + "\n",
     "（本报北京11月7日电）\n\n他们积极引导团员，全厂有60多名职工。\n"),
]

UNCHANGED = [
    ("a typeset document that spaces every number",
     "他在 2003 年和 2005 年两次来到这里，带着 3 个徒弟，走了 215 公里。\n"),
    ("two digits without other OCR evidence", "比分是 3 1，双方握手。\n"),
    ("a spaced decimal-like list number", "1 .关于禁毒的决定\n"),
    ("a point that may end a sentence, before a month", "产量比去年增长了20. 9月份以来，价格一路上涨，工厂连续扩产。\n"),
    ("a Latin name's number before a unit", "他的Windows 98 台式机是1998年买的。\n"),
]

# In an OCR document, spaces that are not inside a number or between a number and Chinese text stay.
KEPT_IN_OCR = [
    ("title and subtitle of a headline", "迎接1998 新的一年 经济展望\n\n", "迎接1998 新的一年 经济展望\n\n"),
    ("a byline", "本报北京3月5日电 记者 王某某\n\n", "本报北京3月5日电 记者 王某某\n\n"),
    ("two Latin words", "他用 Visual Basic 写程序。", "他用 Visual Basic 写程序。"),
    ("a word before a URL", "见 Path http://a.cn 页面。", "见 Path http://a.cn 页面。"),
    ("a number and a Latin unit", "赛程全长 5 km 。", "赛程全长 5 km 。"),
    ("a Latin name and its number", "他用Windows 10 写了报告。", "他用Windows 10 写了报告。"),
    ("a title in 《》", "他读了《1998 年 的春天》。", "他读了《1998 年 的春天》。"),
]


@pytest.mark.parametrize(("name", "text", "expected"), FIRES, ids=[r[0] for r in FIRES])
def test_fires(name: str, text: str, expected: str) -> None:
    assert rj(text) == expected


@pytest.mark.parametrize(("name", "text"), UNCHANGED, ids=[r[0] for r in UNCHANGED])
def test_unchanged(name: str, text: str) -> None:
    assert rj(text) == text


@pytest.mark.parametrize(("name", "head", "kept"), KEPT_IN_OCR, ids=[r[0] for r in KEPT_IN_OCR])
def test_kept_in_an_ocr_document(name: str, head: str, kept: str) -> None:
    text = head + OCR + "\n"
    out = rj(text)
    assert out.startswith(kept)
    assert out.endswith(FIXED + "\n")
    assert rj(out) == out


@pytest.mark.parametrize(("name", "text", "expected"), FIRES, ids=[r[0] for r in FIRES])
def test_idempotent(name: str, text: str, expected: str) -> None:
    assert rj(expected) == expected


def test_edits_name_their_rules() -> None:
    edits = rj.run(OCR + "工厂2003 年建成，带着 3个徒弟，利润720 . 7亿元。\n").edits
    rules = {e.rule for e in edits}
    assert {"rejoin.space.word", "rejoin.space.digits", "rejoin.space.unit",
            "rejoin.space.number", "rejoin.space.decimal"} <= rules
