"""Prefect's own state for this job: an ephemeral, offline server whose database lives under HOME.

Must run before ``prefect`` is imported: Prefect reads its settings from the environment at import.
"""

from __future__ import annotations

import logging
import os

from storage.settings import Settings

CORE_LOGGERS = ("tasks", "models", "storage")


def configure_prefect(settings: Settings) -> None:
    # A user who points PREFECT_HOME or PREFECT_API_URL elsewhere (a running server) keeps that choice.
    os.environ.setdefault("PREFECT_HOME", str(settings.catalog.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The first start of the ephemeral server migrates its database: on 2 cores that can take ~30-60 s.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_BATCH_INTERVAL", "0.5")
    # The stages' cores log with the standard logging module (no Prefect in them): Prefect attaches its
    # handlers to these loggers too, so their lines reach the terminal and the run's logs in the UI.
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", ",".join(CORE_LOGGERS))
    for name in CORE_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)  # their progress lines are INFO, the root's level WARNING
    settings.catalog.prefect_home.mkdir(parents=True, exist_ok=True)
