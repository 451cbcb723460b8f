"""The upkeep task: a thin wrapper over ``tasks.upkeep.edges``."""

from __future__ import annotations

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from storage.retry import TRANSIENT_IO_RETRIES
from storage.settings import Settings
from tasks.upkeep.edges import UpkeepSummary, set_aside_damaged_stores


@task(name="check stores", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def check_stores_task(settings: Settings) -> UpkeepSummary:
    summary = set_aside_damaged_stores(settings.catalog)
    logger = get_run_logger()
    (logger.warning if summary.set_aside else logger.info)(summary.describe())
    return summary
