"""The convert pass: OpenCC's own test cases, edits at the changed spans, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from cleaner import Pipeline
from cleaner.errors import ConfigError
from cleaner.passes import convert

DATA = Path(__file__).parent / "data" / "opencc_testcases.json"


def _cases() -> list[tuple[str, str, str, str]]:
    raw = DATA.read_text(encoding="utf-8")
    cases = json.loads(regex.sub(r",(\s*[}\]])", r"\1", raw))["cases"]
    return [(c["id"], cfg, c["input"], want) for c in cases for cfg, want in c["expected"].items()]


CASES = _cases()


def test_the_vendored_file_has_every_check() -> None:
    assert len(CASES) == 556
    assert len({cfg for _, cfg, _, _ in CASES}) == 16


@pytest.mark.parametrize("case,config,text,expected", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_opencc_case(case: str, config: str, text: str, expected: str) -> None:
    pipeline = Pipeline(["convert"], options={"convert": {"config": config}})
    assert pipeline(text) == expected  # no edits read: convert.rewrite, one OpenCC call
    assert pipeline.run(text).text == expected  # the edits make the same text


def test_off_by_default() -> None:
    assert Pipeline(["convert"])("漢字") == "漢字"


def test_edits_are_the_changed_characters() -> None:
    result = Pipeline(["convert"], options={"convert": {"config": "t2s"}}).run("中文漢字，不變。")
    assert [(e.before, e.after) for e in result.edits] == [("漢", "汉"), ("變", "变")]


def test_unknown_config_is_a_usage_error() -> None:
    with pytest.raises(ConfigError, match="unknown OpenCC configuration 'x2y'"):
        Pipeline(["convert"], options={"convert": {"config": "x2y"}})


def test_to_simplified_runs_right_after_normalize() -> None:
    assert Pipeline(options={"convert": {"config": "t2s"}}).passes[:2] == ["normalize", "convert"]
    assert Pipeline(options={"convert": {"config": "s2t"}}).passes[-1] == "convert"


def test_converter_is_built_once() -> None:
    assert convert.converter("t2s") is convert.converter("t2s")


def _line_by_line(text: str, config: str) -> list[tuple[int, int, str, str]]:
    """The reference: each line converted on its own, changed spans found character by
    character (equal lengths) or by difflib."""
    import difflib
    conv = convert.converter(config)
    edits, pos = [], 0
    for line in text.split("\n"):
        out = conv.convert(line)
        if out != line:
            if len(out) == len(line):
                ops = [(i, i + 1, i, i + 1) for i in range(len(line)) if line[i] != out[i]]
                merged: list[tuple[int, int, int, int]] = []
                for op in ops:  # runs of adjacent differing characters are one span
                    if merged and merged[-1][1] == op[0]:
                        merged[-1] = (merged[-1][0], op[1], merged[-1][2], op[3])
                    else:
                        merged.append(op)
                ops = merged
            else:
                m = difflib.SequenceMatcher(None, line, out, autojunk=False)
                ops = [(a, b, c, d) for tag, a, b, c, d in m.get_opcodes() if tag != "equal"]
            edits += [(pos + a, pos + b, line[a:b], out[c:d]) for a, b, c, d in ops]
        pos += len(line) + 1
    return edits


@pytest.mark.parametrize("config", sorted(convert.CONFIGS))
def test_one_call_gives_the_edits_of_converting_line_by_line(config: str) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))]
    inputs = [text for _, _, text, _ in CASES]
    # Every test input once, on lines of their own, some lines empty, some glued to a seed.
    texts = ["\n".join(inputs), "\n\n".join(inputs) + "\n", *seeds,
             "\n".join(s[:200] + i for s, i in zip(seeds * 200, inputs))]
    changed = 0
    for text in texts:
        got = [(e.start, e.end, e.before, e.after) for e in convert.run(text, convert.Options(config))]
        assert got == _line_by_line(text, config)
        changed += len(got)
    assert changed > 0
