"""Corpus mode: JSON lines, folders, resuming, corpus dedup, and the Ray engine."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from cleaner import Pipeline
from cleaner.cli import main
from cleaner.corpus import REMOVED_LOG, clean_jsonl, run_corpus
from cleaner.errors import DataError

WIRE = "新华社北京1月1日电，国家全民健康信息平台已基本建成，省级统筹区域全民健康信息平台不断完善。"


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_keeps_fields_and_order() -> None:
    lines = ['{"id": 2, "text": "中文,测试.", "lang": "zh"}\n', '{"id": 1, "text": "第二条,好."}\n']
    out = [json.loads(x) for x in clean_jsonl(lines, Pipeline(["punctuation"]))]
    assert out == [{"id": 2, "text": "中文，测试。", "lang": "zh"}, {"id": 1, "text": "第二条，好。"}]


@pytest.mark.parametrize("line,problem", [
    ("{not json}\n", "invalid JSON"),
    ('{"body": "文本"}\n', "no field 'text'"),
    ('{"text": 3}\n', "field 'text' is int, not a string"),
])
def test_jsonl_bad_record_passes_through_with_its_line_number(line: str, problem: str) -> None:
    from cleaner.corpus import Summary
    summary = Summary()
    lines = ['{"text": "好,的."}\n', line]
    out = list(clean_jsonl(lines, Pipeline(["punctuation"]), source="in.jsonl", summary=summary))
    assert out[1] == line
    [error] = summary.errors
    assert error.startswith(f"in.jsonl:2: {problem}")


def test_jsonl_bad_record_can_be_fatal() -> None:
    with pytest.raises(DataError, match="in.jsonl:1: invalid JSON"):
        list(clean_jsonl(["{oops\n"], Pipeline(["punctuation"]), on_error="fail", source="in.jsonl"))


def test_cli_jsonl_with_edits_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "body": "中文,测试."}\n{"id": 2}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", "--field", "body", "--explain", "--edits-field", "changes",
                 "--only", "punctuation", str(src), "-o", str(out)]) == 0
    first, second = _records(out)
    assert first["body"] == "中文，测试。" and first["changes"][0]["pass"] == "punctuation"
    assert second == {"id": 2}
    assert "in.jsonl:2: no field 'body'" in capsys.readouterr().err
    assert main(["--jsonl", "--on-error", "fail", str(src), "--field", "body"]) == 1


def _corpus(root: Path) -> Path:
    src = root / "in"
    (src / "a").mkdir(parents=True)
    (src / "a" / "one.txt").write_text(f"{WIRE}\n\n第一篇文章的正文,说明情况.\n", encoding="utf-8")
    (src / "b.txt").write_text(f"第二篇的导语内容很长。\n\n{WIRE}\n", encoding="utf-8")
    with gzip.open(src / "c.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": 1, "text": f"{WIRE}\n\n第三篇。"}, ensure_ascii=False) + "\n")
        f.write("{bad json}\n")
    (src / "skip.bin").write_bytes(b"\x00")
    return src


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


CONFIG = {"only": ["normalize", "rejoin", "punctuation"]}


def test_folder_is_mirrored_and_cleaned(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    out = tmp_path / "out"
    summary = run_corpus(src, out, CONFIG, jobs=1)
    assert sorted(_tree(out)) == ["a/one.txt", "b.txt", "c.jsonl.gz"]
    assert "第一篇文章的正文，说明情况。" in (out / "a" / "one.txt").read_text(encoding="utf-8")
    with gzip.open(out / "c.jsonl.gz", "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert json.loads(lines[0])["id"] == 1 and lines[1] == "{bad json}"
    assert summary.files == 3 and summary.documents == 3 and summary.errors == ["c.jsonl.gz:2: invalid JSON (Expecting property name enclosed in double quotes)"]
    assert summary.edits["punctuation"] >= 2


def test_jobs_do_not_change_the_output(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    run_corpus(src, tmp_path / "one", CONFIG, jobs=1)
    run_corpus(src, tmp_path / "two", CONFIG, jobs=2)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_rerun_skips_finished_files_and_force_redoes_them(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    out = tmp_path / "out"
    run_corpus(src, out, CONFIG, jobs=1)
    (out / "b.txt").write_text("sentinel", encoding="utf-8")
    again = run_corpus(src, out, CONFIG, jobs=1)
    assert again.skipped == 3 and (out / "b.txt").read_text(encoding="utf-8") == "sentinel"
    run_corpus(src, out, CONFIG, jobs=1, force=True)
    assert (out / "b.txt").read_text(encoding="utf-8") != "sentinel"
    assert not [p for p in out.rglob(".partial-*")]


def test_corpus_dedup_keeps_the_first_in_stable_order(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    out = tmp_path / "out"
    summary = run_corpus(src, out, CONFIG, jobs=2, dedup=True)
    # Sorted order: a/one.txt, b.txt, c.jsonl.gz — the wire copy stays in a/one.txt only.
    assert WIRE.replace("，", "，") in (out / "a" / "one.txt").read_text(encoding="utf-8")
    assert WIRE not in (out / "b.txt").read_text(encoding="utf-8")
    assert "第二篇的导语内容很长。" in (out / "b.txt").read_text(encoding="utf-8")
    log = _records(out / REMOVED_LOG)
    assert summary.duplicates_removed == 2 == len(log)
    assert [(x["file"], x["paragraph"]) for x in log] == [("b.txt", 1), ("c.jsonl.gz", 0)]


def test_single_jsonl_file(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_text('{"text": "中文,测试."}\n', encoding="utf-8")
    out = tmp_path / "clean.jsonl"
    assert main(["corpus", str(src), str(out), "--only", "punctuation", "--jobs", "1"]) == 0
    assert _records(out) == [{"text": "中文，测试。"}]


def test_cli_corpus_reports_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _corpus(tmp_path)
    assert main(["corpus", str(src), str(tmp_path / "out"), "--jobs", "2", "--dedup-corpus"]) == 0
    err = capsys.readouterr().err
    assert "3 files" in err and "corpus duplicates removed: 2" in err and "c.jsonl.gz:2" in err
    assert main(["corpus", str(tmp_path / "missing"), str(tmp_path / "o")]) == 2
    assert main(["corpus", str(src), str(tmp_path / "o2"), "--only", "nope"]) == 2


def test_ray_engine_gives_identical_output(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    src = _corpus(tmp_path)
    run_corpus(src, tmp_path / "local", CONFIG, jobs=2, dedup=True)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    try:
        summary = run_corpus(src, tmp_path / "ray", CONFIG, engine="ray", dedup=True)
    finally:
        ray.shutdown()
    assert summary.files == 3 and summary.duplicates_removed == 2
    assert _tree(tmp_path / "local") == _tree(tmp_path / "ray")
