"""``withsense``: the single entry point of the job."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storage.delivery import DeliveryChangedError, DeliveryStructureError
from storage.lock import HomeLockedError
from storage.settings import Settings, load_settings
from withsense import services
from withsense.services import UsageError


def _add_location_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder holding one delivery in its published layout (default: the shipped sample, "
                             "or $WITHSENSE_DATA_DIR)")
    parser.add_argument("--home", type=Path, default=None,
                        help="folder that receives everything the job writes (default: ./var, or $WITHSENSE_HOME)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="withsense", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the nightly job once (ingest, verify, embed, train, legal filter, rank, report)")
    _add_location_arguments(run)
    run.add_argument("--task-runner", choices=["local", "dask"], default=None,
                     help="where the images are embedded: this process (local, the default) or a Dask cluster "
                          "(prefect-dask; $WITHSENSE_TASK_RUNNER)")
    run.add_argument("--dask-address", default=None,
                     help="the Dask scheduler, tcp://HOST:PORT (default: a LocalCluster of $WITHSENSE_DASK_WORKERS "
                          "processes on this machine)")

    rank = commands.add_parser("rank", help="rank the images of a folder for each query with the champion model")
    rank.add_argument("--home", type=Path, default=None)
    rank.add_argument("--images", type=Path, required=True, help="folder of JPEG/PNG images")
    rank.add_argument("--queries", type=Path, required=True, help="CSV with columns query_id,query_text")
    rank.add_argument("--out", type=Path, required=True, help="Parquet file to write")
    rank.add_argument("--top-k", type=int, default=None, help="rows per query (default: every image)")

    score = commands.add_parser("score", help="score (image, text) pairs with the champion model")
    score.add_argument("--home", type=Path, default=None)
    score.add_argument("--pairs", type=Path, required=True, help="CSV with columns image_path,query_text")
    score.add_argument("--out", type=Path, required=True, help="Parquet file to write")

    metrics = commands.add_parser("metrics", help="the champion model's metrics")
    metrics.add_argument("--home", type=Path, default=None)
    metrics.add_argument("--json", action="store_true")
    metrics.add_argument("--all", action="store_true", help="every model of the latest training run, not only the "
                                                            "champion")

    models = commands.add_parser("models", help="the model registry: list, pin a version, unpin")
    models.add_argument("--home", type=Path, default=None)
    models.add_argument("action", nargs="?", choices=["list", "pin", "unpin"], default="list")
    models.add_argument("version", nargs="?", default=None)

    search = commands.add_parser("search", help="search the index for a text with the champion model")
    search.add_argument("query", nargs="+", help="the words to search for")
    search.add_argument("--home", type=Path, default=None)
    search.add_argument("--top-k", type=int, default=10)

    legal = commands.add_parser("legal-eval", help="precision/recall of the legal filter (written queries, "
                                                   "test queries, held-out images)")
    legal.add_argument("--home", type=Path, default=None)

    legal_round = commands.add_parser(
        "legal-round", help="a round of the query rules on the design half only: snapshot the rules' flags before a "
                            "change, diff them after it, the design half's figures out of fold (the validation half "
                            "is never read)")
    legal_round.add_argument("action", choices=["snapshot", "diff", "figures"])
    legal_round.add_argument("--home", type=Path, default=None)
    legal_round.add_argument("--seeds", type=int, default=3, help="figures: how many seeds (default 3)")

    cf = commands.add_parser("cf-analysis", help="what bounds the dual encoder's CF τb: its out-of-fold crowd "
                                                "figures split into own and other captions (training split only)")
    cf.add_argument("--home", type=Path, default=None)

    bench = commands.add_parser("bench", help="benchmark image embedding variants on a delivery (not a test)")
    _add_location_arguments(bench)
    bench.add_argument("--limit", type=int, default=None, help="use only the first N images")
    bench.add_argument("--batch-size", type=int, default=32)
    bench.add_argument("--skip", default="", help="comma-separated words: skip variants whose name has one")
    bench.add_argument("--scale", action="store_true",
                       help="instead: embedding RSS/throughput at 1,000 and 10,000 images and the search table's ANN "
                            "index at 1,000,000 rows (needs a HOME the nightly ran in)")
    bench.add_argument("--scale-rows", type=int, default=1_000_000, help="rows of the --scale index bench")
    bench.add_argument("--scale-images", default="1000,10000", help="image counts of the --scale embedding bench")

    server = commands.add_parser("server", help="start the Prefect server (API, UI, scheduler) of HOME on a loopback "
                                                "port, in the foreground")
    server.add_argument("--home", type=Path, default=None)
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=4200)

    serve = commands.add_parser("serve", help="register the nightly deployment on its cron schedule with HOME's "
                                              "server and run its runs from this process until stopped")
    _add_location_arguments(serve)
    serve.add_argument("--cron", default=None, help="when to run (default: 0 2 * * *, 02:00 UTC)")

    trigger = commands.add_parser("trigger", help="start a run of the nightly deployment now, on HOME's server")
    trigger.add_argument("--home", type=Path, default=None)
    trigger.add_argument("--no-wait", action="store_true", help="return once the run is scheduled")

    runs = commands.add_parser("runs", help="the nightly's latest flow runs on HOME's server: state, duration, page")
    runs.add_argument("--home", type=Path, default=None)
    runs.add_argument("--limit", type=int, default=10)

    bench_search = commands.add_parser("bench-search", help="search latency: cold start of a new process and warm "
                                                            "p50/p99 over captions of the index (not a test)")
    bench_search.add_argument("--home", type=Path, default=None)
    bench_search.add_argument("--queries", type=int, default=250)

    tables = commands.add_parser("tables", help="list the warehouse tables at HOME with their row counts")
    tables.add_argument("--home", type=Path, default=None)
    return parser


def command_run(settings: Settings) -> int:
    from storage.files import HomeNotWritableError, check_writable
    from storage.prefect_env import api_shared_with_workers, api_url_in_use, configure_prefect, server_address_of

    from flows.stage import StageFailed

    try:
        check_writable(settings.home)  # before Prefect: its ephemeral server keeps its database under HOME
        configure_prefect(settings)  # HOME's running server (`withsense server`), else an ephemeral one
        from flows.nightly import nightly_flow  # imported after Prefect's environment is set

        with api_shared_with_workers(settings):
            summary = nightly_flow(data_dir=settings.data_dir, home=settings.home, task_runner=settings.task_runner,
                                   dask_address=settings.dask_address)
    except HomeLockedError as error:
        print(f"withsense: {error}", file=sys.stderr)
        return 3
    except HomeNotWritableError as error:
        print(f"withsense: {error.strerror}; nothing was changed.", file=sys.stderr)
        return 4
    except StageFailed as error:
        unusable = isinstance(error.__cause__, (DeliveryStructureError, DeliveryChangedError))
        print(f"withsense: the delivery is unusable: {error.__cause__}" if unusable else f"withsense: {error}",
              file=sys.stderr)
        print("withsense: the previous outputs are intact (each is replaced only when its stage succeeds).",
              file=sys.stderr)
        return 2 if unusable else 1
    catalog = settings.catalog
    print("\n".join(summary.lines()))
    print(f"\noutputs under {settings.home}:")
    print(f"  DuckDB warehouse  {catalog.warehouse}")
    print(f"  data report       {catalog.data_report}")
    print(f"  run summary       {summary.run_summary_path}")
    print(f"  LanceDB index     {catalog.vector_index} (tables images, texts, rankings, image_search)")
    print(f"  gallery (HTML)    {catalog.gallery_page}")
    print(f"  ranking (Parquet) {summary.ranking_path}")
    print(f"  fit models        {catalog.fit_models} (registry: tables models, metrics)")
    api_url = api_url_in_use()
    if api_url is not None:
        print(f"  Prefect runs      {server_address_of(api_url).ui_url}/runs")
    else:
        print(f"  Prefect runs      PREFECT_HOME={catalog.prefect_home} (`withsense server` shows them in the UI)")
    return 0


def command_bench(settings: Settings, limit: int | None, batch_size: int, skip: str) -> int:
    import logging

    logging.basicConfig(level=logging.INFO, format="%(message)s")  # the bench's progress, on stderr
    report = services.bench(settings, limit, batch_size, tuple(word for word in skip.split(",") if word))
    print("\n" + report.markdown())
    print(f"\nwritten to {settings.catalog.bench_markdown} and {settings.catalog.bench_json.name}")
    return 0


def _read_csv_columns(path: Path, columns: tuple[str, ...]) -> dict[str, list[str]]:
    import csv

    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise UsageError(f"{path}: missing column(s) {missing}; found {reader.fieldnames}")
        rows = list(reader)
    return {c: [row[c] for row in rows] for c in columns}


def command_rank(settings: Settings, images_dir: Path, queries: Path, out: Path, top_k: int | None) -> int:
    from storage.files import write_parquet

    columns = _read_csv_columns(queries, ("query_id", "query_text"))
    ranked = services.rank_folder(settings, images_dir, columns["query_id"], columns["query_text"], top_k)
    write_parquet(out, ranked.ranking)
    images = ranked.images
    print(f"{ranked.ranking.num_rows} rows for {len(columns['query_id'])} queries × {len(images.image_ids)} images "
          f"({images.n_reused} vectors reused from the index, {len(images.skipped)} unreadable) "
          f"with {ranked.scorer.model_version} → {out}")
    return 0


def command_score(settings: Settings, pairs: Path, out: Path) -> int:
    from storage.files import write_parquet

    columns = _read_csv_columns(pairs, ("image_path", "query_text"))
    scored = services.score_pairs(settings, columns["image_path"], columns["query_text"])
    write_parquet(out, scored)
    unreadable = scored.column("score").null_count
    model = scored.column("model_version")[0].as_py() if scored.num_rows else "the champion"
    print(f"{scored.num_rows} pairs scored with {model} ({unreadable} unreadable images) → {out}")
    return 0


def command_metrics(settings: Settings, as_json: bool, every_model: bool = False) -> int:
    import json

    if every_model:
        models = services.latest_training_metrics(settings)
        if as_json:
            print(json.dumps({"models": models}, indent=1))
        else:
            for model in models:
                print(f"{model['model_version']} ({model['kind']}{', champion' if model['is_champion'] else ''})")
                for name, value in model["metrics"].items():
                    print(f"  {name:28} {value:10.3f}")
        return 0
    found, values = services.champion_metrics(settings)
    if as_json:
        print(json.dumps({"model_version": found["model_version"], "kind": found["kind"], "metrics": values}, indent=1))
    else:
        print(f"champion {found['model_version']} ({found['kind']})")
        for name, value in values.items():
            print(f"  {name:22} {value:10.3f}")
    return 0


def command_models(settings: Settings, action: str, version: str | None) -> int:
    if action == "list":
        rows = services.model_history(settings)
        print(f"{'version':40} {'champion':8} {'pinned':6} {'τc':>6} {'τb':>6} {'MRR':>6} {'R@1':>6} {'R@10':>6}  decision")
        for r in rows:
            figures = " ".join(f"{r[k]:6.1f}" if r[k] is not None else f"{'-':>6}"
                               for k in ("oof_clean_expert_tau_c", "oof_clean_crowd_tau_b", "oof_clean_mrr", "test_r1",
                                         "test_r10"))
            print(f"{r['model_version']:40} {'yes' if r['is_champion'] else '':8} {'yes' if r['is_pinned'] else '':6} "
                  f"{figures}  {r['decision'] or ''}")
        print("τc, τb, MRR: out of fold, caption-disjoint; every figure a mean over the training's seeds")
        return 0
    if action == "pin":
        if not version:
            raise UsageError("which version? `withsense models pin VERSION` (see `withsense models list`)")
        services.pin_model(settings, version)
        print(f"{version} is the champion and pinned: nightly runs will not replace it")
    else:
        services.pin_model(settings, None)
        print("unpinned: the next nightly run may promote a better challenger")
    return 0


def command_search(settings: Settings, words: list[str], top_k: int) -> int:
    import time

    started = time.perf_counter()
    index = services.open_search(settings)
    warm = time.perf_counter() - started
    query = " ".join(words)
    first = index.search(query, top_k)
    result = index.search(query, top_k)  # the same query again, warm: what a served search costs
    print("\n".join(result.lines()))
    print(f"\n({index.n_images} images; warm-up {warm:.1f}s; query {first.milliseconds:.0f} ms cold, "
          f"{result.milliseconds:.0f} ms warm; model {index.model_version})")
    return 0


def command_cf_analysis(settings: Settings) -> int:
    epochs, f = services.cf_analysis(settings)
    print(f"dual encoder, {settings.cv_folds} folds by image, {epochs} epochs (as the nightly), out of fold, mean of "
          f"{settings.cv_seeds} seeds; "
          f"{int(f['pairs'])} crowd pairs, {int(f['own_pairs'])} of them own captions "
          f"(mean crowd share {f['own_mean_share']:.2f})")
    rows = [
        ("CF tau_b, all pairs", f["tau_b"]),
        ("CF tau_b if every own caption were ranked first", f["tau_b_own_first"]),
        ("CF tau_b, other captions", f["tau_b_non_own"]),
        (f"other captions of images that have one ({int(f['reference_pairs'])} pairs): the dual encoder",
         f["tau_b_non_own_same_pairs"]),
        ("  the same pairs: text cosine to the caption written for the image", f["reference_tau_b_non_own"]),
        ("a perfect captioner read through the text encoder (that cosine), all pairs", f["reference_tau_b"]),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"  {label:<{width}}  {value:5.1f}")
    return 0


def command_legal_eval(settings: Settings) -> int:
    report = services.legal_report(settings)
    print(f"written queries, semantic threshold {report.threshold:.3f} (design half: rules and threshold fitted "
          f"to it; validation half: written before any tuning, only measured)")
    for half, figures in report.halves.items():
        combined = figures["figures"]["combined"]
        print(f"  {half} half ({figures['n']}: {figures['n_child']} about children, "
              f"{figures['n'] - figures['n_child']} hard negatives; animal queries blocked "
              f"{combined['animals_blocked']} of {combined['n_animal']})")
        for name, part in figures["figures"].items():
            print(f"    {name:10} recall {part['recall']:6.1%}  precision {part['precision']:6.1%}  "
                  f"false blocks {part['false_block_rate']:6.1%}")
    for half, kind, text, reason in report.wrong:
        print(f"    wrong ({half}, {kind}): {text!r} {('blocked: ' + reason) if reason else '(not blocked)'}")
    print(f"dataset test queries: {report.n_test_mentioning} of {report.n_test_queries} mention a child, "
          f"{report.n_test_mentioning_blocked} of those blocked; {report.n_test_blocked} blocked in all")
    m = report.latest
    print(f"images: recall / over-blocking per rule (classifier threshold {m['image_threshold']:.3f}, chosen out of "
          f"fold for recall {settings.image_filter_recall:.0%}; images whose descriptions all name only adults need "
          f"{m.get('image_clear_threshold', float('nan')):.3f}, chosen out of fold for recall "
          f"{settings.described_image_recall:.0%} on fuller labels without losing a hand-checked child)")
    columns = [("oof", "train, out of fold (fuller labels)"), ("oof_hand", "train, hand-checked"),
               ("heldout", "test (query labels)"), ("heldout_hand", "test, hand-checked")]
    print(f"  {'rule':34}" + "".join(f"{title:>38}" for _, title in columns))
    for rule, title in (("classifier", "classifier alone"), ("any", "any child description, or classifier"),
                        ("weighed", "weighed (adult-only descriptions)")):
        cells = []
        for prefix, _ in columns:
            key = f"{prefix}_{rule}"
            cells.append(f"{m[key + '_recall']:6.1%} / {m[key + '_over_block_rate']:6.1%}  "
                         f"({int(m[key + '_n_child'])} of {int(m[key + '_n'])})" if key + "_recall" in m else "—")
        print(f"  {title:34}" + "".join(f"{cell:>38}" for cell in cells))
    return 0


def command_legal_round(settings: Settings, action: str, n_seeds: int) -> int:
    if action == "snapshot":
        where, n_texts = services.legal_round_snapshot(settings)
        print(f"kept the rules' flags of {n_texts:,} texts (train captions, test queries, the design half; not the "
              f"validation half) at {where}")
        return 0
    if action == "diff":
        from tasks.legal.rounds import TRAIN_CAPTION

        taken_at, n_texts, diff = services.legal_round_diff(settings)
        n_captions = sum(m.source == TRAIN_CAPTION for m in diff.moved)
        print(f"rules' flags of {n_texts:,} texts against the snapshot of {taken_at}: {len(diff.moved)} moved "
              f"(train captions {n_captions}, design queries {len(diff.moved) - n_captions}); test queries moved: "
              f"{diff.test_queries_moved} (counted, not listed: the test split only measures)")
        if diff.new_texts or diff.gone_texts:
            print(f"  {diff.new_texts} texts not in the snapshot, {diff.gone_texts} in it no longer round texts "
                  f"(take a snapshot after a batch changes halves)")
        for moved in diff.moved:
            print(f"  {moved.source}: {moved.text!r}: {moved.changes()}")
        return 0
    if n_seeds < 1:
        raise services.UsageError("legal-round figures: --seeds must be at least 1")
    n_design, figures = services.legal_round_figures(settings, tuple(range(n_seeds)))
    print(f"design half ({n_design:,} queries; the validation half is not read): vocabulary, or the semantic check "
          f"out of fold (5 folds, the train captions always in training)")
    for seed in figures:
        print(f"  seed {seed.seed}: recall {seed.recall:.2%}  false blocks {seed.false_block_rate:.2%}  "
              f"animal queries blocked {seed.animals_blocked}  threshold {seed.threshold:.3f}")
    return 0


def command_server(settings: Settings, host: str, port: int) -> int:
    from storage.prefect_env import ServerAddress
    from withsense import operate

    def announce(address: ServerAddress) -> None:
        print(f"Prefect server of {settings.home}\n  UI   {address.ui_url}\n  API  {address.api_url}\n"
              f"Next: `withsense serve` (make serve) registers the nightly on its schedule; Ctrl-C stops this server.",
              flush=True)

    return operate.start_server(settings, ServerAddress(host=host, port=port), on_ready=announce)


def command_serve(settings: Settings, cron: str | None) -> int:
    from withsense import operate

    operate.serve_nightly(settings, cron or operate.NIGHTLY_CRON)
    return 0


def command_trigger(settings: Settings, wait: bool) -> int:
    from withsense import operate

    if wait:
        print("waiting for the run to finish (watch it at the page below once it starts)...", flush=True)
    row = operate.trigger_nightly(settings, wait)
    print(operate.describe(row))
    return 0 if row.state in ("Completed", "Scheduled", "Pending", "Running") else 1


def command_runs(settings: Settings, limit: int) -> int:
    from withsense import operate

    for row in operate.recent_runs(settings, limit):
        print(operate.describe(row))
    return 0


def command_tables(settings: Settings) -> int:
    for table, count in services.warehouse_tables(settings):
        print(f"{table:32} {count:>8}")
    return 0


def command_bench_scale(settings: Settings, n_rows: int, image_counts: str) -> int:
    import logging

    logging.basicConfig(level=logging.INFO, format="%(message)s")  # the bench's progress, on stderr
    print(services.bench_scale(settings, n_rows, tuple(int(n) for n in image_counts.split(","))))
    print(f"written to {settings.catalog.scale_bench_markdown}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = load_settings(data_dir=getattr(args, "data_dir", None), home=args.home,
                             task_runner=getattr(args, "task_runner", None),
                             dask_address=getattr(args, "dask_address", None))
    if args.command == "run":
        return command_run(settings)
    try:
        if args.command == "rank":
            return command_rank(settings, args.images, args.queries, args.out, args.top_k)
        if args.command == "score":
            return command_score(settings, args.pairs, args.out)
        if args.command == "metrics":
            return command_metrics(settings, args.json, args.all)
        if args.command == "models":
            return command_models(settings, args.action, args.version)
        if args.command == "search":
            return command_search(settings, args.query, args.top_k)
        if args.command == "legal-eval":
            return command_legal_eval(settings)
        if args.command == "legal-round":
            return command_legal_round(settings, args.action, args.seeds)
        if args.command == "cf-analysis":
            return command_cf_analysis(settings)
        if args.command == "tables":
            return command_tables(settings)
        if args.command == "bench-search":
            print(services.bench_search(settings, args.queries).markdown())
            return 0
        if args.command == "bench" and args.scale:
            return command_bench_scale(settings, args.scale_rows, args.scale_images)
        if args.command == "server":
            return command_server(settings, args.host, args.port)
        if args.command == "serve":
            return command_serve(settings, args.cron)
        if args.command == "trigger":
            return command_trigger(settings, not args.no_wait)
        if args.command == "runs":
            return command_runs(settings, args.limit)
    except UsageError as error:
        print(f"withsense: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        from tasks.legal.edges import LegalFilterOutdatedError
        from tasks.rank.edges import NoChampionError

        from withsense.operate import ServerError

        if isinstance(error, (NoChampionError, LegalFilterOutdatedError, FileNotFoundError, ServerError)):
            print(f"withsense: {error}", file=sys.stderr)
            return 1
        raise
    if args.command == "bench":
        return command_bench(settings, args.limit, args.batch_size, args.skip)
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
