from pathlib import Path

import pytest
from pydantic import ValidationError

from storage.settings import SAMPLE_DATA_DIR, Settings, load_settings


def test_defaults_point_at_the_shipped_sample_and_derive_every_output_from_home(tmp_path: Path):
    settings = load_settings(home=tmp_path)
    assert settings.data_dir == SAMPLE_DATA_DIR.resolve()
    assert settings.catalog.warehouse == tmp_path / "withsense.duckdb"
    assert settings.catalog.reports.parent == settings.catalog.vector_index.parent == tmp_path


def test_environment_overrides_defaults_and_arguments_override_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("WITHSENSE_HOME", str(tmp_path / "from-env"))
    monkeypatch.setenv("WITHSENSE_CROWD_WEIGHT", "0.25")
    assert load_settings().home == tmp_path / "from-env"
    assert load_settings().crowd_weight == 0.25
    assert load_settings(home=tmp_path / "arg").home == tmp_path / "arg"


def test_relative_paths_are_made_absolute(monkeypatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    assert load_settings(home=Path("out")).home == tmp_path / "out"


@pytest.mark.parametrize("bad", [{"expert_weight": 0, "crowd_weight": 0}, {"crowd_weight": -1}, {"io_workers": 0}])
def test_invalid_settings_are_refused_with_a_message(bad):
    with pytest.raises(ValidationError):
        Settings(**bad)


def test_settings_are_immutable(tmp_path: Path):
    settings = load_settings(home=tmp_path)
    with pytest.raises(ValidationError):
        settings.home = Path("/elsewhere")
