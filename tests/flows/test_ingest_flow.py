"""The ingest flow end to end, under a real (temporary) Prefect server."""

from __future__ import annotations

from pathlib import Path

import pytest

from faults import copy_delivery, plant_faults
from flows.ingest import ingest_flow
from storage import warehouse
from storage.delivery import DeliveryChangedError, DeliveryStructureError
from storage.settings import load_settings


def ingest(data_dir: Path, home: Path):
    return ingest_flow(load_settings(data_dir=data_dir, home=home))

pytestmark = pytest.mark.usefixtures("prefect_server")

RAW_TABLES = ("raw_train_pairs", "raw_expert_annotations", "raw_crowd_annotations", "raw_test_queries",
              "raw_test_images")


def table_rows(home: Path, table: str) -> list[tuple]:
    with warehouse.reading(load_settings(home=home).catalog.warehouse) as con:
        return con.execute(f"SELECT * EXCLUDE (source_file) FROM {table} ORDER BY ALL").fetchall() \
            if table.startswith(("raw_", "stg_")) else con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def scalar(home: Path, sql: str):
    with warehouse.reading(load_settings(home=home).catalog.warehouse) as con:
        return con.execute(sql).fetchall()[0][0]


def test_the_sample_loads_verifies_and_builds_targets_and_a_report(sample_dir: Path, tmp_path: Path):
    summary = ingest(data_dir=sample_dir, home=tmp_path)
    assert summary.loaded_rows == {"train_dataset.csv": 244, "ExpertAnnotations.tsv": 244,
                                   "CrowdAnnotations.tsv": 2330, "test_queries.csv": 50, "test_images.csv": 10}
    assert summary.n_quarantined == 0
    assert summary.mart_rows["targets"] == 244
    assert 0 <= summary.min_target <= summary.max_target <= 1 and summary.n_targets_out_of_range == 0
    assert scalar(tmp_path, "SELECT count(*) FROM deliveries WHERE length(sha256) = 64") == 5
    report = (tmp_path / "reports" / "data_report.html").read_text()
    assert report.count("data:image/png;base64,") == 5
    assert "Conclusions" in report and "Quarantine" in report


def test_loading_the_same_delivery_twice_gives_the_same_tables(sample_dir: Path, tmp_path: Path):
    ingest(data_dir=sample_dir, home=tmp_path)
    first = {t: table_rows(tmp_path, t) for t in (*RAW_TABLES, "targets", "captions", "image_files")}
    ingest(data_dir=sample_dir, home=tmp_path)
    second = {t: table_rows(tmp_path, t) for t in first}
    assert first == second
    assert scalar(tmp_path, "SELECT count(*) FROM deliveries") == 5


def test_planted_faults_are_quarantined_with_reasons_and_every_good_row_loads(sample_dir: Path, tmp_path: Path):
    delivery = copy_delivery(sample_dir, tmp_path / "faulty")
    planted = plant_faults(delivery)
    summary = ingest(data_dir=delivery, home=tmp_path / "home")
    home = tmp_path / "home"
    quarantine = table_rows(home, "quarantine")
    caught = {row[0] for row in quarantine}
    assert set(planted) <= caught
    # Each planted line is there, under its check, with a readable reason.
    by_check = {}
    for check, file, line, reason, *_ in quarantine:
        by_check.setdefault(check, []).append((file, line, reason))
    expert_lines = len((delivery / "ExpertAnnotations.tsv").read_text().splitlines())
    assert ("ExpertAnnotations.tsv", expert_lines - 2, "4 fields, expected 5") in by_check["parse"]
    assert ("ExpertAnnotations.tsv", expert_lines - 1, "expert scores must be 1..4, got 7, 2, 2") in by_check["expert_scores_in_range"]
    assert any(f == "ExpertAnnotations.tsv" and l == expert_lines and r.startswith("duplicate of line")
               for f, l, r in by_check["duplicate_keys"])
    assert any(f == "CrowdAnnotations.tsv" and "is not of the form <image>#<n>" in r for f, l, r in by_check["query_id_format"])
    broken = planted["image_files_decode"]
    assert by_check["image_files_decode"] == [(f"train_images/{broken}", None, by_check["image_files_decode"][0][2])]
    assert "truncated" in by_check["image_files_decode"][0][2]

    # Every good row loaded: the staged rows are all rows except those quarantined.
    original = ingest(data_dir=sample_dir, home=tmp_path / "clean")
    referencing_broken = {
        file: sum(1 for line in (sample_dir / file).read_text().splitlines() if line.split(sep)[0] == broken)
        for file, sep in (("train_dataset.csv", ","), ("ExpertAnnotations.tsv", "\t"), ("CrowdAnnotations.tsv", "\t"))
    }
    assert summary.staged_rows["train_dataset.csv"] == original.staged_rows["train_dataset.csv"] - referencing_broken["train_dataset.csv"]
    assert summary.staged_rows["ExpertAnnotations.tsv"] == original.staged_rows["ExpertAnnotations.tsv"] - referencing_broken["ExpertAnnotations.tsv"]
    assert summary.staged_rows["CrowdAnnotations.tsv"] == original.staged_rows["CrowdAnnotations.tsv"] - referencing_broken["CrowdAnnotations.tsv"]
    assert summary.staged_rows["test_queries.csv"] == 50


