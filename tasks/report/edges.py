"""The report stage's edges: the data profile from the warehouse, the latest models' figures from the
registry, and the report files (kept when their inputs did not change)."""

from __future__ import annotations

from pathlib import Path

from storage import files, warehouse
from storage.catalog import Catalog
from storage.locations import Location
from storage.memo import code_fingerprint, fingerprint
from storage.settings import Settings
from tasks.ingest.summary import IngestSummary
from tasks.legal.child_terms import mentions_children
from tasks.report.profile import DataProfile
from tasks.report.render import render_data_report, render_markdown_summary

# The code the data report is a function of: a change to any of it renders the report again.
REPORT_CODE = ("tasks/report", "sql/report")


def profile_data(con) -> DataProfile:
    targets = warehouse.read_table(con, "targets")
    captions = warehouse.read_table(con, "captions")
    captions["mentions_children"] = captions["query_text"].map(mentions_children)
    kappa = {}
    if len(targets) > 1:
        from sklearn.metrics import cohen_kappa_score  # heavy: only when a report is built

        for a, b in (("expert_1", "expert_2"), ("expert_1", "expert_3"), ("expert_2", "expert_3")):
            kappa[f"{a} vs {b}"] = float(cohen_kappa_score(targets[a], targets[b], weights="quadratic"))
    return DataProfile(
        targets=targets, captions=captions, crowd=warehouse.read_table(con, "stg_crowd_annotations"),
        deliveries=warehouse.read_table(con, "deliveries"), agreement=warehouse.query_row(con, "report/expert_agreement"),
        overlap=warehouse.run_sql(con, "report/expert_crowd_overlap").df(), kappa=kappa,
    )


def write_data_report(catalog: Catalog, settings: Settings, summary: IngestSummary) -> tuple[Path, str, bool]:
    """Render and write the report; returns (path, markdown summary, whether it was rendered anew).

    When nothing it depends on changed since the last report (the delivery's content, the load's outcome,
    the settings that shape the targets, the report's code), that report is kept as it is.
    """
    with warehouse.reading(catalog.warehouse) as con:
        delivery = warehouse.query_row(con, "report/delivery_fingerprint")["fingerprint"]
        inputs = fingerprint("data_report", delivery, summary.model_dump(), settings.expert_weight,
                             settings.crowd_weight, code_fingerprint(*REPORT_CODE))
        kept = catalog.memo("data_report").recall(inputs)
        if kept is not None and catalog.data_report.exists():
            return catalog.data_report, kept["markdown"], False
        profile = profile_data(con)
    files.write_text(catalog.data_report, render_data_report(profile, summary))
    markdown = render_markdown_summary(profile, summary, str(catalog.data_report))
    catalog.memo("data_report").remember(inputs, {"markdown": markdown})
    return catalog.data_report, markdown, True


def latest_models(catalog: Catalog) -> list[dict]:
    """The latest training run's models: kind, model_version, is_champion and metric → value (empty before
    the first training)."""
    with warehouse.reading(catalog.warehouse) as con:
        if not warehouse.table_exists(con, "models"):
            return []
        rows = warehouse.query_arrow(con, "report/latest_run_metrics").to_pylist()
    models: dict[str, dict] = {}
    for row in rows:
        model = models.setdefault(row["kind"], {"kind": row["kind"], "model_version": row["model_version"],
                                                "is_champion": bool(row["is_champion"]), "metrics": {}})
        model["metrics"][row["metric"]] = row["value"]
    return list(models.values())


def latest_model_metrics(catalog: Catalog) -> dict[str, dict[str, float]]:
    """kind → metric → value of the latest training run's models (empty before the first one)."""
    return {model["kind"]: model["metrics"] for model in latest_models(catalog)}


def ranking_rows(path: Location) -> int:
    """Rows of a written ranking partition (from its Parquet footer)."""
    return files.parquet_rows(path)


def write_run_summary(catalog: Catalog, markdown: str) -> Path:
    return files.write_text(catalog.run_summary, markdown)
