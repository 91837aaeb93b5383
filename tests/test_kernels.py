"""The compiled segmentation kernels give exactly the pure-Python reference's results.

Exactly means bit for bit: floats are compared with ``==`` (and their sign), on the
seed documents with the packaged lexicon and on generated lexicons and texts.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import kernels, lang
from cleaner.kernels import PureLexicon
from cleaner.resources import lexicon

ROOT = Path(__file__).resolve().parent.parent
compiled = pytest.importorskip("cleaner._lexcore", reason="the compiled kernels are not built")
Compiled = compiled.Lexicon


def same(a: object, b: object) -> bool:
    """Equal, and for floats also the same sign of zero and both NaN or neither."""
    if isinstance(a, float) and isinstance(b, float):
        return (a == b and math.copysign(1, a) == math.copysign(1, b)) or (math.isnan(a) and math.isnan(b))
    return a == b and type(a) is type(b)


def check_all(pure: PureLexicon, fast: object, left: str, right: str, log_total: float) -> None:
    text = left + right
    for cut in (None, len(left), 0, -1, len(text), len(text) + 3):
        assert same(pure.best_logp(text, log_total, cut), fast.best_logp(text, log_total, cut)), (text, cut)
    assert same(pure.junction(left, right, log_total), fast.junction(left, right, log_total)), (left, right)
    assert same(pure.first_word(right, log_total), fast.first_word(right, log_total)), right
    assert same(pure.ends_inside_word(left), fast.ends_inside_word(left)), left
    assert pure.spans(text) == fast.spans(text), text
    for args in ((2, 4, 5, 20000), (1, 8, 0, 1), (3, 3, 100, 0), (2, 99, 2**40, 2**50)):
        assert pure.uncovered(text, *args) == fast.uncovered(text, *args), (text, args)
        assert pure.uncovered(text + "T恤a气象", *args) == fast.uncovered(text + "T恤a气象", *args)


@pytest.fixture(scope="module")
def packaged() -> tuple[PureLexicon, object, float]:
    words = lexicon()
    return PureLexicon(words), Compiled(words), math.log(float(sum(words.values())))


def seed_breaks() -> list[tuple[str, str]]:
    """Every line break of the seeds, plus cuts inside lines, as (text before, text after)."""
    pairs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        cuts = [m.start() for m in re.finditer("\n", text)] + list(range(0, len(text), 41))
        pairs += [(text[max(0, c - 16):c], text[c:c + 16]) for c in cuts]
    return pairs


def test_packaged_lexicon_on_every_seed_break(packaged: tuple[PureLexicon, object, float]) -> None:
    pure, fast, log_total = packaged
    breaks = seed_breaks()
    assert len(breaks) > 300
    for left, right in breaks:
        check_all(pure, fast, left, right, log_total)
        check_all(pure, fast, left.strip("\n"), right.strip("\n"), log_total)


def test_lang_answers_the_same_with_either_kernel(packaged: tuple[PureLexicon, object, float],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    breaks = seed_breaks()[::5]
    got = [(lang.junction_gain(a, b), lang.first_word(b), lang.ends_inside_word(a)) for a, b in breaks]
    monkeypatch.setattr(lang, "_model", lambda: (packaged[0], packaged[2]))
    lang._gain.cache_clear()
    try:
        want = [(lang.junction_gain(a, b), lang.first_word(b), lang.ends_inside_word(a)) for a, b in breaks]
    finally:
        lang._gain.cache_clear()
    assert got == want
    assert any(g[0] > 0 for g in got) and any(g[2] for g in got)  # the sample exercises the rules


def test_junction_gain_reads_only_the_ends_it_caches() -> None:
    # The cache is keyed by the ends of the two sides; whole blocks give the same answers.
    for left, right in seed_breaks()[::3]:
        for a, b in ((left, right), (left + "\n", right), ("前文" * 20 + left, right + "后文" * 20)):
            assert lang.junction_gain(a, b) == lang._gain.__wrapped__(a, b)


def test_han_table_matches_the_regex_module() -> None:
    gen = pytest.importorskip("tools.gen_han_ranges")
    header = (ROOT / "csrc" / "han_ranges.h").read_text(encoding="utf-8")
    table = [(int(a, 16), int(b, 16)) for a, b in re.findall(r"\{0x([0-9A-F]+), 0x([0-9A-F]+)\}", header)]
    assert table == gen.han_ranges()
    # And the compiled module reads it as the pure kernels' \p{Han} does, at every edge.
    edges = sorted({c for a, b in table for c in (a - 1, a, b, b + 1) if 0 <= c < 0x110000})
    for c in edges:
        ch = chr(c)
        words = {ch + "中": 5, "中" + ch: 3}
        pure, fast = PureLexicon(words), Compiled(words)
        for left, right in ((ch, "中"), ("中", ch), (ch + "\n", "中")):
            assert same(pure.junction(left, right, 2.0), fast.junction(left, right, 2.0)), hex(c)
        assert pure.ends_inside_word("中" + ch) == fast.ends_inside_word("中" + ch), hex(c)


ALPHABET = "气象条件和机场特点的了中国人民a1 \n"
words_st = st.dictionaries(st.text(ALPHABET, min_size=1, max_size=9),
                           st.integers(min_value=0, max_value=10**6), max_size=40)
text_st = st.text(ALPHABET, max_size=24)


@settings(max_examples=400, deadline=None)
@given(words=words_st, left=text_st, right=text_st,
       log_total=st.floats(min_value=-5, max_value=30, allow_nan=False))
def test_generated_lexicons_and_texts(words: dict[str, int], left: str, right: str, log_total: float) -> None:
    check_all(PureLexicon(words), Compiled(words), left, right, log_total)


@settings(max_examples=200, deadline=None)
@given(words=words_st, text=st.text(ALPHABET, max_size=300), cut=st.integers(-3, 400) | st.none())
def test_long_texts_and_any_cut(words: dict[str, int], text: str, cut: int | None) -> None:
    assert same(PureLexicon(words).best_logp(text, 11.5, cut), Compiled(words).best_logp(text, 11.5, cut))


@pytest.mark.parametrize("words", [{"气象": 1.5}, {"气象": -1}, {"气象": 2**60}, {3: 1}])
def test_dicts_the_compiled_kernels_refuse_get_the_pure_ones(words: dict) -> None:
    """Float, negative or huge frequencies are refused by the compiled lexicon; build() then
    hands out the pure one, which behaves as the code always did."""
    with pytest.raises((TypeError, ValueError)):
        Compiled(words)
    assert isinstance(kernels.build(words), PureLexicon)


def test_implementation_is_named() -> None:
    assert kernels.IMPLEMENTATION == "compiled C"
    assert isinstance(kernels.build({"气象": 1}), Compiled)


def test_version_names_the_implementation(capsys: pytest.CaptureFixture[str]) -> None:
    from cleaner.cli import main
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip().endswith("(word segmentation: compiled C)")


# ---- dedup's shingle index ----------------------------------------------------------------

_SHINGLES = st.lists(st.binary(min_size=0, max_size=3).map(lambda b: b.ljust(3, b"\0")[:3] * 8), max_size=6)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.tuples(st.booleans(), _SHINGLES), max_size=80), st.integers(0, 10))
def test_shingle_table_gives_the_references_candidates(steps: list[tuple[bool, list[bytes]]], limit: int) -> None:
    """Adds and look-ups in any order, shingles shared by more paragraphs than the cap included."""
    from cleaner.passes.dedup_index import ShingleIndex

    pure, fast = ShingleIndex(), compiled.ShingleTable()
    for idx, (is_add, shingles) in enumerate(steps):
        # (few distinct shingles, so that many pass the cap of 24 paragraphs and are stopped)
        if is_add:
            pure.add(idx, set(shingles))
            fast.add(idx, set(shingles))
        else:
            assert pure.candidates(set(shingles), limit) == fast.candidates(set(shingles), limit)
    every = {sh for _, shs in steps for sh in shs}
    assert pure.candidates(every, 100) == fast.candidates(every, 100)


def test_shingle_table_on_paragraphs_of_the_seeds() -> None:
    from cleaner.passes.dedup import comparison_key
    from cleaner.passes.dedup_index import ShingleIndex, shingles

    pure, fast = ShingleIndex(), compiled.ShingleTable()
    paragraphs = [p for seed in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in seed.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    found = 0
    for idx, para in enumerate(paragraphs * 2):  # (the second time round, every paragraph has its copy)
        sh = shingles(comparison_key(para))
        got = fast.candidates(sh)
        assert got == pure.candidates(sh)
        found += bool(got)
        pure.add(idx, sh)
        fast.add(idx, sh)
    assert found >= len(paragraphs)
    assert fast.size() == len(pure.postings) + len(pure.stopped)


def test_shingle_table_refuses_what_is_not_a_shingle() -> None:
    table = compiled.ShingleTable()
    with pytest.raises(ValueError, match="24 bytes"):
        table.add(0, [b"x" * 25])
    with pytest.raises(TypeError):
        table.add(0, ["a string"])
    with pytest.raises(TypeError, match="initialised"):
        compiled.ShingleTable.__new__(compiled.ShingleTable).candidates([b"x"])
    table.add(1, [b"ok"])
    assert table.candidates([b"ok"]) == [1]


def test_other_dicts_are_built_into_the_compiled_kernels_only_once_their_calls_pay() -> None:
    """The typos pass's merged dictionaries are answered by the pure kernels at first (a build
    copies the dict into C), the compiled ones past lang.PURE_CALLS calls: the same numbers."""
    words = dict(lexicon())
    words["气象条件学"] = 7
    total = math.log(sum(words.values()))
    text = "他们根据气象条件学编排了动作"
    first = [lang.best_logp(words, total, text[:k]) for k in range(2, len(text))]
    assert type(lang._built(words)) is PureLexicon
    for _ in range(lang.PURE_CALLS):
        lang.best_logp(words, total, text)
    assert type(lang._built(words)) is Compiled
    assert all(same(a, lang.best_logp(words, total, text[:k])) for k, a in zip(range(2, len(text)), first))
    other = {"气象": 3, "条件": 2}
    assert type(lang.kernels_for(other)) is Compiled  # (asked for the kernels: built at once)
