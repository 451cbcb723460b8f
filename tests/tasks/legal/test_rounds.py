"""A round of the query rules (tasks.legal.rounds and `withsense legal-round`): the texts a round may move leave the
validation half out, a diff lists design queries and captions and only counts test queries, the snapshot is kept
under HOME and asked for by name when missing, and the design half's out-of-fold figures never read the validation
half."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from models.encoders import load_text_encoder
from storage.catalog import Catalog
from storage.settings import SAMPLE_DATA_DIR, load_settings
from tasks.legal import edges
from tasks.legal.rounds import (TEST_QUERY, TRAIN_CAPTION, compare_flags, design_figures_out_of_fold, flags_of,
                                round_texts)
from tasks.legal.rules import WrittenQueries
from withsense import services


def written(rows: list[tuple[str, bool, str, str]]) -> WrittenQueries:
    return WrittenQueries([r[0] for r in rows], np.array([r[1] for r in rows]), [r[2] for r in rows],
                          [r[3] for r in rows])


SMALL = written([("a boy on a swing", True, "design", "child"), ("puppies chasing a ball", False, "design", "animal"),
                 ("a girl in a tutu", True, "validation", "child"), ("a vet with a kitten", False, "validation",
                                                                      "animal")])


def test_a_round_leaves_the_validation_half_out_even_where_a_caption_or_a_test_query_says_the_same():
    sources = round_texts(["a girl in a tutu", "a man rides a bike"], ["a vet with a kitten", "two kids play"], SMALL)
    assert sources == {"a boy on a swing": "design child child", "puppies chasing a ball": "design animal negative",
                       "a man rides a bike": TRAIN_CAPTION, "two kids play": TEST_QUERY}


def test_a_design_query_said_again_by_a_caption_counts_once_as_the_design_query():
    assert round_texts(["a boy on a swing"], [], SMALL)["a boy on a swing"] == "design child child"


def test_the_flags_are_the_rules_verdicts_with_the_words_read():
    flags = flags_of({"two kids play": TEST_QUERY, "puppies chasing a ball": "design animal negative",
                      "kid leather gloves": TRAIN_CAPTION, "an 18-year-old at the wheel": TRAIN_CAPTION})
    assert flags["two kids play"]["mentions_children"] and flags["two kids play"]["child_words"] == ["kids"]
    assert flags["puppies chasing a ball"]["animal"] and not flags["puppies chasing a ball"]["mentions_children"]
    assert flags["kid leather gloves"]["lookalike"] and not flags["kid leather gloves"]["mentions_children"]
    assert flags["an 18-year-old at the wheel"]["named_adult"]


def test_a_diff_lists_what_moved_in_captions_and_design_queries_and_only_counts_test_queries():
    after = flags_of({"two kids play": TEST_QUERY, "a boy on a swing": "design child child",
                      "a man rides a bike": TRAIN_CAPTION, "puppies chasing a ball": "design animal negative"})
    before = {text: dict(flags) for text, flags in after.items() if text != "puppies chasing a ball"}
    # as older rules read them: the swing's boy and the test query's kids unread, the bike's rider a named adult
    before["a boy on a swing"].update(mentions_children=False, child_words=[])
    before["two kids play"].update(mentions_children=False, child_words=[])
    before["a man rides a bike"]["named_adult"] = True
    before["gone from the round"] = dict(after["a man rides a bike"])
    diff = compare_flags(before, after)
    assert [(m.text, m.source) for m in diff.moved] == [("a boy on a swing", "design child child"),
                                                          ("a man rides a bike", TRAIN_CAPTION)]
    assert diff.moved[0].changes() == "mentions children no → yes (boy)"
    assert diff.moved[1].changes() == "named adult yes → no"
    assert (diff.test_queries_moved, diff.new_texts, diff.gone_texts) == (1, 1, 1)
    assert "two kids play" not in {m.text for m in diff.moved}


def test_child_words_read_differently_without_a_verdict_moving_are_not_a_move():
    after = flags_of({"two kids and a boy": TRAIN_CAPTION})
    before = {"two kids and a boy": dict(after["two kids and a boy"], child_words=["kids"])}
    assert compare_flags(before, after).moved == []


def test_the_snapshot_is_kept_under_home_and_a_diff_without_one_says_what_to_run(tmp_path: Path):
    catalog = Catalog(tmp_path)
    with pytest.raises(edges.NoRoundSnapshotError, match="run `withsense legal-round snapshot`"):
        edges.load_round_flags(catalog)
    flags = flags_of({"a boy on a swing": "design child child"})
    where = edges.save_round_flags(catalog, flags)
    assert where == catalog.legal_round_flags and where.is_relative_to(tmp_path)
    taken_at, kept = edges.load_round_flags(catalog)
    assert kept == flags and taken_at.startswith("20")
    where.write_text("{half a snapshot", encoding="utf-8")  # a damaged file is no snapshot, and says so
    with pytest.raises(edges.NoRoundSnapshotError):
        edges.load_round_flags(catalog)


@pytest.fixture(scope="module")
def minilm():
    return load_text_encoder("all-MiniLM-L6-v2")


def design_and_validation(design_rows, validation_rows) -> WrittenQueries:
    return written([(t, c, "design", k) for t, c, k in design_rows] + [(t, c, "validation", k) for t, c, k in
                                                                        validation_rows])


DESIGN = ([(f"a little boy with a {thing}", True, "child") for thing in
           ("kite", "red balloon", "toy boat", "scooter", "drum")]
          + [("a toddler asleep on a sofa", True, "child"), ("a tiny hand holding a crayon", True, "semantic"),
             ("a pram by the swings", True, "family")]
          + [(f"an old man with a {thing}", False, "adult_family") for thing in
             ("kite", "red balloon", "toy boat", "scooter", "drum")]
          + [("puppies chasing a ball", False, "animal"), ("a foal in a field", False, "animal"),
             ("a baby grand piano", False, "lookalike")])


def test_the_design_figures_are_out_of_fold_per_seed_and_never_read_the_validation_half(minilm):
    captions = [line.split(",", 2)[2] for line in (SAMPLE_DATA_DIR / "train_dataset.csv").read_text().splitlines()[1:]]
    one = design_and_validation(DESIGN, [("a girl in a tutu", True, "child"), ("a vet with a kitten", False, "animal")])
    other = design_and_validation(DESIGN, [("puppies on a sofa", True, "child")] * 3)  # even mislabelled
    figures = design_figures_out_of_fold(captions, one, minilm, 0.1, seeds=(0, 1), n_folds=3)
    assert [f.seed for f in figures] == [0, 1]
    assert figures == design_figures_out_of_fold(captions, other, minilm, 0.1, seeds=(0, 1), n_folds=3)
    for seed in figures:
        # every child the vocabulary reads is blocked whatever the semantic check says; animals never by it
        assert 6 / 8 <= seed.recall <= 1 and 0 <= seed.false_block_rate <= 1 and seed.animals_blocked == 0
        assert seed.threshold >= 0.5


def test_the_design_figures_need_two_english_queries_of_each_class(minilm):
    too_few = design_and_validation([("a boy on a swing", True, "child"), ("a dog", False, "animal"),
                                     ("niños jugando al fútbol", True, "child")], [])
    with pytest.raises(ValueError, match="two English queries of each class"):
        design_figures_out_of_fold(["a man rides a bike"], too_few, minilm, 0.02)


@pytest.mark.usefixtures("prefect_server")
def test_a_snapshot_then_a_diff_on_a_real_home_moves_nothing(sample_home: Path, sample_dir: Path, tmp_path: Path):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home, ignore=shutil.ignore_patterns(".lock"))
    settings = load_settings(home=home, data_dir=sample_dir)
    where, n_texts = services.legal_round_snapshot(settings)
    validation = set(edges.load_written_queries().half("validation").texts)
    assert n_texts > len(edges.load_written_queries().half("design").texts)
    assert not validation & set(edges.load_round_flags(settings.catalog)[1])
    taken_at, n_now, diff = services.legal_round_diff(settings)
    assert n_now == n_texts and diff.moved == [] and diff.test_queries_moved == 0
    assert (diff.new_texts, diff.gone_texts) == (0, 0)


def withsense(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "withsense.cli", *args], capture_output=True, text=True, timeout=600)


def test_the_command_says_what_to_run_first_and_refuses_no_seeds(tmp_path: Path):
    no_warehouse = withsense("legal-round", "diff", "--home", str(tmp_path))
    assert no_warehouse.returncode == 1 and "run `withsense run` first" in no_warehouse.stderr
    (tmp_path / "withsense.duckdb").touch()  # a warehouse, and no snapshot yet
    no_snapshot = withsense("legal-round", "diff", "--home", str(tmp_path))
    assert no_snapshot.returncode == 1 and "run `withsense legal-round snapshot`" in no_snapshot.stderr
    no_seeds = withsense("legal-round", "figures", "--home", str(tmp_path), "--seeds", "0")
    assert no_seeds.returncode == 1 and "--seeds must be at least 1" in no_seeds.stderr
