"""Punctuation repairs read from context: bracket pairs from their round half, label spaces."""

from __future__ import annotations

import pytest

from cleaner import Pipeline

pp = Pipeline(["punctuation"])

FIRES = [
    ("angle for round, ASCII close", "新闻〈附图片2张)", "新闻（附图片2张）", "punctuation.bracket.partner"),
    ("title mark for round, ASCII close", "《本报记者李某摄)", "（本报记者李某摄）", "punctuation.bracket.partner"),
    ("ASCII open, full-width close", "(附图片2张）", "（附图片2张）", "punctuation.bracket.partner"),
    ("full-width open, angle close", "来信人（河南省郑州市王某〉说", "来信人（河南省郑州市王某）说", "punctuation.bracket.partner"),
    ("angle open, full-width close", "〈新华社记者张某摄）", "（新华社记者张某摄）", "punctuation.bracket.partner"),
    ("around a title", "（《人民日报》评论员文章)", "（《人民日报》评论员文章）", "punctuation.bracket.partner"),
    ("label space", "职务： 县委书记", "职务：县委书记", "punctuation.space.label"),
    ("label space after an ASCII colon", "工作单位: 某县某乡某村", "工作单位：某县某乡某村", "punctuation.space.label"),
    ("label space in a long line", "荣誉： 全国劳动模范，全国优秀共产党员，省级先进工作者，市级优秀共产党员。",
     "荣誉：全国劳动模范，全国优秀共产党员，省级先进工作者，市级优秀共产党员。", "punctuation.space.label"),
    ("lone closer after Han", "记者李某摄)", "记者李某摄）", "punctuation.bracket.lone"),
    ("lone closer mid-line", "附图片2张)新华社发", "附图片2张）新华社发", "punctuation.bracket.lone"),
    ("lone opener before Han", "本报讯(记者李某", "本报讯（记者李某", "punctuation.bracket.lone"),
    ("straight quote closing a full-width one", "在京城引起轰动后“前话现象\"也引起专家的关注",
     "在京城引起轰动后“前话现象”也引起专家的关注", "punctuation.quotes.partner"),
    ("straight quote opening for a full-width one", "他说\"我们明天去北京”。", "他说“我们明天去北京”。",
     "punctuation.quotes.partner"),
]

UNCHANGED = [
    ("true angle pair", "改革〈下〉"),
    ("true title pair", "《人民日报》发表评论"),
    ("title then round pair", "《决定》（草案）"),
    ("nested true pairs", "（《人民日报》1月5日）"),
    ("angle and title halves: nothing to go by", "〈附图片2张》"),
    ("mixed pair around Latin only", "采用(MDT）模式"),
    ("mixed pair around a sentence", "他说（我们来了。明天再走〉"),
    ("mixed pair too long", "（" + "很长的括注文字" * 5 + ")"),
    ("a lone closer", "书名《红楼梦》)"),
    ("a headline's space after a question mark", "检查检验结果如何互认？ 医疗卫生机构信息这样“破堵点”"),
    ("a space that is not after a leading label", "会议指出 职务：县委书记"),
    ("a label with no space", "职务：县委书记"),
    ("a byline", "本报北京3月5日电 记者 王建国"),
    ("list numbering after a digit", "1)第一条"),
    ("a letter's list mark", "a)第一条"),
    ("a lone closer after Latin", "见附件A)"),
    ("an opener with a closer later", "见(a）"),
    ("a straight quote beside a closed full-width pair", "“甲方”与乙方\"丙方"),
    ("a straight quote and an open quote after it", "前话现象\"也引起“关注"),
    ("two full-width openers before it", "“一“二\"三"),
]


@pytest.mark.parametrize("name,before,after,rule", FIRES, ids=[r[0] for r in FIRES])
def test_fires(name: str, before: str, after: str, rule: str) -> None:
    result = pp.run(before)
    assert result.text == after
    assert rule in {e.rule for e in result.edits}
    assert pp.run(after).text == after  # idempotent


@pytest.mark.parametrize("name,text", UNCHANGED, ids=[r[0] for r in UNCHANGED])
def test_unchanged(name: str, text: str) -> None:
    assert pp.run(text).text == text


def test_partner_repair_names_its_evidence() -> None:
    edits = [e for e in pp.run("《本报记者李某摄)").edits if e.rule == "punctuation.bracket.partner"]
    assert [(e.before, e.after) for e in edits] == [("《", "（"), (")", "）")]
    assert all("round half" in e.reason for e in edits)


def test_url_brackets_are_protected() -> None:
    text = "详见http://www.a.cn/x(1）"
    assert pp.run(text).text == text


def test_spaces_on_both_sides_of_a_label_colon() -> None:
    result = pp.run("施行日期 : 1997年10月1日")
    assert result.text == "施行日期：1997年10月1日"
    assert {e.rule for e in result.edits} >= {"punctuation.space.label"}


def test_a_long_label_is_no_label_but_loses_the_space_after_its_colon() -> None:
    # The label rule stops at eight characters; no space after a full-width colon is typeset.
    result = pp.run("这是一个非常长的不像标签的句子开头部分： 后文")
    assert result.text == "这是一个非常长的不像标签的句子开头部分：后文"
    assert {e.rule for e in result.edits} == {"punctuation.space"}


def test_repairs_can_be_turned_off() -> None:
    off = Pipeline(["punctuation"], options={"punctuation": {"repairs": False}})
    for text in ("新闻〈附图片2张)", "记者李某摄)"):
        assert off.run(text).text == text
    assert off.run("各县(市、区)卫生,漳河").text == "各县（市、区）卫生，漳河"  # the rest of the pass still runs


@pytest.mark.parametrize("text, expected", [
    ("第一条【重大飞行事故罪）航空人员违反规章制度，", "第一条【重大飞行事故罪】航空人员违反规章制度，"),
    ("（见【附件】）", "（见【附件】）"),          # a true pair inside a round one stays
    ("【注意（一）】事项", "【注意（一）】事项"),
    ("（甲乙】丙）", "（甲乙】丙）"),              # a round half with 】: nothing says which was meant
])
def test_a_square_bracket_closed_by_a_round_one_is_repaired_from_its_square_half(text: str, expected: str) -> None:
    assert Pipeline(["punctuation"])(text) == expected
