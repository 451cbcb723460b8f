"""The report stage's Prefect tasks: the data report after ingest, the run summary at the end of a run."""

from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from storage.artifacts import publish_link, publish_markdown, publish_table
from storage.retry import TRANSIENT_IO_RETRIES
from storage.settings import Settings
from tasks.embed.plan import IndexSummary
from tasks.ingest.summary import IngestSummary
from tasks.legal.summary import LegalSummary
from tasks.report import edges
from tasks.report.run_summary import legal_rows, model_metric_rows, render_run_summary, stage_row_counts
from tasks.train.summary import TrainingSummary
from tasks.upkeep.edges import UpkeepSummary


@task(name="write data report", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def write_data_report_task(settings: Settings, summary: IngestSummary) -> Path:
    path, markdown, rendered = edges.write_data_report(settings.catalog, settings, summary)
    publish_markdown("data-report", markdown, "Data report: load, quarantine, EDA and conclusions")
    get_run_logger().info("data report: %s%s", path, "" if rendered else " (data unchanged since the last report: kept)")
    return path


@task(name="write run summary", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def write_run_summary_task(settings: Settings, upkeep: UpkeepSummary, ingest: IngestSummary, images: IndexSummary,
                           texts: IndexSummary, training: TrainingSummary, legal: LegalSummary,
                           ranking_path: str) -> Path:
    """The run summary file, and what the operator reads on the run's page in the morning: rows per stage,
    the models' figures and the champion decision, the legal filter's figures, links to the outputs."""
    catalog = settings.catalog
    ranking = catalog.location(ranking_path)
    stage_lines = [upkeep.describe(), *ingest.lines(), images.describe(), texts.describe(), training.describe()]
    outputs = {"data report": str(catalog.data_report), "gallery": str(catalog.gallery_page),
               "ranking (Parquet)": ranking_path, "vector index (LanceDB)": str(catalog.vector_index),
               "warehouse (DuckDB)": str(catalog.warehouse)}
    models = edges.latest_models(catalog)
    markdown = render_run_summary(stage_lines, {m["kind"]: m["metrics"] for m in models}, training.reason,
                                  legal.describe(), outputs)
    path = edges.write_run_summary(catalog, markdown)
    publish_markdown("run-summary", markdown, "Run summary: stages, fit models, legal filter, outputs")
    publish_table("stage-row-counts", stage_row_counts(ingest, images, texts, training, legal,
                                                       edges.ranking_rows(ranking)),
                  "Rows per stage: read, quarantined, written, unchanged")
    publish_table("model-metrics", model_metric_rows(models),
                  f"Latest training's models; champion {training.champion}: {training.reason}")
    publish_table("legal-filter", legal_rows(legal), legal.describe())
    publish_link("ranking-parquet", ranking, "The night's ranking partition (Parquet)")
    publish_link("gallery", catalog.gallery_page, "The night's ranking as an HTML gallery")
    publish_link("data-report-file", catalog.data_report, "The delivery's data report (HTML)")
    get_run_logger().info("run summary: %s", path)
    return path
