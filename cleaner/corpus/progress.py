"""Progress of a corpus run on stderr."""

from __future__ import annotations

import sys
import time
from typing import IO


class Progress:
    """Documents, MB, rate and ETA on stderr: a bar on a terminal, plain lines otherwise
    (every ``every`` seconds)."""

    def __init__(self, stream: IO[str] | None = None, every: float = 10.0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.every = every
        self.total_files = self.total_bytes = 0
        self.files = self.bytes = self.docs = 0
        self.skipped_bytes = 0  # of files already done: counted as done, not in the rate
        self.start = self.last = time.monotonic()

    def begin(self, total_files: int, total_bytes: int) -> None:
        self.total_files, self.total_bytes = total_files, total_bytes
        self.start = self.last = time.monotonic()

    def update(self, documents: int, size: int, file_done: bool, skipped: bool = False) -> None:
        """``documents`` more cleaned, ``size`` more input bytes read (on disk), or skipped as done."""
        self.files += file_done
        self.bytes += size
        self.skipped_bytes += size if skipped else 0
        self.docs += documents
        now = time.monotonic()
        last = self.files == self.total_files and file_done
        if not last and now - self.last < (0.2 if self.tty else self.every):
            return
        self.last = now
        cleaned = self.bytes - self.skipped_bytes
        rate = cleaned / 1e6 / max(1e-9, now - self.start)
        left = (self.total_bytes - self.bytes) / 1e6 / rate if rate else 0.0
        speed = (f"{rate:.1f} MB/s, {self.docs / max(1e-9, now - self.start):.0f} docs/s, ETA {left:.0f} s"
                 if cleaned else "nothing cleaned yet")
        line = (f"{self.files}/{self.total_files} files, {self.docs} documents, {self.bytes / 1e6:.1f}/"
                f"{self.total_bytes / 1e6:.1f} MB, {speed}")
        if self.tty:
            done = int(30 * self.bytes / max(1, self.total_bytes))
            self.stream.write(f"\r[{'#' * done}{'.' * (30 - done)}] {line}\x1b[K")
            if last:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
