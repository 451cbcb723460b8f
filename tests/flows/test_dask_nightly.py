"""The nightly with its images embedded on a real dask.distributed LocalCluster of 2 worker processes
(`withsense run --task-runner dask`): the chunks run in two processes other than the driver, and every
output equals the local run's — the same rows and vectors, the same rankings and legal decisions."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import lancedb
import numpy as np
import pyarrow.parquet as pq

from tests.prefect_server import WITHSENSE, api, clean_environment, subflow_runs, task_run_names


def _images(home: Path):
    return lancedb.connect(str(home / "lancedb")).open_table("images").to_arrow().sort_by("image_id")


def _ranking(home: Path):
    [path] = (home / "parquet" / "rankings").rglob("*.parquet")
    return pq.read_table(path).drop_columns(["run_id", "model_version"]).to_pylist()


def _flow_run_logs(client, flow_run_ids) -> list[str]:
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    return [log.message for log in client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=flow_run_ids)))]


def test_a_dask_run_on_two_worker_processes_equals_the_local_run(sample_home, sample_dir, tmp_path, job_server):
    home = tmp_path / "home"
    driver = subprocess.Popen([*WITHSENSE, "run", "--home", str(home), "--data-dir", str(sample_dir), "--task-runner", "dask"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=clean_environment(PREFECT_API_URL=job_server, WITHSENSE_DASK_WORKERS="2",
                                                    WITHSENSE_DASK_CHUNK_IMAGES="10"))
    stdout, stderr = driver.communicate(timeout=1200)
    assert driver.returncode == 0, stderr[-4000:]
    assert "images: embedded 50, moved 0, deleted 0, failed 0" in stdout

    # Same rows, same bytes embedded, the same vectors (cosine ≥ 0.9999 each), as the local run.
    local, dask = _images(sample_home), _images(home)
    assert dask["image_id"].to_pylist() == local["image_id"].to_pylist()
    assert dask["sha256"].to_pylist() == local["sha256"].to_pylist()
    a = np.stack(local["vector"].to_numpy(zero_copy_only=False))
    b = np.stack(dask["vector"].to_numpy(zero_copy_only=False))
    cosine = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
    assert cosine.min() >= 0.9999
    assert dask["is_blocked"].to_pylist() == local["is_blocked"].to_pylist()

    # Same rankings, row for row: queries, ranks, images, legal decisions; scores equal to float precision.
    local_rows, dask_rows = _ranking(sample_home), _ranking(home)
    assert len(dask_rows) == len(local_rows) > 0
    for mine, theirs in zip(dask_rows, local_rows):
        score_mine, score_theirs = mine.pop("score"), theirs.pop("score")
        assert mine == theirs
        assert (score_mine is None) == (score_theirs is None)
        if score_mine is not None:
            assert abs(score_mine - score_theirs) < 1e-5

    # The chunks ran as tasks of their own subflow, on two worker processes other than the driver's.
    with api(job_server) as client:
        from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterName

        [nightly] = [r for r in client.read_flow_runs(flow_run_filter=FlowRunFilter(name=FlowRunFilterName(like_="nightly")))
                     if str(home) in str(r.parameters.get("home"))]
        [embed] = [r for r in subflow_runs(client, nightly.id) if r.name == "embed"]
        [on_dask] = subflow_runs(client, embed.id)
        assert on_dask.name == "embed images on dask" and on_dask.state.is_completed()
        assert task_run_names(client, on_dask.id) == ["embed image chunk"]
        assert "finish image index" in task_run_names(client, embed.id)
        chunk_lines = [m for m in _flow_run_logs(client, [on_dask.id]) if "images (0 failed)" in m]
        assert len(chunk_lines) == 5  # 50 images in chunks of 10
        workers = {re.search(r"pid (\d+)$", line).group(1) for line in chunk_lines}
        assert len(workers) == 2 and str(driver.pid) not in workers, chunk_lines

    # The next night finds nothing to embed and starts no cluster.
    again = subprocess.run([*WITHSENSE, "run", "--home", str(home), "--data-dir", str(sample_dir), "--task-runner", "dask"],
                           capture_output=True, text=True, timeout=1200, env=clean_environment(PREFECT_API_URL=job_server))
    assert again.returncode == 0, again.stderr[-4000:]
    assert "images: nothing to embed: index up to date; 50 unchanged" in again.stdout
    assert "embed images on dask" not in again.stdout + again.stderr
