"""What the data report shows, read from the warehouse: the marts and a few aggregate queries."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from storage import warehouse
from tasks.child_terms import mentions_children


@dataclass
class DataProfile:
    targets: pd.DataFrame
    captions: pd.DataFrame
    crowd: pd.DataFrame
    deliveries: pd.DataFrame
    agreement: dict
    overlap: pd.DataFrame
    kappa: dict[str, float]
    model_metrics: pd.DataFrame  # latest training run: kind × metric (empty before the first run)


def profile_data(con: duckdb.DuckDBPyConnection) -> DataProfile:
    targets = warehouse.read_table(con, "targets")
    captions = warehouse.read_table(con, "captions")
    captions["mentions_children"] = captions["query_text"].map(mentions_children)
    agreement = warehouse.query_row(con, "report/expert_agreement")
    kappa = {}
    if len(targets) > 1:
        from sklearn.metrics import cohen_kappa_score  # heavy: only when a report is built

        for a, b in (("expert_1", "expert_2"), ("expert_1", "expert_3"), ("expert_2", "expert_3")):
            kappa[f"{a} vs {b}"] = float(cohen_kappa_score(targets[a], targets[b], weights="quadratic"))
    return DataProfile(
        targets=targets,
        captions=captions,
        crowd=warehouse.read_table(con, "stg_crowd_annotations"),
        deliveries=warehouse.read_table(con, "deliveries"),
        agreement=agreement,
        overlap=warehouse.run_sql(con, "report/expert_crowd_overlap").df(),
        kappa=kappa,
        model_metrics=latest_model_metrics(con),
    )


def latest_model_metrics(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    if not warehouse.table_exists(con, "models"):
        return pd.DataFrame()
    rows = warehouse.query_arrow(con, "report/latest_run_metrics").to_pandas()
    if rows.empty:
        return rows
    return rows.pivot_table(index="kind", columns="metric", values="value").reset_index()
