"""A watchdog for processes this one starts but does not parent directly (a local Ray cluster).

:func:`mark_and_watch` puts a marker in the environment, which every process
started afterwards inherits, and starts a small watchdog process holding a
pipe from this one. When the pipe closes (this process ended, even by
``kill -9``), the watchdog kills every process that carries the marker. Ray's
own fate sharing ends its raylet and workers when the driver dies, but not its
agents; this ends them all.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from typing import Any

MARKER = "CLEANER_OWNER"

_WATCHDOG = r"""
import os, signal, sys, time
marker = sys.argv[1].encode()
sys.stdin.buffer.read()  # returns at EOF: the owner is gone
# Sweep until a sweep finds none (a process may start another while it is being killed),
# for at most a minute.
end = time.monotonic() + 60
while True:
    found = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read().split(b"\0")
            if marker in env:
                os.kill(int(pid), signal.SIGKILL)
                found += 1
        except OSError:
            pass
    if not found or time.monotonic() > end:
        break
    time.sleep(0.1)
"""

_started: list[Any] = []


def mark_and_watch() -> None:
    """Mark the processes started from now on, and kill them all when this process ends (Linux)."""
    if _started or not sys.platform.startswith("linux"):
        return
    token = f"{os.getpid()}-{secrets.token_hex(8)}"
    env = {k: v for k, v in os.environ.items() if k != MARKER}
    watchdog = subprocess.Popen([sys.executable, "-c", _WATCHDOG, f"{MARKER}={token}"], stdin=subprocess.PIPE,
                                env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    _started.append(watchdog)  # its pipe stays open as long as this process lives
    os.environ[MARKER] = token
