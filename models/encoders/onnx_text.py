"""A sentence-transformers text encoder (a transformer + mean pooling + normalise: all-MiniLM-L6-v2 (BERT),
all-mpnet-base-v2 (MPNet)) run with ONNX Runtime and the `tokenizers` library: no torch, no
sentence-transformers at query time, so a process that only searches starts in about a second. Exported once
from the same weights (with torch, by the nightly) and checked against sentence-transformers (cosine ≥
0.9999, tests/models). BERT reads token types; MPNet has none: the graph takes the inputs the model's forward
takes, and the encoder feeds what the graph asks for."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from models.encoders.base import l2_normalize


def export_sentence_transformer(folder: Path, onnx_path: Path) -> Path:
    """The transformer of a sentence-transformers folder as an ONNX graph (token ids, attention mask and —
    for a model that reads them — token types → last hidden state), written to a temporary name first."""
    import inspect
    import warnings

    import torch
    from transformers import AutoModel

    transformer = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
    names = ["input_ids", "attention_mask"]
    if "token_type_ids" in inspect.signature(transformer.forward).parameters:
        names.append("token_type_ids")

    class HiddenStates(torch.nn.Module):  # positional inputs, one output: what the tracer exports cleanly
        def __init__(self):
            super().__init__()
            self.transformer = transformer

        def forward(self, *inputs):
            return self.transformer(**dict(zip(names, inputs))).last_hidden_state

    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = onnx_path.with_suffix(".tmp")
    example = tuple(torch.ones(2, 8, dtype=torch.int64) for _ in names)
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(HiddenStates(), example, str(temporary), input_names=names, output_names=["hidden"],
                          opset_version=17, dynamo=False,
                          dynamic_axes={**{name: {0: "n", 1: "tokens"} for name in names},
                                        "hidden": {0: "n", 1: "tokens"}})
    temporary.replace(onnx_path)
    return onnx_path


def _pad_token(folder: Path) -> str:
    """The tokenizer's padding token ("[PAD]" for BERT, "<pad>" for MPNet, whose position ids skip it)."""
    config = folder / "tokenizer_config.json"
    pad = json.loads(config.read_text()).get("pad_token") if config.is_file() else None
    if isinstance(pad, dict):
        pad = pad.get("content")
    return pad or "[PAD]"


class OnnxSentenceEncoder:
    """``encode(texts)`` → (n, dimension) unit vectors, as sentence-transformers' mean pooling + Normalize."""

    normalized = True

    def __init__(self, onnx_path: Path, folder: Path, name: str, version: str, threads: int = 2,
                 batch_size: int = 64):
        import onnxruntime
        from tokenizers import Tokenizer

        self.name, self.version, self.batch_size = name, version, batch_size
        max_length = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length)
        pad = _pad_token(folder)
        self.tokenizer.enable_padding(pad_id=self.tokenizer.token_to_id(pad) or 0, pad_token=pad)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.inputs = [graph_input.name for graph_input in self.session.get_inputs()]
        self.dimension = int(json.loads((folder / "config.json").read_text())["hidden_size"])

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        out = []
        for start in range(0, len(texts), self.batch_size):
            encodings = self.tokenizer.encode_batch(texts[start:start + self.batch_size])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feeds["token_type_ids"] = np.array([e.type_ids for e in encodings], dtype=np.int64)
            [hidden] = self.session.run(["hidden"], {name: feeds[name] for name in self.inputs})
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            out.append(l2_normalize(pooled.astype(np.float32)))
        return np.vstack(out)
