"""Corpus dedup as a committed phase: a kill at any point leaves the old state or the new one.

With ``--dedup-corpus`` a cleaned file waits under its staged name
(``.cleaned-NAME``) and is not final until its dedup is applied and its
removals are logged. The phase, for the staged files:

1. **plan**: the duplicates of every file, in corpus order (a finished file
   only tells which paragraphs come first; it is never rewritten);
2. **prepare**: each staged file that loses paragraphs is written without them
   to ``.dedup-NAME``, and the new removal log (the old entries of files not
   redone, plus the new ones, in corpus order) to ``.dedup-_removed.jsonl``;
   both flushed to disk;
3. **commit**: a manifest (``_manifest.json`` in OUT) names every file and what
   becomes of it. Written under a temporary name and renamed, it is the point
   of no return;
4. **apply**: the log is renamed into place first, then each file; then the
   manifest is removed.

A run that finds a manifest finishes step 4 before anything else (every step
of it can be repeated). A run killed before step 3 left only hidden files:
the next run plans again from the same staged files and gets the same bytes.
A finished output has nothing staged, so a second run changes nothing.
"""

from __future__ import annotations

import heapq
import json
import os
import signal
from pathlib import Path
from typing import Callable

from .dedup import Drops, find_duplicates, log_entries, paragraph_rows, removal, removed_log_path, write_without
from .files import AtomicOutput, fsync_path, hidden, output, staged

MANIFEST = "_manifest.json"

#: How a run finds the duplicates of (cleaned files in corpus order): the local engine's, or Ray's.
Finder = Callable[[list[Path], str], list[Drops]]


def manifest_path(dst: Path) -> Path:
    """The manifest of a commit in progress: in OUT, or next to a single OUT file."""
    return dst / MANIFEST if dst.is_dir() else dst.with_name(f"{dst.name}{MANIFEST}")


def crash_point(step: str) -> None:
    """Fault injection for the tests: ``CLEANER_CRASH_AT=step`` kills the process here."""
    if os.environ.get("CLEANER_CRASH_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


def dedup_source(dst: Path, rel: str) -> Path:
    """The cleaned text of a file: staged when it waits for this phase, final otherwise."""
    final = output(dst, rel)
    return staged(final) if staged(final).exists() else final


def run_dedup(dst: Path, rels: list[str], field: str, find: Finder | None = None) -> int:
    """Finish an interrupted commit, then dedup the staged files and commit; return the removals."""
    recover(dst)
    waiting = [rel for rel in rels if staged(output(dst, rel)).exists()]
    if not waiting:
        return 0
    found = (find or find_duplicates)([dedup_source(dst, rel) for rel in rels], field)
    plan = {rel: drops for rel, drops in zip(rels, found) if rel in set(waiting)}
    removed = _prepare(dst, rels, field, plan)
    crash_point("prepared")
    _write_manifest(dst, {rel: "dedup" if plan[rel] else "staged" for rel in waiting})
    crash_point("committed")
    recover(dst)
    return removed


def _prepare(dst: Path, rels: list[str], field: str, plan: dict[str, Drops]) -> int:
    """Write the deduplicated staged files and the new log under hidden names; return the removals."""
    log = removed_log_path(dst)
    fresh = hidden(log, "new")
    removed = 0
    with open(fresh, "w", encoding="utf-8") as new:
        for rel in rels:
            drops = plan.get(rel)
            if not drops:
                continue
            src = staged(output(dst, rel))
            for _, r, k, text in paragraph_rows(src, field):
                if (r, k) in drops:
                    new.write(removal(rel, r, k, text))
                    removed += 1
            out = AtomicOutput(hidden(output(dst, rel), "dedup"), output(dst, rel))
            write_without(src, out, field, drops)
            out.commit(sync=True)
    order = {rel: i for i, rel in enumerate(rels)}
    merged = AtomicOutput(hidden(log, "dedup"), log)
    for _, line in heapq.merge(log_entries(log, order, lambda f: f not in plan),
                               log_entries(fresh, order, lambda f: True)):
        merged.write(line.encode("utf-8"))
    merged.commit(sync=True)
    fresh.unlink()
    return removed


def _write_manifest(dst: Path, files: dict[str, str]) -> None:
    path = manifest_path(dst)
    tmp = hidden(path, "partial")
    tmp.write_text(json.dumps({"phase": "dedup-commit", "files": files}, ensure_ascii=False), encoding="utf-8")
    fsync_path(tmp)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def recover(dst: Path) -> bool:
    """Apply a committed dedup phase (the log first, then the files); True if there was one."""
    path = manifest_path(dst)
    if not path.exists():
        return False
    files: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["files"]
    log = removed_log_path(dst)
    if hidden(log, "dedup").exists():
        os.replace(hidden(log, "dedup"), log)
    for n, (rel, action) in enumerate(files.items()):
        final = output(dst, rel)
        if action == "dedup" and hidden(final, "dedup").exists():
            os.replace(hidden(final, "dedup"), final)
        elif action == "staged" and staged(final).exists():
            os.replace(staged(final), final)
        if staged(final).exists():
            staged(final).unlink()
        crash_point(f"applied:{n}")
    _fsync_dir(path.parent)
    path.unlink()
    return True


def unstage(dst: Path, rels: list[str]) -> None:
    """For a run without dedup: files a dedup run cleaned and did not finish are that run's output;
    what it prepared and did not commit goes."""
    for rel in rels:
        final = output(dst, rel)
        if staged(final).exists() and not final.exists():
            os.replace(staged(final), final)
        hidden(final, "dedup").unlink(missing_ok=True)
    hidden(removed_log_path(dst), "dedup").unlink(missing_ok=True)
