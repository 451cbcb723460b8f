"""Prefect's own state for this job: where its database lives, and which server a command talks to.

Without a running server, a run uses Prefect's ephemeral server with its database under HOME. When
`withsense server` runs for that HOME it records its address in ``Catalog.prefect_server_record``, and
every later command of that HOME (run, serve, trigger, runs) talks to it instead, so runs appear live in
its UI. Must run before ``prefect`` is imported: Prefect reads its settings from the environment.
"""

from __future__ import annotations

import json
import logging
from contextlib import contextmanager
import os
import urllib.error
import urllib.request
from dataclasses import dataclass

from storage.catalog import Catalog
from storage.files import write_json
from storage.settings import Settings

CORE_LOGGERS = ("tasks", "models", "storage")


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.port}/api"

    @property
    def ui_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def flow_run_page(self, flow_run_id: object) -> str:
        return f"{self.ui_url}/runs/flow-run/{flow_run_id}"


def server_environment(catalog: Catalog, address: ServerAddress) -> dict[str, str]:
    """The environment of `prefect server start` for this HOME: its database under HOME, analytics off,
    and the UI told where its API is (without PREFECT_UI_API_URL the page loads but reaches for :4200)."""
    return {"PREFECT_HOME": str(catalog.prefect_home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_API_URL": address.api_url, "PREFECT_UI_API_URL": address.api_url,
            "PREFECT_SERVER_API_HOST": address.host, "PREFECT_SERVER_API_PORT": str(address.port)}


def server_is_healthy(api_url: str, timeout_seconds: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout_seconds) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def record_server(catalog: Catalog, address: ServerAddress, pid: int) -> None:
    write_json(catalog.prefect_server_record, {"host": address.host, "port": address.port, "pid": pid})


def forget_server(catalog: Catalog) -> None:
    catalog.prefect_server_record.unlink(missing_ok=True)


def recorded_server(catalog: Catalog) -> ServerAddress | None:
    """The server `withsense server` started for this HOME, if it still answers (a record left by a killed
    server is ignored)."""
    try:
        record = json.loads(catalog.prefect_server_record.read_text())
        address = ServerAddress(host=str(record["host"]), port=int(record["port"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return address if server_is_healthy(address.api_url) else None


def configure_prefect(settings: Settings) -> None:
    """Point Prefect at this HOME: at the running server of this HOME if there is one, else at an
    ephemeral server whose database lives under HOME (``api_url_in_use`` says which)."""
    catalog = settings.catalog
    # A user who points PREFECT_HOME or PREFECT_API_URL elsewhere (another server) keeps that choice.
    os.environ.setdefault("PREFECT_HOME", str(catalog.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if "PREFECT_API_URL" not in os.environ:
        server = recorded_server(catalog)
        if server is not None:
            os.environ["PREFECT_API_URL"] = server.api_url
    # The first start of the ephemeral server migrates its database: on 2 cores that can take ~30-60 s.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_BATCH_INTERVAL", "0.5")
    # The stages' cores log with the standard logging module (no Prefect in them): Prefect attaches its
    # handlers to these loggers too, so their lines reach the terminal and the run's logs in the UI.
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", ",".join(CORE_LOGGERS))
    for name in CORE_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)  # their progress lines are INFO, the root's level WARNING
    catalog.prefect_home.mkdir(parents=True, exist_ok=True)


@contextmanager
def api_shared_with_workers(settings: Settings):
    """For a run whose tasks go to Dask workers: the workers report their task runs to the API this process
    uses. Without a server (PREFECT_API_URL unset) every worker process would start an ephemeral server of
    its own (~8 s each, runs invisible to this one): start Prefect's ephemeral server here once instead and
    hand its address to the workers (LocalCluster processes inherit the environment). Workers on other
    machines need PREFECT_API_URL of a real server (`withsense server`)."""
    if settings.task_runner != "dask" or api_url_in_use() is not None:
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = SubprocessASGIServer()
    server.start(timeout=int(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")))
    os.environ["PREFECT_API_URL"] = server.api_url  # for the worker processes started from here
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):  # for this process's Prefect
            yield
    finally:
        # The server stops at exit (start() registered that), after Prefect's log worker has sent the
        # last lines: stopping it here leaves that worker retrying a closed port for a minute.
        del os.environ["PREFECT_API_URL"]


def api_url_in_use() -> str | None:
    """The server this process talks to (None: Prefect's ephemeral one)."""
    return os.environ.get("PREFECT_API_URL") or None


def server_address_of(api_url: str) -> ServerAddress:
    from urllib.parse import urlparse

    parsed = urlparse(api_url)
    return ServerAddress(host=parsed.hostname or "127.0.0.1", port=parsed.port or 4200)
