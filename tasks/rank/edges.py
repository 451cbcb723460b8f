"""The rank stage's edges: the model that scores (from the registry), image features for any files (from
the index, or embedded now), the legal flags (from the legal stage's outputs), and the nightly outputs
(Parquet partition, LanceDB ``rankings``, the gallery)."""

from __future__ import annotations

import hashlib
import io
import logging
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
from PIL import Image

from models.encoders import (encoder_versions_for, image_encoder_for, sentence_transformer_folder,
                             text_encoder_for)
from models.encoders.cached import CachedTextEncoder
from models.fit.features import features_of_rows
from models.fit.text_tower import TextTower
from storage import files, model_store, vectors, warehouse
from storage.catalog import Catalog
from storage.locations import Location
from storage.memo import code_fingerprint, fingerprint
from storage.settings import Settings
from tasks.embed.pipeline import read_batches
from tasks.embed.plan import ImageJob
from tasks.embed.rows import declared_labels
from tasks.legal import edges as legal_edges
from tasks.rank.gallery import THUMBNAIL_SIZE, render_gallery
from tasks.rank.scoring import ImageSet, LegalFlags, Scorer, decide_flags

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


class NoChampionError(RuntimeError):
    pass


def find_champion(catalog: Catalog) -> dict:
    """The champion's registry row, or NoChampionError saying what to run when there is none yet."""
    if not catalog.warehouse.exists():
        raise NoChampionError(f"no warehouse at {catalog.warehouse}: run `withsense run` first")
    with warehouse.reading(catalog.warehouse) as con:
        found = model_store.champion(con)
    if found is None:
        raise NoChampionError("no champion model yet: run `withsense run` to train one")
    return found


def scoring_model(catalog: Catalog, encoder_versions: tuple[str, str]) -> dict:
    """The registry row of the model that scores: the champion when it was trained on the encoders of the
    current index, else (a pinned model of other encoders, say) the best registered model that was —
    with a warning naming the champion that was skipped and why."""
    champion = find_champion(catalog)
    with warehouse.reading(catalog.warehouse) as con:
        candidates = model_store.scoring_candidates(con, *encoder_versions)
    if candidates and candidates[0]["model_version"] == champion["model_version"]:
        return champion
    if not candidates:
        raise NoChampionError(
            f"champion {champion['model_version']} was trained on {champion['image_encoder']} + "
            f"{champion['text_encoder']}; the settings give {' + '.join(encoder_versions)}, and no registered "
            "model was trained on those: run `withsense run` to train one")
    chosen = candidates[0]
    log.warning("champion %s%s was trained on %s + %s and cannot score an index of %s: skipped; scoring with %s, "
                "the best registered model trained on the current encoders", champion["model_version"],
                " (pinned)" if champion["is_pinned"] else "", champion["image_encoder"], champion["text_encoder"],
                " + ".join(encoder_versions), chosen["model_version"])
    return chosen


def load_scorer(settings: Settings, reuse_indexed_texts: bool = True) -> Scorer:
    """The scoring model with a text encoder that encodes each text once, and (``reuse_indexed_texts``)
    takes the vectors of texts the index already holds (captions, test queries) from the index when they
    were made by the same encoder."""
    found = scoring_model(settings.catalog, encoder_versions_for(settings))
    model = model_store.load_model(found["kind"], Path(found["path"]))
    text_encoder = CachedTextEncoder(text_encoder_for(settings))
    if reuse_indexed_texts:
        text_encoder.remember(*vectors.indexed_text_vectors(settings.catalog.vector_index, text_encoder.version))
    return Scorer(model, found["model_version"], text_encoder)


