"""What a run shows in the Prefect UI: markdown and table artifacts of the current flow run."""

from __future__ import annotations

from pathlib import Path


def publish_markdown(key: str, markdown: str, description: str) -> None:
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(key=key, markdown=markdown, description=description)


def publish_table(key: str, rows: list[dict], description: str) -> None:
    from prefect.artifacts import create_table_artifact

    create_table_artifact(key=key, table=rows, description=description)


def publish_link(key: str, path: Path, description: str) -> None:
    """A link to a file under HOME (file:// URI: the operator opens it on the machine that ran the job)."""
    from prefect.artifacts import create_link_artifact

    create_link_artifact(key=key, link=path.resolve().as_uri(), link_text=str(path), description=description)
