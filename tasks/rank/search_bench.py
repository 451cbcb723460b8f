"""How fast search answers: a cold process (interpreter start to first answer) and warm queries (p50/p99
over a few hundred real captions). Pure: the caller runs the searches and the cold process."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class SearchBenchReport:
    kind: str  # "table" (search table + text side) or "built" (every image featurised in-process)
    n_images: int
    n_queries: int
    n_blocked: int
    cold_start_seconds: float  # a new process: imports, open, first answer
    open_seconds: float  # in-process open_search
    warm_p50_ms: float
    warm_p99_ms: float
    warm_p50_answered_ms: float  # queries the legal filter let through (a blocked one stops early)

    def markdown(self) -> str:
        return (f"| search ({self.kind}) | {self.n_images} images | {self.n_queries} queries ({self.n_blocked} "
                f"blocked) |\n|---|---|---|\n"
                f"| cold start (new process → first answer) | {self.cold_start_seconds:.2f} s | |\n"
                f"| open in a running process | {self.open_seconds:.2f} s | |\n"
                f"| warm query p50 / p99 | {self.warm_p50_ms:.1f} ms / {self.warm_p99_ms:.1f} ms | |\n"
                f"| warm p50, answered queries only | {self.warm_p50_answered_ms:.1f} ms | |")


def summarize(kind: str, n_images: int, results, cold_start_seconds: float, open_seconds: float) -> SearchBenchReport:
    """``results``: SearchResult of each warm query."""
    times = np.array([r.milliseconds for r in results])
    answered = np.array([r.milliseconds for r in results if not r.blocked])
    return SearchBenchReport(kind, n_images, len(results), sum(r.blocked for r in results), cold_start_seconds,
                             open_seconds, float(np.percentile(times, 50)), float(np.percentile(times, 99)),
                             float(np.percentile(answered, 50)) if answered.size else float("nan"))
