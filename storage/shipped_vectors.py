"""Vectors of the texts that ship with the code (the hand-written legal queries), kept once per environment.

The legal checks read every written query through the text encoder. Those texts are the same for every HOME,
so their vectors are too: a fresh HOME (a new machine's first nightly, every test's HOME) would otherwise
spend minutes encoding them again (7,000 texts with all-mpnet-base-v2 take ~2.5 min on 2 cores). They are
kept beside the assembled encoders (``Settings.shipped_text_vectors``): one LanceDB database per encoder
version (a folder named after it), holding a table of the same schema as HOME's ``legal_texts``, a row per text.
Two encoders used in one environment each keep their own.

This store only saves time, so it never fails a run: a folder that cannot be read or written (read-only
environment, full disk, a damaged table) is logged and passed over, and the checks encode what they need.
Writers take an exclusive ``flock`` on the folder's lock file: runs of several HOMEs share it.
"""

from __future__ import annotations

import fcntl
import logging
import re
from pathlib import Path

from storage import vectors

log = logging.getLogger(__name__)

LOCK_FILE = ".lock"


def version_folder(folder: Path, encoder_version: str) -> Path:
    """The database of one encoder version: its name made safe for a folder ('all-mpnet-base-v2@1a2b…')."""
    return folder / re.sub(r"[^A-Za-z0-9._@-]", "_", encoder_version)


def shipped_text_vectors(folder: Path, encoder_version: str) -> tuple[list[str], list]:
    """(texts, vectors) kept for that encoder version; empty when there are none or the store is unreadable."""
    database = version_folder(folder, encoder_version)
    if not database.is_dir():
        return [], []
    try:
        return vectors.legal_text_vectors(database, encoder_version)
    except Exception as error:  # noqa: BLE001 - a cache: a damaged one is passed over, never fatal
        log.warning("the shipped texts' vectors in %s could not be read (%s): the legal checks encode them",
                    folder, error)
        return [], []


def keep_shipped_text_vectors(folder: Path, encoder_version: str, texts: list[str], matrix) -> int:
    """Add (upsert by text) vectors of shipped texts; returns how many were kept (0 when the folder refuses)."""
    if not texts:
        return 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / LOCK_FILE, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or when the process dies
            return vectors.keep_legal_text_vectors(version_folder(folder, encoder_version), encoder_version, texts,
                                                   matrix)
    except Exception as error:  # noqa: BLE001 - a cache: the run goes on, the next one encodes them again
        log.warning("the shipped texts' vectors could not be kept in %s (%s): the next fresh HOME encodes them "
                    "again", folder, error)
        return 0
