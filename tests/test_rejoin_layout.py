"""The rejoin steps that act on the layout of a page: lines read across two columns, and
OCR debris between a cut and its continuation. Rows that change next to rows that must not."""

from __future__ import annotations

import pytest

from cleaner import Pipeline
from tests.properties import violations

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


# A document of several pages: each page break prints a page number, and every page after
# the first a running head; a paragraph cut by a page break goes on after them.
PAGE_1 = ("坚持以人民为中心的发展思想，推动治理重心向基\n层下移，把更多资源、服务、管理放到社区，为居民\n"
          "提供精准化、精细化服务，不断增强人民群众的获得")
PAGE_2 = ("感、幸福感、安全感。\n二、主要任务\n加强乡镇党委对基层各类组织和各项工作的统一领\n"
          "导，完善村组织体系，推动基层治理资源整合，形")
PAGE_3 = "成共建共治共享的基层治理格局。\n三、保障措施\n各地各部门要高度重视，加强组织领导，明确责任\n分工，确保各项任务落到实处。"
HEAD = "某某市人民政府公报"
JOINED_1 = ("坚持以人民为中心的发展思想，推动治理重心向基层下移，把更多资源、服务、管理放到社区，为居民"
            "提供精准化、精细化服务，不断增强人民群众的获得感、幸福感、安全感。")
JOINED_2 = "加强乡镇党委对基层各类组织和各项工作的统一领导，完善村组织体系，推动基层治理资源整合，形成共建共治共享的基层治理格局。"


def _pages(sep: str) -> str:
    return sep.join([PAGE_1, "— 1 —", HEAD, PAGE_2, "— 2 —", HEAD, PAGE_3, "— 3 —"]) + "\n"


#: The furniture kept (the option off): a cut paragraph joins across it, and it moves after.
rj_keeping = Pipeline(["normalize", "rejoin"], options={"rejoin": {"furniture": False}})


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "no blank lines"])
def test_page_furniture_is_removed_and_the_cut_paragraphs_meet(sep: str) -> None:
    result = rj.run(_pages(sep))
    out = "\n\n".join([JOINED_1, "二、主要任务", JOINED_2, "三、保障措施",
                       "各地各部门要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处。"]) + "\n"
    assert result.text == out
    assert any("rejoin.furniture.removed" in (e.rule or "") for e in result.edits)
    # Nothing is lost unlogged: what the edits removed holds every character of the furniture.
    removed = "".join(e.before for e in result.edits)
    assert all(removed.count(c) >= (("— 1 —" + HEAD + "— 2 —" + HEAD + "— 3 —").count(c)) for c in HEAD + "—123")
    assert violations(_pages(sep)) == []
    assert rj(result.text) == result.text


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank lines", "no blank lines"])
def test_a_paragraph_cut_by_a_page_break_joins_across_its_page_furniture(sep: str) -> None:
    rj = rj_keeping
    result = rj.run(_pages(sep))
    out = sep.join([JOINED_1, "— 1 —", HEAD, "二、主要任务", JOINED_2, "— 2 —", HEAD, "三、保障措施",
                    "各地各部门要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处。", "— 3 —"]) + "\n"
    assert result.text == out
    assert "rejoin.join.paragraph+rejoin.move.furniture" in [e.rule for e in result.edits]
    # Nothing is lost: the page numbers and heads are still there, after the joined paragraphs.
    assert sorted(result.text.replace("\n", "")) == sorted(_pages(sep).replace("\n", ""))
    assert rj(result.text) == result.text


def test_page_furniture_never_joins_a_line_of_text() -> None:
    out = rj_keeping(_pages("\n"))
    assert "获得— 1 —" not in out and HEAD + "感" not in out and HEAD + "成" not in out


FURNITURE_UNCHANGED = [
    ("a number alone between a cut and its continuation is no page number",
     "为加快基层治理，全市共建成社区服务中心\n\n12\n\n个，覆盖全部街道。\n"),
    ("a heading printed twice, no page number beside it", f"{HEAD}\n\n第一段。\n\n{HEAD}\n\n第二段。\n"),
]


def test_a_page_number_alone_is_removed_and_kept_with_the_option_off() -> None:
    text = "第一段写完了。\n\n— 1 —\n\n第二段也写完了。\n"
    assert rj(text) == "第一段写完了。\n\n第二段也写完了。\n"
    assert rj_keeping(text) == text


@pytest.mark.parametrize("name,text", FURNITURE_UNCHANGED, ids=[r[0] for r in FURNITURE_UNCHANGED])
def test_page_furniture_leave_alone(name: str, text: str) -> None:
    assert rj(text) == text


def test_a_far_block_does_not_take_the_continuation_that_stands_after_the_page_furniture() -> None:
    # '行' + '走群众路线' makes a word too (行走), three blocks on: the displaced-continuation
    # step used to weigh it against the running head (which reads on from nothing) and took it.
    doc = "\n\n".join([
        "各地要把群众学习先进典型激发出来的热情和积极性，\n及时引导、落实到无私奉献、全心全意为人民服务的行",
        "— 1 —", HEAD, "动上，落实到反腐倡廉、促进党风廉政建设的行动上。",
        "领导干部要率先垂范，既是学典型活动的倡导者，\n也是组织者，更要做学习先进典型的模范实践者。",
        "走群众路线。先进典型应该产生于人民群众的伟大实\n践中，并为群众所公认，有广泛而深厚的群众基础。",
        "— 2 —", HEAD, "第三段。"]) + "\n"
    for clean in (rj, rj_keeping):
        out = clean(doc)
        assert "为人民服务的行动上，落实到反腐倡廉" in out and "的行走群众路线" not in out
        assert clean(out) == out


def test_the_indent_of_the_line_a_removed_running_head_leaves_at_a_block_start_goes_with_it() -> None:
    # The head opened a block, and the indented line after it opens it once the head is gone;
    # normalize removes a block's first indent, and would on a second run.
    doc = (PAGE_1 + "。\n\n— 1 —\n\n" + HEAD + "\n      二、主要任务\n" + "第二页的正文写在这里。\n\n— 2 —\n\n"
           + HEAD + "\n      三、保障措施\n第三页的正文写在这里。\n")
    clean = Pipeline()
    out = clean(doc)
    assert "\n\n二、主要任务" in out and "\n\n三、保障措施" in out and HEAD not in out
    assert clean(out) == out


def test_a_running_head_misread_on_one_page_is_still_the_running_head() -> None:
    # Read as a box's headline, the misread head took the true continuation after it away.
    body = "\n\n".join(f"第{n}段的正文在这里，说明有关情况。" for n in range(1, 21))  # (a page: 20 lines)
    doc = (f"人民日报 1998年1月\n\n{body}\n\n各地要坚持以人民为中心的发展思想，推动治理重心向基层下移，为居民提供精准化、精细化服\n\n人民日报 1998年]月\n\n"
           f"务，不断增强人民群众的获得感。\n\n{body}\n")
    out = rj(doc)
    assert "精细化服务，不断增强" in out and "人民日报" not in out
    assert rj(out) == out
