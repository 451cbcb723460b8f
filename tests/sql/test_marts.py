"""The staging and mart SQL: given rows in, expected rows out."""

import pytest

from conftest import insert
from tasks.ingest.edges import build_marts, build_staging

WEIGHTS = {"expert_weight": 1.0, "crowd_weight": 1.0}
IMG, OTHER = "1056338697_4f7d7ce270.jpg", "2549968784_39bfbe44f9.jpg"


@pytest.fixture
def con(raw_con):
    insert(raw_con, "image_files", [
        {"split": "train", "image": IMG, "path": f"train_images/{IMG}", "n_bytes": 1, "sha256": "a", "decodes": True}])
    insert(raw_con, "raw_train_pairs", [
        {"image": IMG, "query_id": f"{OTHER}#2", "query_text": "A young child in a pool ."},
        {"image": IMG, "query_id": f"{IMG}#0", "query_text": "A dog runs ."},
        {"image": OTHER, "query_id": f"{IMG}#0", "query_text": "A dog runs ."},
    ])
    insert(raw_con, "raw_expert_annotations", [
        {"image": IMG, "query_id": f"{OTHER}#2", "expert_1": 1, "expert_2": 1, "expert_3": 2},
        {"image": IMG, "query_id": f"{IMG}#0", "expert_1": 4, "expert_2": 4, "expert_3": 4},
        {"image": OTHER, "query_id": f"{IMG}#0", "expert_1": 1, "expert_2": 2, "expert_3": 3},
    ])
    insert(raw_con, "raw_crowd_annotations", [
        {"image": IMG, "query_id": f"{OTHER}#2", "crowd_share": 0.25, "n_yes": 1, "n_no": 3},
    ])
    insert(raw_con, "raw_test_queries", [{"row_index": 0, "query_id": "t.jpg#0", "query_text": "Two boys .", "image": "t.jpg"}])
    insert(raw_con, "raw_test_images", [{"image": "t.jpg"}])
    return raw_con


def targets(con, weights=WEIGHTS):
    build_staging(con)
    build_marts(con, weights)
    return {(r[0], r[1]): r[2:] for r in con.execute(
        "SELECT image, query_id, is_own_caption, expert_mean, expert_score, expert_agreement, crowd_share, target, "
        "query_text FROM targets").fetchall()}


def test_targets_rescale_the_expert_mean_and_blend_the_crowd_share(con):
    rows = targets(con)
    # (1+1+2)/3 = 4/3 -> (4/3 - 1)/3 = 1/9; blended with crowd 0.25: (1/9 + 0.25) / 2
    own, expert_mean, expert_score, agreement, crowd, target, text = rows[(IMG, f"{OTHER}#2")]
    assert not own and expert_mean == pytest.approx(4 / 3) and expert_score == pytest.approx(1 / 9)
    assert agreement == pytest.approx(2 / 3) and crowd == 0.25 and target == pytest.approx((1 / 9 + 0.25) / 2)
    assert text == "A young child in a pool ."
    # unanimous 4s, no crowd: target is the expert score alone
    assert rows[(IMG, f"{IMG}#0")][0] is True and rows[(IMG, f"{IMG}#0")][5] == pytest.approx(1.0)
    assert rows[(IMG, f"{IMG}#0")][3] == 1.0
    # all experts differ
    assert rows[(OTHER, f"{IMG}#0")][3] == pytest.approx(1 / 3) and rows[(OTHER, f"{IMG}#0")][5] == pytest.approx(1 / 3)


def test_target_weights_are_settings(con):
    rows = targets(con, {"expert_weight": 0.0, "crowd_weight": 1.0})
    assert rows[(IMG, f"{OTHER}#2")][5] == pytest.approx(0.25)
    assert rows[(IMG, f"{IMG}#0")][5] == pytest.approx(1.0)  # no crowd votes: expert score


def test_quarantined_lines_are_left_out_of_staging_and_targets(con):
    con.execute("INSERT INTO quarantine VALUES ('expert_scores_in_range', 'raw_expert_annotations', 3, 'r', '{}', now())")
    rows = targets(con)
    assert set(rows) == {(IMG, f"{OTHER}#2"), (IMG, f"{IMG}#0")}


def test_captions_list_each_caption_once_with_its_own_image_and_flags(con):
    build_staging(con)
    build_marts(con, WEIGHTS)
    rows = con.execute("SELECT split, query_id, own_image, caption_number, own_image_available, own_pair_annotated, "
                       "n_words FROM captions ORDER BY split, query_id").fetchall()
    assert rows == [
        ("test", "t.jpg#0", "t.jpg", 0, False, False, 2),
        ("train", f"{IMG}#0", IMG, 0, True, True, 3),
        ("train", f"{OTHER}#2", OTHER, 2, False, False, 6),
    ]
