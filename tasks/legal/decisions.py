"""The legal stage's core: from the captions, the image descriptions and features, every decision and
the figures that measure it. Pure: no files, no connections (``tasks.legal.edges`` reads and writes)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from models.encoders import TextEncoder
from tasks.legal.child_terms import child_terms_in
from tasks.legal.rules import (ImageClassifier, ImageDecision, QueryFilter, build_query_filter, decide_images,
                               precision_recall, train_image_classifier)

log = logging.getLogger(__name__)


@dataclass
class LegalDecisions:
    query_filter: QueryFilter
    classifier: ImageClassifier
    images: list[ImageDecision]  # one per description, in order
    metrics: dict[str, float]


def evaluate_query_filter(query_filter: QueryFilter, texts: list[str], labels: np.ndarray) -> dict[str, dict]:
    keyword = np.array([bool(child_terms_in(t)) for t in texts])
    semantic = query_filter.similarity(texts) >= query_filter.threshold
    combined = np.array([d.blocked for d in query_filter.decide(texts)])
    return {"vocabulary": precision_recall(keyword, labels), "semantic": precision_recall(semantic, labels),
            "combined": precision_recall(combined, labels)}


def decide_legal(train_captions: list[str], descriptions: list[dict], features: np.ndarray,
                 labelled: tuple[list[str], np.ndarray], text_encoder: TextEncoder, *, max_false_block_rate: float,
                 target_recall: float, n_folds: int, seed: int) -> LegalDecisions:
    """``descriptions``: per indexed image, its split and captions (row-aligned with ``features``);
    ``labelled``: the hand-written queries and whether each is about children."""
    # Queries: threshold from the dataset's train captions; measured on the queries written by hand.
    query_filter = build_query_filter(train_captions, text_encoder, max_false_block_rate)
    query_figures = evaluate_query_filter(query_filter, *labelled)

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
        **{f"labelled_queries_{k}": v for k, v in query_figures["combined"].items()},
        **{f"labelled_queries_vocabulary_{k}": v for k, v in query_figures["vocabulary"].items()},
        **{f"labelled_queries_semantic_{k}": v for k, v in query_figures["semantic"].items()},
        **{f"image_classifier_{k}": v for k, v in oof_figures.items()},
        "heldout_image_recall": heldout["recall"], "heldout_image_over_block_rate": heldout["false_block_rate"],
        "heldout_image_n_child": heldout["n_positive"], "heldout_image_n": heldout["n"],
    }
    return LegalDecisions(query_filter, classifier, decisions, metrics)
