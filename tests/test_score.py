"""The scorer: hand-made pairs for every kind of error, and the measures around them."""

from __future__ import annotations

import pytest

from cleaner.score import KINDS, Score, breakdown, classify, residual, score, split_paragraphs, total

P1 = "第一段讲的是农村改革的新进展和新问题。"
P2 = "第二段说明了城市建设的总体部署情况。"
P3 = "盒子里的故事讲述了一位老人的生活经历。"
REF = [P1, P2, P3]


def only(hyp: str, ref: list[str] | str = REF) -> dict[str, int]:
    """The kinds with a non-zero count."""
    return {k: v for k, v in score(hyp, ref).kinds.items() if v}


# Each row: a hypothesis and the kinds its errors must fall into, all of them.
KIND_ROWS = [
    ("space inside a word", "甲乙 丙", "甲乙丙", {"spaces": 1}),
    ("spaced digits", "1 9 9 8年", "1998年", {"spaces": 3}),
    ("space lost between Latin words", "HelloWorld", "Hello World", {"spaces": 1}),
    ("space read as a character", "甲口丙", "甲 丙", {"spaces": 1}),
    ("ASCII comma for a full-width one", "甲,乙", "甲，乙", {"punctuation": 1}),
    ("bracket misread as its look-alike", "〈附图片2张)", "（附图片2张）", {"punctuation": 2}),
    ("mark lost", "甲乙", "甲乙。", {"punctuation": 1}),
    ("mark inserted", "甲、乙", "甲乙", {"punctuation": 1}),
    ("hard wrap left in a paragraph", "甲乙\n丙丁", "甲乙丙丁", {"breaks": 1}),
    ("two paragraphs run together", "甲乙丙丁", "甲乙\n丙丁", {"breaks": 1}),
    ("break replaced by a space", "甲乙 丙丁", "甲乙\n丙丁", {"breaks": 1}),
    ("look-alike character", "辉煌", "交煌", {"characters": 1}),
    ("digit misread", "1998年", "1996年", {"characters": 1}),
    ("mark read as a character", "一一说明", "——说明", {"characters": 2}),
    ("character dropped", "甲丙", "甲乙丙", {"characters": 1}),
]


@pytest.mark.parametrize("name,hyp,ref,expected", KIND_ROWS, ids=[r[0] for r in KIND_ROWS])
def test_each_kind(name: str, hyp: str, ref: str, expected: dict[str, int]) -> None:
    assert only(hyp, [ref]) == expected


def test_duplicate_paragraph() -> None:
    s = score("\n\n".join([P1, P2, P2, P3]), REF)
    assert s.kinds["duplicates"] == len(P2) + 1  # the copy and its paragraph break
    assert s.distance == s.kinds["duplicates"]
    assert s.exact == 3


def test_duplicate_with_noise_cut_at_another_point() -> None:
    # The alignment keeps the noisy copy's head and the clean copy's tail, so the
    # inserted run is a rotation of the paragraph: still a duplicate.
    noisy = P2[:8] + "口" + P2[9:]
    assert only("\n\n".join([P1, noisy, P2, P3])) == {"duplicates": len(P2) + 1}


def test_short_repeat_is_not_a_duplicate() -> None:
    # Below min_block an inserted run is counted by its characters.
    assert only("甲乙丙甲乙丙", ["甲乙丙"]) == {"characters": 3}


def test_new_text_is_not_a_duplicate() -> None:
    assert only("\n\n".join([P1, "完全不同的另外一段文字内容也在这里", P2, P3])) == {
        "characters": 17, "breaks": 1}


@pytest.mark.parametrize("order", [[P1, P3, P2], [P3, P1, P2], [P2, P3, P1]])
def test_moved_block_is_order(order: list[str]) -> None:
    # Swapped neighbours align as replacements, a block moved further as a deletion
    # and an insertion: both are order.
    s = score("\n\n".join(order), REF)
    assert s.kinds["order"] == s.distance > 0
    assert s.exact == 3  # every paragraph is right, only the order is not


def test_replaced_text_is_not_order() -> None:
    other = "完全不同的另外一段文字内容也在这里。"
    assert only("\n\n".join([P1, other, P3])) == {"characters": len(P2) - 1 + 0}


def test_order_and_other_kinds_together() -> None:
    hyp = "\n\n".join([P3, P1[:5] + " " + P1[5:], P2])
    kinds = only(hyp)
    assert kinds.get("order", 0) >= len(P3)
    assert kinds.get("spaces") == 1


def test_kinds_sum_to_the_distance() -> None:
    hyp = "第一段讲的是农 村改革的新进展,和新问题\n\n第二段说明了城市建设的总体部署情况。第二段说明了城市建设的总体部署情况。盒子里的"
    s = score(hyp, REF)
    assert sum(s.kinds.values()) == s.distance > 0
    assert tuple(s.kinds) == KINDS


def test_paragraph_break_counts_one() -> None:
    s = score("甲乙\n\n丙丁", ["甲乙", "丙丁"])
    assert (s.distance, s.length, s.exact, s.paragraphs) == (0, 5, 2, 2)
    assert score("甲乙\n丙丁\n", "甲乙\n丙丁\n").cer == 0.0  # newline style on both sides


def test_exact_counts_each_copy_once() -> None:
    assert score("甲\n\n乙", ["甲", "甲", "乙"]).exact == 2
    assert score("甲\n\n甲\n\n乙", ["甲", "甲", "乙"]).exact == 3


def test_residual_ignores_width_and_white_space_only() -> None:
    assert residual("第 1 段,好\n吗", "第1段，好吗") == 0
    assert residual("１９９８", "1998") == 0  # NFKC folds full-width digits
    assert residual("辉", "交") == 1
    s = score("甲, 乙\n丙", ["甲，乙丙"])
    assert s.residual == 0 and s.distance == 3 and s.residual_rate == 0.0


def test_classify_rows() -> None:
    assert classify("\n", " ") == "breaks"
    assert classify("\u3000", None) == "spaces"
    assert classify("%", None) == "punctuation"
    assert classify("（", "〈") == "punctuation"
    assert classify("中", "。") == "characters"


def test_breakdown_of_identical_texts_is_zero() -> None:
    assert breakdown(P1, P1) == dict.fromkeys(KINDS, 0)


def test_empty_texts() -> None:
    assert score("", "").cer == 0.0
    assert score("甲", "").cer == 1.0
    assert score("", "甲").cer == 1.0
    assert split_paragraphs("") == []


def test_scores_add_up() -> None:
    a, b = score("甲,乙", "甲，乙"), score("丙丁", "丙丁")
    s = total([a, b])
    assert (s.distance, s.length, s.documents, s.kinds["punctuation"]) == (1, 5, 2, 1)
    assert s.to_dict()["cer"] == 0.2
    assert total([]) == Score(documents=0)
