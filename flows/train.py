"""Train flow: corpora → three fit models with out-of-fold evaluation → registry → champion."""

from __future__ import annotations

from datetime import datetime, timezone

from prefect import flow

from storage.settings import Settings
from tasks.training import (TrainingSummary, load_training_corpora_task, new_run_id, register_run_task,
                            train_models_task, training_is_current_task)


@flow(name="train", log_prints=True)
def train_flow(settings: Settings, force: bool = False) -> TrainingSummary:
    run_id = new_run_id(datetime.now(timezone.utc))
    current, fingerprint, champion = training_is_current_task(settings)
    if current and not force:
        summary = TrainingSummary(run_id=run_id, skipped=True, champion=champion,
                                  reason="training data, encoders and settings unchanged since the last run")
        print(summary.describe())
        return summary
    corpus, test = load_training_corpora_task(settings)
    trained = train_models_task(corpus, test, settings)
    champion, why = register_run_task(settings, run_id, trained, fingerprint)
    summary = TrainingSummary(run_id=run_id, skipped=False, champion=champion, reason=why,
                              metrics={m.kind: m.metrics for m in trained})
    print(summary.describe())
    return summary
