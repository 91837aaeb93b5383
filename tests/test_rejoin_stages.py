"""The rejoin stages on their own: the block model's labels, and the between-block plan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.passes.rejoin import Options, plan, units
from cleaner.passes.rejoin.blocks import FurnitureSoFar, is_debris, is_furniture

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


# Pieces from which page furniture and its near misses are made: weekdays, desk words, an
# editor's credit with each colon, page numbers, dashes, spaces of several kinds, line breaks.
_FURNITURE_PIECES = ["星期", "一", "天", "星期三", "责", "编", "辑", "责编", "责任编辑", "版式", "校", "对", "编辑",
                     "：", ":", "；", ";", " ", "\u3000", "\t", "\n", "第", "版", "4", "12", "2024", "-", "—",
                     "今天", "本报", "王静", "。"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(_FURNITURE_PIECES), max_size=6).map("".join), min_size=1, max_size=12),
       st.lists(st.booleans(), min_size=12, max_size=12))
def test_furniture_so_far_answers_as_is_furniture_as_the_text_grows(steps, restarts) -> None:
    """The line step's paragraph so far grows by what each join appends, or starts again;
    the tracker's answer is is_furniture's of the whole text at every step."""
    text = steps[0]
    so_far = FurnitureSoFar(text)
    assert so_far.answer == is_furniture(text), text
    for piece, restart in zip(steps[1:], restarts):
        text = piece if restart else text + piece
        assert so_far.follow(text, not restart) == is_furniture(text), text
