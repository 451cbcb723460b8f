"""The legal stage of the nightly run: build the filters, decide every image, store and measure."""

from __future__ import annotations

import csv
import json
import pickle
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from models.encoders import TextEncoder
from storage import reports, vectors, warehouse
from storage.settings import LABELLED_QUERIES, Settings
from tasks.child_terms import child_terms_in
from tasks.embed import text_encoder_from_settings
from tasks.features import image_feature_matrix
from tasks.legal import (ImageClassifier, QueryFilter, build_query_filter, decide_images, precision_recall,
                         prototype_vectors, train_image_classifier)

QUERY_FILTER_FILE = "query_filter.json"
IMAGE_CLASSIFIER_FILE = "image_classifier.pkl"
STATE_FILE = "state.json"
# Bump when the filter's rules, prototypes or training change, so unchanged data is decided again.
LEGAL_VERSION = "1"


class LegalSummary(BaseModel):
    query_threshold: float
    image_threshold: float
    n_images_blocked: int
    n_images: int
    metrics: dict[str, float]
    skipped: bool = False

    def describe(self) -> str:
        m = self.metrics
        kept = " (inputs unchanged: decisions kept)" if self.skipped else ""
        return (f"legal filter{kept}: {self.n_images_blocked} of {self.n_images} images blocked; held-out image recall "
                f"{m['heldout_image_recall']:.1%}, over-blocking {m['heldout_image_over_block_rate']:.1%}; "
                f"written queries recall {m['labelled_queries_recall']:.1%}, false blocks "
                f"{m['labelled_queries_false_block_rate']:.1%}")


def load_labelled_queries(path: Path = LABELLED_QUERIES) -> tuple[list[str], np.ndarray]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["query"] for r in rows], np.array([r["about_children"] == "1" for r in rows])


def evaluate_query_filter(query_filter: QueryFilter, texts: list[str], labels: np.ndarray) -> dict[str, dict]:
    keyword = np.array([bool(child_terms_in(t)) for t in texts])
    semantic = query_filter.similarity(texts) >= query_filter.threshold
    combined = np.array([d.blocked for d in query_filter.decide(texts)])
    return {"vocabulary": precision_recall(keyword, labels), "semantic": precision_recall(semantic, labels),
            "combined": precision_recall(combined, labels)}


def save_query_filter(folder: Path, query_filter: QueryFilter) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / QUERY_FILTER_FILE).write_text(json.dumps({"threshold": query_filter.threshold}))


def load_query_filter(settings: Settings, text_encoder: TextEncoder) -> QueryFilter:
    path = settings.legal_dir / QUERY_FILTER_FILE
    if not path.is_file():
        raise FileNotFoundError(f"no query filter at {path}: run `withsense run` first")
    threshold = json.loads(path.read_text())["threshold"]
    return QueryFilter(threshold, prototype_vectors(text_encoder), text_encoder)


def load_image_classifier(settings: Settings) -> ImageClassifier:
    path = settings.legal_dir / IMAGE_CLASSIFIER_FILE
    if not path.is_file():
        raise FileNotFoundError(f"no image classifier at {path}: run `withsense run` first")
    return pickle.loads(path.read_bytes())


