"""The nightly job: every stage of the batch, in order, as subflows of one flow run."""

from __future__ import annotations

from pathlib import Path

from prefect import flow
from pydantic import BaseModel

from flows.embed import EmbedSummary, embed_flow
from flows.ingest import ingest_flow
from storage.settings import load_settings
from tasks.summary import IngestSummary


class NightlySummary(BaseModel):
    ingest: IngestSummary
    embed: EmbedSummary

    def lines(self) -> list[str]:
        return self.ingest.lines() + [self.embed.images.describe(), self.embed.texts.describe()]


@flow(name="nightly", log_prints=True)
def nightly_flow(data_dir: Path | None = None, home: Path | None = None) -> NightlySummary:
    settings = load_settings(data_dir=data_dir, home=home)  # read once, passed down
    print(f"data: {settings.data_dir}\nhome: {settings.home}")
    ingest = ingest_flow(settings)
    embed = embed_flow(settings)
    return NightlySummary(ingest=ingest, embed=embed)
