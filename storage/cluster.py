"""The Dask cluster the embed stage's image chunks run on (prefect-dask's DaskTaskRunner).

Only this module knows how the cluster is reached: an existing scheduler at ``settings.dask_address``
(workers on other machines), or a ``LocalCluster`` of ``settings.dask_workers`` processes that lives as
long as the flow run that uses it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prefect_dask import DaskTaskRunner

    from storage.settings import Settings


def dask_task_runner(settings: Settings) -> DaskTaskRunner:
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    # Worker *processes* (not threads): the encoders' Python-side work and the file reading run in parallel,
    # and a worker that dies takes only its own chunk with it.
    return DaskTaskRunner(cluster_class="distributed.LocalCluster",
                          cluster_kwargs={"n_workers": settings.dask_workers, "processes": True,
                                          "threads_per_worker": 1, "dashboard_address": None,
                                          "silence_logs": logging.WARNING})
