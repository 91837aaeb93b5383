"""The filter's memory against document size, and how soon ``| head`` gets its first bytes.

``python -m benchmarks stream [--quick]``, or ``python -m benchmarks.stream --sizes 4,16,100``
(megabytes). Every figure is one run of the real
command (``python -m cleaner``) in a process of its own; peak memory is the
process's ``VmHWM``. Documents are People's Daily paragraphs (clean text; beyond the corpus's 5.5 MB,
paragraphs recombined from its sentences, so that a large document is not copies),
and the same paragraphs hard-wrapped at 22 characters with a blank line
between every few lines (the shape of OCR output: many rejoin edits). The
baseline row is the command on 2 kB of OCR-shaped text (interpreter, dictionaries,
lexicon), run once beforehand so that the parsed-dictionary cache a first run
writes is not counted.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import unrepeated

ROOT = Path(__file__).resolve().parent.parent
_PEAK = ("import sys\n"
         "from cleaner.cli import main\n"
         "code = main(sys.argv[1:])\n"
         "sys.stdout.flush()\n"
         "hwm = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
         "print('PEAK', hwm, file=sys.stderr)\n"
         "sys.exit(code)\n")


def _document(size: int, wrapped: bool, seed: int = 7) -> str:
    out, total = [], 0
    for para in unrepeated(seed):
        if wrapped:
            lines = [para[i:i + 22] for i in range(0, len(para), 22)]
            para = "\n".join(lines) if len(lines) < 4 else "\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:])
        out.append(para)
        total += len(para.encode("utf-8")) + 2
        if total >= size:
            break
    return "\n\n".join(out) + "\n"


def peak_mb(path: Path, *args: str) -> tuple[float, float]:
    """(peak resident MB, seconds) of ``cleaner ARGS PATH > /dev/null``."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, *args, str(path)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, cwd=ROOT, check=True)
    seconds = time.perf_counter() - start
    kb = int(proc.stderr.rsplit("PEAK", 1)[1].split()[0])
    return kb / 1024, seconds


def first_bytes(path: Path, *args: str, n: int = 100) -> float:
    """Seconds until ``cleaner ARGS PATH | head -c n`` has its bytes."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", *args, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    assert proc.stdout is not None
    got = b""
    while len(got) < n:
        chunk = proc.stdout.read1(n - len(got))  # type: ignore[attr-defined]
        if not chunk:
            break
        got += chunk
    seconds = time.perf_counter() - start
    proc.stdout.close()
    proc.wait()
    return seconds


def run(quick: bool = False, sizes: list[int] | None = None) -> str:
    if sizes is None:
        sizes = [250_000, 500_000, 1_000_000] if quick else [1_000_000, 2_000_000, 4_000_000]
    rows = ["| document | size | peak RSS | above baseline | (peak - baseline) / size | time |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny = folder / "tiny.txt"
        tiny.write_text(_document(2000, True), encoding="utf-8")  # every pass builds what it needs
        peak_mb(tiny)  # a first run after an install parses the dictionaries and caches them
        base, secs = peak_mb(tiny)
        rows.append(f"| baseline: 2 kB of OCR-shaped text | 0 MB | {base:.0f} MB | - | - | {secs:.1f} s |")
        for wrapped in (False, True):
            for size in sizes:
                path = folder / f"doc-{wrapped}-{size}.txt"
                path.write_text(_document(size, wrapped), encoding="utf-8")
                mb = path.stat().st_size / 1e6
                peak, secs = peak_mb(path)
                kind = "OCR-shaped (wrapped)" if wrapped else "clean paragraphs"
                rows.append(f"| {kind} | {mb:.1f} MB | {peak:.0f} MB | {peak - base:.0f} MB | "
                            f"{(peak - base) / mb:.1f}x | {secs:.1f} s |")
        size = min(sizes[-1], 4_000_000)
        pages = [_document(20_000, True, seed) for seed in range(max(1, size // 20_000))]
        paged = folder / "pages.txt"
        paged.write_text("\f".join(pages), encoding="utf-8")
        mb = paged.stat().st_size / 1e6
        split_first = first_bytes(paged, "--form-feed", "split")
        join_first = first_bytes(paged)
        split_peak, split_secs = peak_mb(paged, "--form-feed", "split")
    table = "\n".join(rows)
    return f"""## Streaming and memory (`python -m benchmarks stream`)

One document, cleaned by `python -m cleaner FILE > /dev/null` with the default pipeline; peak
resident memory (`VmHWM`) of the process. The filter itself holds the input text, the output and
(only with `--explain` or `--removed`) the edits; the rest is the passes' working memory.

{table}

Time to the first 100 bytes of `cleaner FILE | head -c 100` on {mb:.1f} MB of OCR-shaped pages of
about 20 kB separated by form feeds: **{split_first:.1f} s** with `--form-feed split` (each page
written as it completes; start-up included), **{join_first:.1f} s** with the default
`--form-feed join` (one document: nothing can be written before the whole text is cleaned). With
`--form-feed split` the whole file peaks at {split_peak:.0f} MB ({split_secs:.0f} s): memory bounded
by the largest page, not the file.
"""


if __name__ == "__main__":
    from benchmarks.args import QUICK, parse

    args = parse(__doc__, flags={"quick": QUICK},
                 values={"sizes": "document sizes in megabytes, comma-separated (default 1,2,4)"})
    if args.sizes:
        print(run(sizes=[int(float(mb) * 1_000_000) for mb in args.sizes.split(",")]))
    else:
        print(run(args.quick))
