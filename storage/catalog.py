"""The catalog: every dataset the job keeps under HOME, by name, and where it lives.

Like Kedro's catalog, this is the one place that knows the layout of HOME. Stages ask it for a named
dataset (the warehouse, the vector index, the nightly ranking partition, a model's folder, the data
report, the gallery, a stage's memo) and read or write it through ``storage``'s helpers; nothing else
builds a path under HOME.

| dataset                | where under HOME                                        | read / written with     |
|------------------------|---------------------------------------------------------|-------------------------|
| warehouse              | withsense.duckdb (tables: sql/raw, staging, marts, ...) | storage.warehouse       |
| vector index           | lancedb/ (tables images, texts, rankings, image_search), or WITHSENSE_INDEX_URI | storage.vectors |
| nightly ranking        | parquet/rankings/run_date=YYYY-MM-DD/<run_id>.parquet, or under WITHSENSE_OUTPUT_URI | storage.files |
| fit model files        | models/fit/<model_version>/                             | storage.model_store     |
| image encoder export   | models/onnx/                                            | models.encoders         |
| search text side       | models/search/<model_version>/text_tower.npz; models/onnx/<text encoder>-text.onnx | storage.files |
| legal filter files     | models/legal/query_filter.json, image_classifier.pkl    | storage.files           |
| data report            | reports/data_report.html                                | storage.files           |
| run summary            | reports/run_summary.md                                  | storage.files           |
| gallery                | reports/gallery/index.html, reports/gallery/thumbs/     | storage.files           |
| bench report           | reports/bench.md, bench.json, bench_search.md, bench_scale.md | storage.files     |
| stage memos            | state/<stage>.json (input fingerprint + kept result)    | storage.memo            |
| legal round snapshot   | state/legal_round_flags.json (the rules' flags of the texts a round may move) | storage.files |
| the writer's lock      | .lock (who holds HOME)                                  | storage.lock            |
| Prefect's own database | prefect/                                                | Prefect                 |
| the running server     | prefect/server.json (its API and UI address)            | storage.prefect_env     |
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage.locations import Location, ObjectStoreAccess
from storage.memo import Memo


@dataclass(frozen=True)
class Catalog:
    home: Path
    # The shared outputs may live on an object store (workers on other machines share no disk); the
    # warehouse, models, reports and memos are the job's own state and stay under HOME.
    index_uri: str | None = None
    output_uri: str | None = None
    object_store: ObjectStoreAccess | None = None

    # --- the warehouse and the vector index ------------------------------------------------------------
    @property
    def warehouse(self) -> Path:
        return self.home / "withsense.duckdb"

    @property
    def vector_index(self) -> Location:
        """HOME/lancedb, or WITHSENSE_INDEX_URI."""
        return Location.of(self.index_uri or self.home / "lancedb", self.object_store)

    # --- Parquet for downstream teams ----------------------------------------------------------------------
    @property
    def rankings_parquet(self) -> Location:
        """The folder of every nightly ranking (hive-partitioned by run date): HOME/parquet/rankings, or
        <WITHSENSE_OUTPUT_URI>/rankings."""
        return Location.of(self.output_uri or self.home / "parquet", self.object_store).join("rankings")

    def ranking_partition(self, run_date: str, run_id: str) -> Location:
        """<rankings>/run_date=YYYY-MM-DD/<run_id>.parquet."""
        return self.rankings_parquet.join(f"run_date={run_date}", f"{run_id}.parquet")

    def location(self, uri: str) -> Location:
        """A URI this catalog handed out (e.g. a ranking partition's), with the access it needs."""
        return Location.of(uri, self.object_store)

    # --- model files ------------------------------------------------------------------------------------
    def fit_model_folder(self, model_version: str) -> Path:
        return self.home / "models" / "fit" / model_version

    @property
    def fit_models(self) -> Path:
        return self.home / "models" / "fit"

    @property
    def onnx_cache(self) -> Path:
        return self.home / "models" / "onnx"

    def text_encoder_onnx(self, encoder_version: str) -> Path:
        """The text encoder exported to ONNX once (what a search process runs without torch)."""
        return self.onnx_cache / f"{encoder_version.replace('/', '_').replace('@', '-').replace(':', '_')}-text.onnx"

    def search_text_tower(self, model_version: str) -> Path:
        """The text side of a dual encoder as numpy arrays (models.fit.text_tower), beside its search table."""
        return self.home / "models" / "search" / model_version / "text_tower.npz"

    @property
    def legal_query_filter(self) -> Path:
        return self.home / "models" / "legal" / "query_filter.json"

    @property
    def legal_image_classifier(self) -> Path:
        return self.home / "models" / "legal" / "image_classifier.pkl"

    @property
    def legal_round_flags(self) -> Path:
        """The query rules' flags of every text a round may move, kept by `withsense legal-round snapshot`."""
        return self.memos / "legal_round_flags.json"

    # --- reports for people ---------------------------------------------------------------------------
    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def data_report(self) -> Path:
        return self.reports / "data_report.html"

    @property
    def run_summary(self) -> Path:
        return self.reports / "run_summary.md"

    @property
    def gallery_page(self) -> Path:
        return self.reports / "gallery" / "index.html"

    def gallery_thumbnail(self, name: str) -> Path:
        return self.reports / "gallery" / "thumbs" / name

    @property
    def bench_markdown(self) -> Path:
        return self.reports / "bench.md"

    @property
    def search_bench_markdown(self) -> Path:
        return self.reports / "bench_search.md"

    @property
    def scale_bench_markdown(self) -> Path:
        return self.reports / "bench_scale.md"

    @property
    def bench_json(self) -> Path:
        return self.reports / "bench.json"

    # --- the job's own bookkeeping --------------------------------------------------------------------
    def memo(self, stage: str) -> Memo:
        """The stage's memo: its input fingerprint and kept result (storage.memo)."""
        return Memo(self.memos / f"{stage}.json")

    @property
    def memos(self) -> Path:
        return self.home / "state"

    @property
    def lock(self) -> Path:
        """Held by the run that writes HOME (storage.lock): one writer at a time."""
        return self.home / ".lock"

    @property
    def scratch(self) -> Path:
        """Where work that is thrown away afterwards (a bench's temporary indexes) may write."""
        return self.home

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"

    @property
    def prefect_server_record(self) -> Path:
        """Written by `withsense server` while it runs: the address of the Prefect server of this HOME."""
        return self.prefect_home / "server.json"
