"""``withsense``: the single entry point of the job."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storage.delivery import DeliveryStructureError
from storage.settings import Settings, load_settings


def _add_location_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder holding one delivery in its published layout (default: the shipped sample, "
                             "or $WITHSENSE_DATA_DIR)")
    parser.add_argument("--home", type=Path, default=None,
                        help="folder that receives everything the job writes (default: ./var, or $WITHSENSE_HOME)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="withsense", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the nightly job once (ingest, verify, targets, report)")
    _add_location_arguments(run)

    bench = commands.add_parser("bench", help="benchmark image embedding variants on a delivery (not a test)")
    _add_location_arguments(bench)
    bench.add_argument("--limit", type=int, default=None, help="use only the first N images")
    bench.add_argument("--batch-size", type=int, default=32)
    bench.add_argument("--skip", default="", help="comma-separated words: skip variants whose name has one")

    tables = commands.add_parser("tables", help="list the warehouse tables at HOME with their row counts")
    tables.add_argument("--home", type=Path, default=None)
    return parser


def command_run(settings: Settings) -> int:
    from storage.prefect_env import configure_prefect

    configure_prefect(settings)
    from flows.nightly import nightly_flow  # imported after Prefect's environment is set

    try:
        summary = nightly_flow(data_dir=settings.data_dir, home=settings.home)
    except DeliveryStructureError as error:
        print(f"withsense: the delivery is unusable: {error}", file=sys.stderr)
        print("withsense: nothing was replaced; the previous outputs are intact.", file=sys.stderr)
        return 2
    print("\n".join(summary.lines()))
    print(f"\noutputs under {settings.home}:")
    print(f"  DuckDB warehouse  {settings.duckdb_path}")
    print(f"  data report       {settings.reports_dir / 'data_report.html'}")
    print(f"  LanceDB index     {settings.lancedb_dir} (tables images, texts)")
    print(f"  Prefect runs      PREFECT_HOME={settings.prefect_home} (see README: watching runs)")
    return 0


def command_bench(settings: Settings, limit: int | None, batch_size: int, skip: str) -> int:
    import tempfile

    from storage import reports
    from tasks.bench import run_bench

    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.home, prefix="bench-") as work_dir:
        report = run_bench(settings.data_dir, Path(work_dir), batch_size=batch_size, workers=settings.io_workers,
                           limit=limit, skip=tuple(word for word in skip.split(",") if word))
    reports.write_json_atomically(settings.reports_dir / "bench.json", report.to_dict())
    reports.write_text_atomically(settings.reports_dir / "bench.md", report.markdown() + "\n")
    print("\n" + report.markdown())
    print(f"\nwritten to {settings.reports_dir / 'bench.md'} and bench.json")
    return 0


def command_tables(settings: Settings) -> int:
    from storage import warehouse

    if not settings.duckdb_path.exists():
        print(f"withsense: no warehouse at {settings.duckdb_path}: run `withsense run` first", file=sys.stderr)
        return 1
    con = warehouse.connect(settings.duckdb_path, read_only=True)
    try:
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall():
            print(f"{table:32} {warehouse.count_rows(con, table):>8}")
    finally:
        con.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = load_settings(data_dir=getattr(args, "data_dir", None), home=args.home)
    if args.command == "run":
        return command_run(settings)
    if args.command == "bench":
        return command_bench(settings, args.limit, args.batch_size, args.skip)
    if args.command == "tables":
        return command_tables(settings)
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
