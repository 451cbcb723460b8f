"""Ingest flow: one delivery → raw tables → checks and quarantine → staging → targets and captions → report."""

# No `from __future__ import annotations`: see flows/nightly.py (a served run resolves these annotations).

from datetime import datetime, timezone

from prefect import flow

from storage.settings import Settings
from tasks.ingest.edges import load_transaction
from tasks.ingest.sources import SOURCE_FILES
from tasks.ingest.summary import IngestSummary
from tasks.ingest.tasks import (build_marts_task, build_staging_task, inventory_images_task, parse_source_file_task,
                                previous_decode_verdicts_task, run_checks_task, store_delivery_task,
                                summarize_ingest_task, verify_delivery_unchanged_task)
from tasks.report.tasks import write_data_report_task


@flow(name="ingest", flow_run_name="ingest")
def ingest_flow(settings: Settings) -> IngestSummary:
    loaded_at = datetime.now(timezone.utc)
    known = previous_decode_verdicts_task(settings.catalog)
    image_files = inventory_images_task.submit(settings.data_dir, settings.io_workers, known)
    parsed = [parse_source_file_task.submit(settings.data_dir, source) for source in SOURCE_FILES]
    params = {
        "expert_weight": settings.expert_weight,
        "crowd_weight": settings.crowd_weight,
        "share_tolerance": settings.crowd_share_tolerance,
    }
    parsed_files, images = [future.result() for future in parsed], image_files.result()
    with load_transaction(settings.catalog) as con:
        loaded = store_delivery_task(con, parsed_files, images, loaded_at)
        found = run_checks_task(con, params, loaded_at)
        build_staging_task(con)
        marts = build_marts_task(con, params)
        summary = summarize_ingest_task(con, loaded, found, marts)
        verify_delivery_unchanged_task(settings.data_dir, parsed_files, images)  # before the load commits
    write_data_report_task(settings, summary)
    return summary
