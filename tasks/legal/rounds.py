"""A round of the query rules, read on the design half only (``withsense legal-round``).

A round changes the vocabulary for the misses and false blocks of the batch just read. Two checks go with it:
what the rules' flags say of every text they may be fitted to, before and after the change (a rule meant for one
query must not move a train caption or another batch's query unseen), and the combined check's recall and false
blocks on the design half, the semantic check out of fold. The validation half is dropped before anything is
computed: a round cannot show it, so it stays unseen until its one read. Test queries are counted, never listed:
the test split only measures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.encoders import TextEncoder
from tasks.legal.child_terms import (child_terms_in, names_a_lookalike, names_an_adult, names_an_animal,
                                     plain_text)
from tasks.legal.rules import (WrittenQueries, held_out_threshold, precision_recall, semantic_may_block,
                               semantic_training_set)

TRAIN_CAPTION = "train caption"
TEST_QUERY = "test query"
# The flags a verdict is made of: whether the vocabulary reads a child, and the three things that keep a text from
# the semantic check (an adult named by age or role, a thing that carries a child word, an animal).
VERDICT_FLAGS = ("mentions_children", "named_adult", "lookalike", "animal")


def design_source(kind: str, about_children: bool) -> str:
    return f"design {kind} {'child' if about_children else 'negative'}"


def round_texts(train_captions: list[str], test_queries: list[str], written: WrittenQueries) -> dict[str, str]:
    """text → where it comes from (train caption, test query, or the design half's kind and label), for every
    text a round may move. Validation texts are left out, even where a caption or a test query says the same."""
    validation = set(written.half("validation").texts)
    sources: dict[str, str] = {}
    design = written.half("design")
    for text, about_children, kind in zip(design.texts, design.about_children, design.kinds):
        sources[text] = design_source(kind, bool(about_children))
    for text in train_captions:
        sources.setdefault(text, TRAIN_CAPTION)
    for text in test_queries:
        sources.setdefault(text, TEST_QUERY)
    return {text: source for text, source in sources.items() if text not in validation}


def flags_of(sources: dict[str, str]) -> dict[str, dict]:
    """The rules' flags of each text, with its source and the child words read (shown, not compared)."""
    flags = {}
    for text, source in sources.items():
        words = child_terms_in(text)
        flags[text] = {"source": source, "child_words": list(dict.fromkeys(words)), "mentions_children": bool(words),
                       "named_adult": names_an_adult(text), "lookalike": names_a_lookalike(text),
                       "animal": names_an_animal(text)}
    return flags


@dataclass(frozen=True)
class Moved:
    text: str
    source: str
    before: dict
    after: dict

    def changes(self) -> str:
        """What moved, e.g. "mentions children no → yes (cot with a mobile)"."""
        parts = []
        for flag in VERDICT_FLAGS:
            if self.before[flag] != self.after[flag]:
                was, now = ("yes" if self.before[flag] else "no"), ("yes" if self.after[flag] else "no")
                words = self.after["child_words"] if self.after[flag] else self.before["child_words"]
                said = f" ({', '.join(words)})" if flag == "mentions_children" and words else ""
                parts.append(f"{flag.replace('_', ' ')} {was} → {now}{said}")
        return "; ".join(parts)


@dataclass(frozen=True)
class FlagDiff:
    moved: list[Moved]  # design queries and train captions, listed
    test_queries_moved: int  # counted only
    new_texts: int  # in the round's texts now, not in the snapshot (a batch joined the design half since)
    gone_texts: int  # in the snapshot, no longer a round text


def compare_flags(before: dict[str, dict], after: dict[str, dict]) -> FlagDiff:
    """The texts whose verdict flags differ between two ``flags_of`` results (the child words alone may change
    without a verdict moving, and are not compared)."""
    moved, test_moved = [], 0
    for text in sorted(before.keys() & after.keys()):
        if any(before[text][flag] != after[text][flag] for flag in VERDICT_FLAGS):
            if after[text]["source"] == TEST_QUERY:
                test_moved += 1
            else:
                moved.append(Moved(text, after[text]["source"], before[text], after[text]))
    return FlagDiff(moved, test_moved, len(after.keys() - before.keys()), len(before.keys() - after.keys()))


@dataclass(frozen=True)
class SeedFigures:
    seed: int
    recall: float
    false_block_rate: float
    animals_blocked: int
    threshold: float


def design_figures_out_of_fold(captions: list[str], written: WrittenQueries, text_encoder: TextEncoder,
                               max_false_block_rate: float, seeds: tuple[int, ...] = (0, 1, 2),
                               n_folds: int = 5) -> list[SeedFigures]:
    """The combined check (vocabulary, or the semantic check where it may block) on the design half, the semantic
    check's probabilities and threshold out of fold exactly as the nightly fits them (rules.semantic_training_set and
    held_out_threshold: each fold's English design queries held out of training and of the threshold, the train
    captions always in training), once per seed. Queries in another language are read by the vocabulary alone."""
    design = written.half("design")
    training = semantic_training_set(captions, design)
    english_truth = np.asarray(design.about_children, dtype=bool)[training.design_rows]
    if min(int(english_truth.sum()), int((~english_truth).sum())) < 2:
        raise ValueError("the design half needs at least two English queries of each class")
    truth = np.asarray(design.about_children, dtype=bool)
    vocabulary = np.array([bool(child_terms_in(t)) for t in design.texts], dtype=bool)
    may_block = semantic_may_block(design.texts)[training.design_rows]
    animal = np.array([kind == "animal" for kind in design.kinds], dtype=bool)
    vectors = np.asarray(text_encoder.encode([plain_text(t) for t in training.texts]), dtype=np.float64)
    figures = []
    for seed in seeds:
        probability, threshold = held_out_threshold(training, vectors, max_false_block_rate, n_folds, seed)
        semantic = np.zeros(len(design.texts), dtype=bool)
        semantic[training.design_rows] = (probability >= threshold) & may_block
        blocked = vocabulary | semantic
        measured = precision_recall(blocked, truth)
        figures.append(SeedFigures(seed, measured["recall"], measured["false_block_rate"],
                                   int((blocked & animal).sum()), threshold))
    return figures
