"""Training, registry, champion and the evaluation contract (rank, score, metrics, models) on the sample."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.nightly import nightly_flow
from storage import model_store, warehouse
from tasks.legal.rules import DISCLAIMER
from tasks.rank.scoring import RANKING_SCHEMA

pytestmark = pytest.mark.usefixtures("prefect_server")


def withsense(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "withsense.cli", *args], capture_output=True, text=True, timeout=600)


def registry(home: Path) -> list[dict]:
    with warehouse.reading(home / "withsense.duckdb") as con:
        return model_store.history(con)


def test_a_run_registers_three_models_with_metrics_and_one_champion(sample_home: Path):
    models = registry(sample_home)
    assert sorted(m["kind"] for m in models) == ["dual_encoder", "linear", "mlp"]
    assert sum(m["is_champion"] for m in models) == 1 and sum(m["is_challenger"] for m in models) == 1
    con = duckdb.connect(str(sample_home / "withsense.duckdb"), read_only=True)
    metrics = {r[0] for r in con.execute("SELECT DISTINCT metric FROM metrics").fetchall()}
    con.close()
    assert {"oof_rmse", "oof_mae", "oof_expert_tau_c", "oof_crowd_tau_b", "oof_R@1", "oof_MRR",
            "test_R@1", "test_R@5", "test_R@10", "test_median_rank", "test_MRR", "test_nDCG@10"} <= metrics


def test_the_nightly_ranking_is_parquet_partitioned_by_run_date(sample_home: Path):
    [path] = list((sample_home / "parquet" / "rankings").glob("run_date=*/*.parquet"))
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{path}', hive_partitioning = true)").df()
    assert rows["run_id"].nunique() == 1 and rows["run_date"].nunique() == 1 and rows["query_id"].nunique() == 50
    free = rows[~rows["query_blocked"]]
    assert set(free.groupby("query_id")["rank"].apply(sorted).map(tuple)) == {tuple(range(1, 11))}
    assert free["score"].between(0, 1).all()
    assert len(rows) == len(free) + rows[rows["query_blocked"]]["query_id"].nunique()


def test_rank_cli_follows_the_contract_and_reuses_indexed_vectors(sample_home: Path, sample_dir: Path, tmp_path: Path):
    queries = tmp_path / "q.csv"
    queries.write_text("query_id,query_text\nq1,A dog runs on the grass .\nq2,\"Two people , one in red .\"\n")
    out = tmp_path / "ranked.parquet"
    result = withsense("rank", "--home", str(sample_home), "--images", str(sample_dir / "test_images"),
                       "--queries", str(queries), "--out", str(out), "--top-k", "4")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "10 vectors reused from the index" in result.stdout
    table = duckdb.sql(f"SELECT * FROM '{out}' ORDER BY query_id, rank").to_arrow_table()
    assert table.schema.names == RANKING_SCHEMA.names
    rows = table.to_pylist()
    assert len(rows) == 8 and [r["rank"] for r in rows[:4]] == [1, 2, 3, 4]
    assert all(r["score"] >= s["score"] for r, s in zip(rows[:3], rows[1:4]))
    assert not any(r["query_blocked"] for r in rows)  # neither query is about children
    assert all((r["disclaimer"] == DISCLAIMER) == r["image_blocked"] for r in rows)
    assert DISCLAIMER == "This image is unavailable in your country in compliance with local laws."


def test_rank_embeds_new_images_and_skips_unreadable_ones(sample_home: Path, sample_dir: Path, tmp_path: Path):
    folder = tmp_path / "new"
    folder.mkdir()
    source = sorted((sample_dir / "train_images").glob("*.jpg"))[0]
    from PIL import Image

    Image.open(source).rotate(90, expand=True).save(folder / "rotated.jpg")  # bytes the index has never seen
    shutil.copy(source, folder / "indexed.jpg")
    (folder / "broken.jpg").write_bytes(source.read_bytes()[:1500])
    queries = tmp_path / "q.csv"
    queries.write_text("query_id,query_text\nq1,a dog\n")
    out = tmp_path / "o.parquet"
    result = withsense("rank", "--home", str(sample_home), "--images", str(folder), "--queries", str(queries),
                       "--out", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "1 vectors reused from the index, 1 unreadable" in result.stdout
    assert sorted(duckdb.sql(f"SELECT image FROM '{out}'").fetchall()) == [("indexed.jpg",), ("rotated.jpg",)]


def test_rank_refuses_a_legal_classifier_that_reads_another_width_and_says_what_to_run(
        sample_home: Path, sample_dir: Path, tmp_path: Path):
    """A HOME whose stored image classifier was fitted on other inputs (an older version read the fit models'
    wider features) is refused with a message, not a scikit-learn traceback, when `rank` meets new bytes."""
    import pickle

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from storage.settings import load_settings
    from tasks.legal.rules import ImageClassifier

    home = tmp_path / "home"
    shutil.copytree(sample_home, home, ignore=shutil.ignore_patterns(".lock"))
    stored = load_settings(home=home).catalog.legal_image_classifier
    wider = np.random.default_rng(0).normal(size=(8, 2048))
    stored.write_bytes(pickle.dumps(ImageClassifier(LogisticRegression().fit(wider, [0, 1] * 4), threshold=0.5)))
    folder = tmp_path / "new"
    folder.mkdir()
    from PIL import Image

    Image.open(sorted((sample_dir / "train_images").glob("*.jpg"))[0]).rotate(90, expand=True).save(folder / "r.jpg")
    queries = tmp_path / "q.csv"
    queries.write_text("query_id,query_text\nq1,a dog\n")
    result = withsense("rank", "--home", str(home), "--images", str(folder), "--queries", str(queries),
                       "--out", str(tmp_path / "o.parquet"))
    assert result.returncode == 1, result.stderr[-2000:]
    assert "reads 2048 values per image, the index's vectors have 1280" in result.stderr
    assert "run `withsense run`" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o.parquet").exists()


def test_score_cli_scores_pairs_in_0_1(sample_home: Path, sample_dir: Path, tmp_path: Path):
    image = sorted((sample_dir / "test_images").glob("*.jpg"))[0]
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(f"image_path,query_text\n{image},a dog\n{image},a man on a bike\n")
    out = tmp_path / "scored.parquet"
    result = withsense("score", "--home", str(sample_home), "--pairs", str(pairs), "--out", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    scores = [r[0] for r in duckdb.sql(f"SELECT score FROM '{out}'").fetchall()]
    assert len(scores) == 2 and all(0 <= s <= 1 for s in scores)


def test_metrics_cli_prints_the_champions_figures_as_json(sample_home: Path):
    result = withsense("metrics", "--home", str(sample_home), "--json")
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    assert payload["kind"] == "dual_encoder" and "oof_expert_tau_c" in payload["metrics"]
    # Both protocols, each a mean with its seeds' spread.
    figures = payload["metrics"]
    assert {"oof_clean_expert_tau_c", "oof_clean_expert_tau_c_sd", "oof_clean_crowd_tau_b", "oof_crowd_tau_b_sd",
            "oof_clean_MRR", "test_R@1_sd"} <= set(figures) and figures["seeds"] == 3


def test_metrics_cli_prints_every_model_of_the_latest_training(sample_home: Path):
    result = withsense("metrics", "--home", str(sample_home), "--json", "--all")
    assert result.returncode == 0, result.stderr[-2000:]
    models = json.loads(result.stdout)["models"]
    assert sorted(m["kind"] for m in models) == ["dual_encoder", "linear", "mlp"]
    assert sum(m["is_champion"] for m in models) == 1
    for model in models:
        assert {"oof_clean_expert_tau_c", "oof_expert_tau_c", "oof_clean_crowd_tau_b", "oof_crowd_tau_b",
                "oof_clean_expert_tau_c_sd"} <= set(model["metrics"])


def test_cf_analysis_breaks_down_the_nightly_dual_encoders_own_out_of_fold_crowd_figure(sample_home: Path):
    result = withsense("cf-analysis", "--home", str(sample_home))
    assert result.returncode == 0, result.stderr[-3000:]
    figures = {}
    for line in result.stdout.splitlines()[1:]:
        label, value = line.rsplit(None, 1)
        figures[label.strip()] = float(value)
    # The same folds, epochs and model as the nightly: its CF τb is the registered out-of-fold figure.
    dual = next(row for row in registry(sample_home) if row["kind"] == "dual_encoder")
    with warehouse.reading(sample_home / "withsense.duckdb") as con:
        registered = model_store.model_metrics(con, dual["model_version"])["oof_crowd_tau_b"]
    assert figures["CF tau_b, all pairs"] == pytest.approx(registered, abs=0.05)
    assert figures["CF tau_b if every own caption were ranked first"] >= figures["CF tau_b, all pairs"]
    assert "own captions" in result.stdout.splitlines()[0]


@pytest.mark.parametrize("args, message", [
    (("rank", "--images", "/nowhere", "--queries", "/nowhere.csv", "--out", "/tmp/x.parquet"), "no such file"),
    (("metrics",), "no warehouse"),
    (("cf-analysis",), "no warehouse"),
])
def test_contract_commands_fail_clearly(args, message, tmp_path):
    result = withsense(*args, "--home", str(tmp_path))
    assert result.returncode == 1 and message in result.stderr


def test_a_rerun_skips_training_and_pinning_keeps_a_champion(sample_dir: Path, tmp_path: Path):
    first = nightly_flow(data_dir=sample_dir, home=tmp_path)
    assert not first.training.skipped
    second = nightly_flow(data_dir=sample_dir, home=tmp_path)
    assert second.training.skipped and second.training.champion == first.training.champion
    assert not first.legal.skipped and second.legal.skipped
    assert second.legal.n_images_blocked == first.legal.n_images_blocked
    linear = f"{first.training.run_id}-linear"
    pinned = withsense("models", "pin", linear, "--home", str(tmp_path))
    assert pinned.returncode == 0, pinned.stderr
    listing = withsense("models", "--home", str(tmp_path)).stdout
    assert any(line.startswith(linear) and "yes" in line for line in listing.splitlines())
    assert withsense("models", "pin", "no-such-version", "--home", str(tmp_path)).returncode == 1


def test_the_ui_lists_the_night_by_its_date_and_delivery(sample_home: Path):
    import asyncio
    from datetime import datetime, timezone

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    async def nightly_names() -> list[str]:
        async with get_client() as client:
            runs = await client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["nightly"])))
            return [run.name for run in runs]

    assert f"nightly {datetime.now(timezone.utc):%Y-%m-%d} sample" in asyncio.run(nightly_names())
