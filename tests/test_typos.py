"""The typos pass: seed fixes, valid words next to each typo, dictionaries and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Pipeline
from cleaner.cli import main
from cleaner.errors import DictionaryError
from cleaner.passes import typos
from cleaner.resources import lexicon, read_table, dictionary_path
from conftest import seed_text

tp = Pipeline(["typos"])
#: The layers beyond the dictionaries, which are off by default.
ANYWHERE = typos.Options(context=True, document=True)
tpa = Pipeline(["typos"], options={"typos": {"context": True, "document": True}})

FIXED = [
    ("dropped repeated character", "确保基层党员干部理论学习实在在", "确保基层党员干部理论学习实实在在"),
    ("look-alike, known pair", "注重以俭促改、举一反三", "注重以检促改、举一反三"),
    ("doubled character", "铸牢中华民族共同体意识，促进民族团团结进步", "铸牢中华民族共同体意识，促进民族团结进步"),
    ("swapped neighbours", "综治信访稳维、安全生产", "综治信访维稳、安全生产"),
    ("look-alike in a two-character word", "教育幅射带动经济社会发展", "教育辐射带动经济社会发展"),
    ("the sentence a peer tool breaks", "取得实在在的成效，以俭促改。", "取得实实在在的成效，以检促改。"),
    ("curated confusion", "这项工作己经完成", "这项工作已经完成"),
    ("a dateline's 1 read as ']'", "新华社北京]月12日电（记者张宿堂）", "新华社北京1月12日电（记者张宿堂）"),
    ("a closing credit's day read with 'l'", "（本报华盛顿1月l6日电）", "（本报华盛顿1月16日电）"),
]

UNCHANGED = [
    ("a real phrase that sounds like the typo", "坚持以建促改，推动整改落实"),
    ("valid words next to each typo", "实在，团团，辐射，维稳，民族，团结"),
    ("the correct forms", "实实在在，以检促改，民族团结，信访维稳，教育辐射"),
    ("a word the known pair would break", "他大幅射门得分"),
    ("a phrase that contains a term minus a character", "加强农村基层组织建设，贯彻实干兴市的思想"),
    ("a drop that is ordinary text", "疫情控制得很好"),
    ("clean prose", "全市完成投资1.05亿元，改造供热管网135公里。"),
    ("a bracket after a date that is no dateline", "1997年1]月8日长江三峡大江截流"),
    ("a look-alike that would make no month", "新华社北京]3月12日电"),
]


@pytest.mark.parametrize("name,text,expected", FIXED, ids=[r[0] for r in FIXED])
def test_fixed(name: str, text: str, expected: str) -> None:
    assert tp(text) == expected
    assert tp(expected) == expected


@pytest.mark.parametrize("name,text", UNCHANGED, ids=[r[0] for r in UNCHANGED])
def test_unchanged(name: str, text: str) -> None:
    assert tp(text) == text


SEED_FIXES = {
    "000": [("实在在", "实实在在"), ("以俭促改", "以检促改")],
    "001": [("民族团团结", "民族团结")],
    "002": [("信访稳维", "信访维稳")],
    "003": [("幅射", "辐射")],
    "004": [],
}


@pytest.mark.parametrize("prefix", sorted(SEED_FIXES))
def test_only_typos_changes_exactly_the_seed_typos(prefix: str) -> None:
    result = tp.run(seed_text(prefix))
    assert [(e.before, e.after) for e in result.edits] == SEED_FIXES[prefix]


def test_edits_record_rule_and_score() -> None:
    [edit] = tp.run("民族团团结").edits
    assert "民族团结" in edit.reason and "doubled" in edit.reason and edit.score and edit.score > 0


def test_bundled_wrong_forms_are_not_words() -> None:
    words = lexicon()
    for _, (wrong, right) in read_table(dictionary_path("typos.tsv"), columns=(2, 2)).rows:
        assert words.get(wrong, 0) < 10, wrong
        assert wrong != right


def test_user_dictionary_adds_terms(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# Format: terms, one entry a line: term<TAB>weight\n青山绿水工程\t300\n", encoding="utf-8")
    pipeline = Pipeline(["typos"], options={"typos": {"dicts": [str(path)]}})
    assert pipeline("推进青山绿水工工程建设") == "推进青山绿水工程建设"


@pytest.mark.parametrize("body,problem", [
    ("# Format: typos, one entry a line: wrong<TAB>right\n对\t对\n", "the wrong and right forms are the same"),
    ("# Format: typos, one entry a line: wrong<TAB>right\n只有一列\n", "expected 2 tab-separated columns"),
    ("# Format: terms, one entry a line: term<TAB>weight\n术语\t很多\n", "weight must be a whole number"),
    ("# Format: colours\n红\t1\n", "unknown dictionary kind 'colours'"),
])
def test_malformed_dictionary_names_file_and_line(tmp_path: Path, body: str, problem: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        typos.model((str(path),))
    assert problem in str(info.value) and "bad.tsv" in str(info.value)


def test_cli_malformed_dictionary_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("# Format: typos, one entry a line: wrong<TAB>right\nok\tfine\n只有一列\n", encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text("文本。\n", encoding="utf-8")
    assert main([str(src), "--dict", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.tsv" in err and ":3" in err and "Traceback" not in err


def test_cli_suggest_lists_refused_candidates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_text("他大幅射门得分。\n", encoding="utf-8")
    assert main([str(src), "--only", "typos", "--suggest"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "他大幅射门得分。\n"
    [line] = captured.err.splitlines()
    item = json.loads(line)
    assert item["before"] == "幅射" and item["after"] == "辐射" and item["gain"] <= 0


# Look-alikes anywhere (the context layer): invented sentences, not from any data set.
CONTEXT_FIXED = [
    ("a look-alike between words", "大家都很关心环境保扩问题", "大家都很关心环境保护问题"),
    ("a look-alike ending a word", "他在北京工作了十年，对这里很熟恙", "他在北京工作了十年，对这里很熟悉"),
    ("a look-alike at the end of a sentence", "这次会议的主要任务是研究部署明年的经济工祚",
     "这次会议的主要任务是研究部署明年的经济工作"),
]

CONTEXT_UNCHANGED = [
    ("a personal name after a surname", "刘孝慈女士出席了会议"),
    ("a transliterated name", "他同恩佐进行了会谈，埃雷迪亚市长陪同"),
    ("a rare but valid pairing", "中美两国关系"),
    ("words newer than the lexicon", "树牢四个意识，筑牢思想防线"),
    ("plain prose", "人民生活水平不断提高，经济发展迅速"),
]


@pytest.mark.parametrize("name,text,expected", CONTEXT_FIXED, ids=[r[0] for r in CONTEXT_FIXED])
def test_context_fixes_a_lookalike_anywhere(name: str, text: str, expected: str) -> None:
    result = tpa.run(text)
    assert result.text == expected
    assert [e.rule for e in result.edits] == ["typos.context.lookalike"]
    assert "glyph similarity" in result.edits[0].reason and result.edits[0].score >= typos.Options().context_margin
    assert tpa(expected) == expected


@pytest.mark.parametrize("name,text", CONTEXT_UNCHANGED, ids=[r[0] for r in CONTEXT_UNCHANGED])
def test_context_leaves_valid_text_alone(name: str, text: str) -> None:
    assert tpa(text) == text


def test_context_is_off_by_default_and_can_be_switched_off() -> None:
    off = Pipeline(["typos"], options={"typos": {"context": False}})
    assert off("大家都很关心环境保扩问题") == "大家都很关心环境保扩问题"
    assert tp("大家都很关心环境保扩问题") == "大家都很关心环境保扩问题"


def test_a_gain_below_the_margin_is_suggested_not_fixed() -> None:
    text = "他的态度很坚决，表示一定要完戍任务"
    assert tpa(text) == text
    [item] = typos.suggest(text, ANYWHERE)
    assert (item["before"], item["after"], item["rule"]) == ("戍", "成", "typos.context.lookalike")
    assert 0 < float(item["gain"]) < typos.Options().context_margin  # type: ignore[arg-type]


def test_a_second_doubtful_spot_holds_back_the_sentence() -> None:
    text = "大家都很关心环境保扩问题，表示一定要完戍任务"   # one sentence, two look-alikes
    assert tpa(text) == text
    assert any("another doubtful spot" in str(s["reason"]) for s in typos.suggest(text, ANYWHERE))
    assert tpa("大家都很关心环境保扩问题。表示一定要完戍任务") == "大家都很关心环境保护问题。表示一定要完戍任务"


def test_a_name_is_suggested_not_fixed() -> None:
    [item] = [s for s in typos.suggest("刘孝慈女士出席了会议", ANYWHERE) if s["before"] == "慈"]
    assert item["rule"] == "typos.context.lookalike" and "name" in str(item["reason"])


DOC = "沈泉庄村位于河北。沈泉庄村民种植苹果。今年沈泉庄的收入增加了。沈朱庄的道路也修好了。"


def test_document_majority_fixes_the_one_off_spelling() -> None:
    [edit] = tpa.run(DOC).edits
    assert (edit.before, edit.after, edit.rule) == ("朱", "泉", "typos.document.majority")
    assert "3 times" in edit.reason and "glyph similarity" in edit.reason


def test_document_majority_needs_a_majority() -> None:
    assert tpa("沈泉庄村位于河北。沈朱庄的道路也修好了。") == "沈泉庄村位于河北。沈朱庄的道路也修好了。"
    no_doc = Pipeline(["typos"], options={"typos": {"document": False}})
    assert no_doc(DOC) == DOC
    assert tp(DOC) == DOC  # off by default


def test_glyph_table_is_self_describing_and_symmetric_in_use() -> None:
    table = read_table(dictionary_path("glyphs.tsv"), columns=(3, 3))
    assert table.kind == "glyphs"
    for key in ("File", "Format", "License", "Source", "Fonts", "Method"):
        assert table.header.get(key), key
    assert "MIT" in table.header["License"]
    from cleaner.passes.typos.tables import lookalikes
    m = typos.model()
    assert len(m.neighbours) >= 6763
    assert "检" in dict(lookalikes(m, "俭")) and "俭" in dict(lookalikes(m, "检"))
    assert all(0 < w <= 1 for _, w in lookalikes(m, "己"))


def test_user_glyph_table_adds_lookalikes(tmp_path: Path) -> None:
    path = tmp_path / "glyphs.tsv"
    path.write_text("# Format: glyphs, one entry a line: char<TAB>look-alike<TAB>weight\n扩\t护\tx\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        typos.model((str(path),))
    assert "weight must be a number" in str(info.value) and ":2" in str(info.value)
