"""Train flow: corpora → three fit models with out-of-fold evaluation → registry → champion; skipped when
its inputs are the ones the last training saw."""

# No `from __future__ import annotations`: see flows/nightly.py (a served run resolves these annotations).

from datetime import datetime, timezone

from prefect import flow

from storage.settings import Settings
from tasks.train.summary import TrainingSummary, new_run_id
from tasks.train.tasks import (kept_training_task, load_corpora_task, register_run_task, train_models_task,
                               training_inputs_task)


@flow(name="train", flow_run_name="train")
def train_flow(settings: Settings) -> TrainingSummary:
    run_id = new_run_id(datetime.now(timezone.utc))
    inputs = training_inputs_task(settings)
    kept = kept_training_task(settings, inputs, run_id)
    if kept is not None:
        return kept
    corpus, test = load_corpora_task(settings)
    trained = train_models_task(corpus, test, settings)
    return register_run_task(settings, run_id, trained, inputs)
