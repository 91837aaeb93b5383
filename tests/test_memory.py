"""What the passes hold while they work: cheaper structures must give the same output and edits."""

from __future__ import annotations

import random
import sys

import pytest

import cleaner.passes.rejoin  # noqa: F401  (the package; its render module is reached below)
from benchmarks.rejoin_bench import make_document
from cleaner.pipeline import Pipeline
from tests.golden import _paragraphs

render = sys.modules["cleaner.passes.rejoin.render"]


def _interrupted_documents(count: int) -> str:
    """Seed articles laid out as interrupted columns (continuations further on), one after another."""
    paras = [p for p in _paragraphs() if len(p) >= 30]
    rng = random.Random(20)
    docs = []
    for _ in range(count):
        arts = [rng.sample(paras, rng.randint(3, 5)) for _ in range(rng.randint(2, 3))]
        _, blocks = make_document(arts, rng)
        docs.append("\n\n".join("\n".join(b) for b in blocks) + "\n")
    return "\n".join(docs)


def test_moved_blocks_are_diffed_piece_by_piece_with_the_same_edits(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _interrupted_documents(40)
    seen: list[int] = []
    real = render.pieces

    def counted(order: list[int], lo: int, hi: int, joined: set[int]) -> list[tuple[int, int]]:
        got = real(order, lo, hi, joined)
        seen.append(len(got))
        return got

    pipeline = Pipeline(["normalize", "rejoin"])
    monkeypatch.setattr(render, "pieces", counted)
    pieces = pipeline.run(text)
    monkeypatch.setattr(render, "pieces", lambda order, lo, hi, joined: [(lo, hi)])
    whole = pipeline.run(text)
    assert max(seen) > 10  # the stretch was cut
    assert pieces.text == whole.text
    assert pieces.edits == whole.edits
    assert any(e.rule and "rejoin.move" in e.rule for e in pieces.edits)


def test_pieces_cut_only_between_blocks_in_place() -> None:
    # Blocks 2 and 3 swap, so do 7 and 8: cuts between blocks that stay where they are.
    order = [0, 1, 3, 2, 4, 5, 6, 8, 7, 9]
    assert render.pieces(order, 0, 9, set()) == [(0, 0), (1, 4), (5, 5), (6, 9)]
    # A join after block 5 keeps it with what follows.
    assert render.pieces(order, 0, 9, {5}) == [(0, 0), (1, 4), (5, 9)]


def test_rejoin_keeps_nothing_of_a_document_after_its_run() -> None:
    """The per-text caches of rejoin (blocks, printed views of quoted blocks) are empty once
    the pass has returned, so a document is not held alive until the next one."""
    from cleaner.passes.rejoin import blocks
    text = '他说"好"。\n\n“今天\n天气好”(据新华社)。\n\n' * 20
    cleaner.clean(text)
    assert blocks.pairs_printed.cache_info().currsize == 0
    assert blocks._blocks_of.cache_info().currsize == 0
