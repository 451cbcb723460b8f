"""The train stage's Prefect tasks: thin wrappers over ``tasks.train``'s core and edges."""

from __future__ import annotations

from datetime import datetime, timezone

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from models.encoders import encoder_versions_for, text_encoder_for
from storage.artifacts import publish_table
from storage.retry import TRANSIENT_IO_RETRIES
from storage.settings import Settings
from tasks.train import edges
from tasks.train.corpus import Corpus, TestSet
from tasks.train.cross_validation import TrainedModel, train_models
from tasks.train.summary import TrainingSummary


@task(name="fingerprint training inputs", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def training_inputs_task(settings: Settings) -> str:
    return edges.training_inputs(settings.catalog, settings, encoder_versions_for(settings))


@task(name="recall training of unchanged inputs", cache_policy=NO_CACHE)
def kept_training_task(settings: Settings, inputs: str, run_id: str) -> TrainingSummary | None:
    """The last training's outcome when it was trained on exactly these inputs and its champion is still
    registered; None when the models must be trained."""
    kept = settings.catalog.memo("train").recall(inputs)
    champion = edges.current_champion(settings.catalog) if kept is not None else None
    if champion is None:
        return None
    return TrainingSummary(run_id=run_id, skipped=True, champion=champion,
                           reason="training data, encoders, settings and code unchanged since the last run")


@task(name="load training corpora", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def load_corpora_task(settings: Settings) -> tuple[Corpus, TestSet]:
    corpus, test = edges.load_corpora(settings.catalog, text_encoder_for(settings))
    get_run_logger().info(
        "train: %d images, %d captions, %d judged pairs, %d crowd pairs, %d positives; test: %d queries × %d "
        "images (measured only)", len(corpus.image_ids), len(corpus.text_ids), len(corpus.judged), len(corpus.crowd),
        len(corpus.positives), len(test.query_ids), len(test.image_ids))
    return corpus, test


@task(name="train and evaluate models", cache_policy=NO_CACHE)
def train_models_task(corpus: Corpus, test: TestSet, settings: Settings) -> list[TrainedModel]:
    return train_models(corpus, test, n_folds=settings.cv_folds, seed=settings.seed, n_seeds=settings.cv_seeds)


@task(name="register models and choose champion", cache_policy=NO_CACHE, **TRANSIENT_IO_RETRIES)
def register_run_task(settings: Settings, run_id: str, trained: list[TrainedModel], inputs: str) -> TrainingSummary:
    champion, why = edges.register_run(settings.catalog, encoder_versions_for(settings), run_id, trained, inputs,
                                       datetime.now(timezone.utc))
    summary = TrainingSummary(run_id=run_id, skipped=False, champion=champion, reason=why,
                              metrics={m.kind: m.metrics for m in trained})
    settings.catalog.memo("train").remember(inputs, summary.model_dump())
    rows = [{"model": m.kind, **{k: round(v, 3) for k, v in m.metrics.items()}} for m in trained]
    publish_table("fit-model-metrics", rows, f"Run {run_id}: out-of-fold and test metrics per model")
    get_run_logger().info("champion: %s (%s)", champion, why)
    return summary
