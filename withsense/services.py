"""The service layer: what the flows and the CLI both do, composed once.

Each function takes the settings (read once by its caller) and returns values; the CLI parses arguments
and prints what these return, the flows' tasks write what these return. Neither composes the steps below
again.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from models.encoders import text_encoder_for
from storage import model_store, vectors, warehouse
from storage.settings import Settings
from tasks.rank import edges as rank_edges
from tasks.rank.scoring import ImageSet, Scorer, rank_images, score_pairs as score_pair_rows
from tasks.rank.search import Neighbour, SearchIndex, TableSearch


class UsageError(Exception):
    """A request that cannot be served as asked (missing warehouse, unknown model, bad file): said plainly."""


def require_warehouse(settings: Settings) -> None:
    """The services that read HOME's warehouse say what to run when there is none yet."""
    if not settings.catalog.warehouse.exists():
        raise UsageError(f"no warehouse at {settings.catalog.warehouse}: run `withsense run` first")


# --- ranking and scoring (the evaluation contract) --------------------------------------------------------

@dataclass
class RankedFolder:
    ranking: pa.Table  # RANKING_SCHEMA rows
    scorer: Scorer
    images: ImageSet


def rank_folder(settings: Settings, images_dir: Path, query_ids: list[str], query_texts: list[str],
                top_k: int | None = None) -> RankedFolder:
    """Every query against every image of a folder with the scoring model, with the legal flags."""
    scorer = rank_edges.load_scorer(settings)
    images = rank_edges.image_set(settings, rank_edges.image_files(images_dir), scorer.text_encoder)
    flags = rank_edges.legal_flags(settings.catalog, scorer, images, query_texts)
    return RankedFolder(rank_images(scorer, images, query_ids, query_texts, top_k, flags), scorer, images)


def score_pairs(settings: Settings, image_paths: list[str], query_texts: list[str]) -> pa.Table:
    """(image_path, query_text) pairs → calibrated scores (null where an image cannot be read)."""
    scorer = rank_edges.load_scorer(settings)
    images = rank_edges.image_set(settings, [Path(p) for p in sorted(set(image_paths))], scorer.text_encoder)
    return score_pair_rows(scorer, images, image_paths, query_texts)


# --- search ---------------------------------------------------------------------------------------------

SEARCH_CACHE_TEXTS = 10_000  # recent query vectors a search process keeps (~15 MB at 384 dimensions)


def open_search(settings: Settings) -> SearchIndex | TableSearch:
    """Search with the scoring model. When the nightly wrote the search table for that model, a query is
    the text encoder (ONNX when exported), the model's text side (numpy) and a LanceDB nearest-neighbour
    lookup: no torch, nothing built here. Otherwise (a model without a joint space, or no table yet) every
    indexed image is featurised once, here, then each query is cheap."""
    from models.encoders import encoder_versions_for, search_text_encoder
    from models.encoders.cached import CachedTextEncoder
    from models.fit.text_tower import TextTower
    from tasks.legal import edges as legal_edges

    catalog = settings.catalog
    image_version, text_version = encoder_versions_for(settings)
    model_version = rank_edges.scoring_model(catalog, (image_version, text_version))["model_version"]
    tower = catalog.search_text_tower(model_version)
    db = vectors.connect(catalog.vector_index)
    table = vectors.existing_table(db, vectors.SEARCH_TABLE)
    if table is not None and tower.is_file():
        first = vectors.read_columns_limited(table, ["model_version"], 1)
        if first and first[0]["model_version"] == model_version:
            # The legal check and the joint space read the same query vector: encoded once.
            onnx = catalog.text_encoder_onnx(text_version)
            text_encoder = CachedTextEncoder(search_text_encoder(settings, onnx, text_version),
                                             max_texts=SEARCH_CACHE_TEXTS)
            n_rows = table.count_rows()
            plan = (vectors.ann_index_plan(n_rows, table.schema.field("vector").type.list_size, min_rows=1)
                    if vectors.has_vector_index(table) else None)  # the query settings of the index it has
            return TableSearch(text_encoder, TextTower.from_bytes(tower.read_bytes()), model_version,
                               legal_edges.load_query_filter(catalog, text_encoder),
                               lambda vector, k: _nearest(table, vector, k, plan), n_rows)
    scorer = rank_edges.load_scorer(settings, reuse_indexed_texts=False)
    return _built_search(settings, scorer, legal_edges.load_query_filter(catalog, scorer.text_encoder), db)


