"""The search table: every indexed image in the champion's joint space, written by the nightly, queried by
`search` with only the text tower and a LanceDB nearest-neighbour lookup."""

from __future__ import annotations

import shutil
from pathlib import Path

import lancedb
import numpy as np
import pyarrow as pa

from storage import vectors
from storage.settings import load_settings
from tasks.rank import edges as rank_edges
from tasks.rank.search import SearchIndex, TableSearch
from withsense import services

QUERIES = ["a dog runs on the grass", "a man rides a bike down a hill", "people walk in a busy city street",
           "a surfer rides a wave", "a black and white dog jumps"]


def _tables(home: Path) -> tuple[pa.Table, pa.Table]:
    db = lancedb.connect(str(home / "lancedb"))
    return db.open_table("image_search").to_arrow(), db.open_table("images").to_arrow()


def test_the_nightly_writes_every_indexed_image_in_the_champions_joint_space(sample_home: Path):
    search, images = _tables(sample_home)
    champion, _ = services.champion_metrics(load_settings(home=sample_home))
    assert sorted(search.column("image_id").to_pylist()) == sorted(images.column("image_id").to_pylist())
    assert set(search.column("model_version").to_pylist()) == {champion["model_version"]}
    matrix = np.stack(search.column("vector").to_numpy(zero_copy_only=False))
    np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-4)
    flags = dict(zip(images.column("image_id").to_pylist(), images.column("is_blocked").to_pylist()))
    assert all(flags[i] == b for i, b in zip(search.column("image_id").to_pylist(),
                                              search.column("is_blocked").to_pylist()))


def test_table_search_ranks_like_the_search_built_in_process(sample_home: Path):
    settings = load_settings(home=sample_home)
    from_table = services.open_search(settings)
    assert isinstance(from_table, TableSearch) and from_table.n_images == 50
    assert type(from_table.text_encoder.encoder).__name__ == "OnnxSentenceEncoder"  # no torch in a search process
    scorer = rank_edges.load_scorer(settings, reuse_indexed_texts=False)
    built = services._built_search(settings, scorer, from_table.query_filter,
                                   vectors.connect(settings.catalog.vector_index))
    for query in QUERIES:
        a, b = from_table.search(query, 10), built.search(query, 10)
        assert a.blocked == b.blocked
        np.testing.assert_allclose([h.score for h in a.hits], [h.score for h in b.hits], atol=1e-5)
        # Equal scores may swap places; every hit of one is a hit of the other at the same score (to 1e-5:
        # rounding both to 5 digits can split two equal scores across a rounding boundary).
        def each_found_in(x, y):
            return all(any(h.image_id == g.image_id and abs(h.score - g.score) <= 1e-5 for g in y.hits)
                       for h in x.hits)
        assert each_found_in(a, b) and each_found_in(b, a)
        assert [h.blocked for h in a.hits if h.blocked] == [h.blocked for h in b.hits if h.blocked]


def test_a_search_table_of_another_model_is_not_used(sample_home: Path, tmp_path: Path):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home, ignore=shutil.ignore_patterns(".lock"))
    db = lancedb.connect(str(home / "lancedb"))
    stale = db.open_table("image_search").to_arrow()
    stale = stale.set_column(stale.schema.get_field_index("model_version"), "model_version",
                             pa.array(["another-model"] * stale.num_rows))
    vectors.replace_table(db, "image_search", stale)
    assert isinstance(services.open_search(load_settings(home=home)), SearchIndex)


def test_without_its_text_side_the_table_is_not_used(sample_home: Path, tmp_path: Path):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home, ignore=shutil.ignore_patterns(".lock"))
    for tower in (home / "models" / "search").rglob("text_tower.npz"):
        tower.unlink()
    assert isinstance(services.open_search(load_settings(home=home)), SearchIndex)


def test_a_large_search_table_gets_an_ann_index_that_search_uses(sample_home: Path, tmp_path: Path):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home, ignore=shutil.ignore_patterns(".lock"))
    settings = load_settings(home=home, search_ann_min_rows=10)  # 50 rows count as "large" here
    scorer = rank_edges.load_scorer(settings, reuse_indexed_texts=False)
    assert rank_edges.write_search_table(settings.catalog, scorer, settings.search_ann_min_rows) == 50
    table = vectors.connect(settings.catalog.vector_index).open_table("image_search")
    assert vectors.has_vector_index(table)
    [index] = table.list_indices()
    assert index.index_type == "IvfHnswSq"

    search = services.open_search(settings)
    assert isinstance(search, TableSearch)
    for query in QUERIES:
        found = search.search(query, 5)
        if found.blocked:
            continue
        vector = search.tower.embed_texts(search.text_encoder.encode([query]))[0]
        exact = vectors.nearest(table, vector, 5, ["image_id"], exact=True).column("image_id").to_pylist()
        shown = [h.image_id for h in found.hits if h.image_id]  # blocked images are shown as the disclaimer
        assert len(set(shown) & set(exact)) >= len(shown) - 1  # the ANN answer is (nearly) the exact one


def test_below_the_threshold_no_index_is_built_and_the_plan_follows_the_rows():
    assert vectors.ann_index_plan(99_999, 768) is None
    plan = vectors.ann_index_plan(1_000_000, 768)
    assert plan.index_type == "IVF_HNSW_SQ" and plan.num_partitions == 1 and plan.nprobes == 1
    assert vectors.ann_index_plan(4_000_000, 768).nprobes == 2
    large = vectors.ann_index_plan(40_000_000, 768)
    assert large.num_partitions == 20 and large.nprobes == 5
