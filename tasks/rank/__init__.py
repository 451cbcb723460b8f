"""Rank stage: the champion scores queries against images, with the legal flags; the evaluation contract."""
