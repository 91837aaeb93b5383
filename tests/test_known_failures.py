"""The table of inputs we get wrong (tests/known_failures.py), checked so that a fix shows up."""

from __future__ import annotations

import pytest

from cleaner import Pipeline
from known_failures import KNOWN_FAILURES

IDS = [row[0] for row in KNOWN_FAILURES]


@pytest.mark.parametrize("name,passes,text,produced,right,why", KNOWN_FAILURES, ids=IDS)
def test_we_still_produce_what_the_table_says(name: str, passes: list[str], text: str, produced: str,
                                              right: str, why: str) -> None:
    assert produced != right
    assert Pipeline(passes)(text) == produced


@pytest.mark.xfail(strict=True, reason="a known failure (tests/known_failures.py)")
@pytest.mark.parametrize("name,passes,text,produced,right,why", KNOWN_FAILURES, ids=IDS)
def test_what_is_right(name: str, passes: list[str], text: str, produced: str, right: str, why: str) -> None:
    assert Pipeline(passes)(text) == right
