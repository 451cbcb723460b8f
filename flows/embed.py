"""Embed flow: bring the LanceDB images and texts tables in step with the loaded delivery, incrementally."""

# No `from __future__ import annotations`: see flows/nightly.py (a served run resolves these annotations).

from prefect import flow
from pydantic import BaseModel

from storage.settings import Settings
from tasks.embed.plan import IndexSummary
from tasks.embed.tasks import index_images_task, index_texts_task, list_index_jobs_task


class EmbedSummary(BaseModel):
    images: IndexSummary
    texts: IndexSummary


@flow(name="embed", flow_run_name="embed")
def embed_flow(settings: Settings) -> EmbedSummary:
    image_jobs, text_jobs = list_index_jobs_task(settings)
    images = index_images_task(settings, image_jobs)
    texts = index_texts_task(settings, text_jobs)
    return EmbedSummary(images=images, texts=texts)