def legal_fingerprint(settings: Settings) -> str:
    import hashlib

    from models.encoders import image_encoder_version, text_encoder_version

    with warehouse.reading(settings.duckdb_path) as con:
        data = warehouse.query_row(con, "legal/inputs_fingerprint")["fingerprint"]
    parts = [LEGAL_VERSION, data, LABELLED_QUERIES.read_text(encoding="utf-8"),
             image_encoder_version(settings.image_encoder, folder=settings.encoder_folder),
             text_encoder_version(settings.text_encoder, folder=settings.encoder_folder),
             repr((settings.query_false_block_rate, settings.image_filter_recall, settings.cv_folds, settings.seed))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def run_legal_stage(settings: Settings, run_id: str) -> LegalSummary:
    """Decide every query rule and image; kept as they are when nothing they depend on changed."""
    fingerprint = legal_fingerprint(settings)
    state = reports.read_json(settings.legal_dir / STATE_FILE)
    if (state.get("fingerprint") == fingerprint and (settings.legal_dir / IMAGE_CLASSIFIER_FILE).is_file()
            and not _undecided_vectors(settings)):
        return LegalSummary(**state["summary"], skipped=True)
    summary = decide_everything(settings, run_id)
    reports.write_json_atomically(settings.legal_dir / STATE_FILE,
                                  {"fingerprint": fingerprint, "summary": summary.model_dump(exclude={"skipped"})})
    return summary


def _undecided_vectors(settings: Settings) -> bool:
    """Whether some vector in the index has no decision beside it (e.g. the index was rebuilt)."""
    table = vectors.existing_table(vectors.connect(settings.lancedb_dir), vectors.IMAGES_TABLE)
    return table is None or vectors.read_columns(table, ["is_blocked"]).column("is_blocked").null_count > 0


def decide_everything(settings: Settings, run_id: str) -> LegalSummary:
    text_encoder = text_encoder_from_settings(settings)
    with warehouse.reading(settings.duckdb_path) as con:
        train_captions = [r["text"] for r in warehouse.query_arrow(con, "embed/texts_to_index").to_pylist()
                          if r["split"] == "train"]
        descriptions = warehouse.query_arrow(con, "legal/image_descriptions").to_pylist()

    # Queries: threshold from the dataset's train captions; measured on the queries written by hand.
    query_filter = build_query_filter(train_captions, text_encoder, settings.query_false_block_rate)
    texts, labels = load_labelled_queries()
    query_figures = evaluate_query_filter(query_filter, texts, labels)

    # Images: every description decided with the query filter; features from the index.
    db = vectors.connect(settings.lancedb_dir)
    table = vectors.existing_table(db, vectors.IMAGES_TABLE)
    indexed = {r["image_id"]: r for r in vectors.read_columns(
        table, ["image_id", "vector", "top_labels", "top_scores"]).to_pylist()}
    descriptions = [d for d in descriptions if d["image"] in indexed]
    features, _ = image_feature_matrix(
        np.stack([np.asarray(indexed[d["image"]]["vector"], dtype=np.float32) for d in descriptions]),
        [indexed[d["image"]]["top_labels"] for d in descriptions],
        [indexed[d["image"]]["top_scores"] for d in descriptions], text_encoder)
    # Every caption decided in one batch (one pass of the text encoder), then grouped back by image.
    all_captions = [caption for d in descriptions for caption in (d["captions"] or [])]
    caption_decisions = iter(query_filter.decide(all_captions))
    child_caption, caption_reason = [], []
    for d in descriptions:
        decided = [dec for dec in (next(caption_decisions) for _ in (d["captions"] or [])) if dec.blocked]
        child_caption.append(bool(decided))
        caption_reason.append(decided[0].reason if decided else "")
    # The classifier learns from, and is measured on, captions that *mention* children (the vocabulary:
    # precise labels); the semantic check only widens which captions block their image.
    mentions = np.array([any(child_terms_in(c) for c in (d["captions"] or [])) for d in descriptions])
    is_train = np.array([d["split"] == "train" for d in descriptions])
    try:
        classifier, oof_figures = train_image_classifier(features[is_train], mentions[is_train],
                                                         settings.image_filter_recall, settings.cv_folds, settings.seed)
    except ValueError as error:
        # Too few examples to learn from: fail safe toward blocking — every image the captions do not
        # clear is blocked, rather than trusting a classifier that could not be trained.
        print(f"legal filter: {error}; blocking every image without a caption that clears it")
        classifier, oof_figures = ImageClassifier(model=None, threshold=0.0), {}
    probability = classifier.probability(features)
    decisions = decide_images(child_caption, caption_reason, probability, classifier.threshold)

    # Held out: the test images, which the classifier never trained on (labelled by their own queries).
    held = ~is_train
    heldout = precision_recall(probability[held] >= classifier.threshold, mentions[held])
    metrics = {
        "query_threshold": query_filter.threshold, "image_threshold": classifier.threshold,
        **{f"labelled_queries_{k}": v for k, v in query_figures["combined"].items()},
        **{f"labelled_queries_vocabulary_{k}": v for k, v in query_figures["vocabulary"].items()},
        **{f"labelled_queries_semantic_{k}": v for k, v in query_figures["semantic"].items()},
        **{f"image_classifier_{k}": v for k, v in oof_figures.items()},
        "heldout_image_recall": heldout["recall"], "heldout_image_over_block_rate": heldout["false_block_rate"],
        "heldout_image_n_child": heldout["n_positive"], "heldout_image_n": heldout["n"],
    }

    settings.legal_dir.mkdir(parents=True, exist_ok=True)
    save_query_filter(settings.legal_dir, query_filter)
    (settings.legal_dir / IMAGE_CLASSIFIER_FILE).write_bytes(pickle.dumps(classifier))
    rows = [{"split": d["split"], "image": d["image"], "sha256": d["sha256"], "is_blocked": dec.blocked,
             "reason": dec.reason or None, "child_caption": dec.child_caption,
             "classifier_probability": dec.classifier_probability} for d, dec in zip(descriptions, decisions)]
    now = datetime.now(timezone.utc)
    with warehouse.transaction(settings.duckdb_path) as con:
        warehouse.run_sql(con, "legal/image_legal")
        warehouse.append_rows(con, "image_legal", pa.Table.from_pylist(rows))
        warehouse.run_sql(con, "legal/legal_metrics")
        warehouse.append_rows(con, "legal_metrics", pa.Table.from_pylist(
            [{"run_id": run_id, "metric": k, "value": float(v), "recorded_at": now} for k, v in metrics.items()]))
    # The same decision beside each vector, for search-by-vector users.
    flags = {r["image"]: (r["is_blocked"], r["reason"]) for r in rows}
    current = vectors.read_rows(table, vectors.IMAGE_KEY, list(flags)).to_pylist()
    for row in current:
        row["is_blocked"], row["block_reason"] = flags[row["image_id"]]
    vectors.upsert(table, vectors.IMAGE_KEY, pa.Table.from_pylist(current, schema=table.schema))
    return LegalSummary(query_threshold=query_filter.threshold, image_threshold=classifier.threshold,
                        n_images_blocked=sum(r["is_blocked"] for r in rows), n_images=len(rows), metrics=metrics)


def blocked_images_by_sha(settings: Settings) -> dict[str, tuple[bool, str | None]]:
    with warehouse.reading(settings.duckdb_path) as con:
        if not warehouse.table_exists(con, "image_legal"):
            return {}
        return {r["sha256"]: (r["is_blocked"], r["reason"]) for r in warehouse.query_arrow(con, "legal/blocked_by_sha").to_pylist()}


@task(name="apply legal filter", cache_policy=NO_CACHE)
def run_legal_stage_task(settings: Settings, run_id: str) -> LegalSummary:
    summary = run_legal_stage(settings, run_id)
    print(summary.describe())
    return summary
