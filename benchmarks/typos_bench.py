"""The ``typos`` pass: speed and the size of its term index.

Quality is measured on real errors in ``benchmarks.typos_real`` (this file
used to plant damaged copies of our own terms into news text, which only
measured what the code was written to undo).

Speed: the pass alone on news text; the time to build the variant index for
10k, 100k and 1M terms (lexicon words of four or more characters stand in
for a large term list), and to load it from the cache.
"""

from __future__ import annotations

import time

from benchmarks.corpus import load_paragraphs
from cleaner import Pipeline
from cleaner.passes import typos
from cleaner.resources import lexicon


def false_fixes() -> tuple[int, int, float]:
    text = "\n".join(load_paragraphs())
    t0 = time.perf_counter()
    edits = Pipeline(["typos"]).run(text).edits
    seconds = time.perf_counter() - t0
    return len(edits), len(text), len(text.encode("utf-8")) / 1e6 / seconds


def index_times(sizes: list[int]) -> list[tuple[int, float, float, int]]:
    """(terms, cold build seconds, cached load seconds, variants) per size."""
    import os
    import tempfile
    words = [w for w, f in sorted(lexicon().items(), key=lambda kv: -kv[1]) if len(w) >= 4]
    out = []
    cache_dir = tempfile.mkdtemp(prefix="cleaner-cache-")
    old = os.environ.get("CLEANER_CACHE_DIR")
    os.environ["CLEANER_CACHE_DIR"] = cache_dir
    try:
        for size in sizes:
            chosen = words[:size]
            k = 0
            while len(chosen) < size:  # beyond the lexicon: distinct made-up terms from real words
                chosen.append(words[k % len(words)] + str(k))
                k += 1
            with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
                f.write("# Format: terms, one entry a line: term<TAB>weight\n")
                f.writelines(f"{w}\t100\n" for w in chosen)
                path = f.name
            typos.model.cache_clear()
            t0 = time.perf_counter()
            m = typos.model((path,))
            build = time.perf_counter() - t0
            typos.model.cache_clear()
            t0 = time.perf_counter()
            typos.model((path,))
            load = time.perf_counter() - t0
            out.append((size, build, load, len(m.variants)))
            os.unlink(path)
    finally:
        if old is None:
            os.environ.pop("CLEANER_CACHE_DIR", None)
        else:
            os.environ["CLEANER_CACHE_DIR"] = old
        import shutil
        shutil.rmtree(cache_dir, ignore_errors=True)
        typos.model.cache_clear()
    return out


def run(quick: bool = False) -> str:
    wrong, chars, mbs = false_fixes()
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    idx = index_times(sizes)
    return "\n".join([
        "## typos: speed and index size",
        "",
        f"The pass alone on {chars:,} characters of news text: {mbs:.1f} MB/s, {wrong} edits "
        "(quality on real errors: see the section on real OCR and writing errors).",
        "",
        "Index of one-error variants: built once per dictionary set, then cached on disk and "
        "loaded by later processes. The lexicon (0.2-0.4 s) is loaded either way and shared with "
        "`rejoin`:",
        "",
        "| terms | first build | cached load | variants |",
        "| --- | --- | --- | --- |",
        *[f"| {s:,} | {b:.2f} s | {l:.2f} s | {v:,} |" for s, b, l, v in idx],
        "",
    ])


if __name__ == "__main__":
    from benchmarks.args import parse

    parse(__doc__)
    print(run())
