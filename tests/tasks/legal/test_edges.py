"""The legal stage's inputs from a real sample HOME: the image classifier reads the image encoder's own
vectors (not the fit models' features), row-aligned with the descriptions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storage import vectors
from storage.settings import load_settings
from tasks.legal import edges

pytestmark = pytest.mark.usefixtures("prefect_server")


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
