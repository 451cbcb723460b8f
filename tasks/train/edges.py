"""The train stage's edges: the corpora from the index and the warehouse, whether the inputs changed since
the last training (the stage memo), and the registry (model files, figures, champion)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from models.encoders import TextEncoder
from storage import model_store, vectors, warehouse
from storage.catalog import Catalog
from storage.memo import code_fingerprint, fingerprint
from storage.settings import Settings
from tasks.train.champion import decide, pick_challenger
from tasks.train.corpus import Corpus, TestSet, build_corpora
from tasks.train.cross_validation import TrainedModel

# The code the models are a function of: a change to any of it trains again.
TRAINING_CODE = ("tasks/train", "models/fit", "sql/train")


def load_corpora(catalog: Catalog, text_encoder: TextEncoder) -> tuple[Corpus, TestSet]:
    db = vectors.connect(catalog.vector_index)
    images = vectors.read_table_columns(db, vectors.IMAGES_TABLE, ["image_id", "split", "vector", "top_labels",
                                                                   "top_scores"]).to_pandas()
    texts = vectors.read_table_columns(db, vectors.TEXTS_TABLE, ["query_id", "split", "vector"]).to_pandas()
    with warehouse.reading(catalog.warehouse) as con:
        judged, crowd, positives, queries = (warehouse.query_arrow(con, f"train/{name}").to_pandas()
                                             for name in ("judged_pairs", "crowd_pairs", "caption_positives",
                                                          "test_queries"))
    return build_corpora(images, texts, judged, crowd, positives, queries, text_encoder)


def training_inputs(catalog: Catalog, settings: Settings, encoder_versions: tuple[str, str]) -> str:
    """The fingerprint of everything the models are a function of: judged pairs, captions, image
    contents, encoders, folds, seeds, and the training code."""
    with warehouse.reading(catalog.warehouse) as con:
        data = warehouse.query_row(con, "train/inputs_fingerprint")["fingerprint"]
    return fingerprint("train", data, encoder_versions, settings.cv_folds, settings.seed, settings.cv_seeds,
                       code_fingerprint(*TRAINING_CODE))


def current_champion(catalog: Catalog) -> str | None:
    with warehouse.reading(catalog.warehouse) as con:
        found = model_store.champion(con)
    return found["model_version"] if found else None


def register_run(catalog: Catalog, encoder_versions: tuple[str, str], run_id: str, trained: list[TrainedModel],
                 inputs: str, created_at: datetime) -> tuple[str | None, str]:
    """Save and register every model; promote the challenger if it is not worse. Returns (champion, why)."""
    challenger_kind = pick_challenger({m.kind: m.metrics for m in trained})
    versions = {m.kind: f"{run_id}-{m.kind}" for m in trained}
    try:
        paths = {m.kind: model_store.save_model(catalog, versions[m.kind], m.model) for m in trained}
        return _register(catalog, encoder_versions, run_id, trained, inputs, created_at, versions, paths,
                         challenger_kind)
    except BaseException:
        for version in versions.values():  # none of them was registered: the transaction rolled back
            model_store.discard_model(catalog, version)
        raise


def _register(catalog: Catalog, encoder_versions: tuple[str, str], run_id: str, trained: list[TrainedModel],
              inputs: str, created_at: datetime, versions: dict[str, str], paths: dict[str, Path],
              challenger_kind: str) -> tuple[str | None, str]:
    image_version, text_version = encoder_versions
    with warehouse.transaction(catalog.warehouse) as con:
        model_store.create_registry(con)
        current = model_store.champion(con)
        current_metrics = model_store.model_metrics(con, current["model_version"]) if current else None
        for m in trained:
            model_store.register_model(
                con, model_version=versions[m.kind], run_id=run_id, kind=m.kind, created_at=created_at,
                path=paths[m.kind], params=m.params, image_encoder=image_version, text_encoder=text_version,
                training_fingerprint=inputs[:16], is_challenger=m.kind == challenger_kind, metrics=m.metrics)
        challenger = next(m for m in trained if m.kind == challenger_kind)
        same_encoders = current is not None and (current["image_encoder"], current["text_encoder"]) == encoder_versions
        pinned = bool(current and current["is_pinned"])
        promote, why = decide(challenger.metrics, current_metrics, pinned, same_encoders)
        if promote:
            model_store.set_champion(con, versions[challenger_kind], why)
            if pinned:
                model_store.set_pinned(con, None)
            return versions[challenger_kind], why
        model_store.record_decision(con, versions[challenger_kind], why)
        return current["model_version"], why
