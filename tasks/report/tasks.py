"""The report stage's Prefect tasks: the data report after ingest, the run summary at the end of a run."""

from __future__ import annotations

from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from storage.artifacts import publish_markdown
from storage.settings import Settings
from tasks.ingest.summary import IngestSummary
from tasks.report import edges
from tasks.report.run_summary import render_run_summary


@task(name="write data report", cache_policy=NO_CACHE)
def write_data_report_task(settings: Settings, summary: IngestSummary) -> Path:
    path, markdown, rendered = edges.write_data_report(settings.catalog, settings, summary)
    publish_markdown("data-report", markdown, "Data report: load, quarantine, EDA and conclusions")
    get_run_logger().info("data report: %s%s", path, "" if rendered else " (data unchanged since the last report: kept)")
    return path


@task(name="write run summary", cache_policy=NO_CACHE)
def write_run_summary_task(settings: Settings, stage_lines: list[str], decision: str, legal_line: str,
                           ranking_path: str) -> Path:
    catalog = settings.catalog
    outputs = {"data report": str(catalog.data_report), "gallery": str(catalog.gallery_page),
               "ranking (Parquet)": ranking_path, "vector index (LanceDB)": str(catalog.vector_index),
               "warehouse (DuckDB)": str(catalog.warehouse)}
    markdown = render_run_summary(stage_lines, edges.latest_model_metrics(catalog), decision, legal_line, outputs)
    path = edges.write_run_summary(catalog, markdown)
    publish_markdown("run-summary", markdown, "Run summary: stages, fit models, legal filter, outputs")
    get_run_logger().info("run summary: %s", path)
    return path
