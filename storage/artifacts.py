"""What a run shows in the Prefect UI: markdown and table artifacts of the current flow run."""

from __future__ import annotations

from pathlib import Path

from storage.locations import Location


def publish_markdown(key: str, markdown: str, description: str) -> None:
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(key=key, markdown=markdown, description=description)


def publish_table(key: str, rows: list[dict], description: str) -> None:
    from prefect.artifacts import create_table_artifact

    create_table_artifact(key=key, table=rows, description=description)


def publish_link(key: str, place: Path | Location, description: str) -> None:
    """A link to an output: a file:// URI for a file under HOME (the operator opens it on the machine that
    ran the job), the object's s3:// URI for one on an object store."""
    from prefect.artifacts import create_link_artifact

    place = place if isinstance(place, Location) else Location.of(place)
    create_link_artifact(key=key, link=place.as_link(), link_text=str(place), description=description)
