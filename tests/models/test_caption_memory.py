"""The caption memory: neighbours by picture, never an image's own captions, save and load."""

from pathlib import Path

import numpy as np
import pytest

from models.fit.caption_memory import CaptionMemory


def _unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


# Three "pictures" (visual vectors) and their mean captions, in a 3-d "text space".
VISUAL = _unit([[1, 0, 0, 0], [0.9, 0.1, 0, 0], [0, 0, 1, 0]])
CAPTIONS = _unit([[1, 0, 0], [0, 1, 0], [0, 0, 1]])


def test_an_image_is_described_by_the_captions_of_the_pictures_that_look_like_it():
    memory = CaptionMemory(VISUAL, CAPTIONS, k=1, temperature=0.1)
    new_picture = _unit([[0.1, 0, 0.95, 0]])
    np.testing.assert_allclose(memory.describe(new_picture), CAPTIONS[[2]], atol=1e-6)


def test_a_remembered_image_is_never_described_by_its_own_captions():
    memory = CaptionMemory(VISUAL, CAPTIONS, k=1, temperature=0.1)
    described = memory.describe(VISUAL)
    # Picture 0's nearest *other* picture is picture 1, and the other way round.
    np.testing.assert_allclose(described[0], CAPTIONS[1], atol=1e-6)
    np.testing.assert_allclose(described[1], CAPTIONS[0], atol=1e-6)


def test_descriptions_are_unit_vectors_weighted_towards_the_nearest_picture():
    memory = CaptionMemory(VISUAL, CAPTIONS, k=3, temperature=0.1)
    [described] = memory.describe(_unit([[1, 0.05, 0, 0]]))
    assert np.linalg.norm(described) == pytest.approx(1, abs=1e-5)
    assert described[0] > described[1] > described[2]


def test_from_positives_averages_each_images_captions():
    texts = _unit([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    memory = CaptionMemory.from_positives(VISUAL, texts, positive_image=np.array([2, 0, 0]),
                                          positive_text=np.array([2, 0, 1]))
    assert len(memory.visual) == 2  # picture 1 has no caption: not remembered
    np.testing.assert_allclose(memory.captions[0], _unit([[1, 1, 0]])[0], atol=1e-6)


def test_an_image_with_no_other_picture_in_memory_gets_a_zero_description():
    memory = CaptionMemory(VISUAL[:1], CAPTIONS[:1])
    assert not memory.describe(VISUAL[:1]).any()


def test_an_empty_or_mismatched_memory_is_refused():
    with pytest.raises(ValueError, match="no training image"):
        CaptionMemory(np.zeros((0, 4)), np.zeros((0, 3)))
    with pytest.raises(ValueError, match="2 caption vectors"):
        CaptionMemory(VISUAL, CAPTIONS[:2])


def test_save_and_load_describe_the_same(tmp_path: Path):
    memory = CaptionMemory(VISUAL, CAPTIONS, k=2, temperature=0.2)
    memory.save(tmp_path / "memory.npz")
    loaded = CaptionMemory.load(tmp_path / "memory.npz")
    assert (loaded.k, loaded.temperature) == (2, 0.2)
    probe = _unit([[0.5, 0.5, 0.5, 0.1]])
    np.testing.assert_allclose(loaded.describe(probe), memory.describe(probe))
