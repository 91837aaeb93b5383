"""The normalize pass: rows that fire and rows that must not change."""

from __future__ import annotations

import pytest

from cleaner import Pipeline

normalize = Pipeline(["normalize"])

FIRES = [
    ("CRLF", "第一行\r\n第二行\r\n", "第一行\n第二行\n"),
    ("lone CR", "第一行\r第二行", "第一行\n第二行"),
    ("form feed page break", "上一页\n\x0c下一页", "上一页\n\n下一页"),
    ("zero-width space", "中\u200b文", "中文"),
    ("BOM inside text", "中\ufeff文", "中文"),
    ("C0 control", "中\x07文", "中文"),
    ("C1 control", "中\x90文", "中文"),
    ("word joiner", "中\u2060文", "中文"),
    ("NFC composition", "cafe\u0301", "caf\u00e9"),
    ("CJK compatibility ideograph", "\uf900", "\u8c48"),
    ("trailing spaces", "文字。  \n下一行", "文字。\n下一行"),
    ("trailing ideographic space", "文字。\u3000\n", "文字。\n"),
    ("space-only line becomes blank", "甲\n \n乙", "甲\n\n乙"),
    ("ideographic indentation", "\u3000\u3000段落。", "段落。"),
    ("nbsp indentation", "\xa0 \xa0 徐州健康热线", "徐州健康热线"),
    ("indentation after a blank line", "甲。\n\n  乙。", "甲。\n\n乙。"),
    ("every line indented", "  甲。\n  乙。", "甲。\n乙。"),
    ("first line indented, not every line", "  甲。\n乙。\n  丙。", "甲。\n乙。\n  丙。"),
]

UNCHANGED = [
    ("clean Chinese", "紧贴基层特点 实现有效覆盖\n\n——各地不断推进第二批主题教育走深走实\n"),
    ("tab inside a line", "名称\t数量"),
    ("internal spaces", "新华社北京11月7日电 记者从教育部获悉"),
    ("emoji ZWJ sequence", "家庭\U0001F468\u200d\U0001F469\u200d\U0001F467"),
    ("mid-block indentation is rejoin's evidence", "第一段第一行\n第一段第二行\n\u3000\u3000第二段"),
    ("full-width letters are punctuation's business", "ＭＤＴ１９９８"),
    ("ASCII punctuation is punctuation's business", "中文,标点:"),
    ("already NFC", "é 中"),
    ("empty", ""),
]


@pytest.mark.parametrize("name,before,after", FIRES, ids=[r[0] for r in FIRES])
def test_fires(name: str, before: str, after: str) -> None:
    result = normalize.run(before)
    assert result.text == after
    assert result.edits and all(e.pass_name == "normalize" for e in result.edits)


@pytest.mark.parametrize("name,text", UNCHANGED, ids=[r[0] for r in UNCHANGED])
def test_unchanged(name: str, text: str) -> None:
    result = normalize.run(text)
    assert result.text == text
    assert result.edits == []


def test_every_edit_names_what_it_did() -> None:
    result = normalize.run("\u3000段\u200b落。 \r\n")
    rules = {r for e in result.edits for r in e.rule.split("+")}
    assert {"normalize.indent", "normalize.break.crlf", "normalize.invisible", "normalize.trailing_space"} <= rules
    assert any("U+200B" in e.reason for e in result.edits)  # the reason names the character


def test_overlapping_steps_merge_into_one_edit() -> None:
    # the zero-width space sits inside the trailing white space
    result = normalize.run("文 \u200b \n")
    assert result.text == "文\n"
    [edit] = result.edits
    assert edit.before == " \u200b "
    assert edit.rule == "normalize.invisible+normalize.trailing_space"


def test_options_turn_steps_off() -> None:
    p = Pipeline(["normalize"], options={"normalize": {"nfc": False, "indentation": False}})
    assert p("  cafe\u0301") == "  cafe\u0301"


def test_seed_004_indentation(seed_004: str) -> None:
    result = normalize.run(seed_004)
    removals = [e for e in result.edits if e.rule == "normalize.indent"]
    assert len(removals) == 29
    assert removals[-1].before == "\xa0 \xa0 \xa0 "
    assert not any(line.startswith((" ", "\xa0")) for line in result.text.split("\n"))


@pytest.fixture
def seed_004() -> str:
    from conftest import seed_text
    return seed_text("004")
