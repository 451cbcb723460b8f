"""Fit model files (``Catalog.fit_model_folder``) and the registry tables `models` and `metrics`."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from storage import warehouse
from storage.catalog import Catalog


def save_model(catalog: Catalog, model_version: str, model) -> Path:
    """Write to a temporary folder, then rename: a half-written model is never registered or loaded."""
    folder = catalog.fit_model_folder(model_version)
    temporary = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(temporary, ignore_errors=True)
    try:
        model.save(temporary)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)  # a full disk must not leave half a model behind
        raise
    shutil.rmtree(folder, ignore_errors=True)
    temporary.rename(folder)
    return folder


def discard_model(catalog: Catalog, model_version: str) -> None:
    """Remove the files of a model that was saved but never registered (its run failed)."""
    shutil.rmtree(catalog.fit_model_folder(model_version), ignore_errors=True)


def load_model(kind: str, folder: Path):
    from models.fit.dual_encoder import DualEncoderFit
    from models.fit.linear import LinearFit
    from models.fit.mlp import MLPFit

    classes = {"linear": LinearFit, "mlp": MLPFit, "dual_encoder": DualEncoderFit}
    if kind not in classes:
        raise ValueError(f"unknown model kind {kind!r}")
    if not folder.is_dir():
        raise FileNotFoundError(f"model files missing: {folder}")
    return classes[kind].load(folder)


def create_registry(con: duckdb.DuckDBPyConnection) -> None:
    warehouse.run_sql(con, "registry/models")
    warehouse.run_sql(con, "registry/metrics")


def register_model(con: duckdb.DuckDBPyConnection, *, model_version: str, run_id: str, kind: str,
                   created_at: datetime, path: Path, params: dict, image_encoder: str, text_encoder: str,
                   training_fingerprint: str, is_challenger: bool, metrics: dict[str, float]) -> None:
    warehouse.append_rows(con, "models", pa.Table.from_pylist([{
        "model_version": model_version, "run_id": run_id, "kind": kind, "created_at": created_at,
        "path": str(path), "params": json.dumps(params, default=str), "image_encoder": image_encoder,
        "text_encoder": text_encoder, "training_fingerprint": training_fingerprint,
        "is_challenger": is_challenger, "is_champion": False, "is_pinned": False, "decision": None}]))
    warehouse.append_rows(con, "metrics", pa.Table.from_pylist([
        {"run_id": run_id, "model_version": model_version, "model": kind, "metric": name, "value": float(value),
         "recorded_at": created_at} for name, value in metrics.items()]))


def champion(con: duckdb.DuckDBPyConnection) -> dict | None:
    if not warehouse.table_exists(con, "models"):
        return None
    rows = warehouse.query_arrow(con, "registry/champion").to_pylist()
    return rows[0] if rows else None


def model_metrics(con: duckdb.DuckDBPyConnection, model_version: str) -> dict[str, float]:
    rows = warehouse.query_arrow(con, "registry/model_metrics", {"model_version": model_version}).to_pylist()
    return {row["metric"]: row["value"] for row in rows}


def set_champion(con: duckdb.DuckDBPyConnection, model_version: str, decision: str) -> None:
    warehouse.run_sql(con, "registry/set_champion", {"model_version": model_version})
    record_decision(con, model_version, decision)


def record_decision(con: duckdb.DuckDBPyConnection, model_version: str, decision: str) -> None:
    warehouse.run_sql(con, "registry/set_decision", {"decision": decision, "model_version": model_version})


def set_pinned(con: duckdb.DuckDBPyConnection, model_version: str | None) -> None:
    warehouse.run_sql(con, "registry/set_pinned", {"model_version": model_version or "", "pinned": model_version is not None})


def history(con: duckdb.DuckDBPyConnection) -> list[dict]:
    if not warehouse.table_exists(con, "models"):
        return []
    return warehouse.query_arrow(con, "registry/history").to_pylist()


def model_exists(con: duckdb.DuckDBPyConnection, model_version: str) -> bool:
    if not warehouse.table_exists(con, "models"):
        return False
    return bool(warehouse.query_row(con, "registry/model_count", {"model_version": model_version})["n"])


def scoring_candidates(con: duckdb.DuckDBPyConnection, image_encoder: str, text_encoder: str) -> list[dict]:
    """Registered models trained on these encoders: the champion first, then by out-of-fold MRR."""
    if not warehouse.table_exists(con, "models"):
        return []
    return warehouse.query_arrow(con, "registry/scoring_candidates",
                                 {"image_encoder": image_encoder, "text_encoder": text_encoder}).to_pylist()
