"""A real Prefect server for a test HOME, started the way an operator starts it (`withsense server`), and
the helpers the tests use to run the job against it and read runs back through its API."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from storage.prefect_env import server_is_healthy

WITHSENSE = [sys.executable, "-m", "withsense.cli"]
START_SECONDS = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without the test session's Prefect settings (its harness server)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({"PYTHONUNBUFFERED": "1", "HF_HUB_OFFLINE": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    env.update(extra)
    return env


def stop(process: subprocess.Popen, seconds: float = 30) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running_server(home: Path, log: Path):
    """`withsense server --home HOME --port <free>` until the block ends; yields its API URL."""
    port = free_port()
    with open(log, "w") as out:
        server = subprocess.Popen([*WITHSENSE, "server", "--home", str(home), "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT, env=clean_environment())
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + START_SECONDS
        while not (server_is_healthy(api_url) and (home / "prefect" / "server.json").is_file()):
            assert server.poll() is None, f"`withsense server` exited: {log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, f"no server at {api_url} after {START_SECONDS} s"
            time.sleep(0.5)
        assert json.loads((home / "prefect" / "server.json").read_text())["port"] == port
        yield api_url
    finally:
        stop(server)


@contextmanager
def api(api_url: str):
    """A synchronous Prefect client of that server (this process's own settings untouched outside)."""
    from prefect import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        with get_client(sync_client=True) as client:
            yield client


def subflow_runs(client, flow_run_id) -> list:
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterParentFlowRunId

    return client.read_flow_runs(flow_run_filter=FlowRunFilter(
        parent_flow_run_id=FlowRunFilterParentFlowRunId(any_=[flow_run_id])))


def task_run_names(client, flow_run_id) -> list[str]:
    """The task runs of one flow run, by name without Prefect's "-abc" suffix."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return sorted({re.sub(r"-[0-9A-Za-z]{3}$", "", run.name) for run in runs})


def artifacts_of(client, flow_run_id) -> dict[str, object]:
    """key → data of the artifacts one flow run created."""
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    found = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return {artifact.key: artifact.data for artifact in found}


def run_job(home: Path, data_dir: Path, api_url: str, timeout: float = 1800, **env: str) -> subprocess.CompletedProcess:
    """`withsense run` as a user runs it, its runs recorded on the server at ``api_url``."""
    return subprocess.run([*WITHSENSE, "run", "--home", str(home), "--data-dir", str(data_dir)], capture_output=True,
                          text=True, timeout=timeout, env=clean_environment(PREFECT_API_URL=api_url, **env))


class RunningJob:
    """`withsense run` in its own process group, its output read line by line, killable at a chosen line."""

    def __init__(self, home: Path, data_dir: Path, api_url: str, **env: str):
        import threading

        self.lines: list[str] = []
        self.process = subprocess.Popen([*WITHSENSE, "run", "--home", str(home), "--data-dir", str(data_dir)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        env=clean_environment(PREFECT_API_URL=api_url, **env), start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, condition, seconds: float = 900, what: str = "the awaited moment") -> None:
        """Poll ``condition()`` until true; fail if the run ends first or time runs out."""
        deadline = time.monotonic() + seconds
        while not condition():
            if self.process.poll() is not None:
                self._reader.join(5)
                raise AssertionError(f"the run ended (code {self.process.returncode}) before {what}:\n"
                                     + self.output()[-4000:])
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"{what} did not come within {seconds} s:\n" + self.output()[-4000:])
            time.sleep(0.05)

    def saw(self, text: str) -> bool:
        return any(text in line for line in list(self.lines))

    def kill(self) -> None:
        """SIGKILL to the whole process group: the job dies mid-write, with no chance to clean up."""
        import signal

        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(30)
        self._reader.join(5)
