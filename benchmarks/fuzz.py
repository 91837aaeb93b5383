"""Fuzzing, the long run: N generated inputs against every property, failures minimized.

``python -m benchmarks fuzz --inputs 1000000 [--jobs 2]`` (or
``python -m benchmarks.fuzz`` with ``--seconds`` to stop at a time limit).

Inputs come from the generator of the property tests (``tests.strategies``),
driven by a seeded random generator instead of hypothesis: input ``i`` of
seed ``s`` is always the same text, and no time goes into shrinking while
searching. Each input is checked against every property of
``tests.properties`` on the pipeline and on each pass alone. The first few
failures of each property are then minimized by delta debugging (ddmin over
characters, keeping the property failing) and printed as Python reprs, ready
to become regression tests.

The naive baseline: the same number of checks on uniformly random text
(code points from the whole of Unicode's assigned planes, same lengths),
which shows how much the domain bias buys.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from multiprocessing import Pool
from typing import Callable

from tests.properties import targets, violations
from tests.strategies import RandomChoices, document

KEEP = 3            # failures kept per property for minimization
SHRINK_CHECKS = 3000  # predicate evaluations allowed per minimization


def generate(seed: int, i: int, naive: bool = False) -> str:
    """Input ``i`` of run ``seed`` (domain-biased, or uniformly random when ``naive``)."""
    c = RandomChoices((seed << 32) + i)
    if not naive:
        return document(c)
    n = c.integer(0, 160)
    out = []
    while len(out) < n:
        cp = c.integer(0, 0x2FFFF)
        if not 0xD800 <= cp <= 0xDFFF:
            out.append(chr(cp))
    return "".join(out)


def _work(task: tuple[int, int, int, bool]) -> tuple[int, Counter, dict[str, list[tuple[int, str]]]]:
    seed, lo, hi, naive = task
    counts: Counter = Counter()
    kept: dict[str, list[tuple[int, str]]] = {}
    for i in range(lo, hi):
        for prop, _ in violations(generate(seed, i, naive)):
            counts[prop] += 1
            if len(kept.setdefault(prop, [])) < KEEP:
                kept[prop].append((i, generate(seed, i, naive)))
    return hi - lo, counts, kept


def search(inputs: int, seed: int = 0, jobs: int = 1, seconds: float | None = None,
           naive: bool = False, chunk: int = 500) -> tuple[int, Counter, dict[str, list[tuple[int, str]]]]:
    """Check inputs ``0..inputs-1``; return how many were tried, failures per property, examples."""
    tasks = [(seed, lo, min(lo + chunk, inputs), naive) for lo in range(0, inputs, chunk)]
    tried, counts, kept = 0, Counter(), {}  # type: ignore[var-annotated]
    t0 = time.monotonic()
    with Pool(jobs) as pool:
        for n, c, k in pool.imap(_work, tasks):
            tried += n
            counts.update(c)
            for prop, examples in k.items():
                room = KEEP - len(kept.setdefault(prop, []))
                kept[prop].extend(examples[:max(0, room)])
            if tried % 20_000 < chunk:
                print(f"fuzz: {tried} inputs, {sum(counts.values())} failures, "
                      f"{time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
            if seconds is not None and time.monotonic() - t0 > seconds:
                pool.terminate()
                break
    return tried, counts, kept


def ddmin(text: str, failing: Callable[[str], bool], budget: int = SHRINK_CHECKS) -> str:
    """A 1-minimal sub-sequence of ``text``'s characters that still fails (delta debugging).

    >>> ddmin("xxAxxBxx", lambda t: "A" in t and "B" in t)
    'AB'
    """
    chars = list(text)
    n = 2
    while len(chars) >= 2 and budget > 0:
        size = -(-len(chars) // n)
        parts = [chars[i:i + size] for i in range(0, len(chars), size)]
        for k in range(len(parts)):
            rest = [ch for j, p in enumerate(parts) if j != k for ch in p]
            budget -= 1
            if failing("".join(rest)):
                chars, n = rest, max(n - 1, 2)
                break
            if budget <= 0:
                break
        else:
            if n >= len(chars):
                break
            n = min(len(chars), 2 * n)
    return "".join(chars)


def minimize(prop: str, text: str) -> str:
    """``text`` shrunk while it still violates ``prop`` (``name:where``)."""
    where = prop.split(":", 1)[1]
    only = [None if where == "pipeline" else where]
    return ddmin(text, lambda t: any(p == prop for p, _ in violations(t, only)))


def report(tried: int, counts: Counter, kept: dict, elapsed: float, naive: tuple[int, Counter, dict],
           command: str) -> str:
    """The Markdown section."""
    places = ["pipeline" if t is None else t for t in targets()]
    props = sorted({p.split(":")[0] for p in counts} | {p.split(":")[0] for p in naive[1]}
                   | {"raises", "idempotent"})
    lines = [
        "## Fuzzing (long run)", "",
        f"`{command}`: {tried:,} generated inputs in {elapsed / 60:.1f} min "
        f"({tried / max(elapsed, 1e-9):.0f} inputs/s), each checked on the pipeline and on each pass alone "
        f"({', '.join(places[1:])}). Generator: `tests/strategies.py` driven by a seeded random "
        "generator; properties: `tests/properties.py`. Baseline: uniformly random code points "
        f"({naive[0]:,} inputs).", "",
        "| property | " + " | ".join(places) + " | inputs failing | naive baseline |",
        "| --- | " + " | ".join("---:" for _ in places) + " | ---: | ---: |",
    ]
    for prop in props:
        row = [str(counts.get(f"{prop}:{w}", 0)) for w in places]
        worst = max(counts.get(f"{prop}:{w}", 0) for w in places)
        base = max((naive[1].get(f"{prop}:{w}", 0) for w in places), default=0)
        lines.append(f"| {prop} | " + " | ".join(row) + f" | ≥ {worst} ({worst / max(tried, 1):.4%}) "
                     f"| ≥ {base} ({base / max(naive[0], 1):.4%}) |")
    lines += ["", "Minimized examples (Python reprs; delta debugging over characters):", ""]
    if not kept and not naive[2]:
        lines.append("- none: no input failed.")
    for found, label in ((kept, ""), (naive[2], " (naive baseline)")):
        for prop in sorted(found):
            shrunk = list(dict.fromkeys(minimize(prop, text) for _, text in found[prop]))
            lines.append(f"- `{prop}`{label}: " + ", ".join(f"`{s!r}`" for s in shrunk))
    return "\n".join(lines) + "\n"


def run(quick: bool = False, inputs: int | None = None, jobs: int = 1, seconds: float | None = None,
        seed: int = 0) -> str:
    """The benchmark section (``quick``: 2,000 inputs; default 50,000)."""
    n = inputs or (2_000 if quick else 50_000)
    t0 = time.monotonic()
    tried, counts, kept = search(n, seed, jobs, seconds)
    elapsed = time.monotonic() - t0
    naive_n = max(100, tried // 20)
    naive = search(naive_n, seed, jobs, naive=True)
    cmd = ((f"python -m benchmarks fuzz --inputs {n}" if seconds is None else
            f"python -m benchmarks.fuzz --inputs {n} --seconds {seconds:g}")
           + (f" --jobs {jobs}" if jobs > 1 else "") + (f" --seed {seed}" if seed else ""))
    return report(tried, counts, kept, elapsed, naive, cmd)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=50_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=None, help="stop the search after this long")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(run(inputs=args.inputs, jobs=args.jobs, seconds=args.seconds, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
