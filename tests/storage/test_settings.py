from pathlib import Path

import pytest
from pydantic import ValidationError

from storage.settings import SAMPLE_DATA_DIR, Settings, load_settings


def test_defaults_point_at_the_shipped_sample_and_derive_every_output_from_home(tmp_path: Path):
    settings = load_settings(home=tmp_path)
    assert settings.data_dir == SAMPLE_DATA_DIR.resolve()
    assert settings.catalog.warehouse == tmp_path / "withsense.duckdb"
    assert settings.catalog.reports.parent == settings.catalog.vector_index.path.parent == tmp_path
    assert settings.catalog.ranking_partition("2026-12-01", "r1").path == \
        tmp_path / "parquet" / "rankings" / "run_date=2026-12-01" / "r1.parquet"


def test_the_index_and_outputs_move_to_an_object_store_with_the_usual_aws_variables(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("WITHSENSE_INDEX_URI", "s3://bucket/nightly/lancedb")
    monkeypatch.setenv("WITHSENSE_OUTPUT_URI", "s3://bucket/nightly/parquet/")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "key-id")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "the-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    settings = load_settings(home=tmp_path)
    index = settings.catalog.vector_index
    assert index.uri == "s3://bucket/nightly/lancedb" and not index.is_local
    assert index.lance_options() == {"aws_endpoint": "http://127.0.0.1:9000", "aws_region": "eu-west-1",
                                     "aws_access_key_id": "key-id", "aws_secret_access_key": "the-secret",
                                     "allow_http": "true"}
    partition = settings.catalog.ranking_partition("2026-12-01", "r1")
    assert partition.uri == "s3://bucket/nightly/parquet/rankings/run_date=2026-12-01/r1.parquet"
    assert partition.filesystem()[1] == "bucket/nightly/parquet/rankings/run_date=2026-12-01/r1.parquet"
    # The secret reaches the store, never a log line, a flow run's parameters or the UI.
    assert "the-secret" not in settings.model_dump_json() and "the-secret" not in repr(settings.catalog)
    # The warehouse and the reports stay under HOME: they are the job's own state.
    assert settings.catalog.warehouse.parent == settings.catalog.reports.parent == tmp_path


def test_an_output_uri_of_another_scheme_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="only local paths and s3:// URIs"):
        load_settings(home=tmp_path, index_uri="gs://bucket/lancedb").catalog.vector_index


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
