"""The rank stage's Prefect task: the nightly ranking of every test query against every test image, for
downstream teams (Parquet, LanceDB) and for people (the gallery)."""

from __future__ import annotations

from datetime import datetime

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

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
