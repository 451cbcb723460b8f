"""What a training run did: trained (with figures) or kept, and which model is champion."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class TrainingSummary(BaseModel):
    run_id: str
    skipped: bool
    reason: str
    champion: str | None
    metrics: dict[str, dict[str, float]] = {}

    def describe(self) -> str:
        if self.skipped:
            return f"training skipped: {self.reason}; champion {self.champion}"
        return f"trained {', '.join(self.metrics)}; champion {self.champion} ({self.reason})"


def new_run_id(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ")
