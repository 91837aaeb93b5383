"""What the passes hold while they work: cheaper structures must give the same output and edits."""

from __future__ import annotations

import difflib
import random
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_rejoin_remembers_only_short_junctions() -> None:
    """The verdicts junction remembers are of short pairs: the line step asks with the paragraph
    so far, and a cache of those would hold every prefix of a long block alive."""
    from cleaner.passes.rejoin import evidence
    evidence._junction.cache_clear()
    long_block = "他们根据气象条件编排了动作，" * 400
    assert evidence.junction(long_block, "象条件编排了动作。") == evidence.junction(long_block, "象条件编排了动作。")
    assert evidence._junction.cache_info().currsize == 0
    evidence.junction("共舞蓝天。据悉，他们根据气", "象条件编排了动作。")
    assert evidence._junction.cache_info().currsize == 1


def test_rejoin_keeps_nothing_of_a_document_after_its_run() -> None:
    """The per-text caches of rejoin (blocks, printed views of quoted blocks) are empty once
    the pass has returned, so a document is not held alive until the next one."""
    from cleaner.passes.rejoin import blocks
    text = '他说"好"。\n\n“今天\n天气好”(据新华社)。\n\n' * 20
    cleaner.clean(text)
    assert blocks._paired_long.cache_info().currsize == 0
    # (short texts' paired views outlive the run: bounded, and never longer than a line)
    assert blocks._paired_short.cache_info().maxsize * blocks._SHORT_PAIRED <= 300_000
    assert blocks._blocks_of.cache_info().currsize == 0


@st.composite
def _reordered(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    """A sequence of unique keys (a head, blocks) and the same keys with stretches moved,
    some dropped, and new keys and a repeated separator key inserted, as the block-level
    diff of rejoin's render sees them."""
    n = draw(st.integers(0, 40))
    old = [-1] + list(range(n))
    new = old[:]
    for _ in range(draw(st.integers(0, 4))):
        if len(new) > 2:
            a = draw(st.integers(1, len(new) - 1))
            b = draw(st.integers(a, len(new) - 1))
            piece = new[a:b + 1]
            del new[a:b + 1]
            at = draw(st.integers(1, len(new)))
            new[at:at] = piece
    for _ in range(draw(st.integers(0, 3))):
        new.insert(draw(st.integers(0, len(new))), draw(st.sampled_from([-2, 1000, 1001, 1002])))
    if len(new) > 1 and draw(st.booleans()):
        del new[draw(st.integers(1, len(new) - 1))]
    return old, new


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_reordered())
def test_block_diff_gives_difflib_opcodes(pair: tuple[list[int], list[int]]) -> None:
    old, new = pair
    assert render.opcodes(old, new) == difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def test_block_diff_holds_a_few_bytes_a_key() -> None:
    """The diff of a stretch that spans a document (a box near its start moved to its end)
    holds arrays, not difflib's dict of lists: well under 40 bytes a key at 200,000 keys."""
    import tracemalloc
    from array import array
    old = array("q", [-1, *range(200_000)])
    new = array("q", [-1, *range(10, 200_000), *range(10)])
    tracemalloc.start()
    got = render.opcodes(old, new)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [tag for tag, *_ in got] == ["equal", "delete", "equal", "insert"]
    assert peak < 40 * len(old)


def _wrapped_seed_text() -> str:
    """Seed paragraphs hard-wrapped at 22 characters, a blank line after every third line
    (OCR-shaped: a line-step edit a line break), about 190,000 characters."""
    out: list[str] = []
    for para in _paragraphs() * 6:
        lines = [para[i:i + 22] for i in range(0, len(para), 22)]
        out.append("\n".join(lines[:3]) + ("\n\n" + "\n".join(lines[3:]) if len(lines) > 3 else ""))
    return "\n\n".join(out) + "\n"



def test_rejoin_rewrite_makes_the_text_of_run_s_edits() -> None:
    """Without edits to report (``Pipeline(...)(text)``), rejoin neither composes its stages'
    edits nor holds the line step's (one a line break) past the inside stage, and makes
    the same text; the fuzz property ``rewrite`` checks the same on generated input."""
    from pathlib import Path

    from cleaner.edits import apply_edits
    from cleaner.passes import rejoin
    folder = Path(__file__).resolve().parent.parent / "seeds"
    seeds = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    for text in [_wrapped_seed_text(), *seeds]:
        edits = rejoin.run(text)
        assert rejoin.rewrite(text) == apply_edits(text, edits)[0]
    assert len(rejoin.run(_wrapped_seed_text())) > 1000
