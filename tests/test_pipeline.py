"""The pipeline: order, only/skip, options, edits only where text changed."""

from __future__ import annotations

import pytest

import cleaner
from cleaner import ConfigError, Pipeline
from cleaner.pipeline import ORDER, make_options


def test_default_pipeline_runs_every_available_pass_in_order() -> None:
    p = Pipeline()
    assert p.passes == list(ORDER)


def test_only_and_skip() -> None:
    assert Pipeline(["normalize"]).passes == ["normalize"]
    assert Pipeline(skip=["normalize"]).passes == [n for n in ORDER if n != "normalize"]


def test_passes_run_in_documented_order_whatever_the_order_given() -> None:
    names = [n for n in reversed(ORDER)]
    assert Pipeline(names).passes == [n for n in ORDER if n in names]


@pytest.mark.parametrize("bad", [["nosuch"], ["normalize", "Rejoin"]])
def test_unknown_pass_is_a_config_error(bad: list[str]) -> None:
    with pytest.raises(ConfigError, match="unknown pass"):
        Pipeline(bad)


def test_unknown_option_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown option 'colour'"):
        Pipeline(options={"normalize": {"colour": "red"}})


def test_option_of_the_wrong_type_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="expects bool"):
        make_options("normalize", {"nfc": "yes"})


def test_unknown_config_key() -> None:
    with pytest.raises(ConfigError, match="unknown configuration key"):
        Pipeline.from_config({"colour": 1})


def test_no_edit_when_nothing_changed() -> None:
    result = Pipeline(["normalize"]).run("干净的文本。\n")
    assert result.edits == [] and not result.changed


def test_edits_are_located_in_the_original_input() -> None:
    source = "\u3000甲\r\n乙\u200b丙\r\n"
    result = Pipeline(["normalize"]).run(source)
    for e in result.edits:
        assert source[e.source_start:e.source_end] == e.before
    assert [e.line for e in result.edits] == [1, 1, 2, 2]


def test_paragraph_sep_forces_a_style() -> None:
    text = "甲。\n\n乙。\n\n\n丙。"
    assert cleaner.clean(text, only=["normalize"], paragraph_sep="newline") == "甲。\n乙。\n丙。"
    assert cleaner.clean("甲。\n乙。", only=["normalize"], paragraph_sep="blank") == "甲。\n\n乙。"


def test_paragraph_sep_keep_leaves_the_style() -> None:
    for text in ("甲。\n\n乙。\n", "甲。\n乙。\n"):
        assert cleaner.clean(text, only=["normalize"]) == text


def test_clean_accepts_config_shaped_keywords() -> None:
    assert cleaner.clean("  cafe\u0301", normalize={"nfc": False, "indentation": False}) == "  cafe\u0301"


def test_result_reports_counts_per_pass() -> None:
    assert Pipeline(["normalize"]).run("a\u200bb \n").by_pass() == {"normalize": 2}
