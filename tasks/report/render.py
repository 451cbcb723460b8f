"""The data report: exploratory analysis of the loaded delivery and the conclusions drawn from it.

A function of the delivery alone (the fit models' figures are in the run summary): figures rendered with
matplotlib/seaborn, embedded in one self-contained HTML page; the same numbers as markdown for the
Prefect UI. Pure: profile in, text out.
"""

from __future__ import annotations

import html

import pandas as pd

from tasks.ingest.summary import IngestSummary
from tasks.report.profile import DataProfile


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
            from scipy.stats import spearmanr

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
    from tasks.report.figures import (figure_captions, figure_children, figure_crowd, figure_expert_scores,
                                      figure_targets)

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


def render_markdown_summary(p: DataProfile, summary: IngestSummary, report_path: str) -> str:
    rows = "\n".join(f"| {f} | {n} |" for f, n in summary.loaded_rows.items())
    quarantine = "\n".join(f"| {g.check_name} | {g.source_file} | {g.n_rows} | {g.example_reason} |"
                           for g in summary.quarantine_groups) or "| — | — | 0 | nothing quarantined |"
    bullets = "\n".join(f"- {c}" for c in conclusions(p, summary))
    return (f"# Data report\n\nFull report with figures: `{report_path}`\n\n"
            f"| file | rows loaded |\n|---|---|\n{rows}\n\n"
            f"## Quarantine\n\n| check | file | rows | example reason |\n|---|---|---|---|\n{quarantine}\n\n"
            f"## Conclusions\n\n{bullets}\n")
