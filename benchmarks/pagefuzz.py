"""Fuzzing on real pages: stretches of OCR pages cut, repeated and reordered, checked like generated text.

``python -m benchmarks.pagefuzz --pages benchmarks/data/ocrdev/v2/raw --inputs 2000``

The generated inputs of ``benchmarks.fuzz`` are short and mostly not page-shaped.
Here input ``i`` of seed ``s`` is a stretch of 5 to 40 lines of one page of
``--pages`` (real Tesseract output: the OCR development set's raw pages) with up
to six edits of the kinds OCR and page assembly make: a blank line put in, a
line dropped or printed twice, a line cut in two, two lines run together, a line
of another page put in. Each is checked against every property of
``tests.properties``, on the default pipeline and on each pass alone. Failures
are minimized by the same delta debugging and printed as Python reprs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks.fuzz import minimize
from tests.properties import violations
from tests.strategies import RandomChoices


def load(folder: str | Path) -> list[list[str]]:
    """The lines of every ``.txt`` page of ``folder``, in name order."""
    pages = [p.read_text(encoding="utf-8").split("\n") for p in sorted(Path(folder).glob("*.txt"))]
    if not pages:
        raise SystemExit(f"pagefuzz: no .txt pages in {folder}")
    return pages


def mutated(pages: list[list[str]], seed: int, i: int) -> str:
    """Input ``i`` of run ``seed``: a stretch of one page with a few OCR-like edits."""
    c = RandomChoices((seed << 32) + i)
    lines = c.pick(pages)
    start = c.integer(0, max(0, len(lines) - 1))
    seg = lines[start:start + c.integer(5, 40)]
    for _ in range(c.integer(0, 6)):
        if not seg:
            break
        k = c.integer(0, len(seg) - 1)
        kind = c.integer(0, 5)
        if kind == 0:
            seg.insert(k, "")
        elif kind == 1:
            seg.pop(k)
        elif kind == 2:
            seg.insert(k, seg[k])
        elif kind == 3 and len(seg[k]) > 1:
            cut = c.integer(1, len(seg[k]) - 1)
            seg[k:k + 1] = [seg[k][:cut], seg[k][cut:]]
        elif kind == 4 and k + 1 < len(seg):
            seg[k:k + 2] = [seg[k] + seg[k + 1]]
        else:
            other = c.pick(pages)
            seg.insert(k, other[c.integer(0, len(other) - 1)])
    return "\n".join(seg)


def run(folder: str | Path, inputs: int, seed: int = 0, seconds: float | None = None) -> str:
    """Check ``inputs`` mutated pages; the report as Markdown lines."""
    pages = load(folder)
    counts: Counter[str] = Counter()
    kept: dict[str, str] = {}
    t0 = time.monotonic()
    tried = 0
    for i in range(inputs):
        if seconds is not None and time.monotonic() - t0 > seconds:
            break
        text = mutated(pages, seed, i)
        for prop, _ in violations(text):
            counts[prop] += 1
            kept.setdefault(prop, text)
        tried += 1
    elapsed = time.monotonic() - t0
    out = [f"{tried} mutated stretches of {len(pages)} pages (seed {seed}), {elapsed:.0f} s: "
           f"{sum(counts.values())} failures" + ("" if not counts else " (" + ", ".join(
               f"{p} {n}" for p, n in counts.most_common()) + ")")]
    for prop, text in kept.items():
        out.append(f"- {prop}, minimized: {minimize(prop, text)!r}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pagefuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", required=True, help="a folder of OCR pages (.txt)")
    parser.add_argument("--inputs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long")
    args = parser.parse_args(argv)
    print(run(args.pages, args.inputs, args.seed, args.seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
