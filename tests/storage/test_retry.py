"""Retries: transient I/O is tried again with backoff; a full disk, a read-only HOME or a bug fails at once."""

from __future__ import annotations

import errno

import pytest

from storage.retry import TRANSIENT_IO_RETRIES, is_transient


@pytest.mark.parametrize("error", [
    OSError(errno.EIO, "Input/output error"),
    OSError(errno.EAGAIN, "Resource temporarily unavailable"),
    TimeoutError("read timed out"),
    ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"),
    OSError("LanceError(IO): Generic S3 error: request failed (os error 104)"),
    RuntimeError("object store: 503 Service Unavailable, slow down"),
])
def test_transient_io_is_worth_another_try(error):
    assert is_transient(error)


@pytest.mark.parametrize("error", [
    OSError(errno.ENOSPC, "No space left on device"),
    OSError(errno.EROFS, "Read-only file system"),
    FileNotFoundError(errno.ENOENT, "No such file or directory"),
    PermissionError(errno.EACCES, "Permission denied"),
    OSError("LanceError(IO): failed to write (os error 28)"),
    ValueError("expert score 7 outside 1..4"),
    RuntimeError("a bug"),
])
def test_data_code_and_lasting_io_failures_are_not_retried(error):
    assert not is_transient(error)


def test_the_cause_of_a_wrapped_error_decides():
    try:
        try:
            raise OSError(errno.EIO, "Input/output error")
        except OSError as cause:
            raise RuntimeError("writing the index failed") from cause
    except RuntimeError as wrapped:
        assert is_transient(wrapped)


def test_the_backoff_grows():
    delays = TRANSIENT_IO_RETRIES["retry_delay_seconds"]
    assert TRANSIENT_IO_RETRIES["retries"] == len(delays) == 3
    assert delays == sorted(delays) and delays[0] > 0


def _flaky_task(error: BaseException, failures: int):
    """A Prefect task with the job's retry options (delays zeroed for the test) that fails ``failures``
    times with ``error``, then succeeds; returns the task and its call counter."""
    from prefect import task

    calls = {"n": 0}

    @task(**{**TRANSIENT_IO_RETRIES, "retry_delay_seconds": 0, "retry_jitter_factor": None})
    def write_something() -> str:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise error
        return "written"

    return write_something, calls


def test_a_task_that_hits_transient_io_is_retried_and_succeeds(prefect_server):
    from prefect import flow

    write_something, calls = _flaky_task(OSError(errno.EIO, "Input/output error"), failures=2)
    assert flow(lambda: write_something())() == "written"
    assert calls["n"] == 3


def test_a_task_that_hits_a_full_disk_fails_at_once(prefect_server):
    from prefect import flow

    write_something, calls = _flaky_task(OSError(errno.ENOSPC, "No space left on device", "/home/x/file"),
                                         failures=5)
    with pytest.raises(OSError, match="No space left on device"):
        flow(lambda: write_something())()
    assert calls["n"] == 1


def test_transient_io_that_lasts_gives_up_after_the_retries(prefect_server):
    from prefect import flow

    write_something, calls = _flaky_task(OSError(errno.EIO, "Input/output error"), failures=10)
    with pytest.raises(OSError, match="Input/output error"):
        flow(lambda: write_something())()
    assert calls["n"] == 1 + TRANSIENT_IO_RETRIES["retries"]
