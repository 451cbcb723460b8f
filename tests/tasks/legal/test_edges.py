"""The legal stage's edges: its inputs from a real sample HOME (the image classifier reads the image encoder's
own vectors, not the fit models' features, row-aligned with the descriptions) and the stored filters: the
classifier refused when it reads another width, the query filter when another text encoder fitted it."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from models.encoders import load_text_encoder
from storage import shipped_vectors, vectors
from storage.catalog import Catalog
from storage.settings import load_settings
from tasks.legal import edges
from tasks.legal.rules import ImageClassifier, build_query_filter


@pytest.mark.usefixtures("prefect_server")
def test_the_legal_inputs_are_the_image_encoders_vectors_row_aligned_with_the_descriptions(sample_home: Path, sample_dir: Path):
    catalog = load_settings(home=sample_home, data_dir=sample_dir).catalog
    train_captions, descriptions, image_vectors = edges.read_legal_inputs(catalog)
    indexed = {r["image_id"]: r["vector"] for r in vectors.read_table_columns(
        vectors.connect(catalog.vector_index), vectors.IMAGES_TABLE, ["image_id", "vector"]).to_pylist()}
    assert train_captions and len(descriptions) == len(indexed) == len(image_vectors)
    for description, vector in zip(descriptions, image_vectors):
        np.testing.assert_array_equal(vector, np.asarray(indexed[description["image"]], dtype=np.float32))
    # The stored classifier was fitted on exactly these vectors: an image `rank` never saw is judged on its
    # encoder vector alone, whatever the text encoder.
    classifier = edges.load_image_classifier(catalog)
    assert classifier.model.n_features_in_ == image_vectors.shape[1] == len(next(iter(indexed.values())))


@pytest.mark.usefixtures("prefect_server")
def test_the_nightly_keeps_the_written_queries_vectors_so_no_later_legal_stage_encodes_them(sample_home: Path,
                                                                                          sample_dir: Path):
    from models.encoders import text_encoder_for
    from models.encoders.cached import CachedTextEncoder
    from tasks.legal.child_terms import plain_text

    settings = load_settings(home=sample_home, data_dir=sample_dir)
    model = text_encoder_for(settings)
    as_read = [plain_text(text) for text in edges.load_written_queries().texts]
    in_home = vectors.legal_text_vectors(settings.catalog.vector_index, model.version)[0]
    in_environment = shipped_vectors.shipped_text_vectors(settings.shipped_text_vectors, model.version)[0]
    # This HOME's run encoded them and kept them in both stores, or found them in the environment's already.
    assert set(as_read) <= set(in_home) | set(in_environment) and set(as_read) <= set(in_environment)
    assert set(in_environment) <= set(as_read)  # the environment's store holds no text of a delivery
    assert not vectors.legal_text_vectors(settings.catalog.vector_index, "another-encoder")[0]
    # What the next run's checks ask for is all there, and is what the encoder gives: in this HOME, and in a
    # fresh HOME of the same environment.
    for catalog in (settings.catalog, Catalog(sample_home.parent / "a-fresh-home")):
        text_encoder = CachedTextEncoder(model)
        edges.remember_text_vectors(catalog, text_encoder, settings.shipped_text_vectors)
        text_encoder.encode(as_read)
        assert text_encoder.n_encoded == 0
    some = as_read[:3]
    np.testing.assert_allclose(text_encoder.encode(some), model.encoder.encode(some), atol=1e-5)


def test_only_the_written_queries_vectors_go_to_the_environments_store(tmp_path: Path):
    from models.encoders.cached import CachedTextEncoder
    from tasks.legal.child_terms import plain_text

    text_encoder = CachedTextEncoder(load_text_encoder("all-MiniLM-L6-v2"))
    written_queries = edges.load_written_queries()
    written = plain_text(written_queries.texts[0])
    own = "a caption of this delivery that nobody wrote into the legal set"
    text_encoder.encode([own, written])
    environment = tmp_path / "environment"
    assert edges.keep_text_vectors(Catalog(tmp_path / "home"), text_encoder, environment, written_queries) == 2
    assert sorted(vectors.legal_text_vectors(Catalog(tmp_path / "home").vector_index, text_encoder.version)[0]) \
        == sorted([own, written])
    assert shipped_vectors.shipped_text_vectors(environment, text_encoder.version)[0] == [written]


def test_a_stored_classifier_of_another_width_is_refused_with_what_to_run(tmp_path: Path):
    catalog = Catalog(tmp_path)
    catalog.legal_image_classifier.parent.mkdir(parents=True)
    vectors_of_four = np.random.default_rng(0).normal(size=(8, 4))
    catalog.legal_image_classifier.write_bytes(pickle.dumps(
        ImageClassifier(LogisticRegression().fit(vectors_of_four, [0, 1] * 4), threshold=0.5)))
    assert edges.load_image_classifier(catalog, vector_width=4).model.n_features_in_ == 4
    assert edges.load_image_classifier(catalog).threshold == 0.5  # no width given: not checked
    with pytest.raises(edges.LegalFilterOutdatedError, match=r"reads 4 values per image, the index's vectors have 3.*withsense run"):
        edges.load_image_classifier(catalog, vector_width=3)


def test_an_untrainable_classifier_reads_any_width(tmp_path: Path):
    """Too few child images to train on: the stored classifier blocks everything and has no width to check."""
    catalog = Catalog(tmp_path)
    catalog.legal_image_classifier.parent.mkdir(parents=True)
    catalog.legal_image_classifier.write_bytes(pickle.dumps(ImageClassifier(model=None, threshold=0.0)))
    assert edges.load_image_classifier(catalog, vector_width=1280).probability(np.zeros((2, 1280))).tolist() == [1.0, 1.0]


def test_the_query_filter_is_read_back_as_stored_and_refused_for_another_text_encoder(tmp_path: Path):
    encoder = load_text_encoder("all-MiniLM-L6-v2")
    captions = ["two kids play in a park", "a boy on a swing", "a girl with a kite", "a toddler naps",
                "a man rides a bike", "a woman sings", "a dog runs on a beach", "an old man reads", "a couple dances"]
    built = build_query_filter(captions, encoder, 0.02)
    catalog = Catalog(tmp_path)
    edges.save_filters(catalog, built, ImageClassifier(model=None, threshold=0.0))
    read = edges.load_query_filter(catalog, encoder)
    texts = ["a princess in a tutu", "a man fixing a car", "kids on a slide"]
    assert read.threshold == built.threshold and read.bias == built.bias
    np.testing.assert_allclose(read.child_probability(texts), built.child_probability(texts))
    assert [d.blocked for d in read.decide(texts)] == [d.blocked for d in built.decide(texts)]
    stored = json.loads(catalog.legal_query_filter.read_text())
    catalog.legal_query_filter.write_text(json.dumps(dict(stored, text_encoder="all-mpnet-base-v2@0000")))
    with pytest.raises(edges.LegalFilterOutdatedError, match=r"fitted with text encoder 'all-mpnet-base-v2@0000'.*withsense run"):
        edges.load_query_filter(catalog, encoder)
    catalog.legal_query_filter.write_text(json.dumps({"threshold": 0.1}))  # saved before the semantic model
    with pytest.raises(edges.LegalFilterOutdatedError, match="withsense run"):
        edges.load_query_filter(catalog, encoder)
