"""Keep a stage's result when its inputs are unchanged: the one mechanism every stage uses for that.

A stage names everything its result is a function of (the data it reads, the settings it uses, the
encoders' versions) and passes them to :func:`fingerprint`; the code it runs is part of the fingerprint
too (:func:`code_fingerprint` hashes the stage's source files), so changing the code recomputes the
result without anyone bumping a version constant by hand. The memo stores the fingerprint beside the
stage's small result (a summary, never the data) under HOME (``Catalog.memo``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from storage import files
from storage.settings import PROJECT_ROOT


def fingerprint(*parts: object) -> str:
    """A stable hash of JSON-serialisable parts (paths and other objects by their ``str``)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def code_fingerprint(*folders: str) -> str:
    """A hash of every source file (.py, .sql, .csv) under the project folders named, e.g. ``tasks/train``."""
    digest = hashlib.sha256()
    for folder in folders:
        root = PROJECT_ROOT / folder
        found = [root] if root.is_file() else sorted(p for p in root.rglob("*")
                                                      if p.suffix in (".py", ".sql", ".csv") and p.is_file())
        if not found:
            raise FileNotFoundError(f"no source files under {root}")
        for path in found:
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Memo:
    path: Path

    def recall(self, inputs: str) -> dict | None:
        """The result kept for exactly these inputs, or None (never computed, or computed for others)."""
        stored = files.read_json(self.path)
        return stored.get("result") if stored.get("inputs") == inputs else None

    def remember(self, inputs: str, result: dict) -> None:
        files.write_json(self.path, {"inputs": inputs, "result": result})


def forget_all(folder: Path) -> int:
    """Drop every stage memo under ``folder`` (their results lived partly in a store that is gone)."""
    memos = sorted(folder.glob("*.json")) if folder.is_dir() else []
    for path in memos:
        path.unlink()
    return len(memos)
