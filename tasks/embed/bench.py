"""Benchmark of image embedding on a delivery: model-only vs end-to-end pipeline, per execution variant.

From one run it reports, for each variant, the model-only throughput (forward passes on pre-decoded,
pre-normalised tensors), the cosine of its vectors to fp32 eager ones; for the baseline and the fastest
faithful variants, the end-to-end pipeline throughput (files → reader → encoder → LanceDB) and its ratio
to model-only; the time of a second, incremental pipeline run; and the peak RSS of the process.
"""

from __future__ import annotations

import hashlib
import logging
import resource
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from models.encoders import image_encoder_version, load_image_encoder
from models.encoders.base import decode_rgb, l2_normalize
from models.encoders.efficientnet_lite_weights import VARIANTS
from storage import vectors
from tasks.embed.edges import index_images
from tasks.embed.plan import ImageJob

log = logging.getLogger(__name__)

FAITHFUL_COSINE = 0.995  # a variant is kept only if its vectors stay this close to fp32 eager ones
PIPELINE_ROUNDS = 3
BASELINE = "torch fp32 eager, 2 threads"
CALIBRATION_IMAGES = 300  # train images only: the test split never calibrates anything


@dataclass
class VariantResult:
    name: str
    model_images_per_second: float
    min_cosine_to_fp32_eager: float
    faithful: bool
    setup_seconds: float
    pipeline_images_per_second: float | None = None
    pipeline_to_model_ratio: float | None = None
    rounds: int = 1  # model-only / pipeline rounds behind the figures (medians when more than one)
    note: str = ""


@dataclass
class BenchReport:
    encoder: str
    n_images: int
    batch_size: int
    decode_images_per_second: float
    variants: list[VariantResult] = field(default_factory=list)
    chosen: str = ""
    speedup_vs_baseline_pipeline: float | None = None
    incremental_run_seconds: float | None = None
    first_run_seconds: float | None = None
    peak_rss_mb: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    def markdown(self) -> str:
        lines = [
            f"encoder: {self.encoder}; images: {self.n_images}, batch {self.batch_size}, decode + preprocess alone: "
            f"{self.decode_images_per_second:.0f} img/s (one thread)",
            "",
            "| variant | model-only img/s | min cosine to fp32 eager | pipeline img/s | pipeline / model | note |",
            "|---|---|---|---|---|---|",
        ]
        for v in self.variants:
            pipeline = f"{v.pipeline_images_per_second:.1f}" if v.pipeline_images_per_second else "—"
            ratio = f"{v.pipeline_to_model_ratio:.2f}" if v.pipeline_to_model_ratio else "—"
            note = "; ".join(filter(None, [f"median of {v.rounds} alternating rounds" if v.rounds > 1 else "", v.note]))
            lines.append(f"| {v.name} | {v.model_images_per_second:.1f} | {v.min_cosine_to_fp32_eager:.4f} | "
                         f"{pipeline} | {ratio} | {note} |")
        lines += [
            "",
            f"chosen: {self.chosen} — pipeline {self.speedup_vs_baseline_pipeline:.1f}× the fp32 eager pipeline",
            f"first indexing run {self.first_run_seconds:.1f}s; second, incremental run {self.incremental_run_seconds:.2f}s",
            f"peak RSS {self.peak_rss_mb:.0f} MB",
        ]
        return "\n".join(lines)


def image_jobs(data_dir: Path) -> list[ImageJob]:
    jobs = []
    for split, folder in (("train", "train_images"), ("test", "test_images")):
        for path in sorted((data_dir / folder).glob("*.jpg")):
            jobs.append(ImageJob(image_id=path.name, split=split, path=str(path),
                                 sha256=hashlib.sha256(path.read_bytes()).hexdigest()))
    return jobs


def _model_throughput(forward, pixels: np.ndarray, batch_size: int) -> tuple[float, np.ndarray]:
    forward(pixels[:batch_size])  # warm-up: first-call allocations and lazy initialisation
    outputs, started = [], time.perf_counter()
    for start in range(0, len(pixels), batch_size):
        outputs.append(forward(pixels[start : start + batch_size]))
    seconds = time.perf_counter() - started
    return len(pixels) / seconds, np.concatenate(outputs)


def _fold_every(n_batches: int) -> int:
    """How many calibration batches ONNX Runtime's MinMax calibrator keeps before folding them into its
    ranges: few (memory), and never a divisor of the batch count — a fold that empties its buffer on the
    last batch leaves nothing for the final pass ("No data is collected")."""
    return next((k for k in (2, 3, 4, 5) if n_batches % k), n_batches + 1)


