"""Which failures are worth a second try: I/O that can fail for a moment (a busy or flaky disk, an object
store or server that times out or resets the connection). A failure of data or code — a full disk, a
read-only HOME, a missing file, a bad row, a bug — fails the same way every time, so it is never retried:
the run stops at once with its message instead of after minutes of backoff.

Prefect tasks that write under HOME take ``TRANSIENT_IO_RETRIES`` (retries with exponential backoff,
conditioned on :func:`is_transient`).
"""

from __future__ import annotations

import errno
import re

from storage.errors import error_chain

TRANSIENT_ERRNOS = frozenset({errno.EIO, errno.EAGAIN, errno.EBUSY, errno.EINTR, errno.ETIMEDOUT, errno.ECONNRESET,
                              errno.ECONNREFUSED, errno.ECONNABORTED, errno.ENETUNREACH, errno.EHOSTUNREACH,
                              errno.EPIPE, errno.ESTALE})
# Errors from Rust libraries (LanceDB, object_store) arrive as OSError/RuntimeError without an errno; they
# carry the OS error in their text ("... (os error 5)") or name the transient condition.
_TRANSIENT_TEXT = re.compile(
    r"\(os error (%s)\)|timed out|timeout|connection reset|connection refused|temporarily unavailable|"
    r"\b(429|500|502|503|504)\b|slow ?down|too many requests" % "|".join(str(n) for n in sorted(TRANSIENT_ERRNOS)),
    re.IGNORECASE)


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` (or what caused it) is I/O that may succeed if tried again."""
    for link in error_chain(error):
        if isinstance(link, OSError) and link.errno is not None:
            return link.errno in TRANSIENT_ERRNOS
        if isinstance(link, (TimeoutError, ConnectionError)):
            return True
        if isinstance(link, (OSError, RuntimeError)) and _TRANSIENT_TEXT.search(str(link)):
            return True
    return False


def retry_transient_io(task, task_run, state) -> bool:
    """Prefect's ``retry_condition_fn``: retry a failed task run only when it failed on transient I/O."""
    error = state.result(raise_on_failure=False) if state.is_failed() else None
    return isinstance(error, BaseException) and is_transient(error)


def _backoff() -> list[float]:
    from prefect.tasks import exponential_backoff

    return exponential_backoff(backoff_factor=2)(3)  # 2, 4, 8 seconds


TRANSIENT_IO_RETRIES = {"retries": 3, "retry_delay_seconds": _backoff(), "retry_jitter_factor": 0.5,
                        "retry_condition_fn": retry_transient_io}
