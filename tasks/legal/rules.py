"""The legal filter: where the law applies, no text or image depicting a child (under 16) is shown.

Queries: blocked when the child vocabulary finds a child word (tasks/legal/child_terms.py), or when a
logistic regression over the text encoder's vectors — trained on the train captions, labelled by the
vocabulary, and the design half of the written queries, labelled by hand — reads it as about children (a
query naming an animal, a thing called "baby" or "kid", or an adult by age or adult role is left to the
vocabulary). Its threshold is the lowest probability (never below one half) that blocks at most
``max_false_block_rate`` of the design half's negatives, out of fold.

Images: blocked when any description users gave the image (its captions) is about children, OR a
classifier on the image encoder's vector says it depicts a child. The classifier is trained on train images only,
labelled by their captions (nothing labelled by hand); its threshold is chosen for recall on out-of-fold
predictions, because a leaked child image is far worse than a hidden adult one. Images without any
description rely on the classifier alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.encoders import TextEncoder
from tasks.legal.child_terms import child_terms_in, names_a_lookalike, names_an_adult, names_an_animal, plain_text
from tasks.legal.other_languages import reads_as_other_language

DISCLAIMER = "This image is unavailable in your country in compliance with local laws."
# The semantic check's logistic regression over the text encoder's vectors. Design half only (nested out of
# fold, 3 split seeds, each outer fold's queries out of training and of the threshold): at the same 2% of
# design negatives, it blocks 80-84% of the child queries on its own (C = 3 or 10) against the prototype
# margin's 69-71% that it replaced; C = 10 for the higher recall, its false blocks within the seeds' noise.
SEMANTIC_C = 10.0
# Never below an even chance (the classes are weighed equally): the check blocks a text only when it reads
# more like the child texts than the others.
SEMANTIC_FLOOR = 0.5


@dataclass
class QueryDecision:
    blocked: bool
    reason: str


@dataclass
class QueryFilter:
    threshold: float  # on the semantic check's P(about children)
    weights: np.ndarray | None  # the logistic regression over the text encoder's vectors; None: no semantic check
    bias: float
    text_encoder: TextEncoder

    def child_probability(self, texts: list[str]) -> np.ndarray:
        """The semantic check's P(about children) of each text (0 without a semantic check), read with its
        hashtags as words and its emoji by name, as the vocabulary reads it."""
        if not texts or self.weights is None:
            return np.zeros(len(texts))
        vectors = np.asarray(self.text_encoder.encode([plain_text(t) for t in texts]), dtype=np.float64)
        if vectors.shape[1] != len(self.weights):
            raise ValueError(f"the query filter reads {len(self.weights)}-d text vectors, the encoder gives "
                             f"{vectors.shape[1]}-d ones: it was fitted with another text encoder")
        return 1 / (1 + np.exp(-(vectors @ self.weights + self.bias)))

    def semantic_blocks(self, texts: list[str], probability: np.ndarray | None = None) -> np.ndarray:
        """Whether the semantic check blocks each text: its P(about children) reaches the threshold, and it
        names no animal and no thing that carries a child word (young animals and "a baby grand piano" sit
        near children in the encoder's space; such a query is left to the vocabulary, which still blocks "a
        boy and his puppy")."""
        probability = self.child_probability(texts) if probability is None else probability
        return (probability >= self.threshold) & semantic_may_block(texts)

    def decide(self, texts: list[str], probability: np.ndarray | None = None) -> list[QueryDecision]:
        probability = self.child_probability(texts) if probability is None else probability
        decisions = []
        for text, p, semantic in zip(texts, probability, self.semantic_blocks(texts, probability)):
            terms = child_terms_in(text)
            if terms:
                decisions.append(QueryDecision(True, f"mentions children: {', '.join(dict.fromkeys(t.lower() for t in terms))}"))
            elif semantic:
                decisions.append(QueryDecision(True, f"reads as about children (P {p:.2f} ≥ {self.threshold:.2f})"))
            else:
                decisions.append(QueryDecision(False, ""))
        return decisions


def semantic_may_block(texts: list[str]) -> np.ndarray:
    """Which texts the semantic check may block at all: not those naming an animal, nor those whose child
    word the vocabulary reads as a thing, an adult or a young animal, nor those naming an adult by age or as
    a young adult in an adult role, nor those written in another language, which the English text encoder
    cannot read ("cachorros jugando en el jardín" read as children at P 0.9) — all left to the vocabulary."""
    return np.array([not names_an_animal(t) and not names_a_lookalike(t) and not names_an_adult(t)
                     and not reads_as_other_language(t) for t in texts], dtype=bool)


def choose_semantic_threshold(score: np.ndarray, about_children: np.ndarray, max_false_block_rate: float,
                              may_block: np.ndarray | None = None, floor: float = SEMANTIC_FLOOR) -> float:
    """The lowest threshold that blocks at most ``max_false_block_rate`` of the negatives, never below
    ``floor``. A negative the check may not block (``may_block`` false: an animal query) cannot be a false
    block, however high it scores, so it does not push the threshold up; it still counts among the
    negatives."""
    if may_block is not None:
        score = np.where(may_block, score, -np.inf)
    negatives = np.sort(score[~about_children])[::-1]
    allowed = int(np.floor(max_false_block_rate * len(negatives)))
    threshold = float(negatives[allowed] + 1e-6) if len(negatives) > allowed else float(negatives.min())
    return max(threshold, floor)  # max() also covers -inf, when no negative may be blocked


@dataclass
class WrittenQueries:
    """Queries written by hand, each labelled about children or not, in two halves: ``design`` (the rules
    and the semantic threshold may be fitted to it) and ``validation`` (written before any tuning; only
    measured)."""

    texts: list[str]
    about_children: np.ndarray  # bool
    halves: list[str]
    kinds: list[str]  # e.g. schooling, youth_sports, animal, young_adult, lookalike

    def half(self, name: str) -> "WrittenQueries":
        return self.rows([i for i, h in enumerate(self.halves) if h == name])

    def rows(self, keep: list[int]) -> "WrittenQueries":
        """The queries at the positions ``keep``, in that order."""
        return WrittenQueries([self.texts[i] for i in keep], np.asarray(self.about_children)[keep],
                              [self.halves[i] for i in keep], [self.kinds[i] for i in keep])


@dataclass
class SemanticTrainingSet:
    """What the semantic check learns from: the train captions (labelled by the vocabulary), then the English queries
    of a design half (labelled by hand); ``held``: the rows measured out of fold (the design queries when there are
    any, else every row); ``design_rows``: each held design query's position in the design half."""

    texts: list[str]
    labels: np.ndarray  # bool
    held: np.ndarray
    design_rows: np.ndarray


def semantic_training_set(captions: list[str], design: WrittenQueries | None = None) -> SemanticTrainingSet:
    """Queries written in another language neither train nor measure the check: the encoder reads English, and would
    learn that any foreign sentence is about children (the vocabulary reads them)."""
    design_rows = np.array([i for i, text in enumerate(design.texts) if not reads_as_other_language(text)]
                           if design is not None else [], dtype=int)
    queries = design.rows(list(design_rows)) if design is not None else None
    texts = list(captions) + (list(queries.texts) if queries is not None else [])
    labels = np.array([bool(child_terms_in(c)) for c in captions]
                      + (list(queries.about_children) if queries is not None else []), dtype=bool)
    held = np.arange(len(captions), len(texts)) if len(design_rows) else np.arange(len(texts))
    return SemanticTrainingSet(texts, labels, held, design_rows)


def held_out_threshold(training: SemanticTrainingSet, vectors: np.ndarray, max_false_block_rate: float,
                       n_folds: int = 5, seed: int = 0) -> tuple[np.ndarray, float]:
    """(the held rows' out-of-fold P(about children), the threshold chosen on them): each fold's held rows out of
    training, the other rows always in it; fewer than two held texts of a class: no folds, P 0.5 and the floor."""
    labels, held = training.labels, training.held
    always = np.setdiff1d(np.arange(len(training.texts)), held)
    if min(int(labels[held].sum()), int((~labels[held]).sum())) < 2:
        probability = np.full(len(held), 0.5)  # too few of a class to hold any out: the floor decides
    else:
        probability = out_of_fold(vectors[held], labels[held], n_folds, seed, split_seed=seed, model=text_logistic,
                                  beside=(vectors[always], labels[always]))
    threshold = choose_semantic_threshold(probability, labels[held], max_false_block_rate,
                                          semantic_may_block([training.texts[i] for i in held]))
    return probability, threshold


def build_query_filter(captions: list[str], text_encoder: TextEncoder, max_false_block_rate: float,
                       design: WrittenQueries | None = None, n_folds: int = 5, seed: int = 0) -> QueryFilter:
    """The semantic check: a logistic regression over the text encoder's vectors, trained on the train
    captions (labelled by the vocabulary) and the design half of the written queries (labelled by hand).
    Its threshold blocks at most ``max_false_block_rate`` of the design half's hard negatives, read on
    out-of-fold probabilities (each fold's queries held out of training; the captions always in it) — or,
    without a design half, of the captions that do not mention children. (The captions alone set it low:
    their "negatives" include unnamed children, and few are hard negatives.) Queries written in another language
    neither train nor measure it (``semantic_training_set``). Fewer than two texts of either class: no semantic
    check, the vocabulary alone."""
    training = semantic_training_set(captions, design)
    labels = training.labels
    if min(int(labels.sum()), int((~labels).sum())) < 2:
        return QueryFilter(np.inf, None, 0.0, text_encoder)
    vectors = np.asarray(text_encoder.encode([plain_text(t) for t in training.texts]), dtype=np.float64)
    model = text_logistic(seed).fit(vectors, labels)
    _, threshold = held_out_threshold(training, vectors, max_false_block_rate, n_folds, seed)
    return QueryFilter(threshold, model.coef_[0].copy(), float(model.intercept_[0]), text_encoder)


def text_logistic(seed: int):
    """The semantic check's logistic regression (classes weighed equally: few texts are about children)."""
    return logistic(seed, C=SEMANTIC_C, max_iter=3000)


def precision_recall(predicted: np.ndarray, actual: np.ndarray) -> dict[str, float]:
    predicted, actual = np.asarray(predicted, bool), np.asarray(actual, bool)
    tp = int((predicted & actual).sum())
    return {
        "n": int(len(actual)), "n_positive": int(actual.sum()),
        "recall": tp / max(int(actual.sum()), 1),
        "precision": tp / max(int(predicted.sum()), 1),
        "false_block_rate": float((predicted & ~actual).sum() / max(int((~actual).sum()), 1)),
    }


# --- images -------------------------------------------------------------------------------------------

@dataclass
class ImageClassifier:
    model: object  # sklearn LogisticRegression
    threshold: float  # for an image its descriptions do not vouch for (or that has none)
    # For an image every description of which names only adults: strong evidence, so the classifier
    # must be surer to block it (chosen out of fold on train images; = threshold when nothing may clear).
    clear_threshold: float | None = None
    # The second level (tasks.legal.evidence): whole image, faces' ages, caption memory. The nightly's
    # decisions use it at evidence_threshold; an image the nightly never saw (``rank`` on a new folder) is
    # judged by the whole-image model alone at ``threshold``.
    evidence: object | None = None
    evidence_threshold: float | None = None

    def probability(self, image_vectors: np.ndarray) -> np.ndarray:
        """P(child) from the image encoder's vectors (not the fit models' features)."""
        if self.model is None:  # untrainable (too few examples): every image counts as a possible child
            return np.ones(len(image_vectors))
        return self.model.predict_proba(image_vectors)[:, 1] if len(image_vectors) else np.zeros(0)


def logistic(seed: int, C: float = 1.0, max_iter: int = 2000):
    """The logistic regression every legal classifier uses (both stack levels)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, class_weight="balanced", max_iter=max_iter, random_state=seed)


def out_of_fold(columns: np.ndarray, labels: np.ndarray, n_folds: int, seed: int, split_seed: int, model=logistic,
                beside: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """Out-of-fold probabilities of ``model(seed)`` over stratified folds (at most as many as either class
    has members); ``beside``: (columns, labels) of rows every fold also trains on, never scored."""
    from sklearn.model_selection import StratifiedKFold

    extra_columns, extra_labels = beside if beside is not None else (columns[:0], labels[:0])
    oof = np.zeros(len(labels))
    n_folds = min(n_folds, int(labels.sum()), int((~labels).sum()))
    for train_rows, held_rows in StratifiedKFold(n_folds, shuffle=True, random_state=split_seed).split(columns, labels):
        fitted = model(seed).fit(np.concatenate([extra_columns, columns[train_rows]]),
                                 np.concatenate([extra_labels, labels[train_rows]]))
        oof[held_rows] = fitted.predict_proba(columns[held_rows])[:, 1]
    return oof


def recall_threshold(probability: np.ndarray, labels: np.ndarray, target_recall: float) -> float:
    """The highest threshold that still catches ``target_recall`` of the positives."""
    positives = np.sort(probability[labels])
    return float(positives[int(np.floor((1 - target_recall) * len(positives)))]) if len(positives) else 0.5


def train_image_classifier(features: np.ndarray, labels: np.ndarray, target_recall: float, n_folds: int,
                           seed: int) -> tuple[ImageClassifier, dict[str, float], np.ndarray]:
    """Fit on all given (train) images; the threshold comes from out-of-fold probabilities: the highest
    one that still catches ``target_recall`` of the child images. Also returns those probabilities."""
    n_positive, n_negative = int(labels.sum()), int((~labels).sum())
    if min(n_positive, n_negative) < 2:
        raise ValueError(f"the image classifier needs at least 2 train images with and 2 without child captions "
                         f"(got {n_positive} and {n_negative}): images are then decided by their captions only")
    oof = out_of_fold(features, labels, n_folds, seed, split_seed=seed)
    threshold = recall_threshold(oof, labels, target_recall)
    model = logistic(seed).fit(features, labels)
    oof_figures = precision_recall(oof >= threshold, labels)
    return ImageClassifier(model, threshold), {f"oof_{k}": v for k, v in oof_figures.items()}, oof


def choose_clear_threshold(probability: np.ndarray, blocked_by_descriptions: np.ndarray, adults_only: np.ndarray,
                           about_children: np.ndarray, threshold: float, target_recall: float,
                           seen_child: np.ndarray | None = None) -> float:
    """The highest classifier threshold for adult-only described images at which the whole rule (a blocked
    description, else the classifier at ``threshold`` — or at the returned one for adult-only described
    images) still blocks ``target_recall`` of the images ``about_children``, and still blocks every image a
    person saw a child in (``seen_child``) that the plain rule blocks: captions leave children in the
    background unnamed, and the hand-checked images are the only labels that see them. Out-of-fold
    ``probability`` on train images. Never below ``threshold`` (descriptions only clear), never infinite
    (the classifier always has the last word on a confident child)."""
    plain = blocked_by_descriptions | (probability >= threshold)
    seen_child = np.zeros_like(plain) if seen_child is None else seen_child

    def acceptable(clear: float) -> bool:
        blocked = blocked_by_descriptions | np.where(adults_only, probability >= clear, probability >= threshold)
        recall = float(blocked[about_children].mean()) if about_children.any() else 1.0
        return recall >= target_recall and bool(blocked[seen_child & plain].all())

    best = threshold
    for candidate in np.unique(probability[adults_only]):
        if candidate > best and acceptable(candidate):
            best = float(candidate)
    return best


@dataclass
class ImageDecision:
    blocked: bool
    reason: str
    child_caption: bool
    classifier_probability: float


def decide_images(child_caption: list[bool], caption_reasons: list[str], probability: np.ndarray,
                  threshold: float, adults_only: list[bool] | None = None,
                  clear_threshold: float | None = None) -> list[ImageDecision]:
    """Blocked when a description is about children, or when the classifier's child probability reaches
    ``threshold`` — ``clear_threshold`` for an image whose descriptions all name only adults."""
    adults_only = adults_only if adults_only is not None else [False] * len(child_caption)
    clear_threshold = threshold if clear_threshold is None else clear_threshold
    decisions = []
    for has_child_caption, why, p, adults in zip(child_caption, caption_reasons, probability, adults_only):
        reasons = []
        if has_child_caption:
            reasons.append(f"a caption {why}")
        bar = clear_threshold if adults and not has_child_caption else threshold
        if p >= bar:
            reasons.append(f"classifier: child probability {p:.2f} ≥ {bar:.2f}"
                           + (" (descriptions name only adults)" if bar != threshold else ""))
        decisions.append(ImageDecision(bool(reasons), "; ".join(reasons), has_child_caption, float(p)))
    return decisions
