"""Which stage a failure happened in: the flow run's state message (the UI, `withsense runs`) names it, and
says so when the cause is HOME's disk (full or read-only) rather than the data or the code."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storage.files import disk_trouble


class StageFailed(RuntimeError):
    """A stage of the nightly failed; ``stage`` names it and ``__cause__`` is what failed."""

    def __init__(self, stage: str, cause: BaseException, home: Path):
        trouble = disk_trouble(cause, home)
        super().__init__(f"the {stage} stage failed: {type(cause).__name__}: {cause}"
                         + (f" — {trouble}" if trouble else ""))
        self.stage = stage


@contextmanager
def stage(name: str, home: Path) -> Iterator[None]:
    try:
        yield
    except Exception as error:
        raise StageFailed(name, error, home) from error
