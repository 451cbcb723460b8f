"""The training stage: corpora from the warehouse and the index, models, registry and champion."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from prefect import task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from models.encoders import image_encoder_version, text_encoder_version
from storage import model_store, vectors, warehouse
from storage.settings import Settings
from tasks.champion import decide, pick_challenger
from tasks.embed import text_encoder_from_settings
from tasks.train import TrainedModel, train_models
from tasks.training_data import Corpus, TestSet, load_corpora

# Bump when training code or hyper-parameters change, so unchanged data is trained again.
TRAINING_VERSION = "2"  # 2: the dual encoder has a caption memory


class TrainingSummary(BaseModel):
    run_id: str
    skipped: bool
    reason: str
    champion: str | None
    metrics: dict[str, dict[str, float]] = {}

    def describe(self) -> str:
        if self.skipped:
            return f"training skipped: {self.reason}; champion {self.champion}"
        return f"trained {', '.join(self.metrics)}; champion {self.champion} ({self.reason})"


def training_fingerprint(con, settings: Settings) -> str:
    data = warehouse.query_row(con, "registry/training_fingerprint")["fingerprint"]
    parts = [TRAINING_VERSION, data, image_encoder_version(settings.image_encoder, folder=settings.encoder_folder),
             text_encoder_version(settings.text_encoder, folder=settings.encoder_folder),
             str(settings.cv_folds), str(settings.seed)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def training_is_current(settings: Settings) -> tuple[bool, str, str | None]:
    """(are the registered models trained on exactly these inputs?, the inputs' fingerprint, champion)."""
    with warehouse.reading(settings.duckdb_path) as con:
        fingerprint = training_fingerprint(con, settings)
        found = model_store.champion(con)
        current = found is not None and model_store.latest_training_fingerprint(con) == fingerprint
    return current, fingerprint, found["model_version"] if found else None


def load_training_corpora(settings: Settings) -> tuple[Corpus, TestSet]:
    text_encoder = text_encoder_from_settings(settings)
    with warehouse.reading(settings.duckdb_path) as con:
        return load_corpora(con, vectors.connect(settings.lancedb_dir), text_encoder)


def register_run(settings: Settings, run_id: str, trained: list[TrainedModel], fingerprint: str,
                 created_at: datetime) -> tuple[str | None, str]:
    """Save and register every model; promote the challenger if it is not worse. Returns (champion, why)."""
    image_version = image_encoder_version(settings.image_encoder, folder=settings.encoder_folder)
    text_version = text_encoder_version(settings.text_encoder, folder=settings.encoder_folder)
    challenger_kind = pick_challenger({m.kind: m.metrics for m in trained})
    versions = {m.kind: f"{run_id}-{m.kind}" for m in trained}
    paths = {m.kind: model_store.save_model(settings.models_dir, versions[m.kind], m.model) for m in trained}
    with warehouse.transaction(settings.duckdb_path) as con:
        model_store.create_registry(con)
        current = model_store.champion(con)
        current_metrics = model_store.model_metrics(con, current["model_version"]) if current else None
        for m in trained:
            model_store.register_model(
                con, model_version=versions[m.kind], run_id=run_id, kind=m.kind, created_at=created_at,
                path=paths[m.kind], params=m.params, image_encoder=image_version, text_encoder=text_version,
                training_fingerprint=fingerprint, is_challenger=m.kind == challenger_kind, metrics=m.metrics)
        challenger = next(m for m in trained if m.kind == challenger_kind)
        same_encoders = current is not None and (current["image_encoder"], current["text_encoder"]) == (image_version, text_version)
        promote, why = decide(challenger.metrics, current_metrics, bool(current and current["is_pinned"]), same_encoders)
        if promote:
            model_store.set_champion(con, versions[challenger_kind], why)
            return versions[challenger_kind], why
        model_store.record_decision(con, versions[challenger_kind], why)
        return current["model_version"], why


def new_run_id(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ")


# --- Prefect tasks ------------------------------------------------------------------------------------

@task(name="check training inputs", cache_policy=NO_CACHE)
def training_is_current_task(settings: Settings) -> tuple[bool, str, str | None]:
    return training_is_current(settings)


@task(name="load training corpora", cache_policy=NO_CACHE)
def load_training_corpora_task(settings: Settings) -> tuple[Corpus, TestSet]:
    corpus, test = load_training_corpora(settings)
    print(f"train: {len(corpus.image_ids)} images, {len(corpus.text_ids)} captions, {len(corpus.judged)} judged "
          f"pairs, {len(corpus.crowd)} crowd pairs, {len(corpus.positives)} positives; test: "
          f"{len(test.query_ids)} queries × {len(test.image_ids)} images (measured only)")
    return corpus, test


@task(name="train and evaluate models", cache_policy=NO_CACHE)
def train_models_task(corpus: Corpus, test: TestSet, settings: Settings) -> list[TrainedModel]:
    return train_models(corpus, test, n_folds=settings.cv_folds, seed=settings.seed)


@task(name="register models and choose champion", cache_policy=NO_CACHE)
def register_run_task(settings: Settings, run_id: str, trained: list[TrainedModel], fingerprint: str) -> tuple[str | None, str]:
    from storage import reports

    champion, why = register_run(settings, run_id, trained, fingerprint, datetime.now(timezone.utc))
    rows = [{"model": m.kind, **{k: round(v, 3) for k, v in m.metrics.items()}} for m in trained]
    reports.publish_table("fit-model-metrics", rows, f"Run {run_id}: out-of-fold and test metrics per model")
    print(f"champion: {champion} ({why})")
    return champion, why
