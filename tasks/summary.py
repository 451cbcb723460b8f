"""What an ingest run did, in numbers: rows loaded, quarantined and built."""

from __future__ import annotations

import duckdb
from prefect import task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from storage import warehouse
from tasks.ingest import LoadedFile
from tasks.sources import SOURCE_FILES



class QuarantineGroup(BaseModel):
    check_name: str
    source_file: str
    n_rows: int
    example_reason: str


class IngestSummary(BaseModel):
    loaded_rows: dict[str, int]  # per file: lines parsed into the raw table
    staged_rows: dict[str, int]  # per file: rows that passed every check (its staging table)
    quarantined_by_check: dict[str, int]
    quarantine_groups: list[QuarantineGroup]
    n_quarantined: int  # quarantine rows (a line caught by two checks counts twice)
    n_image_files: int
    n_images_undecodable: int
    mart_rows: dict[str, int]
    n_targets: int
    min_target: float | None
    max_target: float | None
    n_targets_out_of_range: int

    def lines(self) -> list[str]:
        """A few lines a person reads in the log or the terminal."""
        out = [f"loaded {n:>6} rows from {name}" for name, n in self.loaded_rows.items()]
        out.append(f"images: {self.n_image_files} files, {self.n_images_undecodable} do not decode")
        out.append(f"quarantined: {self.n_quarantined} rows"
                   + "".join(f"\n  {g.check_name} / {g.source_file}: {g.n_rows} e.g. {g.example_reason}"
                             for g in self.quarantine_groups))
        out += [f"built {n:>6} rows of {name}" for name, n in self.mart_rows.items()]
        if self.n_targets:
            out.append(f"targets in [{self.min_target:.3f}, {self.max_target:.3f}], "
                       f"{self.n_targets_out_of_range} outside [0, 1]")
        return out


def summarize_ingest(
    con: duckdb.DuckDBPyConnection, loaded: list[LoadedFile], found: dict[str, int], marts: dict[str, int]
) -> IngestSummary:
    groups = [QuarantineGroup(check_name=c, source_file=f, n_rows=n, example_reason=r)
              for c, f, n, r in warehouse.run_sql(con, "report/quarantine_by_check").fetchall()]
    n_parse_rejects = sum(item.n_rows_rejected for item in loaded)
    target_range = warehouse.query_row(con, "report/target_range")
    image_counts = warehouse.query_row(con, "report/image_file_counts")
    return IngestSummary(
        loaded_rows={item.file_name: item.n_rows_loaded for item in loaded},
        staged_rows={s.file_name: warehouse.count_rows(con, s.staging_table) for s in SOURCE_FILES},
        quarantined_by_check={"parse": n_parse_rejects, **found},
        quarantine_groups=groups,
        n_quarantined=warehouse.count_rows(con, "quarantine"),
        n_image_files=image_counts["n_image_files"],
        n_images_undecodable=image_counts["n_undecodable"],
        mart_rows=marts,
        n_targets=target_range["n_targets"],
        min_target=target_range["min_target"],
        max_target=target_range["max_target"],
        n_targets_out_of_range=target_range["n_out_of_range"],
    )


@task(name="summarize ingest", cache_policy=NO_CACHE)
def summarize_ingest_task(
    con: duckdb.DuckDBPyConnection, loaded: list[LoadedFile], found: dict[str, int], marts: dict[str, int]
) -> IngestSummary:
    summary = summarize_ingest(con, loaded, found, marts)
    for line in summary.lines():
        print(line)
    return summary
