"""Rule ids: every id the code can emit is in docs/rules.md, and every edit carries one."""

from __future__ import annotations

import ast
from itertools import islice
from pathlib import Path

import pytest
import regex

from cleaner import Pipeline
from golden import cases

ROOT = Path(__file__).resolve().parent.parent
PASSES = ("normalize", "rejoin", "dedup", "punctuation", "typos", "convert", "layout")
#: Passes whose every edit must name its rule.
WITH_IDS = ("normalize", "rejoin", "dedup", "punctuation", "typos", "convert", "layout")
_ID = regex.compile(r"(?:%s)(?:\.[a-z_]+)+" % "|".join(PASSES))
#: Names of files, which look like ids (``typos.tsv``).
_FILE_SUFFIXES = (".tsv", ".txt", ".json", ".jsonl", ".gz", ".md", ".py")
_ROW = regex.compile(r"^\|\s*`([a-z_.]+)`\s*\|\s*([a-z]+)\s*\|", regex.M)


def table() -> dict[str, str]:
    """Rule id -> pass, from docs/rules.md."""
    return {m.group(1): m.group(2) for m in _ROW.finditer((ROOT / "docs" / "rules.md").read_text(encoding="utf-8"))}


def ids_in_code() -> set[str]:
    """Every string literal in cleaner/ shaped like a rule id (ids are written out whole)."""
    found = set()
    for path in (ROOT / "cleaner").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _ID.fullmatch(node.value):
                found.add(node.value)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("+"):
                if _ID.fullmatch(node.value[1:]):  # an id appended to another: "+rejoin.move.debris"
                    found.add(node.value[1:])
    return {i for i in found if not i.endswith(_FILE_SUFFIXES)}


def test_every_id_in_the_code_is_in_the_table_and_back() -> None:
    documented = table()
    code = ids_in_code()
    assert code - set(documented) == set(), "ids missing from docs/rules.md"
    assert set(documented) - code == set(), "rows for ids no code emits"


def test_each_id_belongs_to_its_pass() -> None:
    assert all(rule.split(".")[0] == p for rule, p in table().items())


@pytest.fixture(scope="module")
def emitted() -> list:
    edits = []
    for _, config, text in islice(cases(), 120):  # the seeds under every run, and 40 generated documents
        edits.extend(Pipeline.from_config(config).run(text).edits)
    edits.extend(Pipeline(paragraph_sep="newline").run("甲。\n\n乙。\n").edits)
    return edits


def test_every_edit_on_the_recorded_inputs_names_a_documented_rule(emitted: list) -> None:
    documented = table()
    for e in emitted:
        if e.pass_name in WITH_IDS:
            assert e.rule, e
        for part in (e.rule or "").split("+") if e.rule else ():
            assert part in documented, (part, e)
            assert documented[part] == e.pass_name


def test_the_recorded_inputs_exercise_most_rules(emitted: list) -> None:
    seen = {part for e in emitted if e.rule for part in e.rule.split("+")}
    # Not every rule fires on the seeds and generated documents; the rest have tests of their own.
    assert len(seen) >= 20


def test_the_filter_lists_dedup_removals_by_their_id(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cleaner.cli import cli
    p = "全国人大常委会法工委设立31个基层立法联系点，辐射带动各地设立联系点。"
    page = tmp_path / "page.txt"
    page.write_text(f"{p}\n\n第二段文字在这里，说的是另一件事。\n\n{p}\n", encoding="utf-8")
    removed = tmp_path / "removed.txt"
    result = CliRunner().invoke(cli, ["--only", "dedup", "--removed", str(removed), "--explain", str(page)],
                                standalone_mode=False, catch_exceptions=False)
    assert result.return_value == 0
    assert removed.read_text(encoding="utf-8") == p + "\n\n"
    import json
    assert [json.loads(line)["rule"] for line in result.stderr.splitlines()] == ["dedup.removed.exact"]
