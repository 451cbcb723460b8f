"""The legal stage's edges: its inputs (captions and descriptions from the warehouse, vectors from the
index, the hand-written queries), its outputs (filter files, ``image_legal``, ``legal_metrics``, the flags
beside each vector) and the memo that keeps decisions whose inputs did not change."""

from __future__ import annotations

import csv
import json
import pickle
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa

from models.encoders import TextEncoder
from models.encoders.cached import CachedTextEncoder
from storage import files, shipped_vectors, vectors, warehouse
from storage.catalog import Catalog
from storage.memo import code_fingerprint, fingerprint
from storage.settings import HAND_LABELS, WRITTEN_QUERIES, Settings
from tasks.legal.child_terms import plain_text
from tasks.legal.decisions import LegalDecisions
from tasks.legal.rules import ImageClassifier, QueryFilter, WrittenQueries
from tasks.legal.summary import LegalSummary

# The code and hand-written data the decisions are a function of: a change to any of it decides again.
LEGAL_CODE = ("tasks/legal", "sql/legal", "data/legal", "models/faces")


def load_written_queries(path: Path = WRITTEN_QUERIES) -> WrittenQueries:
    """The queries written by hand (query, about_children 0/1, half design/validation, kind)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    halves = {r["half"] for r in rows}
    if not rows or not halves <= {"design", "validation"}:
        raise ValueError(f"{path}: expected rows with half 'design' or 'validation', got {sorted(halves)}")
    return WrittenQueries([r["query"] for r in rows], np.array([r["about_children"] == "1" for r in rows]),
                          [r["half"] for r in rows], [r["kind"] for r in rows])


def load_hand_labels(paths: tuple[Path, ...] = HAND_LABELS) -> dict[str, str]:
    """image → child / adult_only / no_person / unclear, for every image a person looked at."""
    labels: dict[str, str] = {}
    for path in paths:
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["label"] not in {"child", "adult_only", "no_person", "unclear"}:
                    raise ValueError(f"{path}: unknown label {row['label']!r} for {row['image']}")
                labels[row["image"]] = row["label"]
    return labels


def read_fitting_descriptions(catalog: Catalog, min_expert_mean: float) -> dict[str, list[str]]:
    """image → captions the experts judged to fit it though written for another image."""
    with warehouse.reading(catalog.warehouse) as con:
        rows = warehouse.query_arrow(con, "legal/fitting_descriptions", {"min_expert_mean": min_expert_mean}).to_pylist()
    return {r["image"]: list(r["fitting"]) for r in rows}


def update_image_faces(catalog: Catalog, data_dir: Path, threads: int) -> tuple[dict[str, float | None], int, int]:
    """Read the faces of every decodable image whose bytes the current reader has not read, store them in
    ``image_faces``, and return (content hash → most child-like face's P(under 16) or None without a face,
    images read now, images that could not be read)."""
    from models.faces import FaceAgeReader, face_reader_version
    from tasks.legal.faces import read_faces

    version = face_reader_version()
    with warehouse.transaction(catalog.warehouse) as con:
        warehouse.run_sql(con, "legal/image_faces")
        todo = warehouse.query_arrow(con, "legal/faces_to_read", {"reader_version": version}).to_pylist()
    failures = []
    if todo:
        rows, failures = read_faces([(r["sha256"], data_dir / r["path"]) for r in todo], FaceAgeReader(threads))
        with warehouse.transaction(catalog.warehouse) as con:
            warehouse.append_rows(con, "image_faces", rows)
    with warehouse.reading(catalog.warehouse) as con:
        found = warehouse.query_arrow(con, "legal/image_face_evidence", {"reader_version": version}).to_pylist()
    return {r["sha256"]: r["max_child_probability"] for r in found}, len(todo) - len(failures), len(failures)


def face_child_of(descriptions: list[dict], faces: dict[str, float | None]) -> np.ndarray:
    """Per description row, the most child-like face's probability; NaN without a face (or not read)."""
    return np.array([np.nan if faces.get(d["sha256"]) is None else faces[d["sha256"]] for d in descriptions])


# --- the filter's files -------------------------------------------------------------------------------

class LegalFilterOutdatedError(RuntimeError):
    """A stored filter was fitted on other vectors than the index's: another image or text encoder, or
    another version of the filter."""


def save_filters(catalog: Catalog, query_filter: QueryFilter, classifier: ImageClassifier) -> None:
    weights = None if query_filter.weights is None else [float(w) for w in query_filter.weights]
    files.write_json(catalog.legal_query_filter, {
        "threshold": query_filter.threshold if np.isfinite(query_filter.threshold) else None,
        "weights": weights, "bias": query_filter.bias, "text_encoder": query_filter.text_encoder.version})
    files.write_bytes(catalog.legal_image_classifier, pickle.dumps(classifier))


