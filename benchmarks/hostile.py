"""Hostile input: the filter on shapes built to find quadratic spots and memory blow-ups.

``python -m benchmarks hostile [--quick] [--sizes 1,2,4]``. Each input is
cleaned by the real command (``python -m cleaner FILE > /dev/null``, the
default pipeline) in a process of its own, at several sizes: time per MB
should stay flat across the sizes (linear time) and the peak resident memory
(``VmHWM``) above the one-line baseline should stay under 5x the input. The
shapes (each built from People's Daily paragraphs where it needs text):

- one line: paragraphs run together with no line break at all;
- one repeated paragraph: the same paragraph again and again, blank lines between;
- one-character lines: a Han character a line, a million lines at 4 MB;
- nested brackets and quotes: ``《“（【`` opened again and again, a word, then
  every one closed;
- one wrapped paragraph without a stop: the Han characters of the paragraphs run
  together (no mark, digit or letter), hard-wrapped every 20 characters, no blank
  line: every line fills the column, so the line step joins each onto the
  paragraph so far, which grows to the whole text.

Naive baselines in the same run: ``cat FILE > /dev/null`` and one ``regex``
substitution over the whole text (read, replace, write), each in its own process.
Times are CPU seconds of the child (user + system), so that the load of a
shared machine counts less; the wall time is shown beside it. A run that passes
``--max-document-bytes`` below the input's size shows the limit stops it at once
with a message naming the option, and the one-character lines are run once more with
``--max-document-lines``, the limit for text whose memory grows with its line count.
``--shapes a,b`` runs only the shapes named.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import regex

from benchmarks.corpus import shuffled
from benchmarks.stream import _PEAK, _document

ROOT = Path(__file__).resolve().parent.parent
#: Longest a run may take before it is stopped and reported as too slow.
TIMEOUT = 900.0
_REGEX = ("import sys, regex\n"
          "text = open(sys.argv[1], encoding='utf-8').read()\n"
          "out = regex.sub(r'(?<=\\p{Han}),(?=\\p{Han})', '，', text)\n"
          "sys.stdout.write(out)\n"
          "hwm = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
          "print('PEAK', hwm, file=sys.stderr)\n")


def _text(size: int, seed: int = 11) -> str:
    """At least ``size`` UTF-8 bytes of news paragraphs, joined with nothing between."""
    out, total = [], 0
    while total < size:
        for para in shuffled(seed):
            out.append(para)
            total += len(para.encode("utf-8"))
            if total >= size:
                break
        seed += 1
    return "".join(out)


def one_line(size: int) -> str:
    return _text(size) + "\n"


def repeated_paragraph(size: int) -> str:
    para = next(p for p in shuffled(3) if 150 <= len(p) <= 300)
    count = max(1, size // len((para + "\n\n").encode("utf-8")))
    return "\n\n".join([para] * count) + "\n"


def one_char_lines(size: int) -> str:
    return "字\n" * max(1, size // 4)


def nested(size: int) -> str:
    depth = max(1, size // 24)  # 12 UTF-8 bytes of openers and 12 of closers a level
    return "《“（【" * depth + "文字" + "】）”》" * depth + "\n"


def wrapped_paragraph(size: int) -> str:
    text = "".join(regex.findall(r"\p{Han}+", _text(size)))
    return "\n".join(text[i:i + 20] for i in range(0, len(text), 20)) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "one line": one_line,
    "one repeated paragraph": repeated_paragraph,
    "one-character lines": one_char_lines,
    "nested brackets and quotes": nested,
    "one wrapped paragraph without a stop": wrapped_paragraph,
}


def measure(command: list[str]) -> dict[str, object]:
    """Peak MB (when the command reports it), CPU and wall seconds, exit code, last error line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT, timeout=TIMEOUT)
        code, err = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired:
        code, err = None, ""
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = float(err.rsplit("PEAK", 1)[1].split()[0]) / 1024 if "PEAK" in err else None
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("PEAK")]
    return {"peak": peak, "cpu": cpu, "wall": wall, "code": code, "error": lines[-1] if lines else ""}


