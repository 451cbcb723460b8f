"""The `withsense` entry point, run as a user runs it."""

import subprocess
import sys
from pathlib import Path


from withsense.cli import build_parser


def withsense(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "withsense.cli", *args], capture_output=True, text=True, timeout=600)


def test_help_lists_the_commands():
    result = withsense("--help")
    assert result.returncode == 0
    for command in ("run", "tables"):
        assert command in result.stdout


def test_run_takes_data_dir_and_home():
    args = build_parser().parse_args(["run", "--data-dir", "/d", "--home", "/h"])
    assert (args.data_dir, args.home) == (Path("/d"), Path("/h"))


def test_run_on_the_sample_prints_where_the_outputs_are_and_tables_lists_them(sample_dir: Path, tmp_path: Path):
    result = withsense("run", "--data-dir", str(sample_dir), "--home", str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"DuckDB warehouse  {tmp_path / 'withsense.duckdb'}" in result.stdout
    assert "built    244 rows of targets" in result.stdout
    assert (tmp_path / "prefect").is_dir()  # Prefect's own state lives under HOME
    tables = withsense("tables", "--home", str(tmp_path))
    assert tables.returncode == 0
    assert any(line.split() == ["targets", "244"] for line in tables.stdout.splitlines())


def test_run_on_an_unusable_delivery_exits_2_naming_the_file(tmp_path: Path):
    result = withsense("run", "--data-dir", str(tmp_path / "nowhere"), "--home", str(tmp_path / "home"))
    assert result.returncode == 2
    assert "train_images: image folder is missing" in result.stderr or "file is missing" in result.stderr
    assert "previous outputs are intact" in result.stderr


def test_tables_without_a_warehouse_says_what_to_do(tmp_path: Path):
    result = withsense("tables", "--home", str(tmp_path))
    assert result.returncode == 1 and "run `withsense run` first" in result.stderr


def test_a_run_on_a_home_another_run_holds_refuses_at_once_and_changes_nothing(sample_dir: Path, tmp_path: Path):
    hold = ("import sys, time; from pathlib import Path; from storage.lock import exclusive_home\n"
            "with exclusive_home(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(120)")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(tmp_path / ".lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = withsense("run", "--data-dir", str(sample_dir), "--home", str(tmp_path))
        assert result.returncode == 3, result.stderr[-3000:]
        assert f"{tmp_path} is in use by another run (pid {holder.pid}" in result.stderr
        assert not (tmp_path / "withsense.duckdb").exists() and not (tmp_path / "lancedb").exists()
    finally:
        holder.kill()
        holder.wait()


def test_serve_trigger_and_runs_without_a_server_say_how_to_start_one(tmp_path: Path):
    from tests.prefect_server import clean_environment

    for command in (["serve"], ["trigger"], ["runs"]):
        result = subprocess.run([sys.executable, "-m", "withsense.cli", *command, "--home", str(tmp_path)],
                                capture_output=True, text=True, timeout=300, env=clean_environment())
        assert result.returncode == 1, (command, result.stderr[-2000:])
        assert f"no Prefect server answers for {tmp_path}" in result.stderr
        assert "withsense server" in result.stderr


def test_a_server_record_left_by_a_killed_server_is_ignored(tmp_path: Path):
    from storage.prefect_env import ServerAddress, record_server, recorded_server
    from storage.settings import load_settings
    from tests.prefect_server import free_port

    catalog = load_settings(home=tmp_path).catalog
    record_server(catalog, ServerAddress("127.0.0.1", free_port()), pid=999999)
    assert catalog.prefect_server_record.is_file()
    assert recorded_server(catalog) is None  # nothing answers there: commands fall back to the ephemeral server


def test_a_second_server_for_the_same_home_is_refused(tmp_path: Path):
    from tests.prefect_server import clean_environment, free_port, running_server

    with running_server(tmp_path, tmp_path / "server.log"):
        second = subprocess.run([sys.executable, "-m", "withsense.cli", "server", "--home", str(tmp_path), "--port",
                                 str(free_port())], capture_output=True, text=True, timeout=300,
                                env=clean_environment())
    assert second.returncode == 1
    assert f"a Prefect server for {tmp_path} already runs at http://127.0.0.1:" in second.stderr
    assert not (tmp_path / "prefect" / "server.json").exists()  # the first one's record went with it


def test_run_takes_the_task_runner_and_the_dask_scheduler():
    args = build_parser().parse_args(["run", "--task-runner", "dask", "--dask-address", "tcp://10.0.0.5:8786"])
    assert (args.task_runner, args.dask_address) == ("dask", "tcp://10.0.0.5:8786")


def test_the_scale_bench_without_a_nightly_says_what_to_do(tmp_path: Path):
    result = withsense("bench", "--scale", "--home", str(tmp_path))
    assert result.returncode == 1 and "no search table at" in result.stderr and "run `withsense run`" in result.stderr


def test_the_scale_bench_reports_embedding_and_index_figures(sample_home: Path, tmp_path: Path):
    import shutil

    home = tmp_path / "home"
    shutil.copytree(sample_home, home, ignore=shutil.ignore_patterns(".lock"))
    result = withsense("bench", "--scale", "--home", str(home), "--scale-rows", "2000", "--scale-images", "8,16")
    assert result.returncode == 0, result.stderr[-3000:]
    report = (home / "reports" / "bench_scale.md").read_text()
    assert "| 16 |" in report and "16 vs 8 images: peak RSS" in report
    assert "| rows × dimension | 2,000 × 1536" in report and "recall@10 against the exact scan" in report
    assert not list(home.glob("bench-scale-*"))  # its scratch folder is gone
