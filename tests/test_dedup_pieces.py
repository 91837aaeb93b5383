"""dedup's pieces: a copy cut by a column break loses its repeated head; rows that must stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Pipeline
from cleaner.edits import Edit
from cleaner.passes.dedup_pieces import _Made

dd = Pipeline(["normalize", "dedup"])

A = ("宪章的主要内容是，美国承诺对三国的独立、主权和领土完整给予道义上和政治上的支持。根据这个宪章的精神，"
     "将成立四方伙伴关系委员会，还将成立若干经济发展的工作小组。克林顿总统今天还宣布建立伙伴关系基金。")
B = "西三旗街道瞄准群众反映强烈的老年人助餐服务，兜底调查、积极整改，织起覆盖全地区的服务网。"
HEAD = A[:A.index("天还宣布")]  # the copy stops mid-word at 今|天
REST = "的海三国不加入北约，俄罗斯愿意与西方国家一起为这三国提供联合安全保障。"
NOISY = HEAD.replace("主权和", "主权和和").replace("四方", "四方 ")  # the copy with OCR noise

CHANGED = [
    ("copy runs into a line of another column", f"{A}\n\n{B}\n\n{HEAD}{REST}\n", f"{A}\n\n{B}\n\n{REST}\n"),
    ("noisy copy", f"{A}\n\n{B}\n\n{NOISY}{REST}\n", f"{A}\n\n{B}\n\n{REST}\n"),
]

LAW = "第{}条　违反国家规定，从事校车业务或者旅客运输，严重超过额定乘员载客，或者严重超过规定时速行驶的，处拘役，并处罚金。"
CITE = "国有公司、企业或者其他国有单位中从事公务的人员和国有公司、企业或者其他国有单位委派到非国有公司从事公务的人员有前款行为的，依照本法第三百八十"
KEPT = [
    ("shares a short opening", f"{A}\n\n{B}\n\n{A[:40]}{REST}\n"),
    ("parts at a clause boundary", f"{A}\n\n{B}\n\n{A[:A.index('克林顿')]}{REST}\n"),
    ("law articles share an opening",
     f"{LAW.format('一')}\n\n{LAW.format('二')[:-9]}情节恶劣的，处三年以下有期徒刑。\n"),
    ("law clause citing another article",
     f"{CITE}二条、第三百八十三条的规定定罪处罚。\n\n{B}\n\n{CITE}四条的规定定罪处罚。\n"),
    ("repeats less than most of the earlier paragraph", f"{A}\n\n{B}\n\n{A[:60]}{REST}\n"),
]


@pytest.mark.parametrize("name,text,expected", CHANGED, ids=[r[0] for r in CHANGED])
def test_changed(name: str, text: str, expected: str) -> None:
    assert dd(text) == expected
    assert dd(expected) == expected


@pytest.mark.parametrize("name,text", KEPT, ids=[r[0] for r in KEPT])
def test_kept(name: str, text: str) -> None:
    assert dd(text) == text


def test_removal_names_the_rule_and_the_original() -> None:
    edits = dd.run(CHANGED[0][1]).edits
    assert [e.rule for e in edits] == ["dedup.removed.piece"]
    assert edits[0].before.strip() == HEAD and "paragraph 1" in edits[0].reason


edit_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6), st.integers(0, 3)), max_size=12)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(made=edit_spans, asked=edit_spans)
def test_settled_reads_the_removals_as_the_plain_definition_does(made, asked) -> None:
    """The settling step's index of the edits made answers as the quadratic scan it replaced."""
    def edits(spans):
        return sorted((Edit("t", "r", a, a + n, "x" * n, "y" * k) for a, n, k in spans),
                      key=lambda e: (e.start, e.end))

    done, joins = edits(made), edits(asked)
    plain = {(e.start + sum(len(r.after) - (r.end - r.start) for r in done if r.end <= e.start), e.before, e.after)
             for e in joins if not any(r.start < e.end and e.start < r.end for r in done)}
    assert _Made(done).outside(joins) == plain
