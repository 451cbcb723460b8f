"""The training and test corpora of the fit models, built from the index's rows (vectors) and the
warehouse's judgments, given as frames (``tasks.train.edges`` reads them). The test split is built apart
and is only ever used to measure a fixed model."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.encoders import TextEncoder
from models.fit.base import FitData
from models.fit.features import image_features


@dataclass
class Corpus:
    """Train split: every train image and caption as features, the judgments as index pairs."""

    image_ids: list[str]
    image_features: np.ndarray
    image_text_block: tuple[int, int] | None  # the label-text block, when the image encoder has a label head
    visual_dims: int  # image_features[:, :visual_dims] is the image encoder's vector
    text_ids: list[str]
    text_features: np.ndarray
    judged: pd.DataFrame  # image, query_id, target, expert_1..3, is_own_caption, crowd_share, image_idx, text_idx
    crowd: pd.DataFrame  # image, query_id, crowd_share, image_idx, text_idx
    positives: pd.DataFrame  # query_id, image, image_idx, text_idx

    def own_image(self) -> np.ndarray:
        """Per caption, the index of the train image it was written for (-1: none)."""
        own = np.full(len(self.text_ids), -1)
        own[self.positives["text_idx"].to_numpy()] = self.positives["image_idx"].to_numpy()
        return own

    def fit_data(self, image_mask: np.ndarray | None = None, caption_mask: np.ndarray | None = None) -> FitData:
        """FitData restricted to the images of ``image_mask`` and the captions of ``caption_mask`` (default:
        the captions whose own image is allowed). A validation image is never seen in training, not even as
        the picture a training caption was written for, and a validation caption is in no training pair.
        (Crowd-only pairs are not trained on: measured out of fold, they did not raise CF τb, lowered Expert
        τc and made training 5× slower.)"""
        allowed = np.ones(len(self.image_ids), dtype=bool) if image_mask is None else image_mask
        own_image = self.own_image()
        text_ok = (own_image < 0) | allowed[np.maximum(own_image, 0)]
        if caption_mask is not None:
            text_ok = text_ok & caption_mask
        judged = self.judged[["image_idx", "text_idx", "target"]]
        judged = judged[allowed[judged["image_idx"]] & text_ok[judged["text_idx"]]]
        positives = self.positives[allowed[self.positives["image_idx"]] & text_ok[self.positives["text_idx"]]]
        return FitData(
            image_features=self.image_features, text_features=self.text_features,
            pair_image=judged["image_idx"].to_numpy(), pair_text=judged["text_idx"].to_numpy(),
            pair_target=judged["target"].to_numpy(dtype=np.float32),
            positive_image=positives["image_idx"].to_numpy(), positive_text=positives["text_idx"].to_numpy(),
        )


@dataclass
class TestSet:
    image_ids: list[str]
    image_features: np.ndarray
    query_ids: list[str]
    query_texts: list[str]
    query_features: np.ndarray
    relevant_column: np.ndarray  # per query, the column of its own image in image_ids


def build_corpora(images: pd.DataFrame, texts: pd.DataFrame, judged: pd.DataFrame, crowd: pd.DataFrame,
                  positives: pd.DataFrame, queries: pd.DataFrame, text_encoder: TextEncoder) -> tuple[Corpus, TestSet]:
    """``images``: the index's image rows (image_id, split, vector, top_labels, top_scores); ``texts``: its
    text rows (query_id, split, vector); the judgments and test queries as the warehouse gives them."""
    built = image_features(np.stack(images["vector"].to_numpy()).astype(np.float32),
                           [None if x is None else list(x) for x in images["top_labels"]],
                           [None if x is None else list(x) for x in images["top_scores"]], text_encoder)
    features = built.matrix
    is_train_image = (images["split"] == "train").to_numpy()
    train_images, test_images = images[is_train_image], images[~is_train_image]
    train_texts, test_texts = texts[texts["split"] == "train"], texts[texts["split"] == "test"]

    image_index = {image: i for i, image in enumerate(train_images["image_id"])}
    text_index = {query: i for i, query in enumerate(train_texts["query_id"])}

    def indexed(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[frame["image"].isin(image_index) & frame["query_id"].isin(text_index)].copy()
        frame["image_idx"] = frame["image"].map(image_index).astype(int)
        frame["text_idx"] = frame["query_id"].map(text_index).astype(int)
        return frame.reset_index(drop=True)

    corpus = Corpus(
        image_ids=list(train_images["image_id"]), image_features=features[is_train_image],
        image_text_block=built.label_text_block, visual_dims=built.visual_dims,
        text_ids=list(train_texts["query_id"]),
        text_features=np.stack(train_texts["vector"].to_numpy()).astype(np.float32),
        judged=indexed(judged), crowd=indexed(crowd), positives=indexed(positives),
    )
    test_image_index = {image: i for i, image in enumerate(test_images["image_id"])}
    test_text_vectors = dict(zip(test_texts["query_id"], test_texts["vector"]))
    queries = queries[queries["query_id"].isin(test_text_vectors) & queries["image"].isin(test_image_index)]
    test = TestSet(
        image_ids=list(test_images["image_id"]), image_features=features[~is_train_image],
        query_ids=list(queries["query_id"]), query_texts=list(queries["query_text"]),
        query_features=np.stack([test_text_vectors[q] for q in queries["query_id"]]).astype(np.float32),
        relevant_column=queries["image"].map(test_image_index).to_numpy(dtype=int),
    )
    return corpus, test
