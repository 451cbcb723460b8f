"""Encoders chosen by name (settings ``image_encoder`` / ``text_encoder``), behind one interface.

Adding a backbone: write a class with ``name``, ``version``, ``dimension``, ``normalized`` and ``encode``
(images also ``prepare``), and register it below. The flows never change.
"""

from __future__ import annotations

import functools
from pathlib import Path

from models.encoders.base import EncodedImages, ImageEncoder, TextEncoder

IMAGE_ENCODERS = ("efficientnet-lite0", "efficientnet-lite1", "efficientnet-lite2", "clip")
TEXT_ENCODERS = ("all-MiniLM-L6-v2", "all-mpnet-base-v2", "sentence-transformers", "clip")


def load_image_encoder(name: str, *, backend: str = "onnxruntime", folder: Path | None = None,
                       onnx_cache_dir: Path | None = None, threads: int = 2) -> ImageEncoder:
    if name.startswith("efficientnet-lite"):
        from models.encoders.efficientnet_lite import EfficientNetLiteEncoder

        return EfficientNetLiteEncoder(name, backend=backend, onnx_cache_dir=onnx_cache_dir, threads=threads)
    if name == "clip":
        from models.encoders.clip_folder import ClipImageEncoder

        return ClipImageEncoder(_required_folder(name, folder), threads=threads)
    raise ValueError(f"unknown image encoder {name!r}; known: {IMAGE_ENCODERS}")


def load_text_encoder(name: str, *, folder: Path | None = None, threads: int = 2,
                      assembled: Path | None = None) -> TextEncoder:
    """``assembled``: where a model that ships in parts (all-mpnet-base-v2) is put together on first use."""
    if name == "all-MiniLM-L6-v2":
        from models.encoders.sentence_text import MINILM, SentenceTransformerEncoder, packaged_minilm_folder

        return SentenceTransformerEncoder(packaged_minilm_folder(), MINILM, threads=threads)
    if name == "all-mpnet-base-v2":
        from models.encoders.mpnet_parts import MPNET, assemble_mpnet
        from models.encoders.sentence_text import SentenceTransformerEncoder

        return SentenceTransformerEncoder(assemble_mpnet(_required_assembly(name, assembled)), MPNET, threads=threads)
    if name == "sentence-transformers":
        from models.encoders.sentence_text import SentenceTransformerEncoder

        folder = _required_folder(name, folder)
        return SentenceTransformerEncoder(folder, f"sentence-transformers:{folder.name}", threads=threads)
    if name == "clip":
        from models.encoders.clip_folder import ClipTextEncoder

        return ClipTextEncoder(_required_folder(name, folder), threads=threads)
    raise ValueError(f"unknown text encoder {name!r}; known: {TEXT_ENCODERS}")


def image_encoder_version(name: str, *, folder: Path | None = None) -> str:
    """The version an encoder would report, from its weights' hash, without building the network."""
    if name.startswith("efficientnet-lite"):
        from models.encoders.efficientnet_lite_weights import efficientnet_lite_version

        return efficientnet_lite_version(name)
    if name == "clip":
        from models.encoders.clip_folder import clip_version

        return clip_version(_required_folder(name, folder))
    raise ValueError(f"unknown image encoder {name!r}; known: {IMAGE_ENCODERS}")


def text_encoder_version(name: str, *, folder: Path | None = None, assembled: Path | None = None) -> str:
    if name == "all-MiniLM-L6-v2":
        from models.encoders.sentence_text import MINILM, packaged_minilm_folder, sentence_transformer_version

        return sentence_transformer_version(packaged_minilm_folder(), MINILM)
    if name == "all-mpnet-base-v2":
        from models.encoders.mpnet_parts import MPNET, assemble_mpnet
        from models.encoders.sentence_text import sentence_transformer_version

        return sentence_transformer_version(assemble_mpnet(_required_assembly(name, assembled)), MPNET)
    if name == "sentence-transformers":
        from models.encoders.sentence_text import sentence_transformer_version

        folder = _required_folder(name, folder)
        return sentence_transformer_version(folder, f"sentence-transformers:{folder.name}")
    if name == "clip":
        from models.encoders.clip_folder import clip_version

        return clip_version(_required_folder(name, folder))
    raise ValueError(f"unknown text encoder {name!r}; known: {TEXT_ENCODERS}")


