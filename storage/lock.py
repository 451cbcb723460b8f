"""One writer at a time per HOME: an exclusive lock that a killed run cannot leave behind.

The lock is ``flock`` on ``Catalog.lock``: the kernel releases it when the holding process ends, however
it ends (SIGKILL included), so a crashed run never leaves HOME locked. The file also records who holds it
(pid, host, start time, command), for the message the next run prints.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from storage.files import HomeNotWritableError


class HomeLockedError(RuntimeError):
    """Another run holds HOME."""


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text())
        return f"pid {info['pid']} on {info['host']}, started {info['started_at']} ({info['command']})"
    except (OSError, ValueError, KeyError):
        return "another process"


@contextmanager
def exclusive_home(lock_path: Path, wait_seconds: float = 0.0, poll_seconds: float = 0.5) -> Iterator[None]:
    """Hold HOME's lock for the block. If another run holds it, wait up to ``wait_seconds`` for it, then
    raise :class:`HomeLockedError` naming the holder."""
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+")
    except OSError as error:
        raise HomeNotWritableError(error.errno, f"cannot take the lock of HOME {lock_path.parent}: "
                                                f"{error.strerror or error} ({lock_path})") from error
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise HomeLockedError(
                        f"{lock_path.parent} is in use by another run ({_holder(lock_path)}); nothing was changed. "
                        "Try again when it has finished.") from None
                time.sleep(poll_seconds)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                     "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                     "command": " ".join(sys.argv[:3])}))
            handle.flush()
        except OSError as error:  # a full disk: write() names no file, so say which
            raise HomeNotWritableError(error.errno, f"cannot write the lock of HOME {lock_path.parent}: "
                                                    f"{error.strerror or error} ({lock_path})") from error
        yield
    finally:
        handle.close()  # closing the descriptor releases the flock
