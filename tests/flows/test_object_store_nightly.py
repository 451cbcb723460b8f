"""The LanceDB index and the Parquet outputs on an S3-compatible object store: a real `moto_server` on a
loopback port, the nightly run with its images embedded by Dask workers that write straight to the store,
and the outputs read back with LanceDB and pyarrow as a downstream team reads them."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import lancedb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from pyarrow import fs

from tests.prefect_server import WITHSENSE, clean_environment, free_port, stop

BUCKET = "withsense-outputs"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret", "AWS_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """A real S3-compatible server (moto's server mode) with one bucket; its endpoint URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with open(log, "w") as out:
        server = subprocess.Popen([str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(endpoint, timeout=1)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
                time.sleep(0.2)
        _filesystem(endpoint, allow_bucket_creation=True).create_dir(BUCKET)
        yield endpoint
    finally:
        stop(server)


def _filesystem(endpoint: str, **options) -> fs.S3FileSystem:
    return fs.S3FileSystem(endpoint_override=endpoint.removeprefix("http://"), scheme="http", region="us-east-1",
                           access_key=CREDENTIALS["AWS_ACCESS_KEY_ID"], secret_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
                           **options)


def _run(home: Path, data_dir: Path, endpoint: str, api_url: str, prefix: str, *extra: str) -> subprocess.CompletedProcess:
    env = clean_environment(PREFECT_API_URL=api_url, AWS_ENDPOINT_URL=endpoint, **CREDENTIALS,
                            WITHSENSE_INDEX_URI=f"s3://{BUCKET}/{prefix}/lancedb",
                            WITHSENSE_OUTPUT_URI=f"s3://{BUCKET}/{prefix}/parquet")
    return subprocess.run([*WITHSENSE, *extra, "--home", str(home)] if extra and extra[0] == "search" else
                          [*WITHSENSE, "run", "--home", str(home), "--data-dir", str(data_dir), *extra],
                          capture_output=True, text=True, timeout=1200, env=env)


def test_the_nightly_writes_its_index_and_parquet_to_the_object_store(s3_endpoint, sample_home, sample_dir, tmp_path,
                                                                      job_server):
    home = tmp_path / "home"
    first = _run(home, sample_dir, s3_endpoint, job_server, "nightly", "--task-runner", "dask")
    assert first.returncode == 0, first.stderr[-4000:]
    assert f"ranking: s3://{BUCKET}/nightly/parquet/rankings/run_date=" in first.stdout
    assert f"LanceDB index     s3://{BUCKET}/nightly/lancedb" in first.stdout
    assert not (home / "lancedb").exists() and not (home / "parquet").exists()  # nothing shared left on local disk

    # A downstream team's LanceDB: the four tables, the images with the local run's vectors.
    db = lancedb.connect(f"s3://{BUCKET}/nightly/lancedb",
                         storage_options={"aws_endpoint": s3_endpoint, "allow_http": "true", "aws_region": "us-east-1",
                                          "aws_access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"],
                                          "aws_secret_access_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"]})
    assert {"images", "texts", "rankings", "image_search"} <= set(db.list_tables().tables)
    remote = db.open_table("images").to_arrow().sort_by("image_id")
    local = lancedb.connect(str(sample_home / "lancedb")).open_table("images").to_arrow().sort_by("image_id")
    assert remote["image_id"].to_pylist() == local["image_id"].to_pylist()
    assert remote["vector"].to_pylist() == local["vector"].to_pylist()
    assert db.open_table("image_search").count_rows() == 50

    # A downstream team's pyarrow: the night's partition equals the local run's ranking.
    s3 = _filesystem(s3_endpoint)
    [partition] = [info.path for info in s3.get_file_info(fs.FileSelector(f"{BUCKET}/nightly/parquet/rankings",
                                                                           recursive=True)) if info.is_file]
    ranking = pq.read_table(partition, filesystem=s3).drop_columns(["run_id", "model_version"])
    [local_partition] = (sample_home / "parquet" / "rankings").rglob("*.parquet")
    expected = pq.read_table(local_partition).drop_columns(["run_id", "model_version"])
    assert ranking.drop_columns(["score"]).equals(expected.drop_columns(["score"]))

    # The next night: nothing to embed, one more partition; both read as one hive-partitioned dataset.
    second = _run(home, sample_dir, s3_endpoint, job_server, "nightly")
    assert second.returncode == 0, second.stderr[-4000:]
    assert "images: nothing to embed: index up to date; 50 unchanged" in second.stdout
    nights = ds.dataset(f"{BUCKET}/nightly/parquet/rankings", filesystem=s3, format="parquet", partitioning="hive")
    assert nights.count_rows() == 2 * expected.num_rows
    assert len(set(nights.to_table(columns=["run_id"]).column("run_id").to_pylist())) == 2

    # `withsense search` answers from the table on the store.
    found = _run(home, sample_dir, s3_endpoint, job_server, "nightly", "search", "a dog runs on the grass")
    assert found.returncode == 0, found.stderr[-2000:]
    assert "(50 images;" in found.stdout


def test_a_store_that_cannot_be_used_stops_the_run_naming_it(s3_endpoint, sample_dir, tmp_path, job_server):
    env = clean_environment(PREFECT_API_URL=job_server, AWS_ENDPOINT_URL=s3_endpoint, **CREDENTIALS,
                            WITHSENSE_INDEX_URI="s3://no-such-bucket/lancedb")
    run = subprocess.run([*WITHSENSE, "run", "--home", str(tmp_path / "home"), "--data-dir", str(sample_dir)],
                         capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 1
    assert ("the store check stage failed: ObjectStoreError: cannot use s3://no-such-bucket/lancedb "
            f"(endpoint {s3_endpoint}): NoSuchBucket") in run.stderr
