"""Corpus mode: JSON lines, folders, resuming, corpus dedup, and the Ray engine."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

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


def test_invalid_json_names_the_column_and_the_character() -> None:
    from cleaner.corpus import Summary
    summary = Summary()
    line = '{"id": 1, "text": "第一行\x01第二行"}\n'  # a raw control character inside the string
    list(clean_jsonl([line], Pipeline(["punctuation"]), source="in.jsonl", summary=summary))
    assert summary.errors == ["in.jsonl:1: invalid JSON at column 23: invalid control character U+0001"]


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
    assert summary.files == 3 and summary.documents == 3 and summary.errors == ["c.jsonl.gz:2: invalid JSON at column 2: expecting property name enclosed in double quotes"]
    assert summary.edits["punctuation"] >= 2


def test_jobs_do_not_change_the_output(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    for i in range(4):
        (src / f"bad{i}.txt").write_bytes(b"\xff" * (i + 1) * 50_000)
    one = run_corpus(src, tmp_path / "one", CONFIG, jobs=1)
    two = run_corpus(src, tmp_path / "two", CONFIG, jobs=2)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert one.errors == two.errors and len(one.errors) == 5


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
    assert main(["corpus", str(tmp_path / "missing"), str(tmp_path / "o")]) == 1  # bad data, not usage
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


# --------------------------------------------------------------------------
# Records are lines split at "\n" only; odd bytes and odd strings are reported, never fatal.

def test_line_separators_inside_json_strings_do_not_split_records(tmp_path: Path) -> None:
    records = [{"id": 1, "text": "第一行\u2028第二行,好."}, {"id": 2, "text": "甲\x85乙,丙."}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", "--only", "punctuation", str(src), "-o", str(out)]) == 0
    assert [r["id"] for r in _records_n(out)] == [1, 2]
    run_corpus(src, tmp_path / "corpus.jsonl", {"only": ["punctuation"]}, jobs=1)
    assert (tmp_path / "corpus.jsonl").read_bytes() == out.read_bytes()


def _records_n(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().split(b"\n") if line]


def test_undecodable_line_and_lone_surrogate_are_bad_records(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    lines = [b'{"text": "\xe5\xa5\xbd,"}\n', b'{"text": "\xff\xfe"}\n', b'{"text": "a \\ud800 b", "n": 1}\n',
             b'{"text": "ok", "other": "\\udc80"}\n']
    src.write_bytes(b"".join(lines))
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", "--only", "punctuation", str(src), "-o", str(out)]) == 0
    got = out.read_bytes().split(b"\n")
    assert got[1:3] == [lines[1].rstrip(b"\n"), lines[2].rstrip(b"\n")]  # byte for byte
    assert json.loads(got[3]) == {"text": "ok", "other": "\udc80"}  # cleaned; the other field kept
    err = capsys.readouterr().err
    assert "in.jsonl:2: not valid UTF-8 (byte 0xff at column 11)" in err
    assert "in.jsonl:3: field 'text' holds an unpaired surrogate (\\ud800)" in err
    assert main(["--jsonl", "--on-error", "fail", str(src), "-o", str(out)]) == 1


def test_jsonl_filter_reads_other_encodings(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes('{"text": "中文,好."}\n'.encode("gb18030"))
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", "--encoding", "gb18030", "--only", "punctuation", str(src), "-o", str(out)]) == 0
    assert _records_n(out) == [{"text": "中文，好。"}]


def test_undecodable_text_file_is_copied_and_reported(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.txt").write_bytes(b"abc\xff \xe4\xb8\xad,\n")
    summary = run_corpus(src, tmp_path / "out", CONFIG, jobs=1)
    assert (tmp_path / "out" / "bad.txt").read_bytes() == b"abc\xff \xe4\xb8\xad,\n"
    assert summary.errors == ["bad.txt: not valid UTF-8 (byte 0xff at offset 3)"]
    with pytest.raises(DataError, match="bad.txt: not valid UTF-8"):
        run_corpus(src, tmp_path / "out2", CONFIG, jobs=2, on_error="fail")
    assert not (tmp_path / "out2" / "bad.txt").exists()


def test_a_text_file_is_cleaned_as_the_filter_cleans_it(tmp_path: Path, capsysbinary: Any) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_bytes("\ufeff第一段的文字,没有\r\n结束.\r\n\r\n第二段.\r\n".encode("utf-8"))
    run_corpus(src, tmp_path / "out", {}, jobs=1)
    assert main([str(src / "page.txt")]) == 0
    assert (tmp_path / "out" / "page.txt").read_bytes() == capsysbinary.readouterr().out


# --------------------------------------------------------------------------
# One big JSONL file is split into chunks that run in parallel and are written in order.

def _big_jsonl(path: Path, n: int = 60) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(n):
            if i == 37:
                f.write("{broken\n")
            f.write(json.dumps({"id": i, "text": f"第{i}篇,{WIRE}"}, ensure_ascii=False) + "\n")


def test_a_big_jsonl_file_is_chunked_without_changing_the_output(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import corpus
    from cleaner.corpus import Job, clean_file
    src = tmp_path / "big.jsonl.gz"
    _big_jsonl(src)
    clean_file(Job(str(src), str(tmp_path / "whole.jsonl.gz"), "", CONFIG))  # one piece (as on Ray)
    monkeypatch.setattr(corpus.work, "CHUNK_BYTES", 500)
    one = run_corpus(src, tmp_path / "one.jsonl.gz", CONFIG, jobs=1)
    (tmp_path / "two").mkdir()
    two = run_corpus(src, tmp_path / "two", CONFIG, jobs=2)  # OUT a folder: the file goes into it
    whole = (tmp_path / "whole.jsonl.gz").read_bytes()
    assert (tmp_path / "one.jsonl.gz").read_bytes() == whole == (tmp_path / "two" / "big.jsonl.gz").read_bytes()
    assert one.errors == two.errors == ["big.jsonl.gz:38: invalid JSON at column 2: expecting property name enclosed in double quotes"]
    assert one.documents == two.documents == 60
    with gzip.open(tmp_path / "one.jsonl.gz", "rt", encoding="utf-8") as f:
        assert [json.loads(x)["id"] for x in f if x != "{broken\n"] == list(range(60))
    with pytest.raises(DataError, match=r"big.jsonl.gz:38: invalid JSON"):
        run_corpus(src, tmp_path / "fail.jsonl.gz", CONFIG, jobs=2, on_error="fail")
    assert not (tmp_path / "fail.jsonl.gz").exists()


def test_gzip_output_names_no_temporary_file(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    run_corpus(src, tmp_path / "out", CONFIG, jobs=1)
    header = (tmp_path / "out" / "c.jsonl.gz").read_bytes()[:10]
    assert header[3] & 0x08 == 0 and header[4:8] == b"\0\0\0\0"  # no FNAME, mtime 0


# --------------------------------------------------------------------------
# Where the output goes

def test_out_inside_in_is_not_read_back_and_out_equal_to_in_is_refused(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    run_corpus(src, src / "clean", CONFIG, jobs=1)
    again = run_corpus(src, src / "clean", CONFIG, jobs=1)
    assert again.files == 3 and again.skipped == 3
    assert not (src / "clean" / "clean").exists()
    assert main(["corpus", str(src), str(src)]) == 1


def test_rerun_with_dedup_keeps_the_removal_log_of_finished_files(tmp_path: Path) -> None:
    src = _corpus(tmp_path)
    out = tmp_path / "out"
    run_corpus(src, out, CONFIG, jobs=1, dedup=True)
    first = (out / REMOVED_LOG).read_text(encoding="utf-8")
    assert len(first.splitlines()) == 2
    again = run_corpus(src, out, CONFIG, jobs=1, dedup=True)  # everything already done
    assert again.duplicates_removed == 0 and (out / REMOVED_LOG).read_text(encoding="utf-8") == first
    (out / "b.txt").unlink()  # b.txt is redone: its removal is found and logged again
    redo = run_corpus(src, out, CONFIG, jobs=2, dedup=True)
    assert redo.duplicates_removed == 1 and (out / REMOVED_LOG).read_text(encoding="utf-8") == first
    forced = run_corpus(src, out, CONFIG, jobs=2, dedup=True, force=True)
    assert forced.duplicates_removed == 2 and (out / REMOVED_LOG).read_text(encoding="utf-8") == first


def test_progress_writes_plain_lines_when_not_a_terminal(tmp_path: Path) -> None:
    import io
    from cleaner.corpus import Progress
    src = _corpus(tmp_path)
    stream = io.StringIO()
    run_corpus(src, tmp_path / "out", CONFIG, jobs=2, progress=Progress(stream, every=0))
    lines = stream.getvalue().splitlines()
    assert lines and lines[-1].startswith("3/3 files, 3 documents,") and "MB/s" in lines[-1] and "ETA" in lines[-1]
    assert "\r" not in stream.getvalue()


# --------------------------------------------------------------------------
# The package's layers: each module imports only modules below it.

CORPUS_LAYERS = ["records", "files", "worker", "work", "writer", "dedup", "commit", "progress", "local", "reaper", "ray_engine",
                 "run", "__init__"]


def test_corpus_modules_import_only_modules_below_them() -> None:
    import ast
    root = Path(__file__).resolve().parent.parent / "cleaner" / "corpus"
    assert root.is_dir(), "corpus mode is a package"
    assert sorted(p.stem for p in root.glob("*.py")) == sorted(CORPUS_LAYERS)
    for name in CORPUS_LAYERS:
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        below = set(CORPUS_LAYERS[:CORPUS_LAYERS.index(name)])
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                for target in [node.module.split(".")[0]] if node.module else [a.name for a in node.names]:
                    assert target in below, f"corpus/{name}.py imports .{target}, which is not below it"
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                assert node.module in ("errors", "pipeline", "text"), f"corpus/{name}.py imports ..{node.module}"


def test_hidden_files_are_counted_and_a_rerun_that_skips_everything_reports_no_rate(tmp_path: Path) -> None:
    import io
    from cleaner.corpus import Progress
    src = _corpus(tmp_path)
    (src / ".draft.txt").write_text("草稿,不处理.\n", encoding="utf-8")
    (src / "a" / ".notes.jsonl").write_text("{}\n", encoding="utf-8")
    first = run_corpus(src, tmp_path / "out", CONFIG, jobs=1)
    assert first.hidden == 2 and "2 hidden files left out" in first.render()
    assert not (tmp_path / "out" / ".draft.txt").exists()
    stream = io.StringIO()
    again = run_corpus(src, tmp_path / "out", CONFIG, jobs=1, progress=Progress(stream, every=0))
    last = stream.getvalue().splitlines()[-1]
    assert again.skipped == 3 and last.startswith("3/3 files, 0 documents")
    assert "MB/s" not in last and "nothing cleaned" in last
