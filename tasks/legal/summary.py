"""What the legal stage decided, in numbers."""

from __future__ import annotations

from pydantic import BaseModel


class LegalSummary(BaseModel):
    query_threshold: float
    image_threshold: float
    n_images_blocked: int
    n_images: int
    metrics: dict[str, float]
    skipped: bool = False

    def describe(self) -> str:
        """One line for the run's log. The written queries' validation half is measured once, on purpose, by
        ``withsense legal-eval``: a log line would show its figures to anyone watching a run, the author of the
        next rules included, so the line gives the design half's."""
        m = self.metrics
        kept = " (inputs unchanged: decisions kept)" if self.skipped else ""
        return (f"legal filter{kept}: {self.n_images_blocked} of {self.n_images} images blocked; held-out image recall "
                f"{m['heldout_image_recall']:.1%}, over-blocking {m['heldout_image_over_block_rate']:.1%}; "
                f"written queries (design half) recall {m['written_design_recall']:.1%}, false blocks "
                f"{m['written_design_false_block_rate']:.1%} (the validation half: `withsense legal-eval`)")
