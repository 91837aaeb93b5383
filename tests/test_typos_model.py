"""The character n-gram model (``cleaner model build``) and the context layer scored with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Pipeline
from cleaner.cli import main
from cleaner.errors import DictionaryError
from cleaner.passes import typos
from cleaner.passes.typos import ngram

CLEAN = ["加强监测预警，做好物资准备。", "开展监测工作，发布预警信息。", "监测预警体系不断完善。"] * 300


def _model(tmp_path: Path, lines: list[str], name: str = "m.lm") -> str:
    path = tmp_path / name
    path.write_bytes(ngram.dump(ngram.count(lines), "test"))
    return str(path)


def test_counts_round_trip_through_the_file(tmp_path: Path) -> None:
    lm = ngram.load(_model(tmp_path, CLEAN))
    assert lm.get("监") == 900 and lm.get("监测") == 900 and lm.get("监测预") == 600
    assert lm.get("篮测") == 0 and lm.get("x") == 0
    assert lm.gain("加强篮测预警", 2, "监") > 10 > -10 > lm.gain("加强监测预警", 2, "篮")


def test_rare_pairs_and_triples_are_pruned() -> None:
    grams = ngram.count(["监测预警"] * 3 + ["罕见"], min_count=2)
    assert ngram._key("罕") in grams[0] and ngram._key("罕见") not in grams[1]
    assert ngram._key("监测") in grams[1]


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.lm"
    bad.write_bytes(ngram.MAGIC + b"# Data:\n" + b"\x05\x00\x00\x00\x01")
    with pytest.raises(DictionaryError, match="truncated"):
        ngram.CharModel(str(bad), bad.read_bytes())


def test_cli_builds_a_model_the_filter_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "clean.txt"
    corpus.write_text("\n".join(CLEAN), encoding="utf-8")
    out = tmp_path / "my.lm"
    assert main(["model", "build", str(corpus), "-o", str(out)]) == 0
    assert "entries of orders 1-3" in capsys.readouterr().err
    assert ngram.is_model(out.read_bytes()[:40])
    config = tmp_path / "ctx.toml"
    config.write_text("[typos]\ncontext = true\n", encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text("加强篮测预警，做好准备。", encoding="utf-8")
    assert main(["--only", "typos", "--config", str(config), "--dict", str(out), str(src)]) == 0
    assert capsys.readouterr().out == "加强监测预警，做好准备。"


def test_cli_model_build_reports_an_unreadable_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["model", "build", str(tmp_path / "absent.txt"), "-o", str(tmp_path / "x.lm")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_strong_model_support_lets_a_smaller_segmentation_gain_through(tmp_path: Path) -> None:
    text = "加强篮测预警，做好准备。"   # segmentation gain about 10.7: below the margin of 14
    assert typos.run(text, typos.Options(context=True)) == []
    edits = typos.run(text, typos.Options(context=True, dicts=(_model(tmp_path, CLEAN),)))
    assert [(e.before, e.after, e.rule) for e in edits] == [("篮", "监", "typos.context.model")]
    assert "character model's gain" in edits[0].reason


def test_a_fix_the_model_doubts_is_not_made(tmp_path: Path) -> None:
    text = "大家都很关心环境保扩问题"   # segmentation gain 15.9: fixed without a model
    assert [e.after for e in typos.run(text, typos.Options(context=True))] == ["护"]
    # In the user's own clean text 保扩 is a normal spelling: the model doubts the change.
    lm = _model(tmp_path, ["环境保扩问题受到关注。", "保扩工作", "关心保扩"] * 10)
    options = typos.Options(context=True, dicts=(lm,))
    assert typos.run(text, options) == []
    assert [s["after"] for s in typos.suggest(text, options)] == ["护"]


def test_model_and_tables_are_told_apart_by_their_first_line(tmp_path: Path) -> None:
    lm = _model(tmp_path, CLEAN)
    table = tmp_path / "t.tsv"
    table.write_text("# Format: typos\n稳维\t维稳\n", encoding="utf-8")
    assert ngram.split((str(table), lm)) == ((str(table),), (lm,))


@pytest.mark.parametrize("text, expected", [
    ("喜欢对号入坐的读者", "喜欢对号入座的读者"),       # a typing error: 坐 and 座 read zuo
    ("看看大开眼戒这部电影", "看看大开眼界这部电影"),
])
def test_context_fixes_a_homophone(text: str, expected: str) -> None:
    edits = typos.run(text, typos.Options(context=True))
    assert [e.rule for e in edits] == ["typos.context.homophone"]
    assert "homophone" in edits[0].reason and "same reading" in edits[0].reason
    assert Pipeline(["typos"], options={"typos": {"context": True}})(text) == expected


@pytest.mark.parametrize("text", ["我们要对号入座。", "全国人大常委会办公厅", "在会上作了重要讲话", "工作人员要认真负责。"])
def test_homophones_leave_valid_text_alone(text: str) -> None:
    assert typos.run(text, typos.Options(context=True)) == []


def test_homophones_can_be_switched_off_and_weak_ones_are_only_suggested() -> None:
    assert typos.run("喜欢对号入坐的读者", typos.Options(context=True, homophones=False)) == []
    text = "这是一个非常重要的问提。"   # 提 -> 题 gains 9.2: below the margin of 14
    options = typos.Options(context=True)
    assert typos.run(text, options) == []
    assert [(s["after"], s["rule"]) for s in typos.suggest(text, options)] == [("题", "typos.context.homophone")]


def test_homophone_table_is_self_describing() -> None:
    from cleaner.resources import dictionary_path, read_table
    table = read_table(dictionary_path("homophones.tsv"), columns=(2, 2))
    assert table.kind == "homophones" and "pypinyin" in table.header["License"]
    groups = dict(cols for _, cols in table.rows)
    assert "座" in groups["zuo"] and "坐" in groups["zuo"]
    assert "坐" in typos.model().homophones["座"]
