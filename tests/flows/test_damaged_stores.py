"""A nightly run on a HOME whose warehouse and index are damaged: detected, reported, rebuilt from the
delivery, with nothing deleted by hand."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.nightly import nightly_flow

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_a_damaged_warehouse_and_index_table_are_set_aside_and_rebuilt(sample_dir: Path, tmp_path: Path):
    first = nightly_flow(data_dir=sample_dir, home=tmp_path)
    (tmp_path / "withsense.duckdb").write_bytes(b"half-copied bytes" * 1000)
    for data_file in (tmp_path / "lancedb" / "images.lance" / "data").glob("*.lance"):
        data_file.write_bytes(data_file.read_bytes()[:100])

    second = nightly_flow(data_dir=sample_dir, home=tmp_path)

    assert set(second.upkeep.set_aside) == {str(tmp_path / "withsense.duckdb"), "LanceDB table images"}
    assert "stores set aside to be rebuilt from the delivery" in second.lines()[0]
    assert list(tmp_path.glob("withsense.duckdb.corrupt-*")) and list((tmp_path / "lancedb").glob("images.lance.corrupt-*"))
    # Rebuilt: every image embedded again, the models trained again, the legal decisions taken again.
    assert second.embed.images.n_embedded == 50 and second.embed.texts.n_embedded == 0
    assert not second.training.skipped and not second.legal.skipped
    assert second.legal.n_images_blocked == first.legal.n_images_blocked
    assert second.ingest.mart_rows == first.ingest.mart_rows
    with duckdb.connect(str(tmp_path / "withsense.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM image_legal").fetchone()[0] == 50
        assert con.execute("SELECT count(*) FROM models WHERE is_champion").fetchone()[0] == 1
    [(rows,)] = duckdb.sql(f"SELECT count(*) FROM read_parquet('{second.ranking_path}')").fetchall()
    [(rows_before,)] = duckdb.sql(f"SELECT count(*) FROM read_parquet('{first.ranking_path}')").fetchall()
    assert rows == rows_before
