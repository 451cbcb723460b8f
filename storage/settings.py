"""The one typed settings object of the job.

Read once, at the start of a command or flow, from (in order of precedence) explicit arguments,
environment variables prefixed ``WITHSENSE_`` and the defaults below; then passed down as a value.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from storage.catalog import Catalog

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
SAMPLE_DATA_DIR = PROJECT_ROOT / "data" / "sample"
WRITTEN_QUERIES = PROJECT_ROOT / "data" / "legal" / "written_queries.csv"
# Images a person looked at: child / adult_only / no_person / unclear (train and test images, measured only).
HAND_LABELS = (PROJECT_ROOT / "data" / "legal" / "hand_labels.csv", PROJECT_ROOT / "data" / "legal" / "hand_labels_test.csv")
DEFAULT_HOME = PROJECT_ROOT / "var"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WITHSENSE_", frozen=True, populate_by_name=True)

    data_dir: Path = Field(SAMPLE_DATA_DIR, description="Folder holding one delivery in its published layout.")
    home: Path = Field(DEFAULT_HOME, description="Folder that receives everything the job writes.")

    # Target aggregation: expert mean rescaled to 0..1, blended with the crowd share where crowd votes exist.
    expert_weight: float = Field(1.0, ge=0.0)
    crowd_weight: float = Field(1.0, ge=0.0)
    # The crowd share is published rounded to 15 digits (0.666666666666667): compare it with a tolerance.
    crowd_share_tolerance: float = Field(1e-6, gt=0.0)

    # Threads that hash and decode image files (inventory, embedding reader): decoding releases the GIL.
    io_workers: int = Field(2, ge=1)

    # Encoders, chosen by name (models/encoders). "clip" and "sentence-transformers" load encoder_folder.
    image_encoder: str = "efficientnet-lite2"
    image_backend: Literal["onnxruntime", "torch", "torch-channels-last"] = "onnxruntime"
    # all-mpnet-base-v2 since it won caption-disjoint MRR by more than the seeds' noise within the nightly's
    # 10 minutes (README: the text tower); "all-MiniLM-L6-v2" is the smaller, faster one.
    text_encoder: str = "all-mpnet-base-v2"
    encoder_folder: Path | None = None
    # Where an encoder that ships in parts (all-mpnet-base-v2) is put together, once per environment: beside
    # the installed part packages, shared by every HOME (a 420 MB folder, not a copy per HOME).
    assembled_encoders: Path = Field(default_factory=lambda: Path(sys.prefix) / "share" / "withsense" / "encoders")
    # The vectors of the texts that ship with the code (the written legal queries), per encoder version, kept
    # once per environment beside the encoders: a fresh HOME does not encode them again (storage.shipped_vectors).
    shipped_text_vectors: Path = Field(default_factory=lambda: Path(sys.prefix) / "share" / "withsense" / "text-vectors")
    embed_batch_size: int = Field(32, ge=1)
    torch_threads: int = Field(2, ge=1)  # intra-op threads of torch / ONNX Runtime: the machine has 2 cores

    # Fit models: cross-validation folds (grouped by image) and the seed of every random choice; every
    # out-of-fold and test figure is the mean (± sd) over cv_seeds seeds: seed, seed + 1, ….
    cv_folds: int = Field(5, ge=2)
    seed: int = 0
    cv_seeds: int = Field(3, ge=1)

    # Legal filter: the semantic query check may block at most this share of non-child train captions;
    # the image classifier's threshold keeps this recall on out-of-fold child images.
    query_false_block_rate: float = Field(0.02, ge=0.0, le=0.5)
    image_filter_recall: float = Field(0.97, gt=0.5, le=1.0)
    # Images with descriptions: recall the rule must keep (out of fold on train images, fuller labels)
    # when descriptions that name only adults raise the classifier's bar.
    described_image_recall: float = Field(0.99, gt=0.5, le=1.0)
    # A caption written for another image describes this one too when the experts' mean grade reaches this.
    legal_fitting_expert_mean: float = Field(3.34, ge=1.0, le=4.0)

    # Where the embed stage's image work runs: "local" (this process's reader → encoder pipeline) or "dask"
    # (chunks of images mapped to the workers of a Dask cluster through prefect-dask): the cluster at
    # dask_address (tcp://HOST:PORT), or without one a LocalCluster of dask_workers processes on this machine.
    task_runner: Literal["local", "dask"] = "local"
    dask_address: str | None = None
    dask_workers: int = Field(2, ge=1)
    dask_worker_threads: int = Field(1, ge=1)  # ONNX Runtime threads per worker process: one process per core
    dask_chunk_images: int = Field(128, ge=1)  # images per Dask task (each worker reads and writes its own)

    # The LanceDB index and the Parquet outputs on an object store (s3://bucket/prefix) instead of under
    # HOME; reached with the usual AWS variables (read here once, the secrets never printed or logged).
    index_uri: str | None = None
    output_uri: str | None = None
    aws_endpoint_url: str | None = Field(None, validation_alias=AliasChoices("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"))
    aws_region: str | None = Field(None, validation_alias=AliasChoices("AWS_REGION", "AWS_DEFAULT_REGION"))
    aws_access_key_id: str | None = Field(None, validation_alias=AliasChoices("AWS_ACCESS_KEY_ID"))
    aws_secret_access_key: SecretStr | None = Field(None, validation_alias=AliasChoices("AWS_SECRET_ACCESS_KEY"))
    aws_session_token: SecretStr | None = Field(None, validation_alias=AliasChoices("AWS_SESSION_TOKEN"))

    # The search table gets an ANN index (storage.vectors.ann_index_plan) from this many rows on.
    search_ann_min_rows: int = Field(100_000, ge=1)

    # One writer at a time per HOME: a run that finds HOME in use waits this long for it, then refuses.
    lock_wait_seconds: float = Field(0.0, ge=0.0)

    @model_validator(mode="after")
    def _weights_not_both_zero(self) -> "Settings":
        if self.expert_weight + self.crowd_weight == 0:
            raise ValueError("expert_weight and crowd_weight cannot both be 0")
        return self

    @property
    def catalog(self) -> "Catalog":
        """Where everything the job writes lives under HOME (the only map of HOME)."""
        from storage.catalog import Catalog
        from storage.locations import ObjectStoreAccess

        access = ObjectStoreAccess(
            endpoint_url=self.aws_endpoint_url, region=self.aws_region, access_key_id=self.aws_access_key_id,
            secret_access_key=self.aws_secret_access_key.get_secret_value() if self.aws_secret_access_key else None,
            session_token=self.aws_session_token.get_secret_value() if self.aws_session_token else None)
        return Catalog(self.home, index_uri=self.index_uri, output_uri=self.output_uri, object_store=access)


def load_settings(**overrides: object) -> Settings:
    """Build the settings once; ``None`` overrides mean "not given" and fall back to env/defaults."""
    given = {key: value for key, value in overrides.items() if value is not None}
    settings = Settings(**given)
    return settings.model_copy(
        update={"data_dir": settings.data_dir.resolve(), "home": settings.home.resolve()}
    )
