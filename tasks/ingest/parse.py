"""Parse one delivery file's bytes into typed rows, keeping every line that cannot be parsed aside with its reason.

A whole-file problem (wrong header, a file whose lines mostly have the wrong number of fields, undecodable
text) raises :class:`DeliveryStructureError` naming the file and line. A single bad line is rejected with a
reason and the rest of the file loads. Pure: the caller reads the bytes (``tasks.ingest.edges``).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
import pyarrow as pa

from storage.delivery import DeliveryStructureError
from tasks.ingest.sources import SourceFile

_ARROW_TYPES = {str: pa.string(), int: pa.int32(), float: pa.float64()}
_KIND_NAMES = {int: "an integer", float: "a number"}


@dataclass(frozen=True)
class RejectedLine:
    line: int
    reason: str
    text: str


@dataclass
class ParsedFile:
    source: SourceFile
    path: str  # where the bytes came from, for messages and provenance
    sha256: str
    n_bytes: int
    rows: pa.Table
    rejected: list[RejectedLine] = field(default_factory=list)


def parse_source_bytes(content: bytes, source: SourceFile, path: str) -> ParsedFile:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise DeliveryStructureError(path, line, f"not UTF-8 text ({error.reason})") from None

    reader = csv.reader(
        text.splitlines(keepends=True),
        delimiter=source.delimiter,
        quoting=csv.QUOTE_MINIMAL if source.quoted else csv.QUOTE_NONE,
        strict=True,
    )
    values: dict[str, list] = {column.name: [] for column in source.columns}
    lines: list[int] = []
    rejected: list[RejectedLine] = []
    wrong_width: list[int] = []
    header_pending = source.header is not None
    try:
        for fields in reader:
            line = reader.line_num
            if not fields:  # a blank line carries no data
                continue
            if header_pending:
                _check_header(path, line, source, fields)
                header_pending = False
                continue
            if len(fields) != source.n_fields:
                wrong_width.append(line)
                rejected.append(
                    RejectedLine(line, f"{len(fields)} fields, expected {source.n_fields}", source.delimiter.join(fields))
                )
                continue
            typed, problem = _typed_fields(source, fields)
            if problem:
                rejected.append(RejectedLine(line, problem, source.delimiter.join(fields)))
                continue
            lines.append(line)
            for column, value in zip(source.columns, typed):
                values[column.name].append(value)
    except csv.Error as error:
        raise DeliveryStructureError(path, reader.line_num, f"unreadable {source.file_name}: {error}") from None

    if header_pending:
        raise DeliveryStructureError(path, 1, "file is empty: the header is missing")
    n_data_lines = len(lines) + len(rejected)
    if n_data_lines == 0:
        raise DeliveryStructureError(path, None, "file has no data lines")
    if len(wrong_width) * 2 > n_data_lines:
        raise DeliveryStructureError(
            path,
            wrong_width[0],
            f"{len(wrong_width)} of {n_data_lines} lines do not have {source.n_fields} "
            f"{_separator_name(source.delimiter)}-separated fields: wrong separator or wrong file?",
        )

    rows = pa.table(
        {
            "source_file": pa.array([source.file_name] * len(lines), pa.string()),
            "source_line": pa.array(lines, pa.int64()),
            **{c.name: pa.array(values[c.name], _ARROW_TYPES[c.kind]) for c in source.columns},
        }
    )
    return ParsedFile(source, path, hashlib.sha256(content).hexdigest(), len(content), rows, rejected)


def _check_header(path: str, line: int, source: SourceFile, fields: list[str]) -> None:
    assert source.header is not None
    found = tuple(name.strip() for name in fields)
    if len(found) != len(source.header):
        raise DeliveryStructureError(
            path, line, f"header has {len(found)} columns {list(found)}, expected {len(source.header)} {list(source.header)}"
        )
    if found != source.header:
        raise DeliveryStructureError(path, line, f"header is {list(found)}, expected {list(source.header)}")


def _typed_fields(source: SourceFile, fields: list[str]) -> tuple[list, str | None]:
    typed: list = []
    for column, raw in zip(source.columns, fields):
        if column.kind is str:
            typed.append(raw)
            continue
        value = raw.strip()
        if value == "":
            typed.append(None)  # left to the checks, which name the missing value
            continue
        try:
            typed.append(column.kind(value))
        except ValueError:
            return typed, f"column {column.name}: {raw!r} is not {_KIND_NAMES[column.kind]}"
    return typed, None


def _separator_name(delimiter: str) -> str:
    return {"\t": "tab", ",": "comma", "|": "pipe"}.get(delimiter, repr(delimiter))
