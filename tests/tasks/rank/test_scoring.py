"""The rank stage's core without a HOME: the ranking contract, the legal flags, the gallery page."""

from __future__ import annotations

import numpy as np
import pytest

from models.encoders import load_text_encoder
from models.fit.base import FitData
from models.fit.linear import LinearFit
from tasks.legal.rules import DISCLAIMER
from tasks.rank.gallery import render_gallery, thumbnail_name
from tasks.rank.scoring import RANKING_SCHEMA, ImageSet, LegalFlags, Scorer, decide_flags, rank_images, score_pairs

QUERIES = ["a dog runs on the grass", "a child on a swing", "two people on a beach"]


@pytest.fixture(scope="module")
def scorer_and_images():
    """A real (if small) fit model on real text vectors and 4 images' features."""
    text_encoder = load_text_encoder("all-MiniLM-L6-v2")
    rng = np.random.default_rng(0)
    image_features = rng.normal(size=(4, 8)).astype(np.float32)
    text_features = text_encoder.encode(QUERIES)
    pairs = np.array([(i, t) for i in range(4) for t in range(3)])
    data = FitData(image_features, text_features, pairs[:, 0], pairs[:, 1], rng.uniform(size=len(pairs)).astype(np.float32),
                   np.array([0, 1]), np.array([0, 2]))
    model = LinearFit().fit(data)
    images = ImageSet(["b.jpg", "a.jpg", "c.jpg", "d.jpg"], ["/x/b.jpg", "/x/a.jpg", "/x/c.jpg", "/x/d.jpg"],
                      image_features, 0, [], ["11" * 32, "22" * 32, "33" * 32, "44" * 32], image_features)
    return Scorer(model, "v1-linear", text_encoder), images


def test_every_free_query_ranks_every_image_best_first_and_a_blocked_query_gets_one_row(scorer_and_images):
    scorer, images = scorer_and_images
    flags = LegalFlags(query_blocked=[False, True, False], image_blocked=[False, True, False, False])
    table = rank_images(scorer, images, ["q1", "q2", "q3"], QUERIES, flags=flags)
    assert table.schema == RANKING_SCHEMA
    rows = table.to_pylist()
    blocked = [r for r in rows if r["query_id"] == "q2"]
    assert blocked == [{"query_id": "q2", "query_text": QUERIES[1], "query_blocked": True, "rank": None, "image": None,
                        "score": None, "image_blocked": False, "disclaimer": DISCLAIMER, "model_version": "v1-linear"}]
    for query in ("q1", "q3"):
        ranked = [r for r in rows if r["query_id"] == query]
        assert [r["rank"] for r in ranked] == [1, 2, 3, 4]
        assert all(a["score"] >= b["score"] for a, b in zip(ranked, ranked[1:]))
        assert all((r["disclaimer"] == DISCLAIMER) == r["image_blocked"] == (r["image"] == "a.jpg") for r in ranked)


def test_top_k_cuts_each_query_and_pairs_score_like_the_matrix(scorer_and_images):
    scorer, images = scorer_and_images
    table = rank_images(scorer, images, ["q1"], QUERIES[:1], top_k=2)
    assert table.column("rank").to_pylist() == [1, 2]
    scored = score_pairs(scorer, images, ["/x/c.jpg", "/x/./a.jpg", "/x/missing.jpg"], QUERIES)
    matrix = scorer.model.score_matrix(images.features, scorer.text_encoder.encode(QUERIES))
    assert scored.column("score").to_pylist()[:2] == pytest.approx([matrix[0, 2], matrix[1, 1]], abs=1e-6)
    assert scored.column("score").to_pylist()[2] is None  # an image that could not be read


def test_a_stored_decision_wins_and_new_bytes_go_to_the_classifier():
    flags = decide_flags([True, False], ["known", "new-1", "new-2"], {"known": (False, None)},
                         np.array([0.99, 0.4, 0.6]), threshold=0.5)
    assert flags.query_blocked == [True, False] and flags.image_blocked == [False, False, True]


def test_the_gallery_names_no_blocked_image_and_thumbnails_only_shown_ones(scorer_and_images):
    scorer, images = scorer_and_images
    flags = LegalFlags(query_blocked=[False, True, False], image_blocked=[False, True, False, False])
    ranking = rank_images(scorer, images, ["q1", "q2", "q3"], QUERIES, flags=flags)
    page, thumbnails = render_gallery(ranking, dict(zip(images.image_ids, images.sha256s)), "v1-linear")
    assert "a.jpg" not in page and thumbnail_name("22" * 32) not in page and thumbnail_name("22" * 32) not in thumbnails
    assert set(thumbnails.values()) == {"b.jpg", "c.jpg", "d.jpg"}
    assert all(f"thumbs/{name}" in page for name in thumbnails)
    assert QUERIES[1] not in page and page.count(DISCLAIMER) == 1 + 2  # the withheld section, a.jpg in q1 and q3
    # A summary first, the queries with results next, the withheld ones collapsed at the end.
    assert "<th>queries withheld</th><td>1</td>" in page and "<th>images hidden</th><td>1 of 4</td>" in page
    assert page.index("summary") < page.index(QUERIES[0]) < page.index(QUERIES[2]) < page.index("1 withheld queries")
    assert page.count('class="result"') == 2
