"""Speed: each pass and the whole default pipeline, beside the tools it is compared with.

Three shapes of input: OCR-shaped (:func:`ocr_documents`: hard-wrapped lines,
blank lines inside paragraphs, so rejoin has a decision at every line end),
one paragraph a line (:func:`documents`) and, where the OCR development set is
built, Tesseract's own output of its pages (:func:`ocr_pages`: real OCR text,
with the spaces between characters, misread marks, headings, captions and
repeated paragraphs the synthetic shape lacks). In the same run, on the same
documents: one ``regex`` scan, autocorrect-py ``format()``, OpenCC ``s2t``,
pangu.py ``spacing_text()`` and ftfy ``fix_text()``; each figure is the
median of three runs with the lowest and highest, since the machine is
shared. The share of each pass is timed inside the default pipeline.

The text is People's Daily news (``benchmarks.corpus``) repeated with
variation (paragraph order shuffled per copy, so dedup sees no repeats
across documents) and cut into documents of about 20 KB, the size of a
newspaper page; each document is cleaned on its own, as users call the
filter per file. The baseline is one ``regex`` scan of the same documents for
a fixed cheap pattern (``[，。]``), measured in the same run.

Scaling runs each size in a fresh subprocess and reports its CPU time and
peak memory (``ru_maxrss``): time must grow linearly.
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
import time

import regex

from benchmarks.corpus import load_paragraphs

DOC_CHARS = 20_000


def documents(megabytes: float, seed: int = 7) -> list[str]:
    """About ``megabytes`` MB of UTF-8 news text as ~20 KB documents."""
    paras = load_paragraphs(min_chars=2)
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    docs: list[str] = []
    size = 0
    while size < target:
        order = paras[:]
        rng.shuffle(order)
        cur: list[str] = []
        n = 0
        for p in order:
            cur.append(p)
            n += len(p)
            if n >= DOC_CHARS:
                doc = "\n\n".join(cur) + "\n"
                docs.append(doc)
                size += len(doc.encode("utf-8"))
                cur, n = [], 0
                if size >= target:
                    break
    return docs


def peak_rss_mb(pid: int | str = "self") -> float:
    """Peak resident memory of a process (``VmHWM``; unlike ``ru_maxrss`` it is not
    inherited from the parent across ``exec``)."""
    try:
        for line in open(f"/proc/{pid}/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput(fn, docs: list[str]) -> float:
    """MB per second of ``fn`` over ``docs``, in CPU time of this process: on a shared
    machine the wall time mostly measures the other users (cache contention remains)."""
    total = sum(len(d.encode("utf-8")) for d in docs)
    t0 = time.process_time()
    for d in docs:
        fn(d)
    return total / (time.process_time() - t0) / 1e6


def ocr_documents(megabytes: float, seed: int = 7) -> list[str]:
    """The same news as :func:`documents`, laid out the way OCR output is.

    Every paragraph is hard-wrapped at a width drawn per document (20-25
    full-width characters), paragraphs are separated by a blank line, and one
    line break in eight inside a paragraph is a blank line too (a column or
    page break, or an OCR engine that leaves one between every few lines).
    """
    from benchmarks.rejoin_bench import _wrap
    rng = random.Random(seed)
    out = []
    for doc in documents(megabytes, seed):
        width = rng.randint(20, 25)
        paras = []
        for para in doc.rstrip("\n").split("\n\n"):
            lines = _wrap(para, width)
            paras.append("".join(line + ("\n\n" if rng.random() < 0.125 else "\n") for line in lines[:-1])
                         + lines[-1])
        out.append("\n\n".join(paras) + "\n")
    return out


def ocr_pages() -> list[str]:
    """Tesseract's output of the OCR development pages (``benchmarks.ocrdev``), one document
    a page of some 5 KB; empty when the set is not built (``python -m benchmarks.ocrdev``,
    after ``bash benchmarks/setup.sh`` has installed Tesseract)."""
    from benchmarks.ocrdev import OUT
    return [page.read_text(encoding="utf-8") for page in sorted((OUT / "raw").glob("*.txt"))]


#: What to do when the real OCR pages are not built (their table is left out).
NO_PAGES = ("The OCR development pages are not built, so their table is left out: "
            "`bash benchmarks/setup.sh && python -m benchmarks.ocrdev` builds them.")


def shapes(megabytes: float) -> list[tuple[str, list[str]]]:
    """The three shapes of the tables, each with its title: ``megabytes`` MB of the two made
    ones, and the real OCR pages (none when they are not built)."""
    return [("OCR-shaped: hard-wrapped every 20-25 characters, blank lines inside paragraphs",
             ocr_documents(megabytes)),
            ("one paragraph a line (blank line between paragraphs)", documents(megabytes)),
            ("Tesseract's output of the 40 OCR development pages (`benchmarks.ocrdev`), one document a page",
             ocr_pages())]


def forget_text_caches() -> None:
    """Empty cleaner's memo tables keyed by text (``lru_cache`` of 1024 entries or more, such
    as ``lang.junction_gain``), keeping resource caches (dictionaries, models, converters).

    A run over the same documents again would otherwise find every answer of the run before
    it; on a real corpus documents differ, so each run starts as a new document would.
    """
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "cleaner":
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if info is not None and (info().maxsize or 0) >= 1024:
                value.cache_clear()


def measure(fn, docs: list[str], runs: int = 3) -> tuple[float, float, float]:
    """Median, lowest and highest MB/s of ``runs`` passes of ``fn`` over ``docs``, each
    starting with empty text caches."""
    fn(docs[0][:200])  # load dictionaries and lazy imports outside the timing
    rates = []
    for _ in range(runs):
        forget_text_caches()
        rates.append(throughput(fn, docs))
    rates.sort()
    return statistics.median(rates), rates[0], rates[-1]


def peers() -> dict[str, object]:
    """The tools compared side by side; those not installed are left out (the ``bench`` extra has them)."""
    found: dict[str, object] = {}
    pattern = regex.compile(r"[，。]")
    found["one `regex` scan (`[，。]`), the baseline"] = lambda d: sum(1 for _ in pattern.finditer(d))
    try:
        import autocorrect_py
        found["autocorrect-py `format()` (Rust; spacing, punctuation)"] = autocorrect_py.format
    except ImportError:
        pass
    import opencc
    found["OpenCC `s2t` alone"] = opencc.OpenCC("s2t.json").convert
    try:
        import pangu
        spacing = getattr(pangu, "spacing_text", None)  # named space_text since pangu 6
        found["pangu.py `spacing_text()`" if spacing else "pangu.py `space_text()`"] = spacing or pangu.space_text
    except ImportError:
        pass
    try:
        import ftfy
        found["ftfy `fix_text()`"] = ftfy.fix_text
    except ImportError:
        pass
    return found


def pass_shares(docs: list[str]) -> dict[str, float]:
    """Share of the default pipeline's time spent in each pass, timed inside the pipeline
    (a pass sees what the passes before it left), and in the bookkeeping around them."""
    from cleaner.edits import OffsetMap, apply_edits, locate
    from cleaner.pipeline import Pipeline, pass_module
    p = Pipeline()
    p(docs[0][:200])
    forget_text_caches()
    spent = dict.fromkeys([*p.passes, "locating edits in the input"], 0.0)
    for text in docs:
        source, maps = text, []
        for name in p.passes:
            t0 = time.perf_counter()
            proposed = pass_module(name).run(text, p.options[name])
            text, kept = apply_edits(text, proposed)
            t1 = time.perf_counter()
            if kept:
                locate(kept, maps, source)
                maps.append(OffsetMap(kept))
            spent[name] += t1 - t0
            spent["locating edits in the input"] += time.perf_counter() - t1
    total = sum(spent.values())
    return {k: v / total for k, v in spent.items()}


def speed_table(docs: list[str], runs: int = 3) -> tuple[list[str], str]:
    """Rows of MB/s (median of ``runs``, with the lowest and highest) and the per-pass shares."""
    from cleaner import Pipeline
    from cleaner.pipeline import AVAILABLE
    rows = []
    found = peers()
    base = None
    for label, fn in found.items():
        med, lo, hi = measure(fn, docs, runs)
        base = base or med
        rows.append(f"| {label} | {med:.1f} | {lo:.1f}-{hi:.1f} | {med / base:.3f} |")
    for name in AVAILABLE:
        options = {"convert": {"config": "s2t"}} if name == "convert" else {}
        med, lo, hi = measure(Pipeline([name], options=options), docs, runs)
        label = "`--convert s2t` alone" if name == "convert" else f"`{name}` alone"
        rows.append(f"| cleaner {label} | {med:.2f} | {lo:.2f}-{hi:.2f} | {med / base:.4f} |")
    med, lo, hi = measure(Pipeline(), docs, runs)
    rows.append(f"| **cleaner default pipeline** | **{med:.2f}** | {lo:.2f}-{hi:.2f} | {med / base:.4f} |")
    shares = ", ".join(f"`{k}` {v:.0%}" if k in AVAILABLE else f"{k} {v:.0%}"
                       for k, v in sorted(pass_shares(docs).items(), key=lambda kv: -kv[1]))
    return rows, shares


def _child(megabytes: float) -> None:
    import cleaner
    docs = documents(megabytes)
    total = sum(len(d.encode("utf-8")) for d in docs)
    cleaner.clean(docs[0][:200])
    t0 = time.process_time()
    for d in docs:
        cleaner.clean(d)
    dt = time.process_time() - t0
    peak = peak_rss_mb()
    print(json.dumps({"mb": total / 1e6, "seconds": dt, "peak_mb": peak}))


def scaling(sizes: list[float]) -> list[dict[str, float]]:
    out = []
    for mb in sizes:
        proc = subprocess.run([sys.executable, "-m", "benchmarks.speed", "--child", str(mb)],
                              capture_output=True, text=True, check=True)
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def startup(repeats: int = 5) -> tuple[float, float]:
    """Median wall time of ``cleaner --version`` and of cleaning a one-line input."""
    exe = [sys.executable, "-m", "cleaner"]

    def timed(args: list[str], stdin: str | None) -> float:
        runs = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            subprocess.run(exe + args, input=stdin, capture_output=True, text=True, check=True)
            runs.append(time.perf_counter() - t0)
        return statistics.median(runs)
    return timed(["--version"], None), timed([], "一行中文,需要清理.\n")


def run(quick: bool = False, size: float | None = None, sizes: list[float] | None = None) -> str:
    """The speed section: ``size`` MB of each shape (default 4; 1 with ``quick``) and the
    scaling ``sizes`` (default 5, 50 and 500 MB; 1, 5 and 10 with ``quick``)."""
    from cleaner import lang
    size = size or (1 if quick else 4)
    sections = []
    for title, docs in shapes(size):
        if not docs:
            sections += [NO_PAGES, ""]
            continue
        mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        runs = 1 if quick else 3
        rows, shares = speed_table(docs, runs)
        each = mb * 1000 / len(docs)
        sections += [f"**{title}** ({mb:.1f} MB in {len(docs)} documents of ~{each:.0f} KB):", "",
                     f"| what | MB/s (median of {runs}) | lowest-highest | ratio to the regex scan |",
                     "| --- | --- | --- | --- |", *rows, "",
                     f"Where the default pipeline's time goes (each pass timed inside the pipeline): {shares}.",
                     ""]
    sizes = sizes or ([1, 5, 10] if quick else [5, 50, 500])
    scale = scaling(sizes)
    scale_rows = []
    for s in scale:
        ratio = s["seconds"] / scale[0]["seconds"] / (s["mb"] / scale[0]["mb"])
        scale_rows.append(f"| {s['mb']:.0f} MB | {s['seconds']:.1f} s | {s['mb'] / s['seconds']:.1f} MB/s "
                          f"| {ratio:.2f} | {s['peak_mb']:.0f} MB |")
    version, one_line = startup(3 if quick else 7)
    return "\n".join([
        "## Speed (one core)",
        "",
        "People's Daily news in ~20 KB documents (and the OCR pages, where built), each cleaned on its own, with the compared tools "
        "in the same run. The machine is shared: throughput is MB per second of CPU time of the "
        "benchmark process (not wall time), and each figure is the median of three runs with the "
        f"lowest and highest beside it. Word segmentation runs on the {getattr(lang, 'IMPLEMENTATION', 'pure-Python')} kernels.",
        "",
        *sections,
        "Scaling of the default pipeline (each size in a fresh process; *time ratio* is time per MB "
        "relative to the smallest size, 1.00 = linear):",
        "",
        "| input | CPU time | throughput | time ratio | peak memory |",
        "| --- | --- | --- | --- | --- |",
        *scale_rows,
        "",
        f"Start-up (median wall time): `cleaner --version` {version * 1000:.0f} ms; cleaning a "
        f"one-line input {one_line * 1000:.0f} ms.",
        "",
    ])


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(float(sys.argv[2]))
    else:
        from benchmarks.args import QUICK, parse

        args = parse(__doc__, flags={"quick": QUICK}, values={
            "table": "the throughput tables alone, on documents of this many MB (no scaling, no start-up)",
            "size": "MB of each shape for the throughput tables (default 4)",
            "sizes": "MB for the scaling check, comma-separated (default 5,50,500)"})
        if args.table:
            for _, docs in shapes(float(args.table)):
                if not docs:
                    print(NO_PAGES)
                    continue
                rows, shares = speed_table(docs)
                print("\n".join(rows), "\n" + shares + "\n", flush=True)
        else:
            print(run(quick=args.quick, size=float(args.size) if args.size else None,
                      sizes=[float(x) for x in args.sizes.split(",")] if args.sizes else None))
