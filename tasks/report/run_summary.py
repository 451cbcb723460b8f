"""The run summary: what one nightly run did, for the operator in the morning — rows per stage, the fit
models' figures and the champion decision, the legal filter's figures, and where the outputs are.

The data report describes the delivery; this describes the run. Pure: the stages' summaries in, markdown out.
"""

from __future__ import annotations

# Published figures on Flickr8K-Expert (τc) and Flickr8K-CF (τb), CLIPScore paper (Hessel et al. 2021).
PUBLISHED = {"CLIP-S": (51.2, 34.4), "RefCLIP-S": (53.0, 36.4), "Polos": (56.4, 37.8)}
SHOWN_METRICS = ("oof_rmse", "oof_clean_expert_tau_c", "oof_clean_crowd_tau_b", "oof_expert_tau_c", "oof_crowd_tau_b",
                 "oof_R@1", "oof_MRR", "test_R@1", "test_R@10", "test_median_rank")


def model_conclusions(metrics: dict[str, dict[str, float]]) -> list[str]:
    """What the latest trained models' figures say (``metrics``: kind → metric → value)."""
    if not metrics:
        return ["No fit model has been trained yet: model figures appear here after the first training run."]
    out = []
    if "linear" in metrics:
        linear = metrics["linear"]
        out.append(
            f"The linear baseline on concatenated vectors cannot rank: for one query its text part adds the same "
            f"amount to every image, so every query gets the same order. Measured: test R@1 "
            f"{linear['test_R@1']:.1f}% (chance is one over the number of test images), out-of-fold R@1 "
            f"{linear['oof_R@1']:.1f}%, "
            f"though its out-of-fold RMSE is {linear['oof_rmse']:.3f} — a fair RMSE says nothing about search."
        )
    if "dual_encoder" in metrics:
        dual = metrics["dual_encoder"]
        published = "; ".join(f"{name} {tc} / {tb}" for name, (tc, tb) in PUBLISHED.items())
        out.append(
            f"The dual encoder (both modalities projected into one space, cosine, calibrated) is the one that "
            f"ranks: out of fold, {_clean_figures(dual)}Expert τc {dual['oof_expert_tau_c']:.1f} and CF τb "
            f"{dual['oof_crowd_tau_b']:.1f} on every held-out pair, whose captions the fold model mostly trained "
            f"on (published τc / τb: {published}); test queries: R@1 {dual['test_R@1']:.1f}%, R@10 "
            f"{dual['test_R@10']:.1f}%, median rank {dual['test_median_rank']:.0f}."
        )
    return out


def _clean_figures(dual: dict[str, float]) -> str:
    """The caption-disjoint figures (the ones that compare with published ones), with their seeds' spread."""
    if "oof_clean_expert_tau_c" not in dual:
        return ""

    def shown(name: str) -> str:
        sd = dual.get(f"{name}_sd")
        return f"{dual[name]:.1f}" + (f" ± {sd:.1f}" if sd else "")

    seeds = f" (mean ± sd over {dual['seeds']:.0f} seeds)" if dual.get("seeds", 1) > 1 else ""
    return (f"on pairs whose image and caption it never saw, Expert τc {shown('oof_clean_expert_tau_c')} and "
            f"CF τb {shown('oof_clean_crowd_tau_b')}{seeds} — the figures that compare with published ones; ")