def _variants(onnx_dir: Path, encoder_name: str, calibration: np.ndarray):
    """(name, factory) pairs; a factory returns (forward(pixels) -> features, encoder or None, note).
    ``calibration``: prepared train images, the static int8 variant's calibration set."""

    def torch_backend(backend: str, threads: int):
        def make():
            encoder = load_image_encoder(encoder_name, backend=backend, threads=threads)
            return lambda px: encoder.forward_pixels(px)[0], encoder, ""
        return make

    def onnx_backend(threads: int):
        def make():
            encoder = load_image_encoder(encoder_name, backend="onnxruntime", onnx_cache_dir=onnx_dir,
                                         threads=threads)
            return lambda px: encoder.forward_pixels(px)[0], encoder, ""
        return make

    def torch_compiled():
        import torch

        encoder = load_image_encoder(encoder_name, backend="torch-channels-last", threads=2)
        compiled = torch.compile(encoder.module, dynamic=False)

        def forward(px):
            with torch.inference_mode():
                return compiled(torch.from_numpy(px))[0].numpy()
        return forward, None, "recompiles for every new batch shape"

    def torch_int8_dynamic():
        import torch

        encoder = load_image_encoder(encoder_name, backend="torch", threads=2)
        quantised = torch.ao.quantization.quantize_dynamic(encoder.module, {torch.nn.Linear}, dtype=torch.qint8)

        def forward(px):
            with torch.inference_mode():
                return quantised(torch.from_numpy(px))[0].numpy()
        return forward, None, "only Linear layers quantise dynamically: the convolutions stay fp32"

    def onnx_int8_dynamic():
        import onnxruntime
        from onnxruntime.quantization import QuantType, quantize_dynamic

        load_image_encoder(encoder_name, backend="onnxruntime", onnx_cache_dir=onnx_dir)
        source = next(onnx_dir.glob("*.onnx"))
        target = onnx_dir / "int8-dynamic.onnx.q"
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QUInt8)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        session = onnxruntime.InferenceSession(str(target), options, providers=["CPUExecutionProvider"])
        return lambda px: session.run(None, {"pixels": px})[0], None, "int8 weights, dynamic activations"

    def onnx_int8_static():
        # EfficientNet-Lite was designed for integer inference (ReLU6, no squeeze-excite): static QDQ
        # quantisation with activation ranges calibrated on train images, per-channel int8 weights.
        import onnxruntime
        from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                              quantize_static)
        from onnxruntime.quantization.shape_inference import quant_pre_process

        load_image_encoder(encoder_name, backend="onnxruntime", onnx_cache_dir=onnx_dir)
        source = next(onnx_dir.glob("*.onnx"))
        prepared, target = onnx_dir / "int8-static-pre.onnx.q", onnx_dir / "int8-static.onnx.q"
        quant_pre_process(str(source), str(prepared))

        class TrainImages(CalibrationDataReader):
            def __init__(self):
                self.batches = iter([calibration[i : i + 16] for i in range(0, len(calibration), 16)])

            def get_next(self):
                batch = next(self.batches, None)
                return None if batch is None else {"pixels": batch}

        quantize_static(str(prepared), str(target), TrainImages(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        # MinMax ranges, averaged over batches and folded in every 2 batches: a histogram
                        # calibrator keeps every activation of every image (300 Lite2 images: > 24 GB, OOM).
                        calibrate_method=CalibrationMethod.MinMax,
                        extra_options={"CalibMovingAverage": True,
                                       "CalibMaxIntermediateOutputs": _fold_every(-(-len(calibration) // 16))})
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = onnxruntime.InferenceSession(str(target), options, providers=["CPUExecutionProvider"])
        return (lambda px: session.run(None, {"pixels": px})[0], None,
                f"QDQ, per-channel int8 weights, activations calibrated on {len(calibration)} train images")

    return [
        (BASELINE, torch_backend("torch", 2)),
        ("torch fp32 eager, 1 thread", torch_backend("torch", 1)),
        ("torch channels_last, 2 threads", torch_backend("torch-channels-last", 2)),
        ("torch.compile channels_last, 2 threads", torch_compiled),
        ("torch dynamic int8 (Linear), 2 threads", torch_int8_dynamic),
        ("onnxruntime fp32, 2 threads", onnx_backend(2)),
        ("onnxruntime fp32, 1 thread", onnx_backend(1)),
        ("onnxruntime dynamic int8, 2 threads", onnx_int8_dynamic),
        ("onnxruntime static int8 (QDQ), 2 threads", onnx_int8_static),
    ]


def run_bench(data_dir: Path, work_dir: Path, encoder_name: str = "efficientnet-lite2", batch_size: int = 32,
              workers: int = 2, limit: int | None = None, skip: tuple[str, ...] = ()) -> BenchReport:
    jobs = image_jobs(data_dir)[:limit]
    if not jobs:
        raise FileNotFoundError(f"no JPEGs under {data_dir}/train_images or test_images")
    if encoder_name not in VARIANTS:
        raise ValueError(f"the bench compares EfficientNet-Lite execution variants; {encoder_name!r} is not one "
                         f"({', '.join(VARIANTS)})")
    reference_encoder = load_image_encoder(encoder_name, backend="torch", threads=2)
    started = time.perf_counter()
    # Pre-decoded, prepared uint8 images: what every variant's model takes (they normalise it themselves).
    pixels = np.stack([reference_encoder.prepare(decode_rgb(Path(job.path).read_bytes())) for job in jobs])
    report = BenchReport(encoder=encoder_name, n_images=len(jobs), batch_size=batch_size,
                         decode_images_per_second=len(jobs) / (time.perf_counter() - started))
    onnx_dir = work_dir / "onnx"
    reference: np.ndarray | None = None
    encoders = {}
    train_rows = [i for i, job in enumerate(jobs) if job.split == "train"][:CALIBRATION_IMAGES]
    for name, make in _variants(onnx_dir, encoder_name, pixels[train_rows]):
        if any(word in name for word in skip):
            continue
        setup_started = time.perf_counter()
        try:
            forward, encoder, note = make()
            forward(pixels[:batch_size])  # compile / first-run costs belong to setup, not throughput
        except Exception as error:  # a variant that cannot run here is reported, not fatal
            log.warning("%s: not available (%s: %s)", name, type(error).__name__, error)
            continue
        setup = time.perf_counter() - setup_started
        throughput, features = _model_throughput(forward, pixels, batch_size)
        features = l2_normalize(features)
        if reference is None:
            reference = features
        cosine = float((features * reference).sum(axis=1).min())
        result = VariantResult(name, throughput, cosine, cosine >= FAITHFUL_COSINE, setup, note=note)
        report.variants.append(result)
        if encoder is not None:
            encoders[name] = encoder
        log.info("%s: model-only %.1f img/s, min cosine %.4f, setup %.1fs", name, throughput, cosine, setup)

    # End-to-end: the baseline once, and the two fastest faithful variants that the pipeline can run in
    # PIPELINE_ROUNDS alternating rounds (model-only, pipeline, model-only, ...): their figures are the
    # medians, so one noisy run on a shared machine neither makes nor breaks the ratio.
    runnable = sorted((v for v in report.variants if v.faithful and v.name in encoders),
                      key=lambda v: -v.model_images_per_second)
    for result in [v for v in report.variants if v.name == BASELINE] + runnable[:2]:
        if result.pipeline_images_per_second:
            continue
        encoder = encoders[result.name]
        rounds = 1 if result.name == BASELINE else PIPELINE_ROUNDS
        model_runs, pipeline_runs = [result.model_images_per_second], []
        for round_number in range(rounds):
            if round_number:
                model_runs.append(_model_throughput(lambda px: encoder.forward_pixels(px)[0], pixels, batch_size)[0])
            db = vectors.connect(Path(tempfile.mkdtemp(dir=work_dir)))
            summary, _ = index_images(db, jobs, encoder.version, lambda: encoder, batch_size, workers, progress=False)
            pipeline_runs.append(summary.n_embedded / summary.timings["pipeline"])
            log.info("%s, round %d/%d: model-only %.1f img/s, pipeline %.1f img/s (%.2f)", result.name,
                     round_number + 1, rounds, model_runs[-1], pipeline_runs[-1], pipeline_runs[-1] / model_runs[-1])
        result.rounds = rounds
        result.model_images_per_second = float(np.median(model_runs))
        result.pipeline_images_per_second = float(np.median(pipeline_runs))
        result.pipeline_to_model_ratio = result.pipeline_images_per_second / result.model_images_per_second
        log.info("%s: pipeline %.1f img/s (%.2f of model-only)", result.name, result.pipeline_images_per_second,
                 result.pipeline_to_model_ratio)
        if result is not runnable[0]:
            continue
        report.first_run_seconds = summary.seconds
        again = time.perf_counter()
        second, _ = index_images(db, jobs, image_encoder_version(encoder_name), lambda: encoder,
                                 batch_size, workers, progress=False)
        assert second.n_embedded == 0, "the second run over unchanged images must embed nothing"
        report.incremental_run_seconds = time.perf_counter() - again
    del pixels

    best = max((v for v in report.variants if v.pipeline_images_per_second), key=lambda v: v.pipeline_images_per_second)
    baseline = next(v for v in report.variants if v.name == BASELINE)
    report.chosen = best.name
    report.speedup_vs_baseline_pipeline = best.pipeline_images_per_second / baseline.pipeline_images_per_second
    report.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report
