"""What an ingest run did, in numbers: rows loaded, quarantined and built."""

from __future__ import annotations

from pydantic import BaseModel


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
