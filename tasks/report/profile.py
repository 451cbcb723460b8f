"""What the data report shows: the marts and a few aggregates of the loaded delivery (read by
``tasks.report.edges``)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class DataProfile:
    targets: pd.DataFrame
    captions: pd.DataFrame
    crowd: pd.DataFrame
    deliveries: pd.DataFrame
    agreement: dict
    overlap: pd.DataFrame
    kappa: dict[str, float]
