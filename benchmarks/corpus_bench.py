"""Corpus mode throughput: documents/s and MB/s for --jobs 1, --jobs 2 and the Ray engine.

About 200 MB of news-like text (``benchmarks.speed.documents``: the People's
Daily corpus reshuffled per copy, ~20 KB documents) is written as a folder
of text files, then cleaned with the default pipeline by each engine, each in
a fresh process whose resident memory, with all its workers, is sampled
twice a second. The local engine keeps a bounded number of files in
flight, so its memory must not grow with the corpus: we also run it on a
quarter of the corpus and compare. The same quarter as one JSONL file (a
record per document) shows that one big file is spread over the workers too.
"""

from __future__ import annotations

import json
import os
import threading
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.corpus import DATA
from benchmarks.speed import documents

ROOT = DATA / "corpus_bench"


def prepare(megabytes: float) -> tuple[Path, int, int]:
    src = ROOT / f"in_{megabytes:g}"
    if not src.exists():
        src.mkdir(parents=True)
        for i, doc in enumerate(documents(megabytes, seed=23)):
            sub = src / f"{i // 1000:03d}"
            sub.mkdir(exist_ok=True)
            (sub / f"{i:06d}.txt").write_text(doc, encoding="utf-8")
    files = list(src.rglob("*.txt"))
    return src, len(files), sum(p.stat().st_size for p in files)


def prepare_jsonl(megabytes: float) -> tuple[Path, int, int]:
    src = ROOT / f"in_{megabytes:g}.jsonl"
    if not src.exists():
        ROOT.mkdir(parents=True, exist_ok=True)
        tmp = src.with_name(".partial-" + src.name)
        with open(tmp, "w", encoding="utf-8") as f:
            for i, doc in enumerate(documents(megabytes, seed=23)):
                f.write(json.dumps({"id": i, "text": doc}, ensure_ascii=False) + "\n")
        tmp.replace(src)
    with open(src, "rb") as f:
        return src, sum(1 for _ in f), src.stat().st_size


def _watch(peaks: dict[str, float], stop: threading.Event) -> None:
    """Track the largest total resident memory of this process and its descendants."""
    me = os.getpid()
    while not stop.wait(0.5):
        family, total = {me}, 0.0
        try:
            procs = [p for p in os.listdir("/proc") if p.isdigit()]
        except OSError:
            return
        parents: dict[int, int] = {}
        rss: dict[int, float] = {}
        for p in procs:
            try:
                fields = dict(line.split(":", 1) for line in open(f"/proc/{p}/status", encoding="ascii")
                              if ":" in line)
                parents[int(p)] = int(fields["PPid"])
                rss[int(p)] = int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
            except (OSError, KeyError, ValueError):
                continue
        grew = True
        while grew:
            grew = False
            for pid, ppid in parents.items():
                if ppid in family and pid not in family:
                    family.add(pid)
                    grew = True
        total = sum(rss.get(pid, 0.0) for pid in family)
        peaks["total"] = max(peaks.get("total", 0.0), total)


def _child(src: str, dst: str, engine: str, jobs: int) -> None:
    from cleaner.corpus import run_corpus
    peaks: dict[str, float] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(peaks, stop), daemon=True)
    watcher.start()
    t0 = time.perf_counter()
    if engine == "ray":
        import os
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        import ray
        ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    summary = run_corpus(src, dst, {}, jobs=jobs, engine=engine)
    seconds = time.perf_counter() - t0
    stop.set()
    watcher.join()
    peak = peaks.get("total", 0.0)
    print(json.dumps({"seconds": seconds, "documents": summary.documents, "peak_mb": peak}))


def measure(src: Path, engine: str, jobs: int) -> dict[str, float]:
    dst = ROOT / (f"out_{engine}_{jobs}" + (".jsonl" if src.is_file() else ""))

    def clear() -> None:
        shutil.rmtree(dst, ignore_errors=True)
        dst.unlink(missing_ok=True)

    clear()
    proc = subprocess.run([sys.executable, "-m", "benchmarks.corpus_bench", "--child", str(src), str(dst),
                           engine, str(jobs)], capture_output=True, text=True, check=True)
    clear()
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> str:
    size = 10 if quick else 200
    src, files, total = prepare(size)
    small_src, _, small_total = prepare(size / 4)
    rows = []
    peaks: dict[tuple[str, int], float] = {}
    for engine, jobs in (("local", 1), ("local", 2), ("ray", 2)):
        try:
            m = measure(src, engine, jobs)
        except subprocess.CalledProcessError as exc:
            rows.append(f"| {engine}, {jobs} | not run: {exc.stderr.strip().splitlines()[-1][:120]} | | | |")
            continue
        peaks[(engine, jobs)] = m["peak_mb"]
        rows.append(f"| `--engine {engine} --jobs {jobs}` | {m['documents'] / m['seconds']:.0f} | "
                    f"{total / 1e6 / m['seconds']:.1f} | {m['seconds']:.0f} s | {m['peak_mb']:.0f} MB |")
    small = measure(small_src, "local", 2)
    jsonl, records, jsonl_total = prepare_jsonl(size / 4)
    one_file = []
    for jobs in (1, 2):
        m = measure(jsonl, "local", jobs)
        one_file.append(f"| `--engine local --jobs {jobs}` | {m['documents'] / m['seconds']:.0f} | "
                        f"{jsonl_total / 1e6 / m['seconds']:.1f} | {m['seconds']:.0f} s | {m['peak_mb']:.0f} MB |")
    return "\n".join([
        "## Corpus mode",
        "",
        f"{files:,} documents ({total / 1e6:.0f} MB) of news text in a folder, default pipeline.",
        "",
        "| engine | documents/s | MB/s | time | peak memory (process and its workers, sampled) |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
        f"Memory against corpus size, `--jobs 2`: {small['peak_mb']:.0f} MB on a quarter of it "
        f"({small_total / 1e6:.0f} MB), {peaks.get(('local', 2), float('nan')):.0f} MB on all of it "
        f"({total / 1e6:.0f} MB): the work in flight and the per-worker caches are bounded.",
        "",
        f"One JSONL file of {records:,} records ({jsonl_total / 1e6:.0f} MB), cut into chunks of about 1 MB "
        "that the workers share:",
        "",
        "| engine | documents/s | MB/s | time | peak memory |",
        "| --- | --- | --- | --- | --- |",
        *one_file,
        "",
    ])


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        from benchmarks.args import QUICK, parse

        print(run(quick=parse(__doc__, flags={"quick": QUICK}).quick))
