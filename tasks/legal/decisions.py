"""The legal stage's core: from the captions, the image descriptions and vectors, every decision and
the figures that measure it. Pure: no files, no connections (``tasks.legal.edges`` reads and writes)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from models.encoders import TextEncoder
from tasks.legal.child_terms import child_terms_in, names_only_adults
from tasks.legal.evidence import caption_memory, choose_signals
from tasks.legal.rules import (ImageClassifier, ImageDecision, QueryFilter, WrittenQueries, build_query_filter,
                               choose_clear_threshold, decide_images, precision_recall, recall_threshold,
                               train_image_classifier)

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
    probability = query_filter.child_probability(texts)  # one pass of the text encoder for both
    semantic = query_filter.semantic_blocks(texts, probability)
    combined = np.array([d.blocked for d in query_filter.decide(texts, probability)])
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


def _rule_figures(prefix: str, blocked: np.ndarray, about_children: np.ndarray) -> dict[str, float]:
    figures = precision_recall(blocked, about_children)
    return {f"{prefix}_recall": figures["recall"], f"{prefix}_over_block_rate": figures["false_block_rate"],
            f"{prefix}_n_child": figures["n_positive"], f"{prefix}_n": figures["n"]}


def decide_legal(train_captions: list[str], descriptions: list[dict], image_vectors: np.ndarray,
                 written: WrittenQueries, text_encoder: TextEncoder, *, max_false_block_rate: float,
                 target_recall: float, described_recall: float, n_folds: int, seed: int,
                 fitting: dict[str, list[str]] | None = None,
                 hand_labels: dict[str, str] | None = None, face_child: np.ndarray | None = None) -> LegalDecisions:
    """``descriptions``: per indexed image, its split and captions (row-aligned with ``image_vectors``, the
    image encoder's own vectors);
    ``written``: the hand-written queries, about children or not, in a design and a validation half;
    ``fitting``: per image, captions the experts judged to fit it though written for another (fuller
    labels for choosing how far adult-only descriptions clear an image); ``hand_labels``: image → child /
    adult_only / no_person / unclear, looked at by a person (measured against, never learnt from);
    ``face_child``: per image, the most child-like face's P(under 16), NaN where no face was found."""
    fitting, hand_labels = fitting or {}, hand_labels or {}
    # Queries: the semantic check learnt from the train captions and the design half; measured on both halves.
    query_filter = build_query_filter(train_captions, text_encoder, max_false_block_rate, written.half("design"),
                                      n_folds=n_folds, seed=seed)

    # Every caption decided in one batch (one pass of the text encoder), then grouped back by image.
    all_captions = [caption for d in descriptions for caption in (d["captions"] or [])]
    caption_decisions = iter(query_filter.decide(all_captions))
    child_caption, caption_reason = [], []
    for d in descriptions:
        decided = [dec for dec in (next(caption_decisions) for _ in (d["captions"] or [])) if dec.blocked]
        child_caption.append(bool(decided))
        caption_reason.append(decided[0].reason if decided else "")
    child_caption_array = np.array(child_caption, dtype=bool)
    # The classifier learns from, and is measured on, captions that *mention* children (the vocabulary:
    # precise labels); the semantic check only widens which captions block their image.
    mentions = np.array([any(child_terms_in(c) for c in (d["captions"] or [])) for d in descriptions], dtype=bool)
    adults_only = np.array([bool(d["captions"]) and all(names_only_adults(c) for c in d["captions"])
                            for d in descriptions], dtype=bool)
    # Fuller labels: a child the image's own captions leave unnamed may be named by a caption that fits it.
    fuller = mentions | np.array([any(child_terms_in(c) for c in fitting.get(d["image"], [])) for d in descriptions],
                                 dtype=bool)
    is_train = np.array([d["split"] == "train" for d in descriptions], dtype=bool)
    face_child = (np.full(len(descriptions), np.nan) if face_child is None
                  else np.asarray(face_child, dtype=np.float64))
    signal_figures: dict[str, float] = {}
    try:
        classifier, oof_figures, whole_oof = train_image_classifier(image_vectors[is_train], mentions[is_train],
                                                                    target_recall, n_folds, seed)
        # Second level: the whole-image probability (out of fold for train images) with the faces' ages and
        # the caption memory — the combination that blocks fewest child-free images out of fold; its own
        # out-of-fold probabilities set the thresholds.
        whole = classifier.probability(image_vectors)
        whole[is_train] = whole_oof
        memory = caption_memory(image_vectors, mentions, is_train)
        evidence, oof, signal_figures = choose_signals(whole[is_train], face_child[is_train], memory[is_train],
                                                       mentions[is_train], target_recall, n_folds, seed)
        probability = evidence.probability(whole, face_child, memory)
        threshold = recall_threshold(oof, mentions[is_train], target_recall)
        classifier.evidence, classifier.evidence_threshold = evidence, threshold
        classifier.clear_threshold = choose_clear_threshold(
            oof, child_caption_array[is_train], adults_only[is_train], fuller[is_train], threshold,
            described_recall, seen_child=np.array([hand_labels.get(d["image"]) == "child" for d in descriptions])[is_train])
    except ValueError as error:
        # Too few examples to learn from: fail safe toward blocking — every image the captions do not
        # clear is blocked, rather than trusting a classifier that could not be trained.
        log.warning("legal filter: %s; blocking every image without a caption that clears it", error)
        classifier, oof_figures, oof = ImageClassifier(model=None, threshold=0.0, clear_threshold=0.0), {}, None
        probability, threshold = classifier.probability(image_vectors), 0.0
    decisions = decide_images(child_caption, caption_reason, probability, threshold, list(adults_only),
                              classifier.clear_threshold)

    def blocked_by(rule: str, p: np.ndarray, rows: np.ndarray) -> np.ndarray:
        alone = p >= threshold
        if rule == "classifier":
            return alone
        if rule == "any":  # a description about children, or the classifier
            return child_caption_array[rows] | alone
        return child_caption_array[rows] | np.where(adults_only[rows], p >= classifier.clear_threshold, alone)

    metrics = {
        "query_threshold": query_filter.threshold, "image_threshold": threshold,
        "image_whole_threshold": classifier.threshold, "image_clear_threshold": classifier.clear_threshold,
        **signal_figures,
        "images_with_faces": float((~np.isnan(face_child)).sum()),
        **written_query_metrics(query_filter, written),
        **{f"image_classifier_{k}": v for k, v in oof_figures.items()},
    }
    held = ~is_train
    hand = np.array([hand_labels.get(d["image"], "") for d in descriptions])
    hand_child, hand_checked = hand == "child", np.isin(hand, ["child", "adult_only", "no_person"])
    for rule in ("classifier", "any", "weighed"):
        # Held out: the test images, which the classifier never trained on, labelled by their own queries
        # (for the description rules this label is what the descriptions say: recall 1 by construction)
        # and by hand where a person looked.
        metrics.update(_rule_figures(f"heldout_{rule}", blocked_by(rule, probability[held], held), mentions[held]))
        rows = held & hand_checked
        metrics.update(_rule_figures(f"heldout_hand_{rule}", blocked_by(rule, probability[rows], rows), hand_child[rows]))
        if oof is not None:  # train images, out of fold, against the fuller labels and the hand-checked ones
            train_rows = np.flatnonzero(is_train)
            blocked = blocked_by(rule, oof, is_train)
            metrics.update(_rule_figures(f"oof_{rule}", blocked, fuller[is_train]))
            checked = hand_checked[train_rows]
            metrics.update(_rule_figures(f"oof_hand_{rule}", blocked[checked], hand_child[train_rows][checked]))
    # The names the run summary and README have used since the first filter.
    metrics.update({"heldout_image_recall": metrics["heldout_classifier_recall"],
                    "heldout_image_over_block_rate": metrics["heldout_classifier_over_block_rate"],
                    "heldout_image_n_child": metrics["heldout_classifier_n_child"],
                    "heldout_image_n": metrics["heldout_classifier_n"]})
    return LegalDecisions(query_filter, classifier, decisions, metrics)
