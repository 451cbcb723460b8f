"""The train stage's edges on a copy of a real warehouse: what the training fingerprint sees, and which
registered model scores when the champion cannot."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from models.encoders import encoder_versions_for
from storage import model_store, warehouse
from storage.catalog import Catalog
from storage.settings import load_settings
from tasks.rank.edges import NoChampionError, scoring_model
from tasks.train.edges import training_inputs


@pytest.fixture
def home(sample_home: Path, tmp_path: Path) -> Path:
    """A writable copy of the sample HOME's warehouse (the index and model files are not needed here)."""
    shutil.copy(sample_home / "withsense.duckdb", tmp_path / "withsense.duckdb")
    return tmp_path


def test_an_image_replaced_under_the_same_name_changes_the_training_inputs(home: Path):
    settings = load_settings(home=home)
    versions = encoder_versions_for(settings)
    before = training_inputs(settings.catalog, settings, versions)
    assert training_inputs(settings.catalog, settings, versions) == before
    with warehouse.transaction(settings.catalog.warehouse) as con:
        con.execute("UPDATE image_files SET sha256 = repeat('0', 64) WHERE image = "
                    "(SELECT min(image) FROM image_files WHERE split = 'train')")
    assert training_inputs(settings.catalog, settings, versions) != before


def test_the_training_inputs_follow_the_seed_and_the_encoders(home: Path):
    settings = load_settings(home=home)
    versions = encoder_versions_for(settings)
    before = training_inputs(settings.catalog, settings, versions)
    assert training_inputs(settings.catalog, settings.model_copy(update={"seed": 1}), versions) != before
    assert training_inputs(settings.catalog, settings, (versions[0], "other-text-encoder")) != before


def test_a_pinned_champion_of_other_encoders_is_skipped_for_the_best_model_that_can_score(home: Path, caplog):
    catalog = Catalog(home)
    versions = encoder_versions_for(load_settings(home=home))
    with warehouse.transaction(catalog.warehouse) as con:
        linear = next(r["model_version"] for r in model_store.history(con) if r["kind"] == "linear")
        model_store.set_champion(con, linear, "pinned by hand")
        model_store.set_pinned(con, linear)
        con.execute("UPDATE models SET image_encoder = 'efficientnet-lite0@old' WHERE model_version = $v", {"v": linear})
    with caplog.at_level(logging.WARNING, logger="tasks.rank.edges"):
        chosen = scoring_model(catalog, versions)
    assert chosen["model_version"] != linear and chosen["kind"] == "dual_encoder"  # best OOF MRR that can score
    assert f"champion {linear} (pinned)" in caplog.text and "cannot score" in caplog.text


def test_no_model_of_the_current_encoders_is_a_clear_error(home: Path):
    catalog = Catalog(home)
    with pytest.raises(NoChampionError, match="no registered model was trained on those"):
        scoring_model(catalog, ("some-image-encoder", "some-text-encoder"))
