"""The cleaner still does what it did when the record was made (see ``tests/golden.py``)."""

from __future__ import annotations

import pytest

from tests import golden

RECORDED = {row["name"]: row for row in golden.load()}
CASES = list(golden.cases())


def test_the_record_covers_every_case() -> None:
    assert sorted(RECORDED) == sorted(name for name, _, _ in CASES)


@pytest.mark.parametrize("name,config,text", CASES, ids=[c[0] for c in CASES])
def test_output_and_edits_match_the_record(name: str, config: dict, text: str) -> None:
    got = golden.summary(name, golden.outcome(config, text))
    want = RECORDED[name]
    assert got.get("error") == want.get("error")
    assert got.get("per_pass") == want.get("per_pass")
    assert got.get("text") == want.get("text"), "output differs: diff `python -m tests.golden --dump DIR`"
    assert got.get("edits") == want.get("edits"), "edits differ: diff `python -m tests.golden --dump DIR`"