def image_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise FileNotFoundError(f"no image folder at {folder}")
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def image_set(settings: Settings, paths: list[Path], text_encoder) -> ImageSet:
    """Features of any image files: vectors already in the index are reused when the bytes match (same
    sha256, same encoder); the others are embedded now (and not written to the index)."""
    image_version, _ = encoder_versions_for(settings)
    hashes = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    known: dict[str, dict] = {}  # sha256 → index row (vector, top_labels, top_scores)
    if settings.catalog.vector_index.exists():
        table = vectors.existing_table(vectors.connect(settings.catalog.vector_index), vectors.IMAGES_TABLE)
        if table is not None:
            rows = vectors.read_columns(table, ["sha256", "encoder_version", "vector", "top_labels", "top_scores"])
            for row in rows.to_pylist():
                if row["encoder_version"] == image_version:
                    known[row["sha256"]] = row
    found: dict[int, dict] = {i: known[h] for i, h in enumerate(hashes) if h in known}
    missing = [i for i in range(len(paths)) if i not in found]
    skipped: list[tuple[str, str]] = []
    if missing:
        encoder = image_encoder_for(settings)
        jobs = [ImageJob(image_id=str(i), split="adhoc", path=str(paths[i]), sha256=hashes[i]) for i in missing]
        for batch in read_batches(jobs, encoder.prepare, settings.embed_batch_size, settings.io_workers):
            skipped += [(f.job.path, f.reason) for f in batch.failures]
            if batch.pixels is not None:
                encoded = encoder.encode(batch.pixels)
                labels, scores = declared_labels(encoder, encoded, len(batch.jobs))
                for j, job in enumerate(batch.jobs):
                    found[int(job.image_id)] = {"vector": encoded.vectors[j], "top_labels": labels[j],
                                                "top_scores": scores[j]}
    for path, reason in skipped:
        log.warning("skipping image %s: %s", path, reason)
    order = sorted(found)
    if not order:
        return ImageSet([], [], np.zeros((0, 0), dtype=np.float32), 0, skipped, [], np.zeros((0, 0), dtype=np.float32))
    features = features_of_rows([found[i] for i in order], text_encoder)
    return ImageSet([paths[i].name for i in order], [str(paths[i]) for i in order], features.matrix,
                    len(paths) - len(missing), skipped, [hashes[i] for i in order],
                    features.matrix[:, : features.visual_dims])


def legal_flags(catalog: Catalog, scorer: Scorer, images: ImageSet, query_texts: list[str]) -> LegalFlags:
    """Queries through the query filter; images by their stored decision or, new bytes, the classifier."""
    query_filter = legal_edges.load_query_filter(catalog, scorer.text_encoder)
    classifier = legal_edges.load_image_classifier(catalog, images.vectors.shape[1] if len(images.vectors) else None)
    return decide_flags([d.blocked for d in query_filter.decide(query_texts)], images.sha256s,
                        legal_edges.blocked_images_by_sha(catalog), classifier.probability(images.vectors),
                        classifier.threshold)


def test_queries(catalog: Catalog) -> list[dict]:
    with warehouse.reading(catalog.warehouse) as con:
        return warehouse.query_arrow(con, "train/test_queries").to_pylist()


# --- the nightly outputs ----------------------------------------------------------------------------------

def with_query_vectors(ranking: pa.Table, scorer: Scorer) -> pa.Table:
    """The ranking rows with each query's text vector, for search-by-vector users of LanceDB."""
    texts = ranking.column("query_text").to_pylist()
    unique = list(dict.fromkeys(texts))
    encoded = dict(zip(unique, scorer.text_encoder.encode(unique)))
    dimension = len(next(iter(encoded.values())))
    return ranking.append_column("vector", vectors.vector_column([encoded[t] for t in texts], dimension))


def write_nightly_ranking(catalog: Catalog, ranking: pa.Table, scorer: Scorer, images: ImageSet, run_date: str,
                          run_id: str) -> Location:
    """Parquet partition, LanceDB ``rankings`` and the gallery of one night's ranking."""
    ranking = ranking.append_column("run_id", pa.array([run_id] * ranking.num_rows, pa.string()))
    path = files.write_parquet(catalog.ranking_partition(run_date, run_id), ranking)
    log.info("ranking partition written: %s (%d rows); next the LanceDB rankings table and the gallery", path,
             ranking.num_rows)
    vectors.replace_ranking(vectors.connect(catalog.vector_index), with_query_vectors(ranking, scorer))
    write_gallery(catalog, ranking, images, scorer.model_version)
    return path


