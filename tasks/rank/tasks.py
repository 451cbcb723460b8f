"""The rank stage's Prefect task: the nightly ranking of every test query against every test image, for
downstream teams (Parquet, LanceDB) and for people (the gallery)."""

from __future__ import annotations

from datetime import datetime

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from models.encoders import encoder_versions_for
from storage.delivery import image_dir
from storage.retry import TRANSIENT_IO_RETRIES
from storage.settings import Settings
from tasks.rank import edges
from withsense import services


@task(name="rank test queries to Parquet", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def rank_test_queries_task(settings: Settings, run_id: str, run_at: datetime) -> str:
    queries = edges.test_queries(settings.catalog)
    ranked = services.rank_folder(settings, image_dir(settings.data_dir, "test"),
                                  [q["query_id"] for q in queries], [q["query_text"] for q in queries])
    path = edges.write_nightly_ranking(settings.catalog, ranked.ranking, ranked.scorer, ranked.images,
                                       run_at.strftime("%Y-%m-%d"), run_id)
    get_run_logger().info("ranking: %d rows → %s", ranked.ranking.num_rows, path)
    return str(path)


@task(name="write the search table", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def write_search_table_task(settings: Settings) -> int:
    """Every indexed image in the scoring model's joint space, for `search` and downstream teams; kept when
    the model, the images and their legal flags are the ones it was written from."""
    catalog = settings.catalog
    versions = encoder_versions_for(settings)
    model_version = edges.scoring_model(catalog, versions)["model_version"]
    inputs = edges.search_table_inputs(catalog, model_version, settings.search_ann_min_rows)
    memo = catalog.memo("search_table")
    kept = memo.recall(inputs) if inputs is not None else None
    edges.export_search_text_encoder(catalog, settings, versions[1])  # once per text encoder version
    if kept is not None and (kept["rows"] == 0 or (edges.search_table_exists(catalog)
                                                   and catalog.search_text_tower(model_version).is_file())):
        get_run_logger().info("search table unchanged (%d rows, model %s): kept", kept["rows"], model_version)
        return kept["rows"]
    rows = edges.write_search_table(catalog, edges.load_scorer(settings, reuse_indexed_texts=False),
                                    settings.search_ann_min_rows)
    memo.remember(inputs, {"rows": rows})
    get_run_logger().info("search table: %d images in the joint space of %s", rows, model_version)
    return rows
