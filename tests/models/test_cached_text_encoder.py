"""The cached text encoder gives the wrapped encoder's vectors and encodes each distinct text once."""

from __future__ import annotations

import numpy as np
import pytest

from models.encoders import load_text_encoder
from models.encoders.cached import CachedTextEncoder


@pytest.fixture(scope="module")
def minilm():
    return load_text_encoder("all-MiniLM-L6-v2")


def test_vectors_are_the_encoders_and_each_text_is_encoded_once(minilm):
    cached = CachedTextEncoder(minilm)
    texts = ["a dog runs on the grass", "two children play in the sand", "a dog runs on the grass"]
    first = cached.encode(texts)
    assert cached.n_encoded == 2
    np.testing.assert_allclose(first, minilm.encode(texts), atol=1e-5)
    again = cached.encode(list(reversed(texts)))
    assert cached.n_encoded == 2
    np.testing.assert_array_equal(again, first[::-1])
    assert (cached.name, cached.version, cached.dimension) == (minilm.name, minilm.version, minilm.dimension)


def test_remembered_vectors_are_used_instead_of_encoding(minilm):
    cached = CachedTextEncoder(minilm)
    stored = minilm.encode(["a man rides a bike"])
    cached.remember(["a man rides a bike"], stored)
    np.testing.assert_array_equal(cached.encode(["a man rides a bike"]), stored)
    assert cached.n_encoded == 0
    assert cached.encode([]).shape == (0, minilm.dimension)


def test_what_it_encoded_itself_is_given_back_for_a_store_and_what_it_was_given_is_not(minilm):
    cached = CachedTextEncoder(minilm)
    assert cached.encoded_here()[0] == [] and cached.encoded_here()[1].shape == (0, minilm.dimension)
    cached.remember(["a man rides a bike"], minilm.encode(["a man rides a bike"]))
    cached.encode(["a man rides a bike", "a dog runs", "a cat sleeps", "a dog runs"])
    texts, matrix = cached.encoded_here()
    assert texts == ["a dog runs", "a cat sleeps"]
    np.testing.assert_allclose(matrix, minilm.encode(texts), atol=1e-5)


def test_a_bounded_cache_forgets_its_oldest_texts(minilm):
    cached = CachedTextEncoder(minilm, max_texts=2)
    cached.encode(["one", "two"])
    cached.encode(["three"])
    assert cached.n_encoded == 3
    cached.encode(["two", "three"])
    assert cached.n_encoded == 3  # both still held
    cached.encode(["one"])
    assert cached.n_encoded == 4  # "one" was forgotten
    assert cached.encoded_here()[0] == ["three", "one"]  # what it forgot is not handed to a store, nor held
    np.testing.assert_allclose(cached.encode(["a", "b", "c"]), minilm.encode(["a", "b", "c"]), atol=1e-5)


def test_a_full_cache_still_answers_the_texts_it_forgets_in_the_same_call(minilm):
    cached = CachedTextEncoder(minilm, max_texts=2)
    cached.encode(["one", "two"])
    vectors = cached.encode(["one", "three"])  # "three" is new: remembering it forgets "one", asked for too
    np.testing.assert_allclose(vectors, minilm.encode(["one", "three"]), atol=1e-5)


def test_the_stages_of_one_process_share_one_loaded_encoder_and_its_texts(tmp_path):
    from models.encoders import text_encoder_for
    from storage.settings import load_settings

    first = text_encoder_for(load_settings(home=tmp_path / "a"))
    assert text_encoder_for(load_settings(home=tmp_path / "b")) is first  # HOME does not change the encoder
    before = first.n_encoded
    first.encode(["a photo of a Weimaraner", "a photo of a Weimaraner"])
    text_encoder_for(load_settings(home=tmp_path / "a")).encode(["a photo of a Weimaraner"])
    assert first.n_encoded - before <= 1
