"""Embed flow: bring the LanceDB images and texts tables in step with the loaded delivery, incrementally."""

# No `from __future__ import annotations`: see flows/nightly.py (a served run resolves these annotations).

from prefect import flow, unmapped
from pydantic import BaseModel

from storage.cluster import dask_task_runner
from storage.settings import Settings
from tasks.embed.distributed import chunks
from tasks.embed.edges import ImageIndexWork
from tasks.embed.pipeline import EmbedStats
from tasks.embed.plan import IndexSummary
from tasks.embed.tasks import (embed_image_chunk_task, finish_image_index_task, index_images_task, index_texts_task,
                               list_index_jobs_task, plan_image_index_task)


class EmbedSummary(BaseModel):
    images: IndexSummary
    texts: IndexSummary


@flow(name="embed images on dask", flow_run_name="embed images on dask")
def embed_on_dask_flow(settings: Settings, work: ImageIndexWork) -> list[EmbedStats]:
    """Only the chunks run on the cluster: planning and finishing read the warehouse and stay here."""
    futures = embed_image_chunk_task.map(unmapped(settings), chunks(work.plan.to_embed, settings.dask_chunk_images),
                                         unmapped(work.encoder_version))
    return [future.result() for future in futures]


@flow(name="embed", flow_run_name="embed")
def embed_flow(settings: Settings) -> EmbedSummary:
    image_jobs, text_jobs = list_index_jobs_task(settings)
    if settings.task_runner == "dask":
        work = plan_image_index_task(settings, image_jobs)
        chunk_stats = (embed_on_dask_flow.with_options(task_runner=dask_task_runner(settings))(settings, work)
                       if work.plan.to_embed else [])
        images = finish_image_index_task(settings, work, chunk_stats)
    else:
        images = index_images_task(settings, image_jobs)
    texts = index_texts_task(settings, text_jobs)
    return EmbedSummary(images=images, texts=texts)
