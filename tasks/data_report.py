"""The data report: exploratory analysis of the loaded delivery and the conclusions drawn from it.

Figures are rendered with matplotlib/seaborn and embedded in one self-contained HTML file under
HOME/reports; the same numbers go to the Prefect UI as a markdown artifact.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")  # no screen on a batch machine
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from prefect import task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402
from sklearn.metrics import cohen_kappa_score  # noqa: E402

from storage import reports, warehouse  # noqa: E402
from storage.settings import Settings  # noqa: E402
from tasks.child_terms import mentions_children  # noqa: E402
from tasks.summary import IngestSummary  # noqa: E402

REPORT_FILE = "data_report.html"


@dataclass
class DataProfile:
    targets: pd.DataFrame
    captions: pd.DataFrame
    crowd: pd.DataFrame
    deliveries: pd.DataFrame
    agreement: dict
    overlap: pd.DataFrame
    kappa: dict[str, float]


def profile_data(con: duckdb.DuckDBPyConnection) -> DataProfile:
    targets = warehouse.read_table(con, "targets")
    captions = warehouse.read_table(con, "captions")
    captions["mentions_children"] = captions["query_text"].map(mentions_children)
    agreement_row = warehouse.run_sql(con, "report/expert_agreement")
    agreement = dict(zip([d[0] for d in agreement_row.description], agreement_row.fetchone()))
    kappa = {}
    if len(targets) > 1:
        for a, b in (("expert_1", "expert_2"), ("expert_1", "expert_3"), ("expert_2", "expert_3")):
            kappa[f"{a} vs {b}"] = float(cohen_kappa_score(targets[a], targets[b], weights="quadratic"))
    return DataProfile(
        targets=targets,
        captions=captions,
        crowd=warehouse.read_table(con, "stg_crowd_annotations"),
        deliveries=warehouse.read_table(con, "deliveries"),
        agreement=agreement,
        overlap=warehouse.run_sql(con, "report/expert_crowd_overlap").df(),
        kappa=kappa,
    )


# --- figures -------------------------------------------------------------------------------------------

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


# --- conclusions ---------------------------------------------------------------------------------------

def conclusions(p: DataProfile, summary: IngestSummary) -> list[str]:
    t = p.targets
    out: list[str] = []
    if summary.n_quarantined:
        out.append(f"{summary.n_quarantined} rows were quarantined (see the table below); every other row loaded.")
    else:
        out.append("Every row of the delivery passed every check: nothing was quarantined.")
    if len(t):
        share_no_match = float((t["expert_mean"] <= 1.5).mean())
        share_good = float((t["expert_mean"] >= 3).mean())
        out.append(
            f"The judgments are dominated by non-matches: {share_no_match:.0%} of the {len(t)} pairs have an expert "
            f"mean ≤ 1.5 and only {share_good:.0%} reach ≥ 3. A model trained on these pairs alone sees few "
            "positives; the captions' own images (query id prefix) are positives that need no vote."
        )
        out.append(
            f"Experts agree unanimously on {p.agreement['unanimous']:.0%} of pairs and differ by more than one grade "
            f"on {p.agreement['spread_over_1']:.0%}; quadratic-weighted Cohen's κ between experts: "
            + ", ".join(f"{k} {v:.2f}" for k, v in p.kappa.items()) + ". The mean of three grades is a sound target."
        )
        if len(p.overlap) > 2:
            rho = spearmanr(p.overlap["expert_score"], p.overlap["crowd_share"]).statistic
            out.append(
                f"{len(p.overlap)} pairs ({len(p.overlap) / len(t):.0%}) also have crowd votes; there expert score and "
                f"crowd share correlate with Spearman ρ = {rho:.2f}, so blending them is consistent, and the crowd "
                "rates many more pairs (useful for evaluation against Flickr8K-CF)."
            )
        own = t[t["is_own_caption"]]
        if len(own):
            out.append(
                f"{len(own)} judged pairs are a caption with its own image; their mean target is "
                f"{own['target'].mean():.2f} against {t[~t['is_own_caption']]['target'].mean():.2f} for the others."
            )
    n_child = int(p.captions["mentions_children"].sum())
    if len(p.captions):
        out.append(
            f"{n_child} of {len(p.captions)} captions ({n_child / len(p.captions):.0%}) mention children: the legal "
            "filter will hide a sizeable part of the catalogue where the law applies."
        )
    return out


# --- rendering -----------------------------------------------------------------------------------------

def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, border=0, classes="data", float_format=lambda v: f"{v:.3f}", escape=True)


def render_data_report(p: DataProfile, summary: IngestSummary) -> str:
    figures = {
        "Expert scores and inter-expert agreement": figure_expert_scores(p),
        "Crowd share and votes": figure_crowd(p),
        "Target": figure_targets(p),
        "Captions": figure_captions(p),
        "Captions about children": figure_children(p),
    }
    quarantine = pd.DataFrame([g.model_dump() for g in summary.quarantine_groups],
                              columns=["check_name", "source_file", "n_rows", "example_reason"])
    load = pd.DataFrame(
        [{"file": f, "rows loaded": n, "rows after checks": summary.staged_rows.get(f)}
         for f, n in summary.loaded_rows.items()]
    )
    sections = [
        "<h1>With Sense — data report</h1>",
        "<h2>Delivery</h2>",
        _table_html(p.deliveries[["file_name", "sha256", "n_bytes", "n_rows_loaded", "n_rows_rejected", "loaded_at"]]),
        _table_html(load),
        f"<p>{summary.n_image_files} image files, {summary.n_images_undecodable} of which do not decode. "
        f"Marts: " + ", ".join(f"{html.escape(k)} {v} rows" for k, v in summary.mart_rows.items()) + ".</p>",
        "<h2>Quarantine</h2>",
        _table_html(quarantine) if len(quarantine) else "<p>No row was quarantined.</p>",
        "<h2>Exploratory analysis</h2>",
    ]
    for title, png in figures.items():
        sections.append(f'<h3>{html.escape(title)}</h3><img alt="{html.escape(title)}" src="data:image/png;base64,{png}">')
    sections.append("<h2>Conclusions</h2><ul>" + "".join(f"<li>{html.escape(c)}</li>" for c in conclusions(p, summary)) + "</ul>")
    style = ("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
             "table.data{border-collapse:collapse;margin:0.5em 0}table.data td,table.data th{padding:2px 8px;"
             "border-bottom:1px solid #ddd;text-align:left;font-size:13px}img{max-width:100%}")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>With Sense data report</title>"
            f"<style>{style}</style></head><body>{''.join(sections)}</body></html>")


def render_markdown_summary(p: DataProfile, summary: IngestSummary, report_path: Path) -> str:
    rows = "\n".join(f"| {f} | {n} |" for f, n in summary.loaded_rows.items())
    quarantine = "\n".join(f"| {g.check_name} | {g.source_file} | {g.n_rows} | {g.example_reason} |"
                           for g in summary.quarantine_groups) or "| — | — | 0 | nothing quarantined |"
    bullets = "\n".join(f"- {c}" for c in conclusions(p, summary))
    return (f"# Data report\n\nFull report with figures: `{report_path}`\n\n"
            f"| file | rows loaded |\n|---|---|\n{rows}\n\n"
            f"## Quarantine\n\n| check | file | rows | example reason |\n|---|---|---|---|\n{quarantine}\n\n"
            f"## Conclusions\n\n{bullets}\n")


def write_data_report(settings: Settings, summary: IngestSummary) -> tuple[Path, str]:
    con = warehouse.connect(settings.duckdb_path, read_only=True)
    try:
        profile = profile_data(con)
    finally:
        con.close()
    path = reports.write_text_atomically(settings.reports_dir / REPORT_FILE, render_data_report(profile, summary))
    return path, render_markdown_summary(profile, summary, path)


@task(name="write data report", cache_policy=NO_CACHE)
def write_data_report_task(settings: Settings, summary: IngestSummary) -> Path:
    path, markdown = write_data_report(settings, summary)
    reports.publish_markdown("data-report", markdown, "Data report: load, quarantine, EDA and conclusions")
    print(f"data report: {path}")
    return path
