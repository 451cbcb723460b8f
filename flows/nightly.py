"""The nightly job: every stage of the batch, in order, as subflows of one flow run."""

from __future__ import annotations

from pathlib import Path

from prefect import flow

from flows.ingest import ingest_flow
from storage.settings import load_settings
from tasks.summary import IngestSummary


@flow(name="nightly", log_prints=True)
def nightly_flow(data_dir: Path | None = None, home: Path | None = None) -> IngestSummary:
    settings = load_settings(data_dir=data_dir, home=home)  # read once, passed down
    print(f"data: {settings.data_dir}\nhome: {settings.home}")
    return ingest_flow(settings)
