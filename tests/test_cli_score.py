"""``cleaner score``: files and folders, --passes, --json, and its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner
from cleaner.cli import main
from cleaner.score import score, stages

GOLD = "甲，乙丙丁戊己。\n第二段的文字在这里。\n"
RAW = "甲,乙 丙丁戊己。\n\n第二段的文\n字在这里。\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(["score", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_two_files_give_one_row(tmp_path: Path, capsys) -> None:
    gold, out = write(tmp_path / "g.txt", GOLD), write(tmp_path / "o.txt", RAW)
    code, text, _ = run([str(gold), str(out)], capsys)
    assert code == 0
    head, row = text.strip().split("\n")
    assert head.split()[:3] == ["stage", "length", "CER"]
    expected = score(RAW, GOLD)
    assert row.split()[0] == "output" and row.split()[2] == f"{100 * expected.cer:.2f}"


def test_json_has_the_library_numbers(tmp_path: Path, capsys) -> None:
    gold, out = write(tmp_path / "g.txt", GOLD), write(tmp_path / "o.txt", RAW)
    code, text, _ = run([str(gold), str(out), "--json"], capsys)
    data = json.loads(text)
    assert code == 0 and [s["stage"] for s in data["stages"]] == ["output"]
    assert data["stages"][0]["total"] == score(RAW, GOLD).to_dict()
    assert data["stages"][0]["files"]["o.txt"]["spaces"] == 1


def test_passes_score_every_stage_and_end_at_the_pipeline_output(tmp_path: Path, capsys) -> None:
    gold, raw = write(tmp_path / "g.txt", GOLD), write(tmp_path / "r.txt", RAW)
    code, text, _ = run([str(gold), str(raw), "--passes", "--json"], capsys)
    data = json.loads(text)
    names = [s["stage"] for s in data["stages"]]
    assert code == 0 and names[0] == "input" and names[1:] == cleaner.Pipeline().passes
    assert data["stages"][0]["total"] == score(RAW, GOLD).to_dict()
    assert data["stages"][-1]["total"] == score(cleaner.clean(RAW), GOLD).to_dict()
    assert data["stages"][-1]["total"]["cer"] < data["stages"][0]["total"]["cer"]


def test_passes_follow_the_pipeline_options(tmp_path: Path, capsys) -> None:
    gold, raw = write(tmp_path / "g.txt", GOLD), write(tmp_path / "r.txt", RAW)
    code, text, _ = run([str(gold), str(raw), "--passes", "--only", "normalize,punctuation"], capsys)
    rows = [line.split()[0] for line in text.strip().split("\n")[1:]]
    assert code == 0 and rows == ["input", "+normalize", "+punctuation"]


def test_stages_end_where_the_pipeline_ends() -> None:
    pipeline = cleaner.Pipeline(paragraph_sep="newline")
    out = stages(RAW, pipeline)
    assert out[-1] == ("layout", pipeline.run(RAW).text)
    assert [name for name, _ in out[:-1]] == ["input", *pipeline.passes]


def test_folders_are_paired_by_path(tmp_path: Path, capsys) -> None:
    write(tmp_path / "gold/a.txt", GOLD)
    write(tmp_path / "gold/sub/b.txt", "第二段的文字在这里。\n")
    write(tmp_path / "out/a.txt", RAW)
    write(tmp_path / "out/sub/b.txt", "第二段的文字在这里。\n")
    write(tmp_path / "out/extra.txt", "not scored")
    code, text, _ = run([str(tmp_path / "gold"), str(tmp_path / "out")], capsys)
    rows = {line.split()[0]: line.split() for line in text.strip().split("\n")[1:]}
    assert code == 0 and list(rows) == ["a.txt", "sub/b.txt", "total"]
    assert rows["sub/b.txt"][2] == "0.00"
    expected = score(RAW, GOLD) + score("第二段的文字在这里。\n", "第二段的文字在这里。\n")
    assert rows["total"][2] == f"{100 * expected.cer:.2f}"


def test_an_unpaired_gold_file_is_bad_data(tmp_path: Path, capsys) -> None:
    write(tmp_path / "gold/a.txt", GOLD)
    write(tmp_path / "gold/b.txt", GOLD)
    write(tmp_path / "out/a.txt", RAW)
    code, text, err = run([str(tmp_path / "gold"), str(tmp_path / "out")], capsys)
    assert code == 1 and text == ""
    assert "no file for b.txt" in err and "Traceback" not in err


def test_an_empty_gold_folder_is_bad_data(tmp_path: Path, capsys) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "out").mkdir()
    code, _, err = run([str(tmp_path / "gold"), str(tmp_path / "out")], capsys)
    assert code == 1 and "no .txt files" in err


def test_undecodable_file_is_bad_data(tmp_path: Path, capsys) -> None:
    gold, out = write(tmp_path / "g.txt", GOLD), write(tmp_path / "o.txt", b"\xff\xfe\xfa")
    code, _, err = run([str(gold), str(out)], capsys)
    assert code == 1 and "not valid UTF-8" in err


def test_other_encoding(tmp_path: Path, capsys) -> None:
    gold = write(tmp_path / "g.txt", GOLD.encode("gb18030"))
    out = write(tmp_path / "o.txt", GOLD.encode("gb18030"))
    code, text, _ = run([str(gold), str(out), "--encoding", "gb18030", "--json"], capsys)
    assert code == 0 and json.loads(text)["stages"][0]["total"]["cer"] == 0.0


@pytest.mark.parametrize("args,fragment", [
    (["FILE", "DIR"], "both be files or both be folders"),
    (["FILE", "missing.txt"], "does not exist"),
    (["FILE", "FILE", "--passes", "--only", "nosuch"], "unknown pass"),
    (["FILE", "FILE", "--encoding", "nosuch"], "unknown encoding"),
    (["FILE"], "Missing argument"),
])
def test_usage_errors_exit_2(tmp_path: Path, capsys, args: list[str], fragment: str) -> None:
    gold = write(tmp_path / "g.txt", GOLD)
    (tmp_path / "d").mkdir()
    args = [str(gold) if a == "FILE" else str(tmp_path / "d") if a == "DIR" else a for a in args]
    code, _, err = run(args, capsys)
    assert code == 2 and fragment in err


def test_help_has_examples(capsys) -> None:
    code, text, _ = run(["--help"], capsys)
    assert code == 0 and "cleaner score gold/ scans/ --passes" in text
