"""Prefect flows: wiring only. The logic lives in tasks/, the I/O in storage/."""
