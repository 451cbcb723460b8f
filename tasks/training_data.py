"""The training and test corpora of the fit models, read from the warehouse (judgments) and the index
(vectors). The test split is loaded apart and is only ever used to measure a fixed model."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from models.encoders import TextEncoder
from models.fit.base import FitData
from storage import vectors, warehouse
from tasks.features import image_feature_matrix


@dataclass
class Corpus:
    """Train split: every train image and caption as features, the judgments as index pairs."""

    image_ids: list[str]
    image_features: np.ndarray
    image_text_block: tuple[int, int]
    text_ids: list[str]
    text_features: np.ndarray
    judged: pd.DataFrame  # image, query_id, target, expert_1..3, is_own_caption, crowd_share, image_idx, text_idx
    crowd: pd.DataFrame  # image, query_id, crowd_share, image_idx, text_idx
    positives: pd.DataFrame  # query_id, image, image_idx, text_idx

    def crowd_only_pairs(self) -> pd.DataFrame:
        return _crowd_only(self.crowd, self.judged)

    def fit_data(self, image_mask: np.ndarray | None = None, with_crowd_pairs: bool = False) -> FitData:
        """FitData restricted to rows whose images (the pair's image, and the caption's own image) are
        all in ``image_mask``: a validation image is never seen in training, not even as the picture a
        training caption was written for.

        With ``with_crowd_pairs`` (off: measured out of fold, it did not raise CF τb, lowered Expert τc and
        made training 5× slower), crowd-judged pairs that the experts did not grade join the judged pairs,
        with the crowd share as their target (the expert-graded ones already carry the blended target)."""
        allowed = np.ones(len(self.image_ids), dtype=bool) if image_mask is None else image_mask
        own_image = np.full(len(self.text_ids), -1)
        own_image[self.positives["text_idx"].to_numpy()] = self.positives["image_idx"].to_numpy()
        text_ok = (own_image < 0) | allowed[np.maximum(own_image, 0)]
        judged = self.judged[["image_idx", "text_idx", "target"]]
        if with_crowd_pairs:
            judged = pd.concat([judged, self.crowd_only_pairs()], ignore_index=True)
        judged = judged[allowed[judged["image_idx"]] & text_ok[judged["text_idx"]]]
        positives = self.positives[allowed[self.positives["image_idx"]]]
        return FitData(
            image_features=self.image_features, text_features=self.text_features,
            pair_image=judged["image_idx"].to_numpy(), pair_text=judged["text_idx"].to_numpy(),
            pair_target=judged["target"].to_numpy(dtype=np.float32),
            positive_image=positives["image_idx"].to_numpy(), positive_text=positives["text_idx"].to_numpy(),
        )


def _crowd_only(crowd: pd.DataFrame, judged: pd.DataFrame) -> pd.DataFrame:
    keys = set(zip(judged["image_idx"], judged["text_idx"]))
    extra = crowd[[key not in keys for key in zip(crowd["image_idx"], crowd["text_idx"])]]
    return extra.assign(target=extra["crowd_share"])[["image_idx", "text_idx", "target"]]


@dataclass
class TestSet:
    image_ids: list[str]
    image_features: np.ndarray
    query_ids: list[str]
    query_texts: list[str]
    query_features: np.ndarray
    relevant_column: np.ndarray  # per query, the column of its own image in image_ids


def _index_frame(table_name: str, db, columns: list[str]) -> pd.DataFrame:
    table = vectors.existing_table(db, table_name)
    if table is None:
        raise RuntimeError(f"the LanceDB table {table_name} is missing: run the embed stage first")
    return vectors.read_columns(table, columns).to_pandas()


def load_corpora(con: duckdb.DuckDBPyConnection, db, text_encoder: TextEncoder) -> tuple[Corpus, TestSet]:
    images = _index_frame(vectors.IMAGES_TABLE, db, ["image_id", "split", "vector", "top_labels", "top_scores"])
    texts = _index_frame(vectors.TEXTS_TABLE, db, ["query_id", "split", "vector"])
    features, block = image_feature_matrix(np.stack(images["vector"].to_numpy()).astype(np.float32),
                                           [list(x) for x in images["top_labels"]],
                                           [list(x) for x in images["top_scores"]], text_encoder)
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
        image_ids=list(train_images["image_id"]), image_features=features[is_train_image], image_text_block=block,
        text_ids=list(train_texts["query_id"]),
        text_features=np.stack(train_texts["vector"].to_numpy()).astype(np.float32),
        judged=indexed(warehouse.query_arrow(con, "train/judged_pairs").to_pandas()),
        crowd=indexed(warehouse.query_arrow(con, "train/crowd_pairs").to_pandas()),
        positives=indexed(warehouse.query_arrow(con, "train/caption_positives").to_pandas()),
    )
    queries = warehouse.query_arrow(con, "train/test_queries").to_pandas()
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
