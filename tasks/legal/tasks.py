"""The legal stage's Prefect task: a thin wrapper over ``tasks.legal``'s core and edges."""

from __future__ import annotations

import logging

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from models.encoders import encoder_versions_for, text_encoder_for
from models.encoders.cached import CachedTextEncoder
from storage.retry import TRANSIENT_IO_RETRIES
from storage.settings import Settings
from tasks.legal import edges
from tasks.legal.decisions import decide_legal
from tasks.legal.summary import LegalSummary

log = logging.getLogger(__name__)


def run_legal_stage(settings: Settings, run_id: str) -> LegalSummary:
    """Decide every query rule and image; kept as they are when nothing they depend on changed."""
    catalog = settings.catalog
    inputs = edges.legal_inputs(catalog, settings, encoder_versions_for(settings))
    kept = catalog.memo("legal").recall(inputs)
    if kept is not None and edges.decisions_still_in_place(catalog):
        return LegalSummary(**kept, skipped=True)
    faces, n_read, n_unreadable = edges.update_image_faces(catalog, settings.data_dir, settings.torch_threads)
    log.info("faces: read %d images now (%d unreadable); %d of the delivery's images have a face",
             n_read, n_unreadable, sum(p is not None for p in faces.values()))
    # Captions and test queries are in the index, and earlier runs (this HOME's, or any HOME's in this
    # environment) kept the written queries' vectors: reuse them.
    text_encoder = CachedTextEncoder(text_encoder_for(settings))
    edges.remember_text_vectors(catalog, text_encoder, settings.shipped_text_vectors)
    train_captions, descriptions, image_vectors = edges.read_legal_inputs(catalog)
    written = edges.load_written_queries()
    decided = decide_legal(train_captions, descriptions, image_vectors, written, text_encoder,
                           max_false_block_rate=settings.query_false_block_rate,
                           target_recall=settings.image_filter_recall,
                           described_recall=settings.described_image_recall, n_folds=settings.cv_folds,
                           seed=settings.seed,
                           fitting=edges.read_fitting_descriptions(catalog, settings.legal_fitting_expert_mean),
                           hand_labels=edges.load_hand_labels(),
                           face_child=edges.face_child_of(descriptions, faces))
    summary = edges.store_decisions(catalog, run_id, descriptions, decided)
    log.info("text vectors: %d encoded by this run's checks, kept for the next",
             edges.keep_text_vectors(catalog, text_encoder, settings.shipped_text_vectors, written))
    catalog.memo("legal").remember(inputs, summary.model_dump(exclude={"skipped"}))
    return summary


@task(name="apply legal filter", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def run_legal_stage_task(settings: Settings, run_id: str) -> LegalSummary:
    summary = run_legal_stage(settings, run_id)
    get_run_logger().info(summary.describe())
    return summary
