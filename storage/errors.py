"""Reading a failure: an error and what caused it, as one chain (``raise … from …`` and implicit context)."""

from __future__ import annotations

from collections.abc import Iterator


def error_chain(error: BaseException | None) -> Iterator[BaseException]:
    """``error``, then its cause (or context), and so on; each error once even if the chain loops."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__