def _nearest(table, vector, k: int, plan=None) -> list[Neighbour]:
    found = vectors.nearest(table, vector, k, ["image_id", "path", "is_blocked"], plan).to_pylist()
    return [Neighbour(r["image_id"], r["path"], r["is_blocked"], 1.0 - r["_distance"]) for r in found]


def _built_search(settings: Settings, scorer, query_filter, db) -> SearchIndex:
    from models.fit.features import features_of_rows

    table = vectors.existing_table(db, vectors.IMAGES_TABLE)
    if table is None:
        raise FileNotFoundError(f"no image index at {settings.catalog.vector_index}: run `withsense run` first")
    rows = vectors.read_columns(table, ["image_id", "path", "vector", "top_labels", "top_scores", "is_blocked"]).to_pylist()
    return SearchIndex(scorer, query_filter, [r["image_id"] for r in rows], [r["path"] for r in rows],
                       features_of_rows(rows, scorer.text_encoder).matrix, [r["is_blocked"] for r in rows])


# --- the model registry -----------------------------------------------------------------------------------

def champion_metrics(settings: Settings) -> tuple[dict, dict[str, float]]:
    """(the champion's registry row, its figures)."""
    found = rank_edges.find_champion(settings.catalog)
    with warehouse.reading(settings.catalog.warehouse) as con:
        return found, model_store.model_metrics(con, found["model_version"])


def latest_training_metrics(settings: Settings) -> list[dict]:
    """Every model of the latest training run: registry row fields and its figures."""
    require_warehouse(settings)
    with warehouse.reading(settings.catalog.warehouse) as con:
        rows = model_store.history(con)
        if not rows:
            raise UsageError("no model is registered yet: run `withsense run` first")
        latest = [r for r in rows if r["created_at"] == rows[0]["created_at"]]
        return [{"model_version": r["model_version"], "kind": r["kind"], "is_champion": bool(r["is_champion"]),
                 "metrics": model_store.model_metrics(con, r["model_version"])} for r in latest]


def model_history(settings: Settings) -> list[dict]:
    require_warehouse(settings)
    with warehouse.reading(settings.catalog.warehouse) as con:
        return model_store.history(con)


def pin_model(settings: Settings, version: str | None) -> None:
    """Make ``version`` the champion and keep it there; ``None`` unpins."""
    require_warehouse(settings)
    with warehouse.transaction(settings.catalog.warehouse) as con:
        if version is None:
            model_store.set_pinned(con, None)
            return
        if not model_store.model_exists(con, version):
            raise UsageError(f"no model version {version!r}: see `withsense models list`")
        model_store.set_champion(con, version, "pinned by hand")
        model_store.set_pinned(con, version)


def warehouse_tables(settings: Settings) -> list[tuple[str, int]]:
    require_warehouse(settings)
    with warehouse.reading(settings.catalog.warehouse) as con:
        return [(table, warehouse.count_rows(con, table)) for (table,) in
                con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]


# --- analyses -------------------------------------------------------------------------------------------

@dataclass
class LegalReport:
    threshold: float
    halves: dict[str, dict]  # design / validation → {"n", "n_child", "figures" (vocabulary/semantic/combined)}
    wrong: list[tuple[str, str, str, str]]  # (half, kind, written query, why it was decided wrongly)
    n_test_queries: int
    n_test_mentioning: int
    n_test_mentioning_blocked: int
    n_test_blocked: int
    latest: dict[str, float]  # the last nightly's image figures (legal_metrics)


