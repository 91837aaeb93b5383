"""Plans: rejected edits left out, accepted ones replayed exactly; a plan refuses another text."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.edits import Edit
from cleaner.pipeline import Pipeline, Result
from cleaner.review.plan import apply_plan, make_plan, parse_plan
from cleaner.review.trace import build, moves, replay

from conftest import ROOT, seed_text

SEED_000 = str(ROOT / "seeds" / "000_811ec0b4d1a5f84a.txt")


def write_plan(tmp_path: Path, result: Result, rejected: set[int], name: str = "plan.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(make_plan([("doc", result, rejected)]), ensure_ascii=False), encoding="utf-8")
    return str(path)


def indices(result: Result, pass_name: str) -> list[int]:
    return [i for i, e in enumerate(result.edits) if e.pass_name == pass_name]


def test_rejecting_every_typo_fix_equals_skipping_the_pass(tmp_path: Path, capsys) -> None:
    text = seed_text("000")
    result = Pipeline().run(text)
    plan = write_plan(tmp_path, result, set(indices(result, "typos")))
    out = tmp_path / "out.txt"
    assert main(["--plan", plan, SEED_000, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == Pipeline(skip=["typos"]).run(text).text
    assert capsys.readouterr().err == ""


def test_rejecting_a_join_keeps_the_break_and_every_other_edit(tmp_path: Path) -> None:
    text = seed_text("000")
    result = Pipeline().run(text)
    [join] = [i for i, e in enumerate(result.edits) if e.pass_name == "rejoin" and "镇" in e.reason]
    doc = parse_plan(make_plan([("doc", result, {join})]), "p").documents[0]
    replayed, dropped = apply_plan(doc, result)
    assert result.text.count("乌尊布拉克镇") == 1 and dropped == []
    assert replayed.text == result.text.replace("乌尊布拉克镇", "乌尊布拉克\n\n镇")
    assert len(replayed.edits) == len(result.edits) - 1


def test_no_rejection_replays_the_run(seed: str) -> None:
    result = Pipeline().run(seed)
    doc = parse_plan(make_plan([("doc", result, set())]), "p").documents[0]
    assert apply_plan(doc, result)[0].text == result.text


def test_random_rejections_replay_what_the_page_shows(seed: str) -> None:
    result = Pipeline().run(seed)
    trace = build(result)
    rng = random.Random(7)
    for _ in range(20):
        rejected = set(rng.sample(range(len(result.edits)), min(4, len(result.edits))))
        text, applied = replay(trace, rejected)   # apply_edits checks every `before`
        assert text == trace.text(rejected)
        assert len(applied) == sum(trace.effective(rejected))


def test_one_half_of_a_move_rejects_both() -> None:
    text = seed_text("000")
    result = Pipeline().run(text)
    pairs = moves(build(result))
    [moved_from] = [i for i in pairs if result.edits[i].pass_name == "dedup" and not result.edits[i].after]
    doc = parse_plan(make_plan([("doc", result, {moved_from})]), "p").documents[0]
    replayed, _ = apply_plan(doc, result)
    continuation = "基层群众和各界人士表达立法诉求"
    assert replayed.text.count(continuation) == 1 == result.text.count(continuation)
    assert replayed.text.index(continuation) > result.text.index(continuation)


def test_an_edit_on_text_a_rejected_edit_made_is_dropped() -> None:
    source = "甲乙丙。\n\n丁戊,己。\n"
    edits = [Edit("rejoin", "move", 0, 0, "", "丁戊,己。\n\n", source_start=0, source_end=0),
             Edit("rejoin", "move", 4, 11, "\n\n丁戊,己。", "", source_start=4, source_end=11),
             Edit("punctuation", "mark", 2, 3, ",", "，", source_start=0, source_end=0)]
    result = Result("丁戊，己。\n\n甲乙丙。\n", edits, source)
    doc = parse_plan(make_plan([("doc", result, {0})]), "p").documents[0]
    replayed, dropped = apply_plan(doc, result)
    assert replayed.text == source and dropped == [2]


def test_a_plan_refuses_another_text(tmp_path: Path, capsys) -> None:
    result = Pipeline().run(seed_text("000"))
    plan = write_plan(tmp_path, result, {0})
    other = tmp_path / "other.txt"
    other.write_text(seed_text("000") + "多一段。\n", encoding="utf-8")
    assert main(["--plan", plan, str(other)]) == 1
    err = capsys.readouterr().err
    assert "is not the one the plan" in err and "cleaner review" in err and "Traceback" not in err


def test_a_plan_refuses_other_options(tmp_path: Path, capsys) -> None:
    result = Pipeline().run(seed_text("000"))
    plan = write_plan(tmp_path, result, set(indices(result, "typos")))
    assert main(["--plan", plan, "--skip", "dedup", SEED_000]) == 1
    assert "options and version it was made with" in capsys.readouterr().err


@pytest.mark.parametrize("content, message", [
    ("{", "not valid JSON"),
    ('{"format": "cleaner-plan", "version": 9, "documents": []}', "version 9"),
    ('{"format": "cleaner-plan", "version": 1, "documents": [{"sha256": "x", "edits": 1, "skip": [{}]}]}',
     "each skip entry"),
])
def test_a_malformed_plan_is_bad_data(tmp_path: Path, capsys, content: str, message: str) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(content, encoding="utf-8")
    assert main(["--plan", str(plan), SEED_000]) == 1
    assert message in capsys.readouterr().err


def test_plan_with_jsonl_is_a_usage_error(tmp_path: Path, capsys) -> None:
    result = Pipeline().run("甲,乙。\n")
    plan = write_plan(tmp_path, result, set())
    records = tmp_path / "in.jsonl"
    records.write_text('{"text": "甲,乙。"}\n', encoding="utf-8")
    assert main(["--plan", plan, "--jsonl", str(records)]) == 2
    assert "--plan cannot be used with --jsonl" in capsys.readouterr().err


def test_a_plan_of_several_documents_finds_each_by_its_text(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲,乙。\n", encoding="utf-8")
    b.write_text("丙,丁。\n", encoding="utf-8")
    ra, rb = Pipeline().run("甲,乙。\n"), Pipeline().run("丙,丁。\n")
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(make_plan([("b", rb, {0}), ("a", ra, set())])), encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["--plan", str(plan), str(a), str(b), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "甲，乙。\n丙,丁。\n"


def test_cli_names_the_edits_a_rejection_drops(tmp_path: Path, capsys) -> None:
    path = ROOT / "seeds" / "003_f7efa9ca69d6c9b8.txt"
    result = Pipeline().run(path.read_text(encoding="utf-8"))
    trace = build(result)
    # a trailing space normalize removed, inside the blank lines a later rejoin edit removes
    [(dependant, rejected)] = [(i, d[0]) for i, d in enumerate(trace.deps)
                               if d and result.edits[d[0]].pass_name == "normalize"][:1]
    plan = write_plan(tmp_path, result, {rejected})
    out = tmp_path / "out.txt"
    assert main(["--plan", plan, str(path), "-o", str(out)]) == 0
    assert f"not applied because they change text that a rejected edit made: {dependant}" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == trace.text({rejected}) != result.text
