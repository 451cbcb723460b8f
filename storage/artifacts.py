"""What a run shows in the Prefect UI: markdown and table artifacts of the current flow run."""

from __future__ import annotations


def publish_markdown(key: str, markdown: str, description: str) -> None:
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(key=key, markdown=markdown, description=description)


def publish_table(key: str, rows: list[dict], description: str) -> None:
    from prefect.artifacts import create_table_artifact

    create_table_artifact(key=key, table=rows, description=description)
