"""Fuzzing in CI: domain-biased generated inputs must satisfy every property.

Bounded and derandomized (the same examples every run, no example database),
so that CI is reproducible and stays fast; ``python -m benchmarks fuzz`` is
the long run. The properties are those of :mod:`tests.properties`: no
exception, idempotence of the pipeline and of each pass alone, edits that
replay to the output, nothing lost unlogged, nothing invented.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.properties import violations
from tests.strategies import documents, long_documents, token_texts

FUZZ = settings(max_examples=250, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(documents())
def test_generated_documents_satisfy_every_property(text: str) -> None:
    assert violations(text) == []


@FUZZ
@given(token_texts())
def test_generated_character_runs_satisfy_every_property(text: str) -> None:
    assert violations(text) == []


@settings(FUZZ, max_examples=12)
@given(long_documents())
def test_long_generated_documents_satisfy_every_property(text: str) -> None:
    """Inputs of over 20,000 characters: one long line, a long wrapped column, or many
    paragraphs (a few examples: each costs a second or two)."""
    assert violations(text) == []
