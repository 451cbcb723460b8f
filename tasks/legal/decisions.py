"""The legal stage's core: from the captions, the image descriptions and features, every decision and
the figures that measure it. Pure: no files, no connections (``tasks.legal.edges`` reads and writes)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from models.encoders import TextEncoder
from tasks.legal.child_terms import child_terms_in
from tasks.legal.rules import (ImageClassifier, ImageDecision, QueryFilter, WrittenQueries, build_query_filter,
                               decide_images, precision_recall, train_image_classifier)

log = logging.getLogger(__name__)


@dataclass
class LegalDecisions:
    query_filter: QueryFilter
    classifier: ImageClassifier
    images: list[ImageDecision]  # one per description, in order
    metrics: dict[str, float]


def evaluate_query_filter(query_filter: QueryFilter, texts: list[str], labels: np.ndarray,
                          kinds: list[str] | None = None) -> dict[str, dict]:
    """Recall, precision and false blocks of the vocabulary, the semantic check and both together; with
    ``kinds``, how many animal queries (kind ``animal``, not about children) were blocked."""
    keyword = np.array([bool(child_terms_in(t)) for t in texts])
    semantic = query_filter.semantic_blocks(texts)
    combined = np.array([d.blocked for d in query_filter.decide(texts)])
    figures = {"vocabulary": precision_recall(keyword, labels), "semantic": precision_recall(semantic, labels),
               "combined": precision_recall(combined, labels)}
    if kinds is not None:
        animals = np.array([k == "animal" for k in kinds]) & ~np.asarray(labels, bool)
        figures["combined"]["n_animal"] = int(animals.sum())
        figures["combined"]["animals_blocked"] = int((combined & animals).sum())
    return figures


def written_query_metrics(query_filter: QueryFilter, written: WrittenQueries) -> dict[str, float]:
    """Figures per half of the written queries, as flat metrics (``written_design_recall``, …)."""
    metrics = {}
    for name in ("design", "validation"):
        half = written.half(name)
        if not half.texts:
            continue
        figures = evaluate_query_filter(query_filter, half.texts, half.about_children, half.kinds)
        metrics.update({f"written_{name}_{k}": v for k, v in figures["combined"].items()})
        metrics.update({f"written_{name}_{part}_{k}": figures[part][k] for part in ("vocabulary", "semantic")
                        for k in ("recall", "false_block_rate")})
    return metrics


def decide_legal(train_captions: list[str], descriptions: list[dict], features: np.ndarray,
                 written: WrittenQueries, text_encoder: TextEncoder, *, max_false_block_rate: float,
                 target_recall: float, n_folds: int, seed: int) -> LegalDecisions:
    """``descriptions``: per indexed image, its split and captions (row-aligned with ``features``);
    ``written``: the hand-written queries, about children or not, in a design and a validation half."""
    # Queries: threshold from the train captions and the design half; measured on both halves.
    query_filter = build_query_filter(train_captions, text_encoder, max_false_block_rate, written.half("design"))

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
    mentions = np.array([any(child_terms_in(c) for c in (d["captions"] or [])) for d in descriptions], dtype=bool)
    is_train = np.array([d["split"] == "train" for d in descriptions], dtype=bool)
    try:
        classifier, oof_figures = train_image_classifier(features[is_train], mentions[is_train], target_recall,
                                                         n_folds, seed)
    except ValueError as error:
        # Too few examples to learn from: fail safe toward blocking — every image the captions do not
        # clear is blocked, rather than trusting a classifier that could not be trained.
        log.warning("legal filter: %s; blocking every image without a caption that clears it", error)
        classifier, oof_figures = ImageClassifier(model=None, threshold=0.0), {}
    probability = classifier.probability(features)
    decisions = decide_images(child_caption, caption_reason, probability, classifier.threshold)

    # Held out: the test images, which the classifier never trained on (labelled by their own queries).
    held = ~is_train
    heldout = precision_recall(probability[held] >= classifier.threshold, mentions[held])
    metrics = {
        "query_threshold": query_filter.threshold, "image_threshold": classifier.threshold,
        **written_query_metrics(query_filter, written),
        **{f"image_classifier_{k}": v for k, v in oof_figures.items()},
        "heldout_image_recall": heldout["recall"], "heldout_image_over_block_rate": heldout["false_block_rate"],
        "heldout_image_n_child": heldout["n_positive"], "heldout_image_n": heldout["n"],
    }
    return LegalDecisions(query_filter, classifier, decisions, metrics)
