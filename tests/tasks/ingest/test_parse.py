from pathlib import Path

import pytest

from storage.delivery import DeliveryStructureError
from tasks.ingest.edges import read_source_file as parse_source_file
from tasks.ingest.sources import CROWD_ANNOTATIONS, EXPERT_ANNOTATIONS, TEST_QUERIES, TRAIN_PAIRS

EXPERT_ROWS = (
    "1056338697_4f7d7ce270.jpg\t2549968784_39bfbe44f9.jpg#2\t1\t1\t1\n"
    "1056338697_4f7d7ce270.jpg\t2718495608_d8533e3ac5.jpg#2\t1\t1\t2\n"
    "1056338697_4f7d7ce270.jpg\t3181701312_70a379ab6e.jpg#2\t1\t1\t2\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text)
    return folder


def test_real_rows_parse_into_typed_columns_with_their_line_numbers(tmp_path: Path):
    parsed = parse_source_file(write(tmp_path, "ExpertAnnotations.tsv", EXPERT_ROWS), EXPERT_ANNOTATIONS)
    rows = parsed.rows.to_pylist()
    assert [r["source_line"] for r in rows] == [1, 2, 3]
    assert rows[1] == {"source_file": "ExpertAnnotations.tsv", "source_line": 2, "image": "1056338697_4f7d7ce270.jpg",
                       "query_id": "2718495608_d8533e3ac5.jpg#2", "expert_1": 1, "expert_2": 1, "expert_3": 2}
    assert parsed.rejected == []
    assert len(parsed.sha256) == 64 and parsed.n_bytes == len(EXPERT_ROWS)


def test_a_line_with_the_wrong_number_of_fields_is_rejected_and_the_rest_loads(tmp_path: Path):
    text = EXPERT_ROWS + "1056338697_4f7d7ce270.jpg\t2549968784_39bfbe44f9.jpg#2\t1\t1\n"
    parsed = parse_source_file(write(tmp_path, "ExpertAnnotations.tsv", text), EXPERT_ANNOTATIONS)
    assert parsed.rows.num_rows == 3
    [rejected] = parsed.rejected
    assert rejected.line == 4 and rejected.reason == "4 fields, expected 5"
    assert rejected.text.startswith("1056338697_4f7d7ce270.jpg\t")


def test_a_value_of_the_wrong_type_is_rejected_with_the_column_named(tmp_path: Path):
    text = EXPERT_ROWS + "1056338697_4f7d7ce270.jpg\t2549968784_39bfbe44f9.jpg#2\t1\tthree\t1\n"
    parsed = parse_source_file(write(tmp_path, "ExpertAnnotations.tsv", text), EXPERT_ANNOTATIONS)
    assert [(r.line, r.reason) for r in parsed.rejected] == [(4, "column expert_2: 'three' is not an integer")]


def test_an_empty_numeric_value_loads_as_null_for_the_checks_to_name(tmp_path: Path):
    text = "1056338697_4f7d7ce270.jpg\t1056338697_4f7d7ce270.jpg#2\t\t3\t0\n"
    parsed = parse_source_file(write(tmp_path, "CrowdAnnotations.tsv", text), CROWD_ANNOTATIONS)
    assert parsed.rows.to_pylist()[0]["crowd_share"] is None


def test_quoted_captions_with_commas_and_blank_lines(tmp_path: Path):
    text = ('image,query_id,query_text\n\n'
            'a.jpg,b.jpg#0,"A dog , a ball , and a boy ."\n'
            'a.jpg,c.jpg#1,A cat .\n')
    parsed = parse_source_file(write(tmp_path, "train_dataset.csv", text), TRAIN_PAIRS)
    assert parsed.rows.column("query_text").to_pylist() == ["A dog , a ball , and a boy .", "A cat ."]
    assert parsed.rows.column("source_line").to_pylist() == [3, 4]


def test_test_queries_keep_the_leading_index_column(tmp_path: Path):
    text = ("|query_id|query_text|image\n"
            "0|1177994172_10d143cb8d.jpg#0|Two boys are squirting water guns at each other .|1177994172_10d143cb8d.jpg\n")
    parsed = parse_source_file(write(tmp_path, "test_queries.csv", text), TEST_QUERIES)
    assert parsed.rows.to_pylist()[0]["row_index"] == 0
    assert parsed.rows.to_pylist()[0]["image"] == "1177994172_10d143cb8d.jpg"


def test_a_missing_file_is_a_structural_error_naming_the_file(tmp_path: Path):
    with pytest.raises(DeliveryStructureError, match="train_dataset.csv: file is missing"):
        parse_source_file(tmp_path, TRAIN_PAIRS)


def test_a_wrong_header_is_a_structural_error_naming_file_and_line(tmp_path: Path):
    write(tmp_path, "train_dataset.csv", "image,query_id\na.jpg,b.jpg#0\n")
    with pytest.raises(DeliveryStructureError, match=r"train_dataset.csv, line 1: header has 2 columns"):
        parse_source_file(tmp_path, TRAIN_PAIRS)


def test_a_file_with_the_wrong_separator_is_a_structural_error(tmp_path: Path):
    write(tmp_path, "ExpertAnnotations.tsv", EXPERT_ROWS.replace("\t", ","))
    with pytest.raises(DeliveryStructureError, match=r"line 1: 3 of 3 lines do not have 5 tab-separated fields"):
        parse_source_file(tmp_path, EXPERT_ANNOTATIONS)


def test_an_empty_file_is_a_structural_error(tmp_path: Path):
    write(tmp_path, "ExpertAnnotations.tsv", "")
    with pytest.raises(DeliveryStructureError, match="no data lines"):
        parse_source_file(tmp_path, EXPERT_ANNOTATIONS)


def test_text_that_is_not_utf8_is_a_structural_error_with_its_line(tmp_path: Path):
    (tmp_path / "ExpertAnnotations.tsv").write_bytes(EXPERT_ROWS.encode() + b"a.jpg\tb.jpg#0\t1\t\xff\t1\n")
    with pytest.raises(DeliveryStructureError, match="line 4: not UTF-8"):
        parse_source_file(tmp_path, EXPERT_ANNOTATIONS)