def legal_report(settings: Settings) -> LegalReport:
    from tasks.legal import edges as legal_edges
    from tasks.legal.child_terms import child_terms_in
    from tasks.legal.decisions import evaluate_query_filter

    text_encoder = text_encoder_for(settings)
    # what the nightly's checks kept, and the environment's written-query vectors: not encoded again
    legal_edges.remember_text_vectors(settings.catalog, text_encoder, settings.shipped_text_vectors)
    query_filter = legal_edges.load_query_filter(settings.catalog, text_encoder)
    written = legal_edges.load_written_queries()
    halves, wrong = {}, []
    for name in ("design", "validation"):
        half = written.half(name)
        figures = evaluate_query_filter(query_filter, half.texts, half.about_children, half.kinds)
        halves[name] = {"n": len(half.texts), "n_child": int(half.about_children.sum()), "figures": figures}
        wrong += [(name, kind, text, decision.reason) for text, decision, label, kind
                  in zip(half.texts, query_filter.decide(half.texts), half.about_children, half.kinds)
                  if decision.blocked != label]
    test_texts = [q["query_text"] for q in rank_edges.test_queries(settings.catalog)]
    decisions = query_filter.decide(test_texts)
    mentioning = [i for i, t in enumerate(test_texts) if child_terms_in(t)]
    return LegalReport(
        threshold=query_filter.threshold, halves=halves, wrong=wrong, n_test_queries=len(test_texts),
        n_test_mentioning=len(mentioning), n_test_mentioning_blocked=sum(decisions[i].blocked for i in mentioning),
        n_test_blocked=sum(d.blocked for d in decisions), latest=legal_edges.latest_legal_metrics(settings.catalog))


def _round_flags_now(settings: Settings) -> dict[str, dict]:
    """The query rules' flags, as the code reads them now, of every text a round may move."""
    from tasks.legal import edges as legal_edges
    from tasks.legal.rounds import flags_of, round_texts

    require_warehouse(settings)
    test_queries = [q["query_text"] for q in rank_edges.test_queries(settings.catalog)]
    return flags_of(round_texts(legal_edges.read_train_captions(settings.catalog), test_queries,
                                legal_edges.load_written_queries()))


def legal_round_snapshot(settings: Settings) -> tuple[Path, int]:
    """Keep the query rules' flags of every text a round may move (where, how many texts)."""
    from tasks.legal import edges as legal_edges

    flags = _round_flags_now(settings)
    return legal_edges.save_round_flags(settings.catalog, flags), len(flags)


def legal_round_diff(settings: Settings):
    """(when the snapshot was taken, how many texts now, what moved since: rounds.FlagDiff)."""
    from tasks.legal import edges as legal_edges
    from tasks.legal.rounds import compare_flags

    require_warehouse(settings)
    try:
        taken_at, before = legal_edges.load_round_flags(settings.catalog)
    except legal_edges.NoRoundSnapshotError as error:
        raise UsageError(str(error)) from None
    after = _round_flags_now(settings)
    return taken_at, len(after), compare_flags(before, after)


def legal_round_figures(settings: Settings, seeds: tuple[int, ...]):
    """(design-half size, the combined check's out-of-fold figures per seed: rounds.SeedFigures)."""
    from tasks.legal import edges as legal_edges
    from tasks.legal.rounds import design_figures_out_of_fold

    require_warehouse(settings)
    text_encoder = text_encoder_for(settings)
    # what the nightly's checks kept, and the environment's written-query vectors: not encoded again
    legal_edges.remember_text_vectors(settings.catalog, text_encoder, settings.shipped_text_vectors)
    captions = legal_edges.read_train_captions(settings.catalog)
    written = legal_edges.load_written_queries()
    figures = design_figures_out_of_fold(captions, written, text_encoder, settings.query_false_block_rate, seeds)
    return len(written.half("design").texts), figures


def cf_analysis(settings: Settings) -> tuple[int, dict[str, float]]:
    """The nightly dual encoder's out-of-fold CF τb broken down (training split only; see cf_analysis)."""
    from tasks.train.cf_analysis import out_of_fold_breakdown
    from tasks.train.edges import load_corpora

    require_warehouse(settings)
    corpus, _ = load_corpora(settings.catalog, text_encoder_for(settings))  # the test split is not looked at
    try:
        return out_of_fold_breakdown(corpus, settings.cv_folds, settings.seed, settings.cv_seeds)
    except ValueError as error:
        raise UsageError(f"cf-analysis: {error}") from None