def test_a_structural_problem_fails_with_file_and_line_and_leaves_the_previous_load_intact(sample_dir, tmp_path):
    home = tmp_path / "home"
    ingest(data_dir=sample_dir, home=home)
    before = table_rows(home, "targets")
    report_before = (home / "reports" / "data_report.html").read_bytes()

    delivery = copy_delivery(sample_dir, tmp_path / "broken")
    train = delivery / "train_dataset.csv"
    train.write_text(train.read_text().replace("image,query_id,query_text", "image;query_id;query_text", 1))
    with pytest.raises(DeliveryStructureError, match=r"train_dataset.csv, line 1: header has 1 columns"):
        ingest(data_dir=delivery, home=home)
    assert table_rows(home, "targets") == before
    assert (home / "reports" / "data_report.html").read_bytes() == report_before


@pytest.mark.parametrize("replaced", ["ExpertAnnotations.tsv", "train_images"])
def test_a_delivery_file_replaced_while_the_run_reads_it_stops_the_load(replaced, sample_dir, tmp_path, monkeypatch):
    """Another delivery is copied in over this one while the run reads it: the load stops, naming the file,
    and the previous load stays as it was."""
    from tasks.ingest import edges

    home = tmp_path / "home"
    ingest(data_dir=sample_dir, home=home)
    before = table_rows(home, "targets")
    delivery = copy_delivery(sample_dir, tmp_path / "delivery")
    if replaced == "train_images":
        victim = sorted((delivery / "train_images").iterdir())[0]
        new_bytes = sorted((delivery / "test_images").iterdir())[0].read_bytes()
    else:
        victim = delivery / replaced
        new_bytes = victim.read_bytes().replace(b"\t1\t", b"\t2\t", 1)
    store = edges.store_delivery

    def store_while_a_copy_lands(con, parsed_files, image_files, loaded_at):
        loaded = store(con, parsed_files, image_files, loaded_at)
        victim.unlink()  # the file is replaced after the run read it (a symlinked image too)
        victim.write_bytes(new_bytes)
        return loaded

    monkeypatch.setattr(edges, "store_delivery", store_while_a_copy_lands)
    with pytest.raises(DeliveryChangedError, match=rf"{victim.name}: changed while the run read it"):
        ingest(data_dir=delivery, home=home)
    assert table_rows(home, "targets") == before


def test_an_unchanged_delivery_is_checked_file_by_file(sample_dir: Path):
    from tasks.ingest import edges
    from tasks.ingest.sources import SOURCE_FILES

    parsed = [edges.read_source_file(sample_dir, source) for source in SOURCE_FILES]
    images = edges.inventory_images(sample_dir, workers=2)
    assert edges.verify_delivery_unchanged(sample_dir, parsed, images) == 5 + images.num_rows


@pytest.mark.full_data
def test_the_full_dataset_loads_with_the_published_counts(full_data_dir: Path, tmp_path: Path):
    summary = ingest(data_dir=full_data_dir, home=tmp_path)
    assert summary.loaded_rows == {"train_dataset.csv": 5822, "ExpertAnnotations.tsv": 5822,
                                   "CrowdAnnotations.tsv": 47830, "test_queries.csv": 500, "test_images.csv": 100}
    assert summary.n_quarantined == 0 and summary.n_image_files == 1100
    assert summary.mart_rows == {"captions": 977 + 500, "targets": 5822}
    assert summary.min_target >= 0 and summary.max_target <= 1 and summary.n_targets_out_of_range == 0
    assert scalar(tmp_path, "SELECT count(*) FROM targets WHERE crowd_share IS NOT NULL") == 2329
    assert scalar(tmp_path, "SELECT count(*) FROM targets WHERE is_own_caption") == 158


@pytest.mark.full_data
def test_planted_faults_in_a_copy_of_the_full_dataset(full_data_dir: Path, tmp_path: Path):
    delivery = copy_delivery(full_data_dir, tmp_path / "faulty")
    planted = plant_faults(delivery)
    summary = ingest(data_dir=delivery, home=tmp_path / "home")
    assert set(planted) <= set(k for k, v in summary.quarantined_by_check.items() if v)
    assert summary.quarantined_by_check["parse"] == 1
    assert summary.quarantined_by_check["expert_scores_in_range"] == 1
    assert summary.quarantined_by_check["duplicate_keys"] == 1
    assert summary.quarantined_by_check["query_id_format"] == 1
    assert summary.quarantined_by_check["image_files_decode"] == 1
    # the good rows: all 5822 expert rows but those referencing the truncated image
    broken = planted["image_files_decode"]
    n_broken = sum(1 for line in (full_data_dir / "ExpertAnnotations.tsv").read_text().splitlines()
                   if line.split("\t")[0] == broken)
    assert summary.staged_rows["ExpertAnnotations.tsv"] == 5822 - n_broken
    assert summary.staged_rows["test_queries.csv"] == 500
