"""Ingest stage: the delivery's files → raw tables → checks and quarantine → staging → marts."""