def cleaner_cmd(path: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", _PEAK, *args, str(path)]


def _row(what: str, mb: float, got: dict[str, object], base: dict[str, object] | None,
         per_mb: float | None, first: tuple[float, float] | None = None) -> str:
    """A table row; CPU per MB and memory per MB are counted above the baseline's when it is given."""
    if got["code"] is None:
        return f"| {what} | {mb:.1f} MB | stopped after {TIMEOUT:.0f} s | - | - | - | - |"
    cpu = float(got["cpu"])  # type: ignore[arg-type]
    work = cpu - (float(base["cpu"]) if base else 0.0)  # type: ignore[arg-type]
    ratio = f"{(work / mb) / per_mb:.2f}" if per_mb else "-"
    note = f"exit {got['code']}" + (f": {str(got['error'])[:160]}" if got["code"] else "")
    memory = "-"
    if got["peak"] is not None:
        peak = float(got["peak"])  # type: ignore[arg-type]
        memory = f"{peak:.0f} MB"
        if first is not None and mb > first[0]:  # growth per MB of input from the smallest size
            memory += f" (+{(peak - first[1]) / (mb - first[0]):.1f} MB/MB)"
    return (f"| {what} | {mb:.1f} MB | {cpu:.1f} s ({float(got['wall']):.1f} s) | {work / mb:.2f} s | {ratio} | "
            f"{memory} | {note} |")


#: The line limit the one-character lines are also run with (memory grows about 400 bytes a line).
LINE_LIMIT = 100_000


def run(quick: bool = False, sizes: list[float] | None = None, shapes: list[str] | None = None) -> str:
    sizes = sizes or ([0.25, 0.5, 1.0] if quick else [1.0, 2.0, 4.0])
    rows = ["| input | size | CPU (wall) | CPU per MB | per MB / smallest | peak RSS (growth per MB) "
            "| result |", "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.txt"
        tiny.write_text(_document(2000, True), encoding="utf-8")  # every pass builds what it needs
        base = measure(cleaner_cmd(tiny))
        rows.append(f"| baseline: 2 kB of OCR-shaped text | 0 MB | {float(base['cpu']):.1f} s | - | - | "
                    f"{float(base['peak']):.0f} MB | - |")  # type: ignore[arg-type]
        for name, make in SHAPES.items():
            if shapes is not None and name not in shapes:
                continue
            per_mb, first = None, None
            for size in sizes:
                path = folder / "input.txt"
                path.write_text(make(int(size * 1e6)), encoding="utf-8")
                mb = path.stat().st_size / 1e6
                got = measure(cleaner_cmd(path))
                rows.append(_row(name, mb, got, base, per_mb, first))
                if first is None and got["peak"] is not None:
                    first = (mb, float(got["peak"]))  # type: ignore[arg-type]
                work = float(got["cpu"]) - float(base["cpu"])  # type: ignore[arg-type]
                if per_mb is None and got["code"] is not None and work > 0.5:  # else start-up is all
                    per_mb = work / mb
                if got["code"] is None:
                    break  # a larger size would take longer still
            if name == "one line":
                for label, cmd in (("naive: cat", ["cat", str(path)]),
                                   ("naive: one regex pass", [sys.executable, "-c", _REGEX, str(path)])):
                    rows.append(_row(f"{label} ({name})", mb, measure(cmd), None, None))
                limit = int(mb * 1e6 / 2)
                got = measure(cleaner_cmd(path, "--max-document-bytes", str(limit)))
                rows.append(_row(f"{name}, --max-document-bytes {limit}", mb, got, None, None))
            if name == "one-character lines":
                limit = LINE_LIMIT
                got = measure(cleaner_cmd(path, "--max-document-lines", str(limit)))
                rows.append(_row(f"{name}, --max-document-lines {limit}", mb, got, None, None))
            os.unlink(path)
    load = os.getloadavg()
    return f"""## Hostile input (`python -m benchmarks hostile`)

The default filter (`python -m cleaner FILE > /dev/null`) on inputs shaped to find quadratic
spots and memory blow-ups, each at {", ".join(f"{s:g}" for s in sizes)} MB. CPU time of the child
process (wall time in brackets; load average at the end {load[0]:.1f}); "CPU per MB" counts the time
above the baseline's (start-up, dictionaries), and "per MB / smallest" compares it with the
smallest size of the same input (1.00 = linear; "-" where the work is too small to time); peak
resident memory (`VmHWM`), and in brackets how much it grows per MB of input from the smallest
size (the baseline's constant depends on which lexicons an input makes the passes build).

{chr(10).join(rows)}
"""


def main(argv: list[str] | None = None) -> None:
    import argparse
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes 0.25, 0.5, 1 MB")
    parser.add_argument("--sizes", help="sizes in MB, comma-separated (default 1,2,4)")
    parser.add_argument("--shapes", help='shapes to run, comma-separated, e.g. "one line,nested brackets and quotes"')
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")] if args.sizes else None
    print(run(args.quick, sizes, args.shapes.split(",") if args.shapes else None))


if __name__ == "__main__":
    main()
