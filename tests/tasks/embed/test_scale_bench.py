"""The scale bench's embedding half on real JPEGs: the files it makes are distinct images, and a count is
embedded by the nightly's own indexing code in a fresh process that reports its peak RSS."""

import hashlib
from pathlib import Path

from PIL import Image

from storage.settings import load_settings
from tasks.embed.scale_bench import EmbedScaleRow, embed_in_fresh_process, make_distinct_images, markdown


def test_made_images_are_distinct_decodable_files_reused_on_the_next_run(sample_dir: Path, tmp_path: Path):
    sources = sorted((sample_dir / "test_images").glob("*.jpg"))[:3]
    made = make_distinct_images(sources, 9, tmp_path / "made", seed=0)
    assert len(made) == 9 and len({hashlib.sha256(p.read_bytes()).hexdigest() for p in made}) == 9
    for path, source in zip(made, sources * 3):
        with Image.open(path) as image, Image.open(source) as original:
            assert image.format == "JPEG"
            assert image.width <= original.width and image.height <= original.height
    stamps = [p.stat().st_mtime_ns for p in made]
    assert make_distinct_images(sources, 9, tmp_path / "made", seed=0) == made
    assert [p.stat().st_mtime_ns for p in made] == stamps  # made once, then reused


def test_a_count_is_embedded_in_a_fresh_process_that_reports_its_peak_memory(sample_dir: Path, tmp_path: Path):
    settings = load_settings(home=tmp_path, image_encoder="efficientnet-lite0", image_backend="torch",
                             embed_batch_size=4)
    paths = sorted((sample_dir / "test_images").glob("*.jpg"))[:6]
    row = embed_in_fresh_process(settings, paths, tmp_path / "index")
    assert row.n_images == 6 and row.images_per_second > 0 and row.seconds > 0
    assert 100 < row.peak_rss_mb < 8000  # the child's own high-water mark, torch and the encoder included
    import lancedb

    assert lancedb.connect(str(tmp_path / "index")).open_table("images").count_rows() == 6


def test_the_report_compares_the_largest_count_with_the_smallest():
    text = markdown([EmbedScaleRow(1000, 20.0, 80.0, 1000.0), EmbedScaleRow(10000, 130.0, 76.0, 1100.0)])
    assert "| 10,000 | 130 s | 76.0 img/s | 1,100 MB |" in text
    assert "peak RSS +10.0%, throughput -5.0%" in text
