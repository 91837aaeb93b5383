"""Edits: application, composition and location in the input."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from cleaner.edits import OffsetMap, OverlapError, apply_edits, compose, make_edit


def test_apply_rejects_overlap() -> None:
    t = "abcdef"
    with pytest.raises(OverlapError):
        apply_edits(t, [make_edit("p", t, 0, 3, "", "a"), make_edit("p", t, 2, 4, "", "b")])


def test_apply_rejects_stale_before() -> None:
    edit = make_edit("p", "abc", 0, 1, "x", "r")
    with pytest.raises(OverlapError):
        apply_edits("zbc", [edit])


def test_insertions_keep_their_order() -> None:
    t = "ab"
    text, _ = apply_edits(t, [make_edit("p", t, 1, 1, "1", "r"), make_edit("p", t, 1, 1, "2", "r")])
    assert text == "a12b"


def test_offset_map() -> None:
    t = "0123456789"
    edits = [make_edit("p", t, 2, 4, "X", "r"), make_edit("p", t, 6, 6, "YY", "r")]
    out, kept = apply_edits(t, edits)
    assert out == "01X45YY6789"
    m = OffsetMap(kept)
    assert [m.to_input(i) for i in (0, 1, 2, 3, 4, 5, 7, 8)] == [0, 1, 2, 4, 5, 6, 6, 7]


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4), st.text("xy", max_size=3)),
                 max_size=6)


def _edits(text: str, raw: list[tuple[int, int, str]]) -> list:
    edits, pos = [], 0
    for start, length, after in sorted(raw):
        start = max(start, pos)
        end = min(start + length, len(text))
        if start > len(text):
            break
        edits.append(make_edit("p", text, start, end, after, f"r{start}"))
        pos = end if end > start else start + 1
    return edits


@given(st.text("abc\n", max_size=30), spans, spans)
def test_compose_equals_sequential_application(text: str, raw1, raw2) -> None:
    e1 = _edits(text, raw1)
    mid, kept1 = apply_edits(text, e1)
    e2 = _edits(mid, raw2)
    final, kept2 = apply_edits(mid, e2)
    composed = compose(text, kept1, kept2)
    assert apply_edits(text, composed)[0] == final