def load_query_filter(catalog: Catalog, text_encoder: TextEncoder) -> QueryFilter:
    """The stored query filter, refused when its semantic check was fitted on another text encoder's vectors
    (or saved by a version that had none)."""
    path = catalog.legal_query_filter
    if not path.is_file():
        raise FileNotFoundError(f"no query filter at {path}: run `withsense run` first")
    stored = json.loads(path.read_text())
    if "weights" not in stored or stored.get("text_encoder") != text_encoder.version:
        raise LegalFilterOutdatedError(
            f"the query filter at {path} was fitted with text encoder {stored.get('text_encoder', 'unknown')!r}, "
            f"not {text_encoder.version!r}: run `withsense run` to decide again")
    weights = None if stored["weights"] is None else np.array(stored["weights"], dtype=np.float64)
    threshold = np.inf if stored["threshold"] is None else stored["threshold"]
    return QueryFilter(threshold, weights, stored["bias"], text_encoder)


def load_image_classifier(catalog: Catalog, vector_width: int | None = None) -> ImageClassifier:
    """The stored image classifier; with ``vector_width``, refused unless it reads vectors of that width (one
    saved by an older version, or before the image encoder changed, would fail inside scikit-learn)."""
    path = catalog.legal_image_classifier
    if not path.is_file():
        raise FileNotFoundError(f"no image classifier at {path}: run `withsense run` first")
    classifier = pickle.loads(path.read_bytes())
    fitted_width = getattr(classifier.model, "n_features_in_", None)
    if vector_width is not None and fitted_width is not None and fitted_width != vector_width:
        raise LegalFilterOutdatedError(
            f"the image classifier at {path} reads {fitted_width} values per image, the index's vectors have "
            f"{vector_width}: it was saved by another version or image encoder; run `withsense run` to decide again")
    return classifier


def blocked_images_by_sha(catalog: Catalog) -> dict[str, tuple[bool, str | None]]:
    """The stored decision of every image of the delivery, by content hash."""
    with warehouse.reading(catalog.warehouse) as con:
        if not warehouse.table_exists(con, "image_legal"):
            return {}
        return {r["sha256"]: (r["is_blocked"], r["reason"])
                for r in warehouse.query_arrow(con, "legal/blocked_by_sha").to_pylist()}


# --- inputs ---------------------------------------------------------------------------------------------

def legal_inputs(catalog: Catalog, settings: Settings, encoder_versions: tuple[str, str]) -> str:
    with warehouse.reading(catalog.warehouse) as con:
        data = warehouse.query_row(con, "legal/inputs_fingerprint")["fingerprint"]
    from models.faces import face_reader_version

    return fingerprint("legal", data, encoder_versions, face_reader_version(), settings.query_false_block_rate,
                       settings.image_filter_recall, settings.described_image_recall,
                       settings.legal_fitting_expert_mean, settings.cv_folds, settings.seed,
                       code_fingerprint(*LEGAL_CODE))


def decisions_still_in_place(catalog: Catalog) -> bool:
    """Whether the stored decisions are still beside every vector (an index rebuilt since has none)."""
    if not catalog.legal_image_classifier.is_file():
        return False
    table = vectors.existing_table(vectors.connect(catalog.vector_index), vectors.IMAGES_TABLE)
    return table is not None and vectors.read_columns(table, ["is_blocked"]).column("is_blocked").null_count == 0


def remember_text_vectors(catalog: Catalog, text_encoder: CachedTextEncoder, shipped: Path) -> None:
    """Give the legal checks' encoder the vectors it need not compute: the captions and test queries the index
    holds, the texts earlier runs' checks encoded with this encoder version, and (``shipped``: the environment's
    store) the written queries' vectors any HOME's run kept."""
    text_encoder.remember(*vectors.indexed_text_vectors(catalog.vector_index, text_encoder.version))
    text_encoder.remember(*vectors.legal_text_vectors(catalog.vector_index, text_encoder.version))
    text_encoder.remember(*shipped_vectors.shipped_text_vectors(shipped, text_encoder.version))


def keep_text_vectors(catalog: Catalog, text_encoder: CachedTextEncoder, shipped: Path,
                      written: WrittenQueries) -> int:
    """Keep the vectors this run's checks encoded, for the next run (returns how many); those of the ``written``
    queries go to the environment's store ``shipped`` too, for every other HOME. Only texts that ship with the
    code go there: a delivery's own texts stay in its HOME."""
    texts, matrix = text_encoder.encoded_here()
    kept = vectors.keep_legal_text_vectors(catalog.vector_index, text_encoder.version, texts, matrix)
    if texts:
        as_read = {plain_text(text) for text in written.texts}  # as the checks read (and encoded) them
        rows = [i for i, text in enumerate(texts) if text in as_read]
        shipped_vectors.keep_shipped_text_vectors(shipped, text_encoder.version, [texts[i] for i in rows],
                                                  matrix[rows])
    return kept


