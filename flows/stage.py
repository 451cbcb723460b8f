"""Which stage a failure happened in: the flow run's state message (the UI, `withsense runs`) names it."""

from collections.abc import Iterator
from contextlib import contextmanager


class StageFailed(RuntimeError):
    """A stage of the nightly failed; ``stage`` names it and ``__cause__`` is what failed."""

    def __init__(self, stage: str, cause: BaseException):
        super().__init__(f"the {stage} stage failed: {type(cause).__name__}: {cause}")
        self.stage = stage


@contextmanager
def stage(name: str) -> Iterator[None]:
    try:
        yield
    except Exception as error:
        raise StageFailed(name, error) from error
