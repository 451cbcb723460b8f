"""Figures of the data report, rendered with matplotlib/seaborn to base64 PNGs for embedding in HTML.

Imported only when a report is rendered: matplotlib, seaborn and scipy cost ~1 s to import.
"""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")  # no screen on a batch machine
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from tasks.report.profile import DataProfile  # noqa: E402


def _png(figure: plt.Figure) -> str:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=90)
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_expert_scores(p: DataProfile) -> str:
    figure, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    long = p.targets.melt(value_vars=["expert_1", "expert_2", "expert_3"], var_name="expert", value_name="grade")
    sns.countplot(data=long, x="grade", hue="expert", ax=axes[0], order=[1, 2, 3, 4])
    axes[0].set_title("Expert grades (1 = no match … 4 = exact)")
    sns.countplot(x=p.targets["expert_agreement"].round(2), ax=axes[1])
    axes[1].set_title("Experts giving the most common grade")
    axes[1].set_xlabel("1/3 = all differ, 2/3 = two agree, 1 = unanimous")
    return _png(figure)


def figure_crowd(p: DataProfile) -> str:
    figure, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    sns.histplot(p.crowd["crowd_share"], bins=20, ax=axes[0])
    axes[0].set_yscale("log")  # most crowd pairs are unanimous "no": a linear axis hides the rest
    axes[0].set_title("Crowd share: yes / (yes + no), log scale")
    sns.countplot(x=p.crowd["n_yes"] + p.crowd["n_no"], ax=axes[1])
    axes[1].set_title("Crowd votes per pair")
    axes[1].set_xlabel("votes")
    return _png(figure)


def figure_targets(p: DataProfile) -> str:
    figure, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    with_crowd = np.where(p.targets["crowd_share"].notna(), "expert + crowd", "expert only")
    sns.histplot(x=p.targets["target"], hue=with_crowd, bins=25, multiple="stack", ax=axes[0])
    axes[0].set_title("Training target (0..1)")
    if len(p.overlap):
        labels = ["0", "≤1/3", "≤2/3", "<1", "1"]
        buckets = pd.cut(p.overlap["crowd_share"], bins=[-0.01, 0.0, 0.34, 0.67, 0.99, 1.0], labels=labels)
        groups = [p.overlap["expert_score"][buckets == label].to_numpy() for label in labels]
        axes[1].boxplot(groups, tick_labels=labels)
        axes[1].set_xlabel("crowd share")
        axes[1].set_ylabel("expert score")
    axes[1].set_title("Expert score vs crowd share (pairs with both)")
    return _png(figure)


def figure_captions(p: DataProfile) -> str:
    figure, axes = plt.subplots(1, 3, figsize=(13, 3.6))
    pairs_per_image = p.targets.groupby("image").size()
    sns.histplot(pairs_per_image, discrete=True, ax=axes[0])
    axes[0].set_title("Judged captions per train image")
    axes[0].set_xlabel("captions")
    captions_per_own_image = p.captions.groupby(["split", "own_image"]).size().rename("n").reset_index()
    sns.countplot(data=captions_per_own_image, x="n", hue="split", ax=axes[1])
    axes[1].set_title("Captions written for each image")
    axes[1].set_xlabel("captions")
    sns.histplot(data=p.captions, x="n_words", hue="split", bins=30, ax=axes[2], element="step")
    axes[2].set_title("Caption length")
    axes[2].set_xlabel("words")
    return _png(figure)


def figure_children(p: DataProfile) -> str:
    figure, axis = plt.subplots(figsize=(5, 3.2))
    counts = p.captions.groupby(["split", "mentions_children"]).size().rename("n").reset_index()
    sns.barplot(data=counts, x="split", y="n", hue="mentions_children", ax=axis)
    axis.set_title("Captions that mention children")
    return _png(figure)
