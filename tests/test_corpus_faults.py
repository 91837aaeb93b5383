"""Corpus mode under faults: killed at any point, re-run, the same bytes; no worker outlives its parent.

Small and bounded: a corpus of a few dozen documents, a handful of kills. The
kills land at fixed points of the dedup commit (``CLEANER_CRASH_AT``) and at
random moments (seeded); nothing here asserts how long anything takes.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from cleaner.corpus import MANIFEST, REMOVED_LOG, run_corpus
from cleaner.corpus.reaper import MARKER

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

ROOT = Path(__file__).resolve().parent.parent
CONFIG = {"only": ["normalize", "rejoin", "punctuation"]}
ARGS = ["--only", "normalize,rejoin,punctuation", "--dedup-corpus"]
WIRES = [f"新华社北京1月{d}日电，国家全民健康信息平台已基本建成，第{d}个省级统筹区域平台不断完善。" for d in range(1, 6)]


def _corpus(root: Path, files: int = 12, records: int = 400) -> Path:
    src = root / "in"
    src.mkdir()
    for i in range(files):
        body = "\n\n".join([f"第{i}篇文章的导语,说明第{i}件事情的具体情况和背景." * 3, WIRES[i % 5],
                            f"第{i}篇的结尾段落,记者在现场看到的情况如下." * 2, WIRES[(i + 2) % 5]])
        (src / f"{i:02d}.txt").write_text(body + "\n", encoding="utf-8")
    with open(src / "zz.jsonl", "w", encoding="utf-8") as f:
        for n in range(records):
            text = f"第{n}条记录的正文,内容各不相同,编号{n}.\n\n{WIRES[n % 5]}"
            f.write(json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n")
    return src


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _cli(src: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "cleaner", "corpus", str(src), str(out), *ARGS, *extra],
                            env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _processes(name: str) -> Iterator[tuple[int, bytes]]:
    """Every process with the bytes of its ``/proc/PID/NAME`` (those it can read)."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                yield int(entry.name), (entry / name).read_bytes()
            except OSError:
                continue


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for child, stat in _processes("stat"):
        ppid = int(stat.rsplit(b")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(child)
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_gone(pids: set[int], limit: float = 30.0) -> set[int]:
    """The processes of ``pids`` still alive after waiting up to ``limit`` seconds."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        left = {p for p in pids if _alive(p)}
        if not left:
            return left
        time.sleep(0.05)
    return {p for p in pids if _alive(p)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("faults")
    src = _corpus(root)
    summary = run_corpus(src, root / "reference", CONFIG, jobs=1, dedup=True)
    assert summary.duplicates_removed > 400  # the corpus does hold cross-document duplicates
    return src, _tree(root / "reference")


@pytest.mark.parametrize("step", ["prepared", "committed", "applied:0", "applied:6"])
def test_a_kill_in_the_dedup_commit_is_finished_by_the_rerun(tmp_path: Path, corpus: tuple, step: str) -> None:
    src, reference = corpus
    out = tmp_path / "out"
    killed = _cli(src, out, "--jobs", "1", env={"CLEANER_CRASH_AT": step})
    killed.wait(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    if step == "prepared":  # not committed: no output has its final name yet
        assert not [p for p in out.iterdir() if not p.name.startswith(".")]
    else:
        assert (out / MANIFEST).exists()
    again = _cli(src, out, "--jobs", "1")
    assert again.wait(timeout=120) == 0, again.stderr.read() if again.stderr else ""
    assert _tree(out) == reference
    before = _tree(out)
    assert run_corpus(src, out, CONFIG, jobs=1, dedup=True).duplicates_removed == 0
    assert _tree(out) == before  # a second run on a finished output changes nothing


def test_random_kills_of_the_parent_or_a_worker(tmp_path: Path, corpus: tuple) -> None:
    src, reference = corpus
    rng = random.Random(20)
    out = tmp_path / "out"
    for trial in range(4):
        run = _cli(src, out, "--jobs", "2")
        time.sleep(rng.uniform(0.3, 2.5))
        family = _descendants(run.pid)
        workers = sorted(family)
        victim = run.pid if trial % 2 == 0 or not workers else rng.choice(workers)
        try:
            os.kill(victim, signal.SIGKILL)
        except ProcessLookupError:
            pass
        run.wait(timeout=120)
        assert _wait_gone(family) == set(), f"trial {trial}: processes left behind"
    final = _cli(src, out, "--jobs", "2")
    assert final.wait(timeout=120) == 0
    assert _tree(out) == reference
    assert (out / REMOVED_LOG).read_bytes() == reference[REMOVED_LOG]


def test_busy_workers_die_with_their_parent(tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    with open(src, "w", encoding="utf-8") as f:  # two chunks of short records: seconds of work each
        for n in range(36_000):
            f.write(json.dumps({"text": f"第{n}条记录的正文,内容各不相同."}, ensure_ascii=False) + "\n")
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen([sys.executable, "-m", "cleaner", "corpus", str(src), str(tmp_path / "out.jsonl"),
                            "--only", "normalize,punctuation", "--jobs", "2"],
                           env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    end = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < end and run.poll() is None:
        time.sleep(0.05)
        workers = _descendants(run.pid)
    assert len(workers) == 2, "the pool did not start"
    time.sleep(0.5)  # both are cleaning their first chunk now
    run.kill()
    run.wait()
    assert _wait_gone(workers, limit=3.0) == set(), "workers outlived their parent"
    assert not (tmp_path / "out.jsonl").exists()


def test_the_reaper_ends_what_a_killed_process_started(tmp_path: Path) -> None:
    # What the Ray engine relies on for the local cluster Ray starts (its agents outlive the driver).
    script = ("import subprocess, sys, time\n"
              "from cleaner.corpus.reaper import mark_and_watch\n"
              "mark_and_watch()\n"
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'], start_new_session=True)\n"
              "print(child.pid, flush=True)\n"
              "time.sleep(600)\n")
    owner = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdout=subprocess.PIPE, text=True)
    assert owner.stdout is not None
    grandchild = int(owner.stdout.readline())
    assert _alive(grandchild)
    owner.kill()
    owner.wait()
    assert _wait_gone({grandchild}, limit=10.0) == set()


def test_a_run_without_dedup_after_an_unfinished_dedup_run_keeps_its_cleaned_files(tmp_path: Path,
                                                                                   corpus: tuple) -> None:
    src, _ = corpus
    plain = tmp_path / "plain"
    run_corpus(src, plain, CONFIG, jobs=1)
    out = tmp_path / "out"
    killed = _cli(src, out, "--jobs", "1", env={"CLEANER_CRASH_AT": "prepared"})
    killed.wait(timeout=120)
    summary = run_corpus(src, out, CONFIG, jobs=1)
    assert summary.skipped == summary.files == 13
    assert _tree(out) == _tree(plain)  # no hidden file left either


def _marked(owner: int) -> set[int]:
    """Processes carrying the reaper's marker of process ``owner`` (what a local Ray cluster runs)."""
    tag = f"{MARKER}={owner}-".encode()
    return {pid for pid, env in _processes("environ") if any(item.startswith(tag) for item in env.split(b"\0"))}


def _commands(pids: set[int]) -> list[str]:
    return [cmd.replace(b"\0", b" ").decode(errors="replace")[:120] for pid, cmd in _processes("cmdline") if pid in pids]


def _ray_actor(pids: set[int]) -> int | None:
    """A Ray worker process that is cleaning files (an actor of the pool), if one is up."""
    for pid, cmd in sorted(_processes("cmdline")):
        if pid in pids and b"ray::" in cmd and b"IDLE" not in cmd:
            return pid
    return None


# Opt-in (CLEANER_RAY_FAULTS=1): it takes minutes, and it fails today (seen in 2 of 4 runs under
# load: after the driver is killed, the DashboardAgent and RuntimeEnvAgent of its local Ray cluster
# can outlive the reaper's sweeps), so in CI it would only cost time and leave processes behind.
@pytest.mark.skipif(os.environ.get("CLEANER_RAY_FAULTS") != "1", reason="set CLEANER_RAY_FAULTS=1 to run it")
@pytest.mark.xfail(reason="known failure: Ray's agent processes can outlive a killed driver", strict=False)
def test_ray_engine_killed_leaves_no_process_and_the_rerun_gives_the_same_bytes(tmp_path: Path,
                                                                              corpus: tuple) -> None:
    pytest.importorskip("ray")
    src, reference = corpus  # the local engine's output: the Ray engine writes the same bytes
    rng = random.Random(19)
    out = tmp_path / "out"
    env = {"RAY_USAGE_STATS_ENABLED": "0"}
    for trial in range(2):
        run = _cli(src, out, "--jobs", "2", "--engine", "ray", env=env)
        family: set[int] = set()
        victim = None
        end = time.monotonic() + rng.uniform(4.0, 20.0)
        while time.monotonic() < end and run.poll() is None:  # kill at a random moment of the work
            time.sleep(0.2)
            family |= _descendants(run.pid) | _marked(run.pid)
        if trial == 1:
            victim = _ray_actor(family)
        try:
            os.kill(victim or run.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            if victim is not None:  # a worker killed: the run fails or recovers; then its parent goes too
                run.wait(timeout=300)
        finally:
            run.kill()
            run.wait(timeout=60)
        family |= _marked(run.pid)
        left = _wait_gone(family, limit=60.0)
        assert left == set(), f"trial {trial}: processes left behind: {_commands(left)}"
    final = _cli(src, out, "--jobs", "2", "--engine", "ray", env=env)
    assert final.wait(timeout=300) == 0, final.stderr.read() if final.stderr else ""
    assert _wait_gone(_marked(final.pid), limit=60.0) == set()
    assert _tree(out) == reference
