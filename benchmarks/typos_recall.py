"""Where the ``typos`` pass loses its recall on real errors (``python -m benchmarks.typos_real --analyse``).

Every one-for-one substituted character of FASPell's OCR train file and of
ECSpell's development half (read in place, never copied) is put in one class
by what the pass's context layer sees at that position:

- *suspect*: a Han character no lexicon word of two to four characters covers
  and that is no common word of its own (the only positions the context and
  document layers look at);
- *inside a word*: the wrong character is part of a valid lexicon word (the
  error made a real but wrong word: only a model of context can see it);
- *uncovered, not a suspect*: no word covers it, but it is a common word of its
  own (or has no glyph neighbours).

And, across the classes: whether the right character is among the wrong one's
glyph neighbours (``glyphs.tsv``), whether both read the same in pinyin
(homophones; needs ``pypinyin``, measured only where it is installed), and
whether the right character stands as a one-character word in the correct
sentence (no word covers it there).
"""

from __future__ import annotations

from collections import Counter

from benchmarks.typos_real import ECSPELL, FASPELL, load_ecspell, load_faspell


def _classify(pairs: list[tuple[str, str]]) -> tuple[Counter[str], int, int]:
    from cleaner.passes.typos import context, model
    from cleaner.passes.typos.tables import COVER
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        lazy_pinyin = None
    m = model()
    common = {w: f for w, f in m.words.items() if f >= COVER}
    c: Counter[str] = Counter()
    errors = skipped = 0
    for src, want in pairs:
        if src == want:
            continue
        if len(src) != len(want):
            skipped += 1
            continue
        sus = set(context.suspects(m, src))
        for i, (a, b) in enumerate(zip(src, want)):
            if a == b:
                continue
            errors += 1
            kind = ("suspect" if i in sus else "inside a word" if context._covered(m.words, src, i)
                    else "uncovered, not a suspect")
            glyph = b in m.neighbours.get(a, "")
            c[kind] += 1
            c[kind, "glyph"] += glyph
            c["glyph"] += glyph
            if lazy_pinyin is not None:
                homophone = lazy_pinyin(a) == lazy_pinyin(b)
                c[kind, "homophone"] += homophone
                c["homophone"] += homophone
            c["one-character word"] += not context._covered(common, want, i)
            c["next to another error"] += (i > 0 and src[i - 1] != want[i - 1]) or (
                i + 1 < len(src) and src[i + 1] != want[i + 1])
    return c, errors, skipped


def run() -> str:
    lines = ["| data | errors | suspect (of which glyph / homophone) | inside a word (glyph / homophone) "
             "| uncovered, not a suspect (glyph / homophone) | right char is a one-character word "
             "| next to another error |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, path, loader in (("FASPell OCR train", FASPELL, load_faspell), ("ECSpell odw dev", ECSPELL, load_ecspell)):
        if not path.exists():
            continue
        c, n, skipped = _classify(loader(path))

        def pct(k: object) -> str:
            return f"{100 * c[k] / n:.1f} %"
        cells = [f"{pct(k)} ({pct((k, 'glyph'))} / {pct((k, 'homophone'))})"
                 for k in ("suspect", "inside a word", "uncovered, not a suspect")]
        lines.append(f"| {name} | {n:,} (+{skipped} sentences of other lengths) | {' | '.join(cells)} "
                     f"| {pct('one-character word')} | {pct('next to another error')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.args import parse

    parse(__doc__)
    print(run())
