"""One writer at a time per HOME, with real processes: a second run refuses (or waits), a killed holder
leaves nothing stuck."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.lock import HomeLockedError, exclusive_home

HOLD = """
import sys, time
from pathlib import Path
from storage.lock import exclusive_home
with exclusive_home(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_in_another_process(lock: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(lock), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_second_writer_is_refused_with_the_holder_named(tmp_path: Path):
    lock = tmp_path / ".lock"
    holder = hold_in_another_process(lock, 30)
    try:
        started = time.monotonic()
        with pytest.raises(HomeLockedError, match=rf"in use by another run \(pid {holder.pid} on .*\); nothing was changed"):
            with exclusive_home(lock):
                pytest.fail("the block must not run while another process holds HOME")
        assert time.monotonic() - started < 5  # refused at once, not after a timeout
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_home_free(tmp_path: Path):
    lock = tmp_path / ".lock"
    holder = hold_in_another_process(lock, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with exclusive_home(lock):  # the kernel released the flock with the process
        pass


def test_a_writer_that_may_wait_gets_home_when_the_holder_finishes(tmp_path: Path):
    lock = tmp_path / ".lock"
    holder = hold_in_another_process(lock, 1.5)
    started = time.monotonic()
    try:
        with exclusive_home(lock, wait_seconds=30, poll_seconds=0.1):
            waited = time.monotonic() - started
        assert 1.0 <= waited < 10  # it waited for the holder's block to end, then got in
    finally:
        holder.wait()