def write_gallery(catalog: Catalog, ranking: pa.Table, images: ImageSet, model_version: str) -> Path:
    page, thumbnails = render_gallery(ranking, dict(zip(images.image_ids, images.sha256s)), model_version)
    paths = dict(zip(images.image_ids, images.paths))
    for name, image in thumbnails.items():
        target = catalog.gallery_thumbnail(name)
        if not target.exists():
            files.write_bytes(target, thumbnail_bytes(paths[image]))
    return files.write_text(catalog.gallery_page, page)


def thumbnail_bytes(source: str) -> bytes:
    with Image.open(source) as image:
        image = image.convert("RGB")
        image.thumbnail(THUMBNAIL_SIZE)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


# --- the search table: every indexed image in the champion's joint space ------------------------------------

def search_table_inputs(catalog: Catalog, model_version: str, ann_min_rows: int) -> str | None:
    """What the search table is a function of: the scoring model, each image's content, encoder, path and
    legal flag, from how many rows it is indexed, and this code. None when there is no image index yet."""
    db = vectors.connect(catalog.vector_index)
    if vectors.existing_table(db, vectors.IMAGES_TABLE) is None:
        return None
    rows = vectors.read_table_columns(db, vectors.IMAGES_TABLE,
                                      ["image_id", "sha256", "encoder_version", "path", "is_blocked"])
    return fingerprint(model_version, ann_min_rows, sorted(map(tuple, (r.values() for r in rows.to_pylist())), key=str),
                       code_fingerprint("tasks/rank/edges.py", "models/fit", "storage/vectors.py"))


def search_table_exists(catalog: Catalog) -> bool:
    return vectors.existing_table(vectors.connect(catalog.vector_index), vectors.SEARCH_TABLE) is not None


def write_search_table(catalog: Catalog, scorer: Scorer, ann_min_rows: int) -> int:
    """Project every indexed image into the scoring model's joint space and replace the search table with
    them (one commit); from ``ann_min_rows`` rows on, give it its ANN index. The table is rewritten whole
    when the model or the images change (a new model moves every vector), so the index is rebuilt then and
    never goes stale. Returns its rows; 0 (and no table) for a model without a joint space."""
    if not hasattr(scorer.model, "embed_images"):
        log.warning("the scoring model %s has no joint space (not a dual encoder): no search table",
                    scorer.model_version)
        return 0
    db = vectors.connect(catalog.vector_index)
    rows = vectors.read_table_columns(db, vectors.IMAGES_TABLE,
                                      ["image_id", "path", "vector", "top_labels", "top_scores", "is_blocked"])
    listed = rows.to_pylist()
    joint = scorer.model.embed_images(features_of_rows(listed, scorer.text_encoder).matrix) if listed else \
        np.zeros((0, 1), dtype=np.float32)
    dimension = joint.shape[1]
    table = pa.table({
        vectors.IMAGE_KEY: rows.column("image_id"), "path": rows.column("path"),
        "is_blocked": rows.column("is_blocked"),
        "model_version": pa.array([scorer.model_version] * len(listed), pa.string()),
        "vector": vectors.vector_column(joint, dimension)}, schema=vectors.search_schema(dimension))
    # The text side a search process needs, written before the table that refers to it.
    files.write_bytes(catalog.search_text_tower(scorer.model_version), TextTower.of(scorer.model).to_bytes())
    written = vectors.replace_table(db, vectors.SEARCH_TABLE, table)
    plan = vectors.ann_index_plan(table.num_rows, dimension, ann_min_rows)
    if plan is not None:  # until it is built, a reader's query scans exactly: slower, never wrong
        started = time.perf_counter()
        vectors.build_ann_index(written, plan)
        log.info("search table: %s built in %.1f s", plan.describe(), time.perf_counter() - started)
    return table.num_rows


def export_search_text_encoder(catalog: Catalog, settings: Settings, text_version: str) -> Path | None:
    """The settings' text encoder (of version ``text_version``) exported to ONNX for search processes, once
    per version; None for an encoder that is not a sentence-transformers model."""
    folder = sentence_transformer_folder(settings)
    if folder is None:
        return None
    path = catalog.text_encoder_onnx(text_version)
    if not path.is_file():
        from models.encoders.onnx_text import export_sentence_transformer

        export_sentence_transformer(folder, path)
    return path
