"""Person-facing outputs never show a blocked image; machine outputs keep it flagged, with the disclaimer."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from tasks.legal.rules import DISCLAIMER

pytestmark = pytest.mark.usefixtures("prefect_server")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def ranking(home: Path):
    """The most recent nightly ranking (the one the gallery and LanceDB show)."""
    path = max((home / "parquet" / "rankings").glob("run_date=*/*.parquet"), key=lambda p: p.stat().st_mtime)
    return duckdb.sql(f"SELECT * FROM '{path}'").df()


def blocked_images(home: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(home / "withsense.duckdb"), read_only=True)
    try:
        return con.execute("SELECT image, sha256 FROM image_legal WHERE is_blocked").fetchall()
    finally:
        con.close()


def test_machine_outputs_keep_blocked_rows_flagged_with_the_disclaimer(sample_home: Path):
    check_machine_outputs(sample_home)


def check_machine_outputs(home: Path) -> None:
    rows = ranking(home)
    blocked_query_rows = rows[rows["query_blocked"]]
    assert len(blocked_query_rows) and blocked_query_rows["rank"].isna().all()
    assert (blocked_query_rows["disclaimer"] == DISCLAIMER).all()
    assert blocked_query_rows.groupby("query_id").size().eq(1).all()
    image_rows = rows[rows["image_blocked"]]
    assert len(image_rows) and image_rows["rank"].notna().all() and (image_rows["disclaimer"] == DISCLAIMER).all()
    assert set(image_rows["image"]) <= {image for image, _ in blocked_images(home)}
    free = rows[~rows["query_blocked"] & ~rows["image_blocked"]]
    assert free["disclaimer"].isna().all()
    import lancedb

    table = lancedb.connect(str(home / "lancedb")).open_table("images").to_arrow().to_pylist()
    assert all(r["is_blocked"] is not None for r in table)
    assert {r["image_id"] for r in table if r["is_blocked"]} == {image for image, _ in blocked_images(home)}
    # LanceDB holds the same ranking, with the query vectors, for search-by-vector users.
    ranked = lancedb.connect(str(home / "lancedb")).open_table("rankings").to_pandas()
    assert len(ranked) == len(rows) and set(ranked["query_id"]) == set(rows["query_id"])
    assert ranked["image_blocked"].sum() == rows["image_blocked"].sum() and len(ranked["vector"].iloc[0]) == 768


def test_every_test_query_that_mentions_a_child_is_blocked(sample_home: Path):
    from tasks.legal.child_terms import mentions_children

    rows = ranking(sample_home).drop_duplicates("query_id")
    mentioning = rows[rows["query_text"].map(mentions_children)]
    assert len(mentioning) and mentioning["query_blocked"].all()


def test_the_gallery_shows_no_blocked_image_and_shows_the_disclaimers(sample_home: Path):
    check_gallery(sample_home, "gallery-sample.png")


def check_gallery(home: Path, screenshot: str) -> int:
    """Render the gallery in headless Chromium and check it from the page itself; returns the number of
    thumbnails shown."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium is not installed: `make test` installs it (Debian packages chromium, chromium-driver)")
    page = home / "reports" / "gallery" / "index.html"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tempfile.mkdtemp()}"]
    dom = subprocess.run([chromium, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run([chromium, *flags, "--window-size=1200,2400", f"--screenshot={ARTIFACTS / screenshot}",
                    page.as_uri()], capture_output=True, timeout=120, check=True)
    assert (ARTIFACTS / screenshot).stat().st_size > 10_000

    rows = ranking(home)
    shown = rows[~rows["query_blocked"] & (rows["rank"] <= 5)]
    n_blocked_queries = rows[rows["query_blocked"]]["query_id"].nunique()
    n_blocked_tiles = int(shown["image_blocked"].sum())
    # The withheld queries share one collapsed section (the disclaimer once); each hidden result has its own.
    assert dom.count(DISCLAIMER) == (n_blocked_queries > 0) + n_blocked_tiles > 0
    assert f"<th>queries withheld</th><td>{n_blocked_queries}</td>" in dom
    assert f"{n_blocked_queries} withheld queries" in dom
    n_hidden = rows[rows["image_blocked"].fillna(False).astype(bool)]["image"].nunique()
    assert f"<th>images hidden</th><td>{n_hidden} of {rows['image'].nunique()}</td>" in dom
    if n_blocked_queries:  # results lead: every query with results comes before the withheld section
        assert dom.rindex('class="result"') < dom.index('class="withheld"')
    # Not one blocked image, by name, by path or by its thumbnail (named by content hash), is on the page.
    import hashlib

    for image, sha in blocked_images(home):
        assert image not in dom
        path = next(home.parent.glob("**/" + image), None)
        if path is not None:
            assert hashlib.sha256(path.read_bytes()).hexdigest()[:20] not in dom
    thumbnails = re.findall(r'src="thumbs/([0-9a-f]{20})\.jpg"', dom)
    assert len(thumbnails) == int((~shown["image_blocked"]).sum())
    blocked_hashes = {sha[:20] for _, sha in blocked_images(home)}
    assert not blocked_hashes & set(thumbnails)
    # Blocked queries' own words are withheld too.
    for text in rows[rows["query_blocked"]]["query_text"].unique():
        assert text not in dom
    return len(thumbnails)


def test_search_prints_the_disclaimer_and_never_a_blocked_image(sample_home: Path):
    def search(*words):
        return subprocess.run([sys.executable, "-m", "withsense.cli", "search", *words, "--home", str(sample_home),
                               "--top-k", "50"], capture_output=True, text=True, timeout=600)

    blocked_query = search("two", "little", "girls", "playing")
    assert blocked_query.returncode == 0, blocked_query.stderr[-2000:]
    assert blocked_query.stdout.startswith(DISCLAIMER)
    result = search("a", "dog", "running", "on", "the", "grass")
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [l for l in result.stdout.splitlines() if re.match(r"\s+\d+\s", l)]
    assert len(lines) == 50
    blocked = blocked_images(sample_home)
    for image, _ in blocked:
        assert image not in result.stdout
    for line in lines:  # a blocked hit shows the disclaimer and nothing that names the image
        assert (DISCLAIMER in line) != (".jpg" in line), line
    assert "ms warm" in result.stdout
