"""The nightly job: every stage of the batch, in order, as subflows and tasks of one flow run."""

# No `from __future__ import annotations` here: a deployment's run validates its JSON parameters against
# the flow's signature, and Prefect cannot resolve postponed annotations such as "Path | None" ("define Path").
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger
from pydantic import BaseModel

from flows.embed import EmbedSummary, embed_flow
from flows.ingest import ingest_flow
from flows.stage import stage
from flows.train import train_flow
from storage.lock import exclusive_home
from storage.settings import load_settings
from tasks.ingest.summary import IngestSummary
from tasks.legal.summary import LegalSummary
from tasks.legal.tasks import run_legal_stage_task
from tasks.rank.tasks import rank_test_queries_task, write_search_table_task
from tasks.report.tasks import write_run_summary_task
from tasks.train.summary import TrainingSummary
from tasks.upkeep.edges import UpkeepSummary
from tasks.upkeep.tasks import check_stores_task


class NightlySummary(BaseModel):
    upkeep: UpkeepSummary
    ingest: IngestSummary
    embed: EmbedSummary
    training: TrainingSummary
    legal: LegalSummary
    ranking_path: str
    run_summary_path: str

    def lines(self) -> list[str]:
        return [self.upkeep.describe()] + self.ingest.lines() + [self.embed.images.describe(), self.embed.texts.describe(),
                                      self.training.describe(), self.legal.describe(),
                                      f"ranking: {self.ranking_path}"]


def nightly_run_name() -> str:
    """How the UI lists a night: "nightly 2026-12-01 practicum" — the run's date and the delivery's folder."""
    from prefect.runtime import flow_run

    data_dir = flow_run.parameters.get("data_dir") or load_settings().data_dir
    return f"nightly {datetime.now(timezone.utc):%Y-%m-%d} {Path(data_dir).name}"


@flow(name="nightly", flow_run_name=nightly_run_name)
def nightly_flow(data_dir: Path | None = None, home: Path | None = None, task_runner: str | None = None,
                 dask_address: str | None = None) -> NightlySummary:
    settings = load_settings(data_dir=data_dir, home=home, task_runner=task_runner,
                             dask_address=dask_address)  # read once, passed down
    run_at = datetime.now(timezone.utc)
    get_run_logger().info("data: %s; home: %s", settings.data_dir, settings.home)
    with exclusive_home(settings.catalog.lock, settings.lock_wait_seconds):  # one writer at a time
        with stage("store check", settings.home):
            upkeep = check_stores_task(settings)
        with stage("ingest", settings.home):
            ingest = ingest_flow(settings)
        with stage("embed", settings.home):
            embed = embed_flow(settings)
        with stage("train", settings.home):
            training = train_flow(settings)
        with stage("legal", settings.home):
            legal = run_legal_stage_task(settings, training.run_id)
        with stage("rank", settings.home):
            ranking_path = rank_test_queries_task(settings, training.run_id, run_at)
            write_search_table_task(settings)
        with stage("run summary", settings.home):
            run_summary = write_run_summary_task(settings, upkeep, ingest, embed.images, embed.texts, training,
                                                 legal, ranking_path)
    return NightlySummary(upkeep=upkeep, ingest=ingest, embed=embed, training=training, legal=legal,
                          ranking_path=ranking_path, run_summary_path=str(run_summary))
