"""The filter streams documents, isolates a pass's fault to its document, and bounds document size."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cleaner import Pipeline
from cleaner.cli import main
from cleaner.errors import PassError

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["第一页的文字,没有\n结束.", "第二页,好.\n", "  第三页。"]


def _clean(text: str, *only: str) -> str:
    return Pipeline(list(only) or None).run(text).text


def test_form_feed_split_cleans_each_page_on_its_own(tmp_path: Path, capsysbinary) -> None:
    src = tmp_path / "pages.txt"
    src.write_text("\f".join(PAGES), encoding="utf-8")
    assert main(["--form-feed", "split", str(src)]) == 0
    assert capsysbinary.readouterr().out.decode() == "\f".join(_clean(p) for p in PAGES)


def test_form_feed_join_is_one_document_as_before(tmp_path: Path, capsysbinary) -> None:
    src = tmp_path / "pages.txt"
    src.write_text("\f".join(PAGES), encoding="utf-8")
    assert main([str(src)]) == 0
    assert capsysbinary.readouterr().out.decode() == _clean("\f".join(PAGES))


def test_form_feed_split_in_utf16_and_gb18030(tmp_path: Path, capsysbinary) -> None:
    for encoding in ("utf-16", "gb18030"):
        src = tmp_path / f"pages.{encoding}"
        src.write_bytes("\f".join(PAGES).encode(encoding))
        assert main(["--form-feed", "split", "--encoding", encoding, str(src)]) == 0
        assert capsysbinary.readouterr().out.decode() == "\f".join(_clean(p) for p in PAGES)


def test_undecodable_page_names_its_offset_in_the_whole_input(tmp_path: Path, capsys) -> None:
    src = tmp_path / "pages.txt"
    src.write_bytes("第一页。\f".encode() + b"ok \xff")
    assert main(["--form-feed", "split", str(src)]) == 1
    assert "byte 0xff at offset 16;" in capsys.readouterr().err  # 12 bytes, the form feed, "ok "


def test_a_page_is_written_before_the_next_is_read() -> None:
    # The first page's output arrives while stdin is still open: what makes `| head` end early.
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "--form-feed", "split", "--only", "punctuation"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdin is not None and proc.stdout is not None
    guard = threading.Timer(120, proc.kill)  # a filter that does not stream would block this test forever
    guard.start()
    proc.stdin.write("第一页,好.\f".encode())
    proc.stdin.flush()
    first = "第一页，好。".encode()
    assert proc.stdout.read(len(first)) == first
    proc.stdin.write("第二页,好.".encode())
    proc.stdin.close()
    assert proc.stdout.read() == "\f第二页，好。".encode()
    assert proc.wait(timeout=60) == 0
    guard.cancel()


def test_output_file_is_left_as_it_was_when_the_run_fails(tmp_path: Path) -> None:
    good, bad, out = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "out.txt"
    good.write_text("好,的.\n", encoding="utf-8")
    bad.write_bytes(b"\xff")
    out.write_text("before", encoding="utf-8")
    assert main([str(good), str(bad), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "good.txt", "out.txt"]
    assert main([str(good), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == _clean("好,的.\n")


# --------------------------------------------------------------------------
# A pass that raises costs its document nothing and the others nothing.

@pytest.fixture
def broken_punctuation(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.passes import punctuation
    real = punctuation.run

    def run(text: str, options: object) -> list:
        if "坏" in text:
            raise IndexError("list index out of range")
        return real(text, options)

    monkeypatch.setattr(punctuation, "run", run)


def test_library_names_the_pass_that_raised(broken_punctuation: None) -> None:
    with pytest.raises(PassError, match="pass punctuation failed: IndexError: list index out of range") as info:
        Pipeline(["normalize", "punctuation"]).run("坏,文档.")
    assert info.value.pass_name == "punctuation" and isinstance(info.value.error, IndexError)
    assert Pipeline(["normalize", "punctuation"]).run("好,文档.").text == "好，文档。"


def test_filter_writes_the_failed_document_through_and_exits_1(tmp_path: Path, capsys,
                                                               broken_punctuation: None) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("好,文档.  \n", encoding="utf-8")
    b.write_text("坏,文档.  \n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["--only", "normalize,punctuation", str(a), str(b), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "好，文档。\n" + "坏,文档.  \n"  # unchanged: no partial cleaning
    err = capsys.readouterr().err
    assert f"{b}: pass punctuation failed: IndexError: list index out of range" in err
    assert str(a) + ":" not in err


def test_jsonl_and_corpus_pass_a_failed_record_through(tmp_path: Path, capsys, broken_punctuation: None) -> None:
    from cleaner.corpus import run_corpus
    src = tmp_path / "in.jsonl"
    lines = ['{"text": "好,文档."}\n', '{"text": "坏,文档."}\n']
    src.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", "--only", "punctuation", str(src), "-o", str(out)]) == 1
    got = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(got[0])["text"] == "好，文档。" and got[1] == lines[1]
    assert "in.jsonl:2: pass punctuation failed: IndexError" in capsys.readouterr().err
    summary = run_corpus(src, tmp_path / "corpus.jsonl", {"only": ["punctuation"]}, jobs=1)
    assert summary.failed == 1 and (tmp_path / "corpus.jsonl").read_text(encoding="utf-8") == out.read_text(
        encoding="utf-8")
    assert "1 written through" in summary.render()
    assert main(["corpus", str(src), str(tmp_path / "cli.jsonl"), "--only", "punctuation", "--jobs", "1"]) == 1


# --------------------------------------------------------------------------
# --max-document-bytes

def test_a_document_over_the_limit_is_written_through_and_reported(tmp_path: Path, capsys) -> None:
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("好,的.\n", encoding="utf-8")
    big.write_text("大,的." * 10 + "\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["--only", "punctuation", "--max-document-bytes", "40", str(small), str(big), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "好，的。\n" + big.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert f"{big}: document of at least 41 bytes is over --max-document-bytes 40" in err
    assert main(["--only", "punctuation", "--max-document-bytes", "40", str(small)]) == 0


def test_the_limit_holds_in_the_library_for_records_and_in_corpus_mode(tmp_path: Path, capsys) -> None:
    from cleaner.corpus import run_corpus
    from cleaner.errors import DocumentTooLarge
    with pytest.raises(DocumentTooLarge, match="over --max-document-bytes 10"):
        Pipeline(max_document_bytes=10).run("四个字节的字")  # 18 bytes
    assert Pipeline(["punctuation"], max_document_bytes=18).run("六个字,好.").text == "六个字，好。"
    src = tmp_path / "in.jsonl"
    lines = ['{"text": "短,的."}\n', '{"text": "长长长长长长长长,的."}\n']
    src.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", "--only", "punctuation", "--max-document-bytes", "20", str(src), "-o", str(out)]) == 1
    got = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(got[0])["text"] == "短，的。" and got[1] == lines[1]
    assert "in.jsonl:2: document of at least" in capsys.readouterr().err
    summary = run_corpus(src, tmp_path / "c.jsonl", {"only": ["punctuation"], "max_document_bytes": 20}, jobs=1)
    assert summary.failed == 1 and (tmp_path / "c.jsonl").read_bytes() == out.read_bytes()
    assert main(["corpus", str(src), str(tmp_path / "d.jsonl"), "--only", "punctuation", "--jobs", "1",
                 "--max-document-bytes", "20"]) == 1



# --------------------------------------------------------------------------
# --max-document-lines: memory grows with the lines too (some 400 bytes a line),
# so text of very short lines is limited by its line count

def test_a_document_of_more_lines_than_the_limit_is_written_through_and_reported(tmp_path: Path, capsys) -> None:
    short, many = tmp_path / "short.txt", tmp_path / "many.txt"
    short.write_text("好,的.\n第二行,好.\n", encoding="utf-8")  # 2 lines: the final line break ends the second
    many.write_text("字\n" * 3, encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main(["--only", "punctuation", "--max-document-lines", "2", str(short), str(many), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "好，的。\n第二行，好。\n" + "字\n" * 3
    assert f"{many}: document of at least 3 lines is over --max-document-lines 2" in capsys.readouterr().err
    assert main(["--only", "punctuation", "--max-document-lines", "2", str(short), "-o", str(out)]) == 0


def test_the_line_limit_holds_in_the_library_and_the_config() -> None:
    from cleaner.errors import ConfigError, DocumentTooLarge
    with pytest.raises(DocumentTooLarge, match="at least 4 lines is over --max-document-lines 3") as caught:
        Pipeline(max_document_lines=3).run("一\n二\n三\n四")
    assert (caught.value.size, caught.value.limit, caught.value.unit) == (4, 3, "lines")
    assert Pipeline.from_config({"only": ["punctuation"], "max_document_lines": 1}).run("好,的.").text == "好，的。"
    with pytest.raises(ConfigError, match="max_document_lines must be a whole number of at least 1"):
        Pipeline(max_document_lines=0)


# --------------------------------------------------------------------------
# --jsonl with options that need a whole document

@pytest.mark.parametrize("flag", [["--check"], ["--diff"], ["--removed", "r.txt"], ["--suggest"]])
def test_jsonl_refuses_options_it_cannot_honour(flag: list[str], capsys) -> None:
    assert main(["--jsonl", *flag]) == 2
    assert f"{flag[0]} cannot be used with --jsonl" in capsys.readouterr().err


# --------------------------------------------------------------------------
# Undecodable input names the likely encoding; --encoding auto reads it

SIMPLIFIED = "这是一段简体中文的文字,测试编码.\n"
TRADITIONAL = "這是一段繁體中文的文字,測試編碼.\n"


@pytest.mark.parametrize("text,encoding,shown", [(SIMPLIFIED, "gb18030", "GB18030"), (TRADITIONAL, "big5", "Big5"),
                                                 (SIMPLIFIED, "utf-16", "UTF-16")])
def test_undecodable_input_names_the_likely_encoding(tmp_path: Path, capsys, text: str, encoding: str,
                                                     shown: str) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(text.encode(encoding))
    assert main(["--only", "punctuation", str(src)]) == 1
    assert f"this looks like {shown}: try --encoding {encoding}" in capsys.readouterr().err
    for split in ([], ["--form-feed", "split"]):
        assert main(["--only", "punctuation", "--encoding", "auto", *split, str(src)]) == 0
        assert capsys.readouterr().out == _clean(text, "punctuation")


def test_auto_keeps_utf8_and_refuses_what_it_cannot_tell(tmp_path: Path, capsys) -> None:
    src = tmp_path / "in.txt"
    src.write_text(SIMPLIFIED, encoding="utf-8")
    assert main(["--only", "punctuation", "--encoding", "auto", str(src)]) == 0
    assert capsys.readouterr().out == _clean(SIMPLIFIED, "punctuation")
    src.write_bytes(bytes(range(256)))
    assert main(["--encoding", "auto", str(src)]) == 1
    err = capsys.readouterr().err
    assert "cannot tell its encoding" in err and "Traceback" not in err
    src.write_bytes(b"\xff\xfe\xfd" + bytes(range(128, 256)))
    assert main([str(src)]) == 1
    assert "name it with --encoding" in capsys.readouterr().err


def test_output_to_a_device_is_written_in_place(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("好,的.\n", encoding="utf-8")
    assert main([str(src), "-o", os.devnull]) == 0
    assert not Path(os.devnull).is_file()  # still the device, not a file renamed over it


def test_output_through_a_link_keeps_the_link_and_the_permissions(tmp_path: Path) -> None:
    src, target, link = tmp_path / "in.txt", tmp_path / "target.txt", tmp_path / "link.txt"
    src.write_text("好,的.\n", encoding="utf-8")
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link.symlink_to(target)
    assert main(["--only", "punctuation", str(src), "-o", str(link)]) == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "好，的。\n"
    assert target.stat().st_mode & 0o777 == 0o640
