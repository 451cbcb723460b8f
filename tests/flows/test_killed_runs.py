"""The job killed with SIGKILL mid-stage (no chance to clean up), then run again: every output the previous
night left stays whole and readable, the re-run completes, and nothing is duplicated or lost."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.prefect_server import WITHSENSE, RunningJob, clean_environment, run_job

FIRST_FLUSH_ROWS = 256  # the embed stage writes its rows to the index in flushes of this many


def _image_ids(home: Path) -> list[str]:
    import lancedb

    db = lancedb.connect(str(home / "lancedb"))
    if "images" not in db.list_tables().tables:
        return []
    try:
        return db.open_table("images").to_arrow().column("image_id").to_pylist()
    except ValueError:  # listed while the running job creates it, before its first version is readable
        return []


def _champion(home: Path) -> str:
    import json

    result = subprocess.run([*WITHSENSE, "metrics", "--home", str(home), "--json"], capture_output=True, text=True,
                            env=clean_environment(), timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)["model_version"]


def _scores_a_pair(home: Path, sample_dir: Path, tmp_path: Path) -> None:
    """The champion still loads and scores: `withsense score` on one real pair."""
    image = next((sample_dir / "test_images").glob("*.jpg"))
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(f"image_path,query_text\n{image},a dog runs on the grass\n")
    result = subprocess.run([*WITHSENSE, "score", "--home", str(home), "--pairs", str(pairs),
                             "--out", str(tmp_path / "scores.parquet")], capture_output=True, text=True,
                            env=clean_environment(), timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert pq.read_table(tmp_path / "scores.parquet").column("score").to_pylist()[0] is not None


def _rankings_readable(home: Path) -> dict[str, int]:
    """Every ranking partition, the LanceDB rankings table and the gallery read whole."""
    import lancedb

    partitions = {str(p.relative_to(home)): pq.read_table(p).num_rows for p in (home / "parquet").rglob("*.parquet")}
    assert partitions and all(rows > 0 for rows in partitions.values())
    assert lancedb.connect(str(home / "lancedb")).open_table("rankings").count_rows() > 0
    page = (home / "reports" / "gallery" / "index.html").read_text()
    assert page.rstrip().endswith("</html>")
    for thumbnail in page.split('src="thumbs/')[1:]:
        assert (home / "reports" / "gallery" / "thumbs" / thumbnail.split('"')[0]).is_file()
    return partitions


@pytest.fixture(scope="module")
def nightly_home(tmp_path_factory, job_server) -> Path:
    """HOME after one completed nightly on the sample, run the way a user runs it (copied by each test)."""
    from storage.settings import SAMPLE_DATA_DIR

    home = tmp_path_factory.mktemp("killed") / "home"
    first = run_job(home, SAMPLE_DATA_DIR, job_server)
    assert first.returncode == 0, first.stderr[-3000:]
    return home


@pytest.fixture
def copied_home(nightly_home, tmp_path) -> Path:
    home = tmp_path / "home"
    shutil.copytree(nightly_home, home, ignore=shutil.ignore_patterns(".lock"))
    return home


def test_killed_while_embedding_the_full_dataset_the_rerun_embeds_only_the_rest(full_data_dir, job_server, tmp_path):
    home = tmp_path / "home"
    job = RunningJob(home, full_data_dir, job_server)
    job.wait_for(lambda: len(_image_ids(home)) >= FIRST_FLUSH_ROWS, seconds=1200,
                 what=f"the first {FIRST_FLUSH_ROWS} image rows in the index")
    job.kill()
    written = _image_ids(home)
    assert FIRST_FLUSH_ROWS <= len(written) < 1100, len(written)
    assert len(set(written)) == len(written)

    rerun = run_job(home, full_data_dir, job_server)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert f"images: embedded {1100 - len(written)}, " in rerun.stdout, rerun.stdout[-3000:]
    after = _image_ids(home)
    assert len(after) == len(set(after)) == 1100
    assert set(written) <= set(after)


def test_killed_while_training_the_previous_champion_stays_and_the_rerun_completes(copied_home, sample_dir,
                                                                                   job_server, tmp_path):
    champion = _champion(copied_home)
    models_before = sorted(p.name for p in (copied_home / "models" / "fit").iterdir())
    job = RunningJob(copied_home, sample_dir, job_server, WITHSENSE_SEED="1")  # new seed: the models are retrained
    job.wait_for(lambda: job.saw("- linear: "), what="the linear model's figures (training under way)")
    job.kill()
    assert not job.saw("champion:"), "the kill came after the registration: nothing was tested"
    assert _champion(copied_home) == champion
    _scores_a_pair(copied_home, sample_dir, tmp_path)
    _rankings_readable(copied_home)

    rerun = run_job(copied_home, sample_dir, job_server, WITHSENSE_SEED="1")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "trained linear, mlp, dual_encoder" in rerun.stdout
    models_after = sorted(p.name for p in (copied_home / "models" / "fit").iterdir())
    assert len(models_after) == len(models_before) + 3 and not [m for m in models_after if m.endswith(".tmp")]


def test_killed_while_ranking_the_previous_ranking_stays_readable_and_the_rerun_completes(copied_home, sample_dir,
                                                                                         job_server, tmp_path):
    before = _rankings_readable(copied_home)
    gallery_before = (copied_home / "reports" / "gallery" / "index.html").read_bytes()
    job = RunningJob(copied_home, sample_dir, job_server)
    job.wait_for(lambda: job.saw("ranking partition written:"), what="the night's Parquet partition")
    job.kill()
    after_kill = _rankings_readable(copied_home)
    assert set(before) <= set(after_kill)  # the earlier partitions are untouched; the new one is whole
    assert all(after_kill[name] == rows for name, rows in before.items())
    assert (copied_home / "reports" / "gallery" / "index.html").read_bytes() == gallery_before

    rerun = run_job(copied_home, sample_dir, job_server)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    _rankings_readable(copied_home)
    _scores_a_pair(copied_home, sample_dir, tmp_path)
