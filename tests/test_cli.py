"""The command line: as a function, through click's runner, and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import cli, main

ROOT = Path(__file__).resolve().parent.parent
SEED_004 = str(ROOT / "seeds" / "004_45c036bfc3bc9d28.txt")


def invoke(args: list[str], data: bytes = b"") -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(cli, args, input=data, standalone_mode=False, catch_exceptions=False)
    return result.return_value, result.stdout, result.stderr


def run(args: list[str], data: bytes = b"", **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=data,
                          capture_output=True, timeout=120, **kw)


def test_filter_stdin_to_stdout() -> None:
    code, out, _ = invoke([], "第一段\u200b。\r\n".encode())
    assert code == 0 and out == "第一段。\n"


def test_dash_is_stdin() -> None:
    code, out, _ = invoke(["-"], "甲 \n".encode())
    assert code == 0 and out == "甲\n"


def test_files_and_output_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲 \n", encoding="utf-8")
    b.write_text("乙 \n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main([str(a), str(b), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "甲\n乙\n"


def test_explain_lists_the_indentation_removals_of_seed_004() -> None:
    code, out, err = invoke(["--only", "normalize", "--explain", SEED_004])
    assert code == 0
    edits = [json.loads(line) for line in err.splitlines()]
    assert len(edits) == 29
    assert {e["pass"] for e in edits} == {"normalize"}
    assert all(e["rule"] == "normalize.indent" for e in edits)
    assert {"before", "after", "line", "start", "end"} <= set(edits[0])


def test_diff() -> None:
    code, out, _ = invoke(["--diff", "--only", "normalize"], "甲 \n乙\n".encode())
    assert code == 0
    assert out.splitlines()[:2] == ["--- <stdin>", "+++ <stdin> (cleaned)"]
    assert "-甲 " in out and "+甲" in out


def test_check(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("干净。\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("不干净。 \n", encoding="utf-8")
    assert main(["--check", "--only", "normalize", str(clean)]) == 0
    assert main(["--check", "--only", "normalize", str(clean), str(dirty)]) == 1


def test_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('only = ["normalize"]\n[normalize]\nindentation = false\n', encoding="utf-8")
    code, out, _ = invoke(["--config", str(cfg)], "  甲\n".encode())
    assert out == "  甲\n"


@pytest.mark.parametrize("args,fragment", [
    (["--only", "nosuch"], "unknown pass 'nosuch'"),
    (["--skip", "normalize,bogus"], "unknown pass 'bogus'"),
    (["--paragraph-sep", "tabs"], "Invalid value"),
    (["--encoding", "klingon"], "unknown encoding"),
    (["--frobnicate"], "No such option"),
])
def test_usage_errors_exit_2(args: list[str], fragment: str, capsys) -> None:
    assert main(args) == 2
    assert fragment in capsys.readouterr().err


def test_bad_config_exits_2(tmp_path: Path, capsys) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[normalize]\ncolour = 1\n", encoding="utf-8")
    assert main(["--config", str(cfg)]) == 2
    assert "unknown option 'colour'" in capsys.readouterr().err
    cfg.write_text("this is not toml", encoding="utf-8")
    assert main(["--config", str(cfg)]) == 2


def test_version_and_help(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("cleaner ")
    assert main(["-h"]) == 0
    out = capsys.readouterr().out
    assert "Examples:" in out and "--explain" in out


# --- a real process: pipes, bytes, exit codes ------------------------------------------------

def test_process_undecodable_input_exits_1_with_one_line() -> None:
    proc = run([], b"\xff\xfe")
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "offset 0" in err and "--encoding" in err
    assert "Traceback" not in err


def test_process_other_encodings() -> None:
    text = "中文，标点。\n"
    assert run(["--encoding", "gb18030", "--only", "normalize"], text.encode("gb18030")).stdout == text.encode()
    assert run(["--encoding", "utf-16", "--only", "normalize"], text.encode("utf-16")).stdout == text.encode()


def test_process_utf8_bom_is_fine() -> None:
    proc = run(["--only", "normalize"], "\ufeff中文。\n".encode())
    assert proc.returncode == 0 and proc.stdout == "中文。\n".encode()


def test_process_missing_file_exits_1() -> None:
    proc = run(["/nonexistent/file.txt"])
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr and b"/nonexistent/file.txt" in proc.stderr


def test_process_broken_pipe_is_quiet(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(("很长的一行文字。" * 50 + "\n\n") * 4000, encoding="utf-8")
    cmd = f"{sys.executable} -m cleaner --only normalize {big} | head -c 10 >/dev/null"
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, timeout=120)
    assert proc.stderr == b""
    assert proc.returncode == 0


def test_process_console_script_entry_point() -> None:
    proc = run(["--version"])
    assert proc.returncode == 0 and proc.stdout.startswith(b"cleaner ")


@pytest.mark.parametrize("extra", [[], ["--skip", "typos"], ["--only", "normalize"]])
def test_malformed_dict_is_refused_even_when_typos_does_not_run(tmp_path: Path, capsys, extra: list[str]) -> None:
    bad = tmp_path / "mine.tsv"
    bad.write_text("# Format: typos\n以俭促改\t以检促改\n只有一列\n", encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text("中文。\n", encoding="utf-8")
    assert main([str(src), "--dict", str(bad), *extra]) == 1
    assert f"{bad}:3: expected 2" in capsys.readouterr().err
    good = tmp_path / "good.tsv"
    good.write_text("# Format: typos\n以俭促改\t以检促改\n", encoding="utf-8")
    assert main([str(src), "--dict", str(good), *extra]) == 0
