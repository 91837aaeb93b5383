"""The dedup pass: rows that are removed next to rows that must stay, and seed 000."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Pipeline
from cleaner.passes import dedup
from cleaner.cli import main
from conftest import seed_text

dd = Pipeline(["normalize", "dedup"])

P1 = "全国人大常委会法工委基层立法联系点工作交流会8日在江苏昆山举行，来自各地的负责同志作交流发言。"
P2 = "国家全民健康信息平台已基本建成，省级统筹区域全民健康信息平台不断完善，基本实现了联通全覆盖。"
P3 = "西三旗街道瞄准群众反映强烈的老年人助餐服务，兜底调查、积极整改，织起覆盖全地区的服务网。"

LONG = P1 + P2  # a long paragraph: printed twice anywhere, it is a repeat
LABEL = "工作单位：某县某乡某村"
CLAUSE = "过失犯前款罪的，处三年以下有期徒刑或者拘役。"
CUT = "记者从省交通运输厅获悉，今年"  # a line cut mid-sentence
ARTICLE = "第{}条【重大责任事故罪】在生产、作业中违反有关安全管理的规定，因而发生重大伤亡事故或者造成其他严重后果的，处三年以下有期徒刑。"

NUMBERS = "全省完成造林三千六百万亩，比上年增长一成，十大林业生态工程建设力度进一步加大，森林资源保护管理得到加强。"
ITEM = "（三）从事校车业务或者旅客运输，严重超过规定时速行驶的；"  # a list item, closed by a semicolon

REMOVED = [
    ("exact", f"{P1}\n\n{P2}\n\n{P1}\n", f"{P1}\n\n{P2}\n"),
    ("exact, white space and widths differ", f"{P1}\n\n{P2}\n\n{P1.replace('，', ',').replace('8日', '8 日')}\n",
     f"{P1}\n\n{P2}\n"),
    ("near, OCR noise", f"{P2}\n\n{P1}\n\n{P2.replace('建成', '建戍').replace('完善', '完蔷')}\n", f"{P2}\n\n{P1}\n"),
    ("near, a dropped character", f"{P3}\n\n{P1}\n\n{P3.replace('积极', '积')}\n", f"{P3}\n\n{P1}\n"),
    # OCR read a numeral as a look-alike that is none (千 as 干): the numbers are not different
    ("near, a numeral misread", f"{NUMBERS}\n\n{P1}\n\n{NUMBERS.replace('三千', '三干')}\n", f"{NUMBERS}\n\n{P1}\n"),
    ("contained, with a lead-in", f"{P1}{P2}{P3}\n\n{P1}\n\n据悉，{P2}{P3}\n", f"{P1}{P2}{P3}\n\n{P1}\n"),
    ("duplicate first block", f"{P1}\n\n{P1}\n\n{P2}\n", f"{P1}\n\n{P2}\n"),
    ("a labelled line printed again within three lines", f"{P1}\n\n{LABEL}\n\n职务：县委书记\n\n{LABEL}\n\n{P2}\n",
     f"{P1}\n\n{LABEL}\n\n职务：县委书记\n\n{P2}\n"),
    ("a short paragraph printed twice in a row", f"{P1}\n\n{CLAUSE}\n\n{CLAUSE}\n\n{P2}\n", f"{P1}\n\n{CLAUSE}\n\n{P2}\n"),
    ("a short paragraph printed again after a stray line", f"{CLAUSE}\n\n（附图片1张）\n\n{CLAUSE}\n\n{LONG}\n",
     f"{CLAUSE}\n\n（附图片1张）\n\n{LONG}\n"),
    ("distance counted in the blocks that stay", f"{CLAUSE}\n\n{P3}\n\n{P3}\n\n{CLAUSE}\n\n{LONG}\n",
     f"{CLAUSE}\n\n{P3}\n\n{LONG}\n"),
    ("a list item closed by a semicolon printed twice in a row",
     f"{P1}\n\n{ITEM}\n\n{ITEM}\n\n{P2}\n", f"{P1}\n\n{ITEM}\n\n{P2}\n"),
    ("a cut line and its short continuation printed again far apart",
     f"{CUT}\n\n{CLAUSE}\n\n{LONG}\n\n{P3}\n\n{CUT}\n\n{CLAUSE}\n\n{P2}\n",
     f"{CUT}\n\n{CLAUSE}\n\n{LONG}\n\n{P3}\n\n{CUT}\n\n{P2}\n"),
]

KEPT = [
    ("short credits repeat", f"{P1}\n\n（新华社北京11月7日电）\n\n{P2}\n\n（新华社北京11月7日电）\n"),
    ("captions repeat", f"{P1}\n\n（新华社发）\n\n{P2}\n\n（新华社发）\n"),
    ("a statistic quoted in a longer, different paragraph",
     f"据介绍，{P2}另外各地通过平台推动检查检验结果互认。\n\n{P3}\n\n发布会上公布的数据显示，{P2}\n"),
    ("list items sharing a template", "1.加强党的政治建设，推动全面从严治党向纵深发展，落实主体责任。\n\n"
     "2.加强党的政治建设，推动全面从严治党向纵深发展，落实主体责任。\n"),
    ("similar but different paragraphs", f"{P1}\n\n{P1.replace('江苏昆山', '浙江杭州').replace('8日', '9日')}\n"),
    ("headings repeat", f"多彩活动迎端午\n\n{P1}\n\n多彩活动迎端午\n\n{P2}\n"),
    ("no repeats", f"{P1}\n\n{P2}\n\n{P3}\n"),
    ("the same text but for a numeral", f"{NUMBERS}\n\n{P1}\n\n{NUMBERS.replace('三千', '四千')}\n"),
    ("a template filled in twice", "第四十八条本法自1998年3月1日起施行。全国人民代表大会常务委员会通过并公布施行。\n\n"
     "第四十八条本法自1998年5月1日起施行。全国人民代表大会常务委员会通过并公布施行。\n"),
    ("a contained complete paragraph far from its original", f"{P1}{P2}{P3}\n\n" + "\n\n".join(
        f"第{n}段另有内容，记者从有关部门了解到更多情况。" for n in "一二三四") + f"\n\n{P2}{P3}\n"),
    ("a law clause repeated in two articles", "\n\n".join(
        [ARTICLE.format("一百三十四"), CLAUSE, ARTICLE.format("一百三十五"), CLAUSE]) + "\n"),
    ("a law clause repeated far apart", "\n\n".join([CLAUSE, P1, P2, P3, LONG, CLAUSE]) + "\n"),
    ("similar clauses of two articles", "\n\n".join([
        "前款所列人员严重不负责任，对应当检验的物品不检验，或者延误检验出证、错误出证，致使国家利益遭受重大损失的，处三年以下有期徒刑或者拘役。",
        ARTICLE.format("四百一十三"),
        "前款所列人员严重不负责任，对应当检疫的检疫物不检疫，或者延误检疫出证、错误出证，致使国家利益遭受重大损失的，处三年以下有期徒刑或者拘役。"])
     + "\n"),
    ("a credit closing two articles", f"{LONG}\n\n（新华社北京11月7日电）\n\n多彩活动迎端午\n\n{P3}\n\n（新华社北京11月7日电）\n"),
    ("the same labelled line far apart", f"{LABEL}\n\n{P1}\n\n{P2}\n\n{P3}\n\n{LABEL}\n"),
    ("the same labelled line in two profiles", f"{LABEL}\n\n{LONG}\n\n{LABEL}\n"),
    ("labelled lines with different values", f"{LABEL}\n\n职务：县委书记\n\n工作单位：某县某乡某镇\n"),
    ("list items with different numbers in a row", f"{P1}\n\n（一）{CLAUSE}\n\n（二）{CLAUSE}\n"),
    ("a list item repeated in two articles", "\n\n".join([ARTICLE.format("一百三十三"), ITEM, P1, P2, P3,
                                                          ARTICLE.format("一百三十四"), ITEM]) + "\n"),
    ("an unnumbered clause closed by a semicolon in a row", f"{P1}\n\n严重超过规定时速行驶的；\n\n严重超过规定时速行驶的；\n"),
    ("a short line cut the same way before a different clause", f"{CUT}\n\n{CLAUSE}\n\n{LONG}\n\n{CUT}\n\n{P3}\n"),
    ("bylines repeat", f"{P1}\n\n新华社记者刘建新中央人民广播电台记者胡训军本报记者郭嘉\n\n{P2}\n\n"
     "新华社记者刘建新中央人民广播电台记者胡训军本报记者郭嘉\n"),
]


@pytest.mark.parametrize("name,text,expected", REMOVED, ids=[r[0] for r in REMOVED])
def test_removed(name: str, text: str, expected: str) -> None:
    assert dd(text) == expected


@pytest.mark.parametrize("name,text,expected", REMOVED, ids=[r[0] for r in REMOVED])
def test_idempotent(name: str, text: str, expected: str) -> None:
    assert dd(expected) == expected


@pytest.mark.parametrize("name,text", KEPT, ids=[r[0] for r in KEPT])
def test_kept(name: str, text: str) -> None:
    assert dd(text) == text


def test_removal_carries_the_text_and_the_original() -> None:
    result = dd.run(f"{P1}\n\n{P2}\n\n{P1}\n")
    [edit] = [e for e in result.edits if e.pass_name == "dedup"]
    assert edit.after == "" and P1 in edit.before
    assert edit.rule == "dedup.removed.exact"
    assert "paragraph 1" in edit.reason  # the reason names the original


def test_options_are_thresholds() -> None:
    text = f"{P3}\n\n{P1}\n\n{P3.replace('积极', '积')}\n"
    strict = Pipeline(["normalize", "dedup"], options={"dedup": {"near": 99.5, "near_short": 99.5, "contained": 100}})
    assert strict(text) == text


SEED_PIPELINE = Pipeline(["normalize", "rejoin", "dedup"])


def test_seed_000_repeated_passage_appears_once_and_reconnects() -> None:
    out = SEED_PIPELINE(seed_text("000"))
    assert out.count("截至2023年5月，全国人大常委会法工委设立31个基层立法联系点") == 1
    assert "为广大基层群众和各界人士表达立法诉求、反映社情民意提供了有效的渠道" in out
    assert "\n\n群众吸纳。\n\n" in out  # a fragment we cannot place is kept
    assert out.count("（新华社北京11月7日电）") == 2
    assert out.count("目前已经有8000多家二级以上公立医院") == 2


def test_seed_000_is_stable() -> None:
    once = SEED_PIPELINE(seed_text("000"))
    assert SEED_PIPELINE(once) == once


def test_other_seeds_lose_nothing() -> None:
    for prefix in ("001", "002", "003", "004"):
        result = SEED_PIPELINE.run(seed_text(prefix))
        assert not [e for e in result.edits if e.pass_name == "dedup"], prefix


def test_cli_removed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_text(f"{P1}\n\n{P2}\n\n{P1}\n", encoding="utf-8")
    removed = tmp_path / "removed.txt"
    out = tmp_path / "out.txt"
    assert main([str(src), "--removed", str(removed), "-o", str(out)]) == 0
    assert removed.read_text(encoding="utf-8") == P1 + "\n\n"
    assert out.read_text(encoding="utf-8").count(P1) == 1


def test_labelled_glitch_copy_is_an_exact_removal_naming_its_original() -> None:
    result = dd.run(f"{P1}\n\n{LABEL}\n\n职务：县委书记\n\n{LABEL}\n")
    [edit] = [e for e in result.edits if e.pass_name == "dedup"]
    assert edit.rule == "dedup.removed.exact" and LABEL in edit.before
    assert "paragraph 2" in edit.reason


def test_window_option() -> None:
    text = f"{P1}\n\n{LABEL}\n\n职务：县委书记\n\n{LABEL}\n\n{CLAUSE}\n\n（附图片1张）\n\n{CLAUSE}\n"
    assert Pipeline(["normalize", "dedup"], options={"dedup": {"window": 2}})(text) == text
    wide = Pipeline(["normalize", "dedup"], options={"dedup": {"window": 3}})(text)
    assert wide == f"{P1}\n\n{LABEL}\n\n职务：县委书记\n\n{CLAUSE}\n\n（附图片1张）\n"


def test_a_long_contained_copy_with_ocr_noise_is_still_found() -> None:
    """Pieces over 256 characters are tested on their trigrams before their alignment is
    sought; the test never refuses a copy the distance bound accepts."""
    sentences = ["全市各级各部门坚持以人民为中心的发展思想，", "着力解决群众急难愁盼问题，", "持续推进基层治理体系和治理能力现代化，",
                 "建立健全民生诉求快速响应机制，", "推动优质医疗资源向基层下沉，", "不断增强人民群众的获得感幸福感安全感。",
                 "今年以来共办理群众来信来访三千余件，", "办结率达到百分之九十八以上，", "群众满意度逐年提高。"]
    original = "".join(sentences[k % 9] + f"第{k}项" for k in range(30))
    copy = original[150:600]
    noisy = copy[:100] + "未" + copy[101:300] + copy[301:]  # a misread character and a lost one
    assert len(noisy) > 256
    text = original + "\n\n另一段不相干的文字，用来隔开两段。\n\n" + noisy + "\n"
    removed = [e for e in dedup.run(text) if e.rule == "dedup.removed.contained"]
    assert [e.before.strip() for e in removed] == [noisy]
