"""Each check of sql/checks/: silent on good rows, and catches its planted bad row with a readable reason."""

import pytest

from conftest import insert
from tasks.ingest.edges import check_names, run_check, run_checks

PARAMS = {"share_tolerance": 1e-6}
IMG, OTHER = "1056338697_4f7d7ce270.jpg", "2549968784_39bfbe44f9.jpg"
TEST_IMG = "1177994172_10d143cb8d.jpg"


def good_rows(con):
    insert(con, "image_files", [
        {"split": "train", "image": IMG, "path": f"train_images/{IMG}", "n_bytes": 10, "sha256": "a", "decodes": True},
        {"split": "train", "image": OTHER, "path": f"train_images/{OTHER}", "n_bytes": 10, "sha256": "b", "decodes": True},
        {"split": "test", "image": TEST_IMG, "path": f"test_images/{TEST_IMG}", "n_bytes": 10, "sha256": "c", "decodes": True},
    ])
    insert(con, "raw_train_pairs", [
        {"image": IMG, "query_id": f"{OTHER}#2", "query_text": "A young child in a pool ."},
        {"image": IMG, "query_id": f"{IMG}#0", "query_text": "A dog runs ."},
    ])
    insert(con, "raw_expert_annotations", [
        {"image": IMG, "query_id": f"{OTHER}#2", "expert_1": 1, "expert_2": 1, "expert_3": 2},
        {"image": IMG, "query_id": f"{IMG}#0", "expert_1": 4, "expert_2": 4, "expert_3": 3},
    ])
    insert(con, "raw_crowd_annotations", [
        {"image": IMG, "query_id": f"{IMG}#0", "crowd_share": 0.666666666666667, "n_yes": 2, "n_no": 1},
    ])
    insert(con, "raw_test_queries", [
        {"row_index": 0, "query_id": f"{TEST_IMG}#0", "query_text": "Two boys .", "image": TEST_IMG},
    ])
    insert(con, "raw_test_images", [{"image": TEST_IMG}])


def offenders(con, check):
    return [(row["source_file"], row["source_line"], row["reason"]) for row in run_check(con, check, PARAMS).to_pylist()]


def test_every_check_is_silent_on_good_rows(raw_con):
    good_rows(raw_con)
    for check in check_names():
        assert offenders(raw_con, check) == [], check


def test_an_undecodable_image_file_is_caught_and_so_is_every_row_that_references_it(raw_con):
    good_rows(raw_con)
    raw_con.execute("UPDATE image_files SET decodes = false, decode_error = 'OSError: image file is truncated' "
                    "WHERE image = $image", {"image": IMG})
    assert offenders(raw_con, "image_files_decode") == [
        (f"train_images/{IMG}", None, "image file does not decode: OSError: image file is truncated")]
    caught = offenders(raw_con, "referenced_images_exist")
    assert {(f, l) for f, l, _ in caught} == {("raw_train_pairs", 1), ("raw_train_pairs", 2),
                                              ("raw_expert_annotations", 1), ("raw_expert_annotations", 2),
                                              ("raw_crowd_annotations", 1)}
    assert all("does not decode" in reason for *_, reason in caught)


def test_a_referenced_image_missing_from_its_folder_is_caught(raw_con):
    good_rows(raw_con)
    insert(raw_con, "raw_test_images", [{"source_line": 2, "image": "absent.jpg"}])
    assert offenders(raw_con, "referenced_images_exist") == [
        ("raw_test_images", 2, "image absent.jpg is not in test_images/")]


def test_a_query_id_without_hash_is_caught(raw_con):
    good_rows(raw_con)
    insert(raw_con, "raw_crowd_annotations",
           [{"source_line": 7, "image": IMG, "query_id": "1056338697_4f7d7ce270.jpg_2", "crowd_share": 0.0, "n_yes": 0, "n_no": 3}])
    assert offenders(raw_con, "query_id_format") == [
        ("raw_crowd_annotations", 7, "query id 1056338697_4f7d7ce270.jpg_2 is not of the form <image>#<n>")]


