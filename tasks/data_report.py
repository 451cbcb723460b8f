"""The data report: exploratory analysis of the loaded delivery and the conclusions drawn from it.

Figures are rendered with matplotlib/seaborn and embedded in one self-contained HTML file under
HOME/reports; the same numbers go to the Prefect UI as a markdown artifact.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
from prefect import task
from prefect.cache_policies import NO_CACHE

from storage import reports, warehouse
from storage.settings import Settings
from tasks.data_profile import DataProfile, profile_data
from tasks.summary import IngestSummary

REPORT_FILE = "data_report.html"
REPORT_STATE_FILE = "data_report.json"
# Bump when the report's content or layout changes, so reports of unchanged data are rendered again.
REPORT_FORMAT_VERSION = 1


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
    out += model_conclusions(p.model_metrics)
    n_child = int(p.captions["mentions_children"].sum())
    if len(p.captions):
        out.append(
            f"{n_child} of {len(p.captions)} captions ({n_child / len(p.captions):.0%}) mention children: the legal "
            "filter will hide a sizeable part of the catalogue where the law applies."
        )
    return out


# Published figures on Flickr8K-Expert (τc) and Flickr8K-CF (τb), CLIPScore paper (Hessel et al. 2021).
PUBLISHED = {"CLIP-S": (51.2, 34.4), "RefCLIP-S": (53.0, 36.4), "Polos": (56.4, 37.8)}


def model_conclusions(metrics: pd.DataFrame) -> list[str]:
    if metrics.empty:
        return ["No fit model has been trained yet: model figures appear here after the first training run."]
    by_kind = {row["kind"]: row for _, row in metrics.iterrows()}
    out = []
    if "linear" in by_kind:
        linear = by_kind["linear"]
        out.append(
            f"The linear baseline on concatenated vectors cannot rank: for one query its text part adds the same "
            f"amount to every image, so every query gets the same order. Measured: test R@1 "
            f"{linear['test_R@1']:.1f}% (chance 1% over 100 images), out-of-fold R@1 {linear['oof_R@1']:.1f}%, "
            f"though its out-of-fold RMSE is {linear['oof_rmse']:.3f} — a fair RMSE says nothing about search."
        )
    if "dual_encoder" in by_kind:
        dual = by_kind["dual_encoder"]
        published = "; ".join(f"{name} {tc} / {tb}" for name, (tc, tb) in PUBLISHED.items())
        out.append(
            f"The dual encoder (both modalities projected into one space, cosine, calibrated) is the one that "
            f"ranks: out of fold, Expert τc {dual['oof_expert_tau_c']:.1f} and CF τb {dual['oof_crowd_tau_b']:.1f} "
            f"(published τc / τb: {published}); test queries: R@1 {dual['test_R@1']:.1f}%, R@10 "
            f"{dual['test_R@10']:.1f}%, median rank {dual['test_median_rank']:.0f}."
        )
    return out


# --- rendering -----------------------------------------------------------------------------------------

def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, border=0, classes="data", float_format=lambda v: f"{v:.3f}", escape=True)


def render_data_report(p: DataProfile, summary: IngestSummary) -> str:
    from tasks.report_figures import (figure_captions, figure_children, figure_crowd, figure_expert_scores,
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
    if not p.model_metrics.empty:
        shown = [c for c in ("kind", "oof_rmse", "oof_mae", "oof_expert_tau_c", "oof_crowd_tau_b", "oof_R@1", "oof_MRR",
                             "test_R@1", "test_R@5", "test_R@10", "test_median_rank", "test_MRR", "test_nDCG@10")
                 if c in p.model_metrics.columns]
        sections.append("<h2>Model evaluation</h2><p>Figures prefixed oof_ are out of fold (folds grouped by image); "
                        "test_ figures rank the 100 test images for each test query, after the model was fixed.</p>"
                        + _table_html(p.model_metrics[shown]))
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


def report_fingerprint(con, settings: Settings, summary: IngestSummary) -> str:
    """Everything the report is a function of: the delivery's content, the load's outcome, the settings
    that shape the targets, and the report's own format."""
    import hashlib

    delivery = warehouse.query_row(con, "report/delivery_fingerprint")["fingerprint"]
    from storage import model_store

    latest_models = model_store.history(con)[:1]
    parts = [str(REPORT_FORMAT_VERSION), delivery or "", summary.model_dump_json(),
             repr((settings.expert_weight, settings.crowd_weight)),
             latest_models[0]["model_version"] if latest_models else ""]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def write_data_report(settings: Settings, summary: IngestSummary) -> tuple[Path, str, bool]:
    """Render and write the report; returns (path, markdown summary, whether it was rendered anew).

    When nothing it depends on changed since the last report, that report is kept as it is.
    """
    html_path = settings.reports_dir / REPORT_FILE
    with warehouse.reading(settings.duckdb_path) as con:
        fingerprint = report_fingerprint(con, settings, summary)
        previous = reports.read_json(settings.reports_dir / REPORT_STATE_FILE)
        if html_path.exists() and previous.get("fingerprint") == fingerprint:
            return html_path, previous["markdown"], False
        profile = profile_data(con)
    reports.write_text_atomically(html_path, render_data_report(profile, summary))
    markdown = render_markdown_summary(profile, summary, html_path)
    reports.write_json_atomically(settings.reports_dir / REPORT_STATE_FILE,
                                  {"fingerprint": fingerprint, "markdown": markdown})
    return html_path, markdown, True


@task(name="write data report", cache_policy=NO_CACHE)
def write_data_report_task(settings: Settings, summary: IngestSummary) -> Path:
    path, markdown, rendered = write_data_report(settings, summary)
    reports.publish_markdown("data-report", markdown, "Data report: load, quarantine, EDA and conclusions")
    print(f"data report: {path}" + ("" if rendered else " (data unchanged since the last report: kept)"))
    return path
