"""HOME on a disk that fills up and HOME read-only: the run stops with a message naming HOME, and the
previous night's outputs stay whole and readable; once the disk has room again, the run completes."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storage.settings import SAMPLE_DATA_DIR
from tests.faults import ReadOnlyView, SmallDisk
from tests.prefect_server import WITHSENSE, clean_environment, run_job


def _outputs(home: Path) -> dict[str, str]:
    """Every output a downstream team or the next run reads, by path → content hash."""
    watched = [*(home / "parquet").rglob("*.parquet"), home / "reports" / "gallery" / "index.html",
               home / "reports" / "data_report.html", home / "reports" / "run_summary.md",
               *(home / "models").rglob("*")]
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(watched)}


def _champion(home: Path) -> str:
    result = subprocess.run([*WITHSENSE, "metrics", "--home", str(home), "--json"], capture_output=True, text=True,
                            env=clean_environment(), timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)["model_version"]


@pytest.fixture
def small_disk(tmp_path):
    # A sample HOME holds ~520 MB: the image encoder's ONNX export (24 MB) and all-mpnet-base-v2's (436 MB).
    disk = SmallDisk(tmp_path / "disk", megabytes=700)
    yield disk
    disk.close()


def test_a_full_disk_stops_the_run_naming_home_and_leaves_the_previous_outputs(small_disk, sample_dir, job_server):
    home = small_disk.folder / "home"
    first = run_job(home, sample_dir, job_server)
    assert first.returncode == 0, first.stderr[-3000:]
    before, champion = _outputs(home), _champion(home)

    # No room at all: refused before anything starts.
    small_disk.fill()
    refused = run_job(home, sample_dir, job_server)
    assert refused.returncode == 4
    assert f"cannot write in HOME {home}: No space left on device; nothing was changed" in refused.stderr

    # A little room: the run starts, and a stage meets the full disk (a new seed means new models to save).
    small_disk.fill(leave_bytes=1 << 20)
    failed = run_job(home, sample_dir, job_server, WITHSENSE_SEED="1")
    assert failed.returncode == 1, failed.stderr[-3000:]
    assert "stage failed" in failed.stderr and f"the disk of HOME {home} is full" in failed.stderr
    assert "the previous outputs are intact" in failed.stderr
    small_disk.free()
    assert _outputs(home) == before  # nothing half-written, no model folder of the failed run left behind
    assert not [p for p in home.rglob("*") if p.name.endswith(".tmp") or ".tmp." in p.name]
    assert _champion(home) == champion
    for partition in (home / "parquet").rglob("*.parquet"):
        assert pq.read_table(partition).num_rows > 0

    again = run_job(home, sample_dir, job_server, WITHSENSE_SEED="1")
    assert again.returncode == 0, again.stderr[-3000:]


def test_a_read_only_home_is_refused_naming_it_and_its_outputs_stay_readable(sample_home, job_server, tmp_path):
    view = ReadOnlyView(sample_home, tmp_path / "read-only-home")
    try:
        before = _outputs(view.target)
        refused = run_job(view.target, SAMPLE_DATA_DIR, job_server)
        assert refused.returncode == 4
        assert f"cannot write in HOME {view.target}: Read-only file system; nothing was changed" in refused.stderr
        assert _outputs(view.target) == before
        assert _champion(view.target)  # the outputs are still read: the registry, the model files
    finally:
        view.close()


def test_a_served_run_on_a_read_only_home_fails_naming_its_lock(sample_home, sample_dir, prefect_server, tmp_path):
    from flows.nightly import nightly_flow
    from storage.files import HomeNotWritableError

    view = ReadOnlyView(sample_home, tmp_path / "read-only-home")
    try:
        with pytest.raises(HomeNotWritableError, match=rf"cannot take the lock of HOME {view.target}: "
                                                        r"Read-only file system"):
            nightly_flow(data_dir=sample_dir, home=view.target)
    finally:
        view.close()