def _required_folder(name: str, folder: Path | None) -> Path:
    if folder is None:
        raise ValueError(f"encoder {name!r} loads local weights: set encoder_folder (WITHSENSE_ENCODER_FOLDER)")
    return folder


def _required_assembly(name: str, assembled: Path | None) -> Path:
    if assembled is None:
        raise ValueError(f"encoder {name!r} is assembled from its packages into a folder: pass assembled=")
    return assembled


# --- the encoders the settings choose ----------------------------------------------------------------------

def image_encoder_for(settings) -> ImageEncoder:
    """The image encoder ``settings`` name (its ONNX export cached where the catalog says)."""
    return load_image_encoder(settings.image_encoder, backend=settings.image_backend, folder=settings.encoder_folder,
                              onnx_cache_dir=settings.catalog.onnx_cache, threads=settings.torch_threads)


def text_encoder_for(settings) -> TextEncoder:
    """The text encoder the settings name, loaded once per process and behind one cache of encoded texts:
    the nightly's stages (embed, train, legal, rank, search table) share the model and the texts they all
    encode — the label prompts of every image ("a photo of a …"), captions, queries. (all-mpnet-base-v2
    takes ~10 s to load and ~10 s for the 661 label prompts of the full delivery.)"""
    return _shared_text_encoder(settings.text_encoder, settings.encoder_folder, settings.torch_threads,
                                settings.assembled_encoders / settings.text_encoder)


# A long-lived process (a Prefect worker serving the deployment, a search service) keeps at most this many
# texts; beyond, the oldest are forgotten (and encoded again if they come back).
SHARED_ENCODER_TEXTS = 100_000


@functools.lru_cache(maxsize=2)
def _shared_text_encoder(name: str, folder: Path | None, threads: int, assembled: Path) -> TextEncoder:
    from models.encoders.cached import CachedTextEncoder

    return CachedTextEncoder(load_text_encoder(name, folder=folder, threads=threads, assembled=assembled),
                             max_texts=SHARED_ENCODER_TEXTS)


def sentence_transformer_folder(settings) -> Path | None:
    """The folder of the settings' text encoder when it is a sentence-transformers model (it can then run as
    ONNX: models.encoders.onnx_text), else None."""
    if settings.text_encoder == "all-MiniLM-L6-v2":
        from models.encoders.sentence_text import packaged_minilm_folder

        return packaged_minilm_folder()
    if settings.text_encoder == "all-mpnet-base-v2":
        from models.encoders.mpnet_parts import assemble_mpnet

        return assemble_mpnet(settings.assembled_encoders / settings.text_encoder)
    if settings.text_encoder == "sentence-transformers":
        return _required_folder(settings.text_encoder, settings.encoder_folder)
    return None


def search_text_encoder(settings, onnx_path: Path, version: str) -> TextEncoder:
    """The text encoder a search process uses: the ONNX export of ``version`` (the settings' text encoder)
    when there is one (no torch to import), else the regular one."""
    folder = sentence_transformer_folder(settings)
    if folder is not None and onnx_path.is_file():
        from models.encoders.onnx_text import OnnxSentenceEncoder

        return OnnxSentenceEncoder(onnx_path, folder, settings.text_encoder, version, threads=settings.torch_threads)
    return text_encoder_for(settings)


def encoder_versions_for(settings) -> tuple[str, str]:
    """(image, text) encoder versions the settings give, from the weights' hashes, without loading them."""
    return (image_encoder_version(settings.image_encoder, folder=settings.encoder_folder),
            text_encoder_version(settings.text_encoder, folder=settings.encoder_folder,
                                 assembled=settings.assembled_encoders / settings.text_encoder))


__all__ = ["EncodedImages", "ImageEncoder", "TextEncoder", "load_image_encoder", "load_text_encoder",
           "image_encoder_version", "text_encoder_version", "image_encoder_for", "text_encoder_for",
           "encoder_versions_for", "sentence_transformer_folder", "search_text_encoder", "IMAGE_ENCODERS",
           "TEXT_ENCODERS"]
