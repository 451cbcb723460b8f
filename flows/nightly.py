"""The nightly job: every stage of the batch, in order, as subflows of one flow run."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from prefect import flow
from pydantic import BaseModel

from flows.embed import EmbedSummary, embed_flow
from flows.ingest import ingest_flow
from flows.train import train_flow
from storage.settings import load_settings
from tasks.data_report import write_data_report_task
from tasks.legal_stage import LegalSummary, run_legal_stage_task
from tasks.publish import rank_test_queries_task
from tasks.summary import IngestSummary
from tasks.training import TrainingSummary


class NightlySummary(BaseModel):
    ingest: IngestSummary
    embed: EmbedSummary
    training: TrainingSummary
    legal: LegalSummary
    ranking_path: str

    def lines(self) -> list[str]:
        return self.ingest.lines() + [self.embed.images.describe(), self.embed.texts.describe(),
                                      self.training.describe(), self.legal.describe(),
                                      f"ranking: {self.ranking_path}"]


@flow(name="nightly", log_prints=True)
def nightly_flow(data_dir: Path | None = None, home: Path | None = None) -> NightlySummary:
    settings = load_settings(data_dir=data_dir, home=home)  # read once, passed down
    run_at = datetime.now(timezone.utc)
    print(f"data: {settings.data_dir}\nhome: {settings.home}")
    ingest = ingest_flow(settings)
    embed = embed_flow(settings)
    training = train_flow(settings)
    legal = run_legal_stage_task(settings, training.run_id)
    ranking_path = rank_test_queries_task(settings, training.run_id, run_at)
    write_data_report_task(settings, ingest)  # again, now with this run's model figures in its conclusions
    return NightlySummary(ingest=ingest, embed=embed, training=training, legal=legal, ranking_path=ranking_path)