def bench_search(settings: Settings, n_queries: int):
    """Search latency over ``n_queries`` captions of the index (the first by query id), warm, and the cold
    start of a new `withsense search` process; the report goes to the catalog's search bench file."""
    import subprocess
    import sys
    import time

    from storage import files
    from tasks.rank.search_bench import summarize

    db = vectors.connect(settings.catalog.vector_index)
    captions = vectors.read_table_columns(db, vectors.TEXTS_TABLE, ["query_id", "text"]).to_pylist()
    queries = [row["text"] for row in sorted(captions, key=lambda row: row["query_id"])][:n_queries]
    if len(queries) < n_queries:
        raise UsageError(f"the index holds {len(queries)} captions; ask for at most that many queries")
    started = time.perf_counter()
    cold = subprocess.run([sys.executable, "-m", "withsense.cli", "search", "--home", str(settings.home),
                           queries[0]], capture_output=True, text=True)
    cold_seconds = time.perf_counter() - started
    if cold.returncode != 0:
        raise RuntimeError(f"`withsense search` failed: {cold.stderr[-2000:]}")
    started = time.perf_counter()
    index = open_search(settings)
    open_seconds = time.perf_counter() - started
    index.search(queries[0])  # the first query pays lazy initialisation; the rest are warm
    results = [index.search(query) for query in queries]
    report = summarize("table" if isinstance(index, TableSearch) else "built", index.n_images, results,
                       cold_seconds, open_seconds)
    files.write_text(settings.catalog.search_bench_markdown, report.markdown() + "\n")
    return report


def bench(settings: Settings, limit: int | None, batch_size: int, skip: tuple[str, ...]):
    """The embedding bench on the delivery; its report is written to the catalog's bench files."""
    from storage import files
    from tasks.embed.bench import run_bench

    catalog = settings.catalog
    catalog.scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=catalog.scratch, prefix="bench-") as work_dir:
        report = run_bench(settings.data_dir, Path(work_dir), encoder_name=settings.image_encoder,
                           batch_size=batch_size, workers=settings.io_workers, limit=limit, skip=skip)
    files.write_json(catalog.bench_json, report.to_dict())
    files.write_text(catalog.bench_markdown, report.markdown() + "\n")
    return report


def bench_scale(settings: Settings, n_rows: int, image_counts: tuple[int, ...], n_queries: int = 200) -> str:
    """`withsense bench --scale`: embedding peak RSS and throughput at each of ``image_counts`` images, and
    the search table at ``n_rows`` rows with its ANN index (build, latency, recall@10, size). Needs a HOME
    the nightly has run in (its search table, text side and captions); the report goes to the catalog."""
    import numpy as np

    from models.fit.text_tower import TextTower
    from storage import files
    from tasks.embed.scale_bench import embed_in_fresh_process, make_distinct_images
    from tasks.embed.scale_bench import markdown as embed_markdown
    from tasks.rank.index_bench import run_index_bench

    catalog = settings.catalog
    db = vectors.connect(catalog.vector_index)
    table = vectors.existing_table(db, vectors.SEARCH_TABLE)
    if table is None:
        raise UsageError(f"no search table at {catalog.vector_index}: run `withsense run` on this HOME first")
    search_rows = vectors.read_columns(table, ["model_version", "vector"])
    real = np.stack(search_rows.column("vector").to_numpy(zero_copy_only=False)).astype(np.float32)
    tower = TextTower.from_bytes(catalog.search_text_tower(search_rows.column("model_version")[0].as_py()).read_bytes())
    captions = vectors.read_table_columns(db, vectors.TEXTS_TABLE, ["query_id", "vector"]).sort_by("query_id")
    caption_vectors = np.stack(captions.column("vector").to_numpy(zero_copy_only=False)[:n_queries]).astype(np.float32)
    queries = tower.embed_texts(caption_vectors).astype(np.float32)
    sources = sorted({Path(p) for p in vectors.read_table_columns(db, vectors.IMAGES_TABLE, ["path"])
                      .column("path").to_pylist()})
    catalog.scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=catalog.scratch, prefix="bench-scale-") as work_dir:
        work = Path(work_dir)
        images = make_distinct_images(sources, max(image_counts), work / "images", seed=settings.seed)
        embedding = [embed_in_fresh_process(settings, images[:n], work / f"index-{n}") for n in image_counts]
        index = run_index_bench(work / "scale", real, queries, n_rows, seed=settings.seed)
    report = (f"# Scale bench\n\nencoder {settings.image_encoder} ({settings.image_backend}), "
              f"{settings.torch_threads} threads; images made from the {len(sources)} of the index\n\n"
              f"{embed_markdown(embedding)}\n\n{index.markdown()}\n")
    files.write_text(catalog.scale_bench_markdown, report)
    return report
