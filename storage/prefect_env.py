"""Prefect's own state for this job: an ephemeral, offline server whose database lives under HOME.

Must run before ``prefect`` is imported: Prefect reads its settings from the environment at import.
"""

from __future__ import annotations

import os

from storage.settings import Settings


def configure_prefect(settings: Settings) -> None:
    # A user who points PREFECT_HOME or PREFECT_API_URL elsewhere (a running server) keeps that choice.
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The first start of the ephemeral server migrates its database: on 2 cores that can take ~30-60 s.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_BATCH_INTERVAL", "0.5")
    settings.prefect_home.mkdir(parents=True, exist_ok=True)