def test_an_expert_score_out_of_range_or_missing_is_caught(raw_con):
    good_rows(raw_con)
    insert(raw_con, "raw_expert_annotations", [
        {"source_line": 8, "image": OTHER, "query_id": f"{IMG}#0", "expert_1": 7, "expert_2": 2, "expert_3": 2},
        {"source_line": 9, "image": OTHER, "query_id": f"{IMG}#1", "expert_1": 1, "expert_2": None, "expert_3": 2},
    ])
    assert offenders(raw_con, "expert_scores_in_range") == [
        ("raw_expert_annotations", 8, "expert scores must be 1..4, got 7, 2, 2"),
        ("raw_expert_annotations", 9, "expert scores must be 1..4, got 1, NULL, 2"),
    ]


@pytest.mark.parametrize("row, reason", [
    ({"crowd_share": 0.5, "n_yes": 2, "n_no": 1}, "share 0.5 differs from yes/(yes+no) = 0.666667"),
    ({"crowd_share": 0.0, "n_yes": -1, "n_no": 3}, "negative vote count: yes=-1, no=3"),
    ({"crowd_share": 0.0, "n_yes": 0, "n_no": 0}, "no votes cast"),
    ({"crowd_share": None, "n_yes": 1, "n_no": 2}, "share or vote count missing"),
])
def test_inconsistent_crowd_votes_are_caught(raw_con, row, reason):
    good_rows(raw_con)
    insert(raw_con, "raw_crowd_annotations", [{"source_line": 5, "image": OTHER, "query_id": f"{IMG}#0", **row}])
    assert offenders(raw_con, "crowd_votes_consistent") == [("raw_crowd_annotations", 5, reason)]


def test_a_duplicate_pair_is_caught_and_its_first_occurrence_kept(raw_con):
    good_rows(raw_con)
    insert(raw_con, "raw_expert_annotations",
           [{"source_line": 3, "image": IMG, "query_id": f"{IMG}#0", "expert_1": 4, "expert_2": 4, "expert_3": 3}])
    assert offenders(raw_con, "duplicate_keys") == [
        ("raw_expert_annotations", 3, f"duplicate of line 2 ({IMG} / {IMG}#0)")]


def test_a_caption_id_with_two_texts_is_caught(raw_con):
    good_rows(raw_con)
    insert(raw_con, "raw_train_pairs", [{"source_line": 3, "image": OTHER, "query_id": f"{IMG}#0", "query_text": "A cat ."}])
    assert offenders(raw_con, "caption_text_consistent") == [
        ("raw_train_pairs", 3, f'query id {IMG}#0 already has another text: "A dog runs ."')]


def test_blank_required_values_are_caught_and_named(raw_con):
    good_rows(raw_con)
    insert(raw_con, "raw_train_pairs", [{"source_line": 4, "image": IMG, "query_id": f"{IMG}#3", "query_text": "  "}])
    assert offenders(raw_con, "required_values_present") == [
        ("raw_train_pairs", 4, "empty value in column(s): query_text")]


def test_a_test_query_whose_image_is_not_listed_is_caught(raw_con):
    good_rows(raw_con)
    raw_con.execute("DELETE FROM raw_test_images")
    assert offenders(raw_con, "test_query_images_listed") == [
        ("raw_test_queries", 1, f"test query image {TEST_IMG} is not listed in test_images.csv")]


def test_run_checks_quarantines_with_check_name_reason_and_record(raw_con):
    from datetime import datetime, timezone

    good_rows(raw_con)
    insert(raw_con, "raw_expert_annotations",
           [{"source_line": 8, "image": OTHER, "query_id": f"{IMG}#0", "expert_1": 7, "expert_2": 2, "expert_3": 2}])
    found = run_checks(raw_con, PARAMS, datetime.now(timezone.utc))
    assert found["expert_scores_in_range"] == 1 and sum(found.values()) == 1
    check, line, reason, record = raw_con.execute(
        "SELECT check_name, source_line, reason, record FROM quarantine").fetchone()
    assert (check, line) == ("expert_scores_in_range", 8)
    assert '"expert_1":7' in record
