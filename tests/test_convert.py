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
    assert pipeline(text) == expected


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
