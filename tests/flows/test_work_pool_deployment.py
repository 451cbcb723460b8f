"""deployments/prefect.yaml: the same nightly deployment for a process work pool, deployed with the README's
commands (`prefect work-pool create`, `prefect deploy`), and a run picked up by a worker completes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storage.settings import PROJECT_ROOT
from tests.prefect_server import api, clean_environment

PREFECT = [sys.executable, "-m", "prefect"]


def _prefect(api_url: str, *arguments: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run([*PREFECT, "--no-prompt", *arguments], capture_output=True, text=True, cwd=PROJECT_ROOT,
                            env=clean_environment(PREFECT_API_URL=api_url, **env), timeout=timeout)
    assert result.returncode == 0, f"prefect {' '.join(arguments)}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


def test_the_work_pool_deployment_is_deployed_and_a_worker_runs_it(job_server, tmp_path: Path):
    home = tmp_path / "home"
    _prefect(job_server, "work-pool", "create", "withsense-process", "--type", "process", "--overwrite")
    _prefect(job_server, "deploy", "--prefect-file", "deployments/prefect.yaml", "--all")
    with api(job_server) as client:
        deployment = client.read_deployment_by_name("nightly/nightly")
        assert deployment.work_pool_name == "withsense-process"
        assert [s.schedule.cron for s in deployment.schedules] == ["0 2 * * *"]
        assert deployment.entrypoint == "flows/nightly.py:nightly_flow"
    started = _prefect(job_server, "deployment", "run", "nightly/nightly")
    flow_run_id = started.stdout.split("UUID:")[1].split()[0]
    _prefect(job_server, "worker", "start", "--pool", "withsense-process", "--run-once", timeout=900,
             WITHSENSE_HOME=str(home))
    with api(job_server) as client:
        flow_run = client.read_flow_run(flow_run_id)
    assert flow_run.state.is_completed(), flow_run.state.message
    assert list((home / "parquet" / "rankings").glob("run_date=*/*.parquet"))
