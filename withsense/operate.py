"""Operating the nightly on a real Prefect server: start the server of a HOME, serve the nightly deployment
on its schedule, trigger a run now, list the recent runs. The CLI calls these; they print nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime

from storage.prefect_env import (ServerAddress, api_url_in_use, configure_prefect, forget_server, record_server,
                                 recorded_server, server_address_of, server_environment, server_is_healthy)
from storage.settings import Settings

DEPLOYMENT = "nightly/nightly"  # <flow name>/<deployment name>, as the UI and `prefect deployment run` name it
NIGHTLY_CRON = "0 2 * * *"
SERVER_START_SECONDS = 180  # the first start migrates the database: ~10 s here, longer on a cold disk


class ServerError(RuntimeError):
    """The server could not be started, or no server answers for this HOME."""


def start_server(settings: Settings, address: ServerAddress, on_ready=lambda address: None) -> int:
    """Run `prefect server start` for this HOME in the foreground until it ends (Ctrl-C / SIGTERM stop it);
    while it answers, its address is recorded under HOME for the other commands. Returns its exit code."""
    catalog = settings.catalog
    running = recorded_server(catalog)
    if running is not None:
        raise ServerError(f"a Prefect server for {settings.home} already runs at {running.ui_url}")
    catalog.prefect_home.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", address.host,
               "--port", str(address.port)]
    server = subprocess.Popen(command, env={**os.environ, **server_environment(catalog, address)})
    stop = lambda signum, frame: server.terminate()  # noqa: E731 — forwarded so the server shuts down cleanly
    signal.signal(signal.SIGTERM, stop)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not server_is_healthy(address.api_url):
            if server.poll() is not None:
                raise ServerError(f"`prefect server start` exited with code {server.returncode} before answering "
                                  f"at {address.api_url} (is port {address.port} taken?)")
            if time.monotonic() > deadline:
                server.terminate()
                raise ServerError(f"the Prefect server did not answer at {address.api_url} "
                                  f"within {SERVER_START_SECONDS} s")
            time.sleep(0.5)
        record_server(catalog, address, server.pid)
        on_ready(address)
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()
    finally:
        forget_server(catalog)


def connect(settings: Settings) -> ServerAddress:
    """Point this process's Prefect at the server of this HOME (or at $PREFECT_API_URL); refuses without one:
    Prefect cannot schedule on its ephemeral server."""
    configure_prefect(settings)
    api_url = api_url_in_use()
    if not api_url or not server_is_healthy(api_url):
        raise ServerError(f"no Prefect server answers for {settings.home}"
                          + (f" at {api_url}" if api_url else "")
                          + ": start one first with `withsense server` (make server)")
    return server_address_of(api_url)


def serve_nightly(settings: Settings, cron: str) -> None:
    """Register the nightly deployment on its cron schedule and run its runs from this process until stopped.
    One run at a time: a scheduled run that meets a manual one waits for it (and HOME's lock guards the rest)."""
    connect(settings)
    from flows.nightly import nightly_flow  # imported after Prefect's environment is set

    nightly_flow.serve(name="nightly", cron=cron, limit=1,
                       description="Ingest, verify, embed, train, legal filter, rank and report the latest delivery.",
                       parameters={"data_dir": str(settings.data_dir), "home": str(settings.home)})


@dataclass(frozen=True)
class RunRow:
    flow_run_id: str
    name: str
    state: str
    message: str
    started: datetime | None
    seconds: float | None
    page: str


def _run_row(flow_run, address: ServerAddress) -> RunRow:
    seconds = None
    if flow_run.start_time and flow_run.end_time:
        seconds = (flow_run.end_time - flow_run.start_time).total_seconds()
    state = flow_run.state
    return RunRow(flow_run_id=str(flow_run.id), name=flow_run.name, state=state.name if state else "?",
                  message=(state.message or "") if state else "", started=flow_run.start_time, seconds=seconds,
                  page=address.flow_run_page(flow_run.id))


def trigger_nightly(settings: Settings, wait: bool) -> RunRow:
    """Ask the served (or deployed) nightly deployment for a run now; with ``wait``, until it ends."""
    address = connect(settings)
    from prefect.deployments import run_deployment

    flow_run = run_deployment(DEPLOYMENT, timeout=None if wait else 0)
    return _run_row(flow_run, address)


def recent_runs(settings: Settings, limit: int) -> list[RunRow]:
    """The nightly's latest flow runs on the server (not the future scheduled ones), newest first, with their
    states and durations."""
    address = connect(settings)
    from prefect import get_client
    from prefect.client.schemas.filters import (FlowFilter, FlowFilterName, FlowRunFilter, FlowRunFilterState,
                                                FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    not_future = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(not_any_=[StateType.SCHEDULED])))
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["nightly"])),
                                     flow_run_filter=not_future, sort=FlowRunSort.START_TIME_DESC, limit=limit)
    return [_run_row(run, address) for run in runs]


def describe(row: RunRow) -> str:
    took = f"{row.seconds:.1f} s" if row.seconds is not None else "-"
    started = f"{row.started:%Y-%m-%d %H:%M:%S}" if row.started else "-"
    line = f"{row.name:40} {row.state:10} {started:20} {took:>9}  {row.page}"
    return line + (f"\n    {row.message}" if row.state not in ("Completed", "Scheduled") and row.message else "")


