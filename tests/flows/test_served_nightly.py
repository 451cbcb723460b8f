"""The nightly as operators run it: `withsense server` (a real Prefect server on a free loopback port,
its own PREFECT_HOME under HOME), `withsense serve` (the deployment on its cron schedule), runs triggered
through the API, checked through the API and in the UI (headless Chromium; screenshots in test-artifacts/)."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from storage.settings import PROJECT_ROOT
from tests.browser import chromium, wait_for_text
from tests.prefect_server import (WITHSENSE, api, artifacts_of, clean_environment, running_server, stop,
                                  subflow_runs, task_run_names)

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
RUN_SECONDS = 900
NIGHTLY_TASKS = {"check stores", "apply legal filter", "rank test queries to Parquet", "write run summary"}
MORNING_ARTIFACTS = {"run-summary", "stage-row-counts", "model-metrics", "legal-filter", "ranking-parquet", "gallery",
                     "data-report-file"}


@pytest.fixture(scope="module")
def served(tmp_path_factory, sample_dir_module):
    """(API URL, HOME) of a server with the nightly deployment served on the shipped sample."""
    home = tmp_path_factory.mktemp("served-home")
    logs = tmp_path_factory.mktemp("served-logs")
    with running_server(home, logs / "server.log") as api_url:
        with open(logs / "serve.log", "w") as out:
            serving = subprocess.Popen([*WITHSENSE, "serve", "--home", str(home), "--data-dir", str(sample_dir_module)],
                                       stdout=out, stderr=subprocess.STDOUT, env=clean_environment())
        try:
            deadline = time.monotonic() + 120
            with api(api_url) as client:
                while True:
                    try:
                        client.read_deployment_by_name("nightly/nightly")
                        break
                    except Exception:  # ObjectNotFound until `serve` has registered it
                        assert serving.poll() is None, (logs / "serve.log").read_text()[-3000:]
                        assert time.monotonic() < deadline, "the nightly deployment was not registered"
                        time.sleep(0.5)
            yield api_url, home
        finally:
            stop(serving)


@pytest.fixture(scope="module")
def sample_dir_module() -> Path:
    from storage.settings import SAMPLE_DATA_DIR

    return SAMPLE_DATA_DIR


def _run_now(api_url: str, **parameters):
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        return run_deployment("nightly/nightly", parameters=parameters or None, timeout=RUN_SECONDS)


@pytest.fixture(scope="module")
def first_run(served):
    api_url, _ = served
    return _run_now(api_url)


def test_the_deployment_is_registered_with_its_nightly_schedule(served):
    api_url, home = served
    with api(api_url) as client:
        deployment = client.read_deployment_by_name("nightly/nightly")
    assert [s.schedule.cron for s in deployment.schedules] == ["0 2 * * *"]
    assert all(s.active for s in deployment.schedules)
    assert Path(deployment.parameters["home"]) == home


def test_a_run_triggered_through_the_api_completes_with_named_stages_and_the_morning_artifacts(served, first_run):
    api_url, home = served
    assert first_run.state.is_completed(), first_run.state.message
    assert first_run.name == f"nightly {datetime.now(timezone.utc):%Y-%m-%d} sample"
    with api(api_url) as client:
        subflows = {run.name: run for run in subflow_runs(client, first_run.id)}
        assert set(subflows) == {"ingest", "embed", "train"}
        assert all(run.state.is_completed() for run in subflows.values())
        assert NIGHTLY_TASKS <= set(task_run_names(client, first_run.id))
        assert {"embed images", "embed texts"} <= set(task_run_names(client, subflows["embed"].id))
        assert "train and evaluate models" in task_run_names(client, subflows["train"].id)
        artifacts = artifacts_of(client, first_run.id)
        assert MORNING_ARTIFACTS <= set(artifacts)
        assert "data-report" in artifacts_of(client, subflows["ingest"].id)
        assert "fit-model-metrics" in artifacts_of(client, subflows["train"].id)
    counts = {row["stage"]: row for row in json.loads(artifacts["stage-row-counts"])}
    assert counts["embed images"]["written"] == 50 and counts["embed texts"]["written"] == 194
    assert counts["ingest"]["read"] > 0 and counts["rank"]["written"] > 0
    models = json.loads(artifacts["model-metrics"])
    assert sum(row["champion"] for row in models) == 1
    ranking = next((home / "parquet" / "rankings").glob("run_date=*/*.parquet"))
    assert ranking.as_uri() in artifacts["ranking-parquet"]


def test_the_ui_shows_the_run_its_stages_and_its_artifacts(served, first_run):
    from selenium.webdriver.common.by import By

    api_url, _ = served
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium() as browser:
        browser.get(f"{api_url.removesuffix('/api')}/runs/flow-run/{first_run.id}")
        overview = wait_for_text(browser, first_run.name, "Completed", "Deployment")
        assert "Can't connect to Server API" not in overview
        browser.save_screenshot(str(ARTIFACTS / "ui_flow_run.png"))
        browser.find_element(By.ID, "subflow-runs").click()
        wait_for_text(browser, "ingest", "embed", "train")
        browser.save_screenshot(str(ARTIFACTS / "ui_flow_run_subflows.png"))
        browser.find_element(By.ID, "artifacts").click()
        wait_for_text(browser, *MORNING_ARTIFACTS)
        browser.save_screenshot(str(ARTIFACTS / "ui_flow_run_artifacts.png"))
        browser.get(f"{api_url.removesuffix('/api')}/deployments")
        wait_for_text(browser, "nightly", "At 02:00 AM every day")  # the cron schedule, as the UI words it
        browser.save_screenshot(str(ARTIFACTS / "ui_deployments.png"))


def test_a_second_run_over_the_unchanged_delivery_embeds_and_trains_nothing(served, first_run):
    api_url, _ = served
    second = _run_now(api_url)
    assert second.state.is_completed(), second.state.message
    with api(api_url) as client:
        subflows = {run.name: run for run in subflow_runs(client, second.id)}
        assert "train and evaluate models" not in task_run_names(client, subflows["train"].id)
        counts = {row["stage"]: row for row in json.loads(artifacts_of(client, second.id)["stage-row-counts"])}
    assert counts["embed images"]["written"] == counts["embed texts"]["written"] == 0
    assert counts["embed images"]["unchanged"] == 50 and counts["train"]["unchanged"] == 1
    # The figures the README quotes come from `withsense runs`; here only what a failure would show.
    durations = [(run.end_time - run.start_time).total_seconds() for run in (first_run, second)
                 if run.start_time and run.end_time]
    (ARTIFACTS / "served_rerun_seconds.json").write_text(json.dumps(durations))


def test_a_failed_run_names_the_stage_and_the_cause_and_leaves_the_outputs(served, first_run, tmp_path):
    api_url, home = served
    broken = tmp_path / "broken-delivery"
    shutil.copytree(PROJECT_ROOT / "data" / "sample", broken)
    (broken / "train_dataset.csv").unlink()
    before = sorted(p.name for p in (home / "parquet" / "rankings").glob("run_date=*/*.parquet"))
    failed = _run_now(api_url, data_dir=str(broken))
    assert failed.state.is_failed()
    assert "the ingest stage failed" in failed.state.message
    assert "train_dataset.csv" in failed.state.message
    assert failed.name.endswith(" broken-delivery")
    assert sorted(p.name for p in (home / "parquet" / "rankings").glob("run_date=*/*.parquet")) == before
    runs = subprocess.run([*WITHSENSE, "runs", "--home", str(home), "--limit", "3"], capture_output=True, text=True,
                          env=clean_environment(), timeout=120)
    assert runs.returncode == 0, runs.stderr
    assert "Failed" in runs.stdout and "the ingest stage failed" in runs.stdout
