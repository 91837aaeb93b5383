"""The rejoin stages on their own: the block model's labels, and the between-block plan."""

from __future__ import annotations

from cleaner.passes.rejoin import Options, plan, units
from cleaner.passes.rejoin.blocks import is_debris

CUT = "届时他们将同多国表演队共舞蓝天。据悉，他们根据气\n\n象条件编排了动作。\n\n多彩活动迎端午\n\n端午节临近，各地举办活动。\n"


def test_each_block_is_one_record_with_its_labels() -> None:
    found = units(CUT, "blank")
    assert [u.kind for u in found] == ["prose", "prose", "heading", "prose"]
    assert [u.open_end for u in found] == [True, False, True, False]
    labels = found[0].labels()
    assert labels["kind"] == "prose" and labels["open_end"] is True and labels["debris"] is False
    assert all(CUT[u.start:u.end] == u.text for u in found)


def test_the_plan_joins_the_cut_and_not_the_heading() -> None:
    blocks = units(CUT, "blank")
    found = plan(blocks, "blank", Options())
    assert found.order == [0, 1, 2, 3] and found.moved == set()
    assert list(found.joins) == [0]
    assert found.joins[0].rule == "rejoin.join.paragraph" and found.joins[0].score >= 2


def test_a_plan_with_everything_off_changes_nothing() -> None:
    found = plan(units(CUT, "blank"), "blank", Options(paragraphs=False, interrupted=False))
    assert not found.changes


def test_debris_rows() -> None:
    assert is_debris("|") and is_debris("·") and is_debris("**")
    assert not is_debris("。") and not is_debris("12") and not is_debris("新华社")
