"""The nightly ranking for downstream teams: every test query against every test image, in Parquet."""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE

from storage import parquet, vectors, warehouse
from storage.delivery import image_dir
from storage.settings import Settings
from tasks.gallery import render_gallery
from tasks.rank import image_files, image_set, legal_flags, load_scorer, rank_images


def with_query_vectors(ranking: pa.Table, texts: list[str], scorer) -> pa.Table:
    """The ranking rows with each query's text vector, for search-by-vector users of LanceDB."""
    unique = list(dict.fromkeys(texts))
    encoded = dict(zip(unique, scorer.text_encoder.encode(unique)))
    dimension = len(next(iter(encoded.values())))
    rows = [encoded[t] for t in ranking.column("query_text").to_pylist()]
    return ranking.append_column("vector", vectors.vector_column(rows, dimension))


def rank_test_queries(settings: Settings, run_id: str, run_at: datetime) -> tuple[pa.Table, str]:
    scorer = load_scorer(settings)
    with warehouse.reading(settings.duckdb_path) as con:
        queries = warehouse.query_arrow(con, "train/test_queries").to_pylist()
    images = image_set(settings, image_files(image_dir(settings.data_dir, "test")), scorer.text_encoder)
    texts = [q["query_text"] for q in queries]
    flags = legal_flags(settings, scorer, images, texts)
    ranking = rank_images(scorer, images, [q["query_id"] for q in queries], texts,
                          query_blocked=flags.query_blocked, image_blocked=flags.image_blocked)
    ranking = ranking.append_column("run_id", pa.array([run_id] * ranking.num_rows, pa.string()))
    path = parquet.ranking_partition(settings.parquet_dir, run_at.strftime("%Y-%m-%d"), run_id)
    parquet.write_parquet_atomically(ranking, path)
    vectors.replace_ranking(vectors.connect(settings.lancedb_dir), with_query_vectors(ranking, texts, scorer))
    render_gallery(ranking, dict(zip(images.image_ids, images.paths)), settings.gallery_dir, scorer.model_version)
    return ranking, str(path)


@task(name="rank test queries to Parquet", cache_policy=NO_CACHE)
def rank_test_queries_task(settings: Settings, run_id: str, run_at: datetime) -> str:
    ranking, path = rank_test_queries(settings, run_id, run_at)
    print(f"ranking: {ranking.num_rows} rows → {path}")
    return path
