"""One build at a time per site: an advisory lock (flock) on a file next to site/.

`make build` while `make serve` regenerates, or two CI steps at once, would
otherwise write the same build/docs and swap the same site/. The kernel drops
the lock when its holder exits, even by SIGKILL, so a killed build never leaves
a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class LockTimeout(Exception):
    """Another build still held the lock when the wait ran out."""

    def __init__(self, holder: str, waited: float):
        self.holder = holder
        self.waited = waited
        super().__init__(f"{holder} held the lock for {waited:.0f} s")


def lock_path(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.lock")


@contextmanager
def exclusive(path: Path, wait_seconds: float, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock at `path`; if another process has it, call on_wait(holder) once and
    retry until wait_seconds have passed, then raise LockTimeout."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(path)
                if not told:
                    on_wait(holder)
                    told = True
                if time.monotonic() >= deadline:
                    raise LockTimeout(holder, wait_seconds) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield  # closing the file releases the lock


def _holder(path: Path) -> str:
    pid = path.read_text("utf-8").strip()
    return f"プロセス {pid}" if pid.isdigit() else "別のプロセス"
