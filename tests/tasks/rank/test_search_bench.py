"""The search bench: a cold `withsense search` process and warm latency over real captions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storage.settings import load_settings
from tasks.rank.search import SearchResult
from tasks.rank.search_bench import summarize
from withsense import services
from withsense.services import UsageError


def test_percentiles_count_every_query_and_the_answered_ones_apart():
    results = [SearchResult("q", False, "", [], ms) for ms in (1.0, 2.0, 3.0, 4.0)] + \
              [SearchResult("child", True, "child word", [], 0.1)]
    report = summarize("table", 50, results, cold_start_seconds=1.5, open_seconds=0.5)
    assert (report.n_queries, report.n_blocked) == (5, 1)
    assert report.warm_p50_ms == 2.0 and report.warm_p50_answered_ms == 2.5
    assert "1.50 s" in report.markdown()


def test_the_bench_measures_the_search_table_on_a_nightly_home(sample_home: Path, tmp_path: Path):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home, ignore=shutil.ignore_patterns(".lock"))
    settings = load_settings(home=home)
    report = services.bench_search(settings, 60)
    assert report.kind == "table" and report.n_images == 50 and report.n_queries == 60
    assert report.cold_start_seconds > report.warm_p50_ms / 1000 > 0
    assert settings.catalog.search_bench_markdown.read_text().startswith("| search (table)")
    with pytest.raises(UsageError, match="ask for at most"):
        services.bench_search(settings, 100_000)
