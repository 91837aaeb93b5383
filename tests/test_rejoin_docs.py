"""docs/passes/rejoin.md lists the weights the code uses, every one and no other."""

from __future__ import annotations

from pathlib import Path

import regex

from cleaner.passes.rejoin import WEIGHTS, junction

DOC = Path(__file__).resolve().parent.parent / "docs" / "passes" / "rejoin.md"
_ROW = regex.compile(r"^\|[^|]*\|\s*`([a-z_]+)`\s*\|\s*([+−-]?[\d.]+)\s*\|\s*$", regex.M)


def documented() -> dict[str, float]:
    return {m.group(1): float(m.group(2).replace("−", "-").replace("+", ""))
            for m in _ROW.finditer(DOC.read_text(encoding="utf-8"))}


def test_the_weight_table_matches_the_code() -> None:
    assert documented() == WEIGHTS


def test_a_verdict_names_the_weights_it_adds_up() -> None:
    v = junction("共舞蓝天。据悉，他们根据气", "象条件编排了动作。")
    assert v.ids and set(v.ids) <= set(WEIGHTS)
    assert v.score == sum(WEIGHTS[k] for k in v.ids)
