"""Serve the nightly flow on its cron schedule from this process (no work pool needed).

    PREFECT_API_URL=http://127.0.0.1:4200/api .venv/bin/python deployments/serve.py [--cron "0 2 * * *"]

Needs a running Prefect server (`prefect server start`): Prefect does not schedule on its ephemeral one.
Settings come from WITHSENSE_DATA_DIR / WITHSENSE_HOME, exactly as for `withsense run`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage.prefect_env import configure_prefect  # noqa: E402
from storage.settings import load_settings  # noqa: E402

NIGHTLY_CRON = "0 2 * * *"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cron", default=NIGHTLY_CRON)
    args = parser.parse_args()
    settings = load_settings()
    configure_prefect(settings)
    from flows.nightly import nightly_flow

    nightly_flow.serve(
        name="nightly",
        cron=args.cron,
        parameters={"data_dir": str(settings.data_dir), "home": str(settings.home)},
    )


if __name__ == "__main__":
    main()