def read_legal_inputs(catalog: Catalog) -> tuple[list[str], list[dict], np.ndarray]:
    """(train captions, the descriptions of every indexed image, those images' vectors from the image encoder).

    The image classifier reads the encoder's vector alone, not the fit models' features (vector + label-text
    block): out of fold on the full data's train images the label-text block made it worse (AUC 0.898 against
    0.904, child-free images blocked at 97% recall 51% against 44%), and it would tie the image decisions to
    the text encoder."""
    with warehouse.reading(catalog.warehouse) as con:
        train_captions = _train_captions(con)
        descriptions = warehouse.query_arrow(con, "legal/image_descriptions").to_pylist()
    indexed = {r["image_id"]: r["vector"] for r in vectors.read_table_columns(
        vectors.connect(catalog.vector_index), vectors.IMAGES_TABLE, ["image_id", "vector"]).to_pylist()}
    descriptions = [d for d in descriptions if d["image"] in indexed]
    image_vectors = np.array([indexed[d["image"]] for d in descriptions], dtype=np.float32).reshape(len(descriptions), -1)
    return train_captions, descriptions, image_vectors


def read_train_captions(catalog: Catalog) -> list[str]:
    """The train captions the query filter learns from (as ``read_legal_inputs`` gives them)."""
    with warehouse.reading(catalog.warehouse) as con:
        return _train_captions(con)


def _train_captions(con) -> list[str]:
    return [r["text"] for r in warehouse.query_arrow(con, "embed/texts_to_index").to_pylist() if r["split"] == "train"]


class NoRoundSnapshotError(Exception):
    """A round's diff asked for before any snapshot was kept."""


def save_round_flags(catalog: Catalog, flags: dict[str, dict]) -> Path:
    """Keep the rules' flags of a round's texts (``rounds.flags_of``), replacing the last snapshot."""
    return files.write_json(catalog.legal_round_flags, {"taken_at": datetime.now(timezone.utc).isoformat(
        timespec="seconds"), "flags": flags})


def load_round_flags(catalog: Catalog) -> tuple[str, dict[str, dict]]:
    """(when it was taken, the flags) of the last snapshot."""
    kept = files.read_json(catalog.legal_round_flags)
    if "flags" not in kept:
        raise NoRoundSnapshotError(f"no snapshot of the rules' flags at {catalog.legal_round_flags}: run "
                                   f"`withsense legal-round snapshot` before changing the rules")
    return kept.get("taken_at", "?"), kept["flags"]


# --- outputs --------------------------------------------------------------------------------------------

def store_decisions(catalog: Catalog, run_id: str, descriptions: list[dict], decided: LegalDecisions) -> LegalSummary:
    save_filters(catalog, decided.query_filter, decided.classifier)
    rows = [{"split": d["split"], "image": d["image"], "sha256": d["sha256"], "is_blocked": dec.blocked,
             "reason": dec.reason or None, "child_caption": dec.child_caption,
             "classifier_probability": dec.classifier_probability} for d, dec in zip(descriptions, decided.images)]
    now = datetime.now(timezone.utc)
    with warehouse.transaction(catalog.warehouse) as con:
        warehouse.run_sql(con, "legal/image_legal")
        warehouse.append_rows(con, "image_legal", pa.Table.from_pylist(rows))
        warehouse.run_sql(con, "legal/legal_metrics")
        warehouse.append_rows(con, "legal_metrics", pa.Table.from_pylist(
            [{"run_id": run_id, "metric": k, "value": float(v), "recorded_at": now} for k, v in decided.metrics.items()]))
    # The same decision beside each vector, for search-by-vector users.
    table = vectors.existing_table(vectors.connect(catalog.vector_index), vectors.IMAGES_TABLE)
    vectors.rewrite_columns(table, vectors.IMAGE_KEY, {r["image"]: {"is_blocked": r["is_blocked"],
                                                                   "block_reason": r["reason"]} for r in rows})
    return LegalSummary(query_threshold=decided.query_filter.threshold, image_threshold=decided.classifier.threshold,
                        n_images_blocked=sum(r["is_blocked"] for r in rows), n_images=len(rows),
                        metrics=decided.metrics)


def latest_legal_metrics(catalog: Catalog) -> dict[str, float]:
    with warehouse.reading(catalog.warehouse) as con:
        return {r["metric"]: r["value"] for r in warehouse.query_arrow(con, "legal/latest_legal_metrics").to_pylist()}
