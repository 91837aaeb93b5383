"""Scaling on one long line: each pass alone and the default pipeline on ONE line of news text.

Text without line breaks is the worst case for passes that work a line or a
block at a time: everything they look back at is on the same line. The
input is People's Daily news (``benchmarks.corpus``) paragraphs joined without
newlines into one line of 1, 4 and 16 MB (``--quick``: 0.25 and 1 MB). Each
run is timed once, in a process of its own (the machine is shared); the figure that matters is the
time per MB relative to the smallest size (1.00 = linear; the target is
within 1.5). A run that takes more than :data:`GIVE_UP` seconds stops that
row: the larger sizes would only take longer.

Two more rows: the line with every ``，`` written ``,`` (punctuation then
makes one replacement in about 25 characters; before its collector was made
linear, 4 MB took about a minute), and, not one line, the text hard-wrapped
every 25 characters with no blank line, at 1/64 of the sizes: rejoin's
inside stage rescans the paragraph it has joined so far at each line break
(``kind_of``, ``junction``), which could make it quadratic in the length of one
block; this row watches for that.

Each size runs in a fresh process and the faster of two runs is kept, so that
other work on a shared machine weighs less.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from functools import lru_cache
from typing import Callable

from benchmarks.corpus import shuffled

SIZES = (1.0, 4.0, 16.0)
QUICK_SIZES = (0.25, 1.0)
GIVE_UP = 120.0


@lru_cache(maxsize=3)
def one_line(megabytes: float, seed: int = 11) -> str:
    """About ``megabytes`` MB (UTF-8) of news paragraphs on a single line."""
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    for p in shuffled(seed):
        if size >= target:
            break
        parts.append(p)
        size += len(p.encode("utf-8"))
    return "".join(parts) + "\n"


def ascii_commas(megabytes: float) -> str:
    """The same line with every ``，`` written ``,``: punctuation replaces one mark in about 25."""
    return one_line(megabytes).replace("，", ",")


def wrapped_block(megabytes: float) -> str:
    """The same text as ONE block hard-wrapped every 25 characters (no blank line in it)."""
    text = one_line(megabytes).strip()
    return "\n".join(text[i:i + 25] for i in range(0, len(text), 25)) + "\n"


#: (label, passes (empty: the default pipeline), options, input maker, size factor).
RUNS: tuple[tuple[str, list[str], dict, Callable[[float], str], float], ...] = (
    ("normalize", ["normalize"], {}, one_line, 1),
    ("rejoin", ["rejoin"], {}, one_line, 1),
    ("dedup", ["dedup"], {}, one_line, 1),
    ("punctuation", ["punctuation"], {}, one_line, 1),
    ("punctuation, every ， written ,", ["punctuation"], {}, ascii_commas, 1),
    ("typos", ["typos"], {}, one_line, 1),
    ("convert (t2s)", ["convert"], {"convert": {"config": "t2s"}}, one_line, 1),
    ("default pipeline", [], {}, one_line, 1),
    # Not one line: a block of many wrapped lines, at 1/64 of the sizes.
    ("rejoin, one block wrapped every 25 characters (sizes / 64)", ["rejoin"], {}, wrapped_block, 1 / 64),
)


def _child(row: int, megabytes: float) -> None:
    """Time run ``row`` on its input of ``megabytes`` (in a process of its own)."""
    from cleaner import Pipeline
    _, passes, options, make, _ = RUNS[row]
    text = make(megabytes)
    pipeline = Pipeline(passes or None, options=options)
    pipeline(text[:200])  # load dictionaries and converters outside the timing
    seconds = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        pipeline(text)
        seconds = min(seconds, time.perf_counter() - t0)
    print(json.dumps({"mb": len(text.encode("utf-8")) / 1e6, "seconds": seconds}))


def timed(row: int, megabytes: float) -> tuple[float, float]:
    """(input MB, seconds) of run ``row``, each in a fresh process: earlier runs' caches and
    memory do not weigh on later ones."""
    proc = subprocess.run([sys.executable, "-m", "benchmarks.scaling", "--child", str(row), repr(megabytes)],
                          capture_output=True, text=True, check=True)
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    return got["mb"], got["seconds"]


def run(quick: bool = False) -> str:
    sizes = QUICK_SIZES if quick else SIZES
    rows = []
    for row, (label, _, _, _, factor) in enumerate(RUNS):
        per_mb: list[float] = []
        first_seconds = None
        for mb in sizes:
            real, seconds = timed(row, mb * factor)
            first_seconds = seconds if first_seconds is None else first_seconds
            per_mb.append(seconds / real)
            print(f"  {label} {real:.3f} MB: {seconds:.2f} s", file=sys.stderr, flush=True)
            if seconds > GIVE_UP:
                break
        cells = [f"{x:.3f}" for x in per_mb] + ["(not run)"] * (len(sizes) - len(per_mb))
        ratio = max(x / per_mb[0] for x in per_mb)
        verdict = "" if len(per_mb) == len(sizes) and ratio <= 1.5 else " (superlinear)"
        if first_seconds is not None and first_seconds < 0.05:
            verdict = " (too fast to tell)"
        rows.append(f"| {label} | " + " | ".join(cells) + f" | {ratio:.2f}{verdict} |")
    head = " | ".join(f"s/MB at {mb:g} MB" for mb in sizes)
    return "\n".join([
        "## Scaling on one long line",
        "",
        "One line of news text (paragraphs joined without newlines) of "
        + ", ".join(f"{mb:g}" for mb in sizes)
        + " MB, each pass alone and the default pipeline (seconds per MB, the faster of two runs). *Ratio*: the worst time per MB "
        "relative to the smallest size (1.00 = linear; target within 1.5).",
        "",
        f"| what | {head} | ratio |",
        "| --- | " + " | ".join("---" for _ in sizes) + " | --- |",
        *rows,
        "",
    ])


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--child":
        _child(int(sys.argv[2]), float(sys.argv[3]))
    else:
        from benchmarks.args import QUICK, parse

        print(run(quick=parse(__doc__, flags={"quick": QUICK}).quick))