def render_run_summary(stage_lines: list[str], model_metrics: dict[str, dict[str, float]], decision: str,
                       legal_line: str, outputs: dict[str, str]) -> str:
    """Markdown: the stages' own lines, the models' figures (latest training), conclusions, outputs."""
    shown = [m for m in SHOWN_METRICS if any(m in figures for figures in model_metrics.values())]
    table = ""
    if model_metrics:
        table = ("| model | " + " | ".join(shown) + " |\n|" + "---|" * (len(shown) + 1) + "\n"
                 + "\n".join(f"| {kind} | " + " | ".join(f"{figures[m]:.3g}" if m in figures else "—" for m in shown)
                             + " |" for kind, figures in model_metrics.items()) + "\n\n")
    bullets = "\n".join(f"- {line}" for line in model_conclusions(model_metrics))
    stages = "\n".join(f"- {line}" for line in stage_lines)
    where = "\n".join(f"| {name} | `{path}` |" for name, path in outputs.items())
    return (f"# Run summary\n\n## Stages\n\n{stages}\n\n## Fit models (latest training)\n\n{table}"
            f"Champion decision: {decision}\n\n{bullets}\n\n## Legal filter\n\n{legal_line}\n\n"
            f"## Outputs\n\n| output | where |\n|---|---|\n{where}\n")


# --- the tables the Prefect UI shows beside the run summary (pure: summaries in, rows out) ----------------

def stage_row_counts(ingest, images, texts, training, legal, ranking_rows: int) -> list[dict]:
    """One row per stage, the same columns for all: what it read, set aside, wrote and found unchanged.

    ``ingest``: IngestSummary; ``images``/``texts``: IndexSummary; ``training``: TrainingSummary;
    ``legal``: LegalSummary (typed loosely: this module stays free of the stages' imports)."""
    def row(stage: str, read: int, quarantined: int, written: int, unchanged: int, note: str) -> dict:
        return {"stage": stage, "read": read, "quarantined": quarantined, "written": written,
                "unchanged": unchanged, "note": note}

    def index_note(s) -> str:
        return (f"{s.n_rows} rows in the table; moved {s.n_relocated}, deleted {s.n_deleted}"
                + (f", repaired {s.n_repaired} duplicates" if s.n_repaired else ""))

    return [
        row("ingest", sum(ingest.loaded_rows.values()), ingest.n_quarantined, sum(ingest.mart_rows.values()), 0,
            f"{ingest.n_image_files} image files, {ingest.n_images_undecodable} do not decode; "
            + ", ".join(f"{name} {n}" for name, n in ingest.mart_rows.items())),
        row("embed images", images.n_embedded + images.n_unchanged + images.n_failed, images.n_failed,
            images.n_embedded, images.n_unchanged, index_note(images)),
        row("embed texts", texts.n_embedded + texts.n_unchanged + texts.n_failed, texts.n_failed, texts.n_embedded,
            texts.n_unchanged, index_note(texts)),
        row("train", 0, 0, 0 if training.skipped else len(training.metrics), 1 if training.skipped else 0,
            f"champion {training.champion}: {training.reason}"),
        row("legal", legal.n_images, 0, legal.n_images_blocked, legal.n_images if legal.skipped else 0,
            f"{legal.n_images_blocked} of {legal.n_images} images blocked" + (" (decisions kept)" if legal.skipped else "")),
        row("rank", 0, 0, ranking_rows, 0, "rows of the night's ranking (Parquet partition, LanceDB rankings)"),
    ]


def model_metric_rows(models: list[dict]) -> list[dict]:
    """The latest training's figures, one row per model (``models``: kind, model_version, is_champion,
    metrics), with whether it is the champion now."""
    rows = []
    for model in models:
        figures = model["metrics"]
        rows.append({"model": model["model_version"], "champion": model["is_champion"],
                     **{m: round(figures[m], 3) for m in SHOWN_METRICS if m in figures}})
    return rows


def legal_rows(legal) -> list[dict]:
    """The legal filter's figures (LegalSummary), one row each."""
    def shown(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else f"{value:.3f}"

    figures = {"images blocked": f"{legal.n_images_blocked} of {legal.n_images}",
               "query threshold": shown(legal.query_threshold), "image threshold": shown(legal.image_threshold)}
    figures.update({name.replace("_", " "): shown(value) for name, value in legal.metrics.items()})
    return [{"figure": name, "value": value} for name, value in figures.items()]
