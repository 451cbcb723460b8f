"""The whole nightly with a CLIP model from a local folder: features follow what the encoder declares
(no label head: the vector alone), and the outputs keep the ranking contract."""

from __future__ import annotations

from pathlib import Path

import duckdb
import lancedb
import pytest

from flows.nightly import nightly_flow
from tasks.legal.rules import DISCLAIMER
from tasks.rank.scoring import RANKING_SCHEMA

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_the_nightly_runs_end_to_end_on_a_local_clip_folder(sample_dir: Path, tmp_path: Path, tiny_clip_folder: Path,
                                                           monkeypatch):
    monkeypatch.setenv("WITHSENSE_IMAGE_ENCODER", "clip")
    monkeypatch.setenv("WITHSENSE_TEXT_ENCODER", "clip")
    monkeypatch.setenv("WITHSENSE_ENCODER_FOLDER", str(tiny_clip_folder))
    summary = nightly_flow(data_dir=sample_dir, home=tmp_path)

    assert summary.embed.images.encoder_version.startswith("clip:tiny-clip@")
    images = lancedb.connect(str(tmp_path / "lancedb")).open_table("images").to_arrow()
    assert images.num_rows == 50 and images.column("top_labels").null_count == 50  # no label head
    assert len(images.column("vector")[0]) == 16
    assert not summary.training.skipped and summary.training.champion is not None
    assert set(summary.training.metrics) == {"linear", "mlp", "dual_encoder"}

    [path] = list((tmp_path / "parquet" / "rankings").glob("run_date=*/*.parquet"))
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{path}', hive_partitioning = false)").to_arrow_table()
    assert rows.schema.names == RANKING_SCHEMA.names + ["run_id"]
    ranking = rows.to_pylist()
    with duckdb.connect(str(tmp_path / "withsense.duckdb"), read_only=True) as con:
        query_ids = {query_id for (query_id,) in con.execute("SELECT query_id FROM stg_test_queries").fetchall()}
    assert {r["query_id"] for r in ranking} == query_ids and len(query_ids) == 50
    shown = [r for r in ranking if not r["query_blocked"]]
    blocked = [r for r in ranking if r["query_blocked"]]
    assert shown and all(r["rank"] is not None and 0 <= r["score"] <= 1 for r in shown)
    assert all(r["rank"] is None and r["image"] is None and r["disclaimer"] == DISCLAIMER for r in blocked)
    assert all((r["disclaimer"] == DISCLAIMER) == r["image_blocked"] for r in shown)
    per_query: dict[str, list[int]] = {}
    for r in shown:
        per_query.setdefault(r["query_id"], []).append(r["rank"])
    assert all(sorted(ranks) == list(range(1, 11)) for ranks in per_query.values())  # every test image, once
    assert (tmp_path / "reports" / "gallery" / "index.html").is_file()
