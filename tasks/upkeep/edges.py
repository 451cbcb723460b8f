"""Find damaged derived stores under HOME and set them aside, so the run rebuilds them from the delivery.

The warehouse and the index are derived data: everything in them comes from the delivery (and the
models trained on it). A damaged warehouse file is moved aside and the stage memos are forgotten (what
they kept lived partly in it), so every stage runs again; a damaged index table is moved aside and
embedded again. Nothing is deleted: what was set aside stays beside the store for inspection.
"""

from __future__ import annotations

from datetime import datetime, timezone

from pydantic import BaseModel

from storage import memo, vectors, warehouse
from storage.catalog import Catalog


class UpkeepSummary(BaseModel):
    set_aside: dict[str, str] = {}  # store → why it was set aside
    memos_forgotten: int = 0

    def describe(self) -> str:
        if not self.set_aside:
            return "stores: warehouse and index read in full"
        return "stores set aside to be rebuilt from the delivery: " + "; ".join(
            f"{store} ({why})" for store, why in self.set_aside.items())


def set_aside_damaged_stores(catalog: Catalog, now: datetime | None = None) -> UpkeepSummary:
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    summary = UpkeepSummary()
    why = warehouse.damage(catalog.warehouse)
    if why is not None:
        aside = warehouse.set_aside(catalog.warehouse, stamp)
        summary.set_aside[str(catalog.warehouse)] = f"{why}; moved to {aside.name}"
        summary.memos_forgotten = memo.forget_all(catalog.memos)
    for name, why in vectors.damaged_tables(catalog.vector_index).items():
        aside = vectors.set_aside_table(catalog.vector_index, name, stamp)
        summary.set_aside[f"LanceDB table {name}"] = f"{why}; moved to {aside.name}"
    return summary
