"""Reading a CSV export: its encoding detected, its header row mapped, its rows numbered by the line each
starts on; a file that cannot be read at all is one error (`ImportFileError`). The customer import and the
list of customers a leak incident affects read their files through these."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from desk_app.domain.messages import Message, MessageError, message, message_of
from desk_app.imports.columns import Column, HeaderMap, HeaderProblem, map_columns
from desk_app.imports.encoding import Detected, EncodingProblem, detect_encoding


class ImportFileError(MessageError):
    """The file cannot be imported at all: missing, unreadable, not CSV, wrong encoding, headers missing."""


def cannot_read(path: Path, error: OSError) -> Message:
    # The system's reason ("No such file or directory") is the system's words.
    return message("import.cannot_read", name=path.name, reason=error.strerror or str(error))


def detect(path: Path, override: str | None = None) -> Detected:
    """`detect_encoding`, its failures as `ImportFileError`."""
    try:
        return detect_encoding(path, override)
    except EncodingProblem as exc:
        raise ImportFileError(exc.explanation) from None
    except OSError as exc:
        raise ImportFileError(cannot_read(path, exc)) from None


def open_export(path: Path, codec: str) -> TextIO:
    """The file as text for `csv.reader` (newline="", so a quoted cell keeps its line breaks)."""
    try:
        return path.open(encoding=codec, newline="")
    except OSError as exc:
        raise ImportFileError(cannot_read(path, exc)) from None


def export_reader(stream: TextIO) -> Any:
    """A strict reader: a stray quote is an error, never a row quietly joined to the next."""
    return csv.reader(stream, strict=True)


def read_header(reader: Any, columns: Sequence[Column]) -> tuple[list[str], HeaderMap]:
    """The header row as written and where each of `columns` is in it."""
    try:
        headers = next(reader, None)
        if headers is None:
            raise ImportFileError(message("import.file_empty"))
        return headers, map_columns(columns, headers)
    except (HeaderProblem, csv.Error) as exc:
        raise ImportFileError(message("import.file_line", line=1, problem=message_of(exc))) from None


def numbered_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Each row after the header that holds anything, with the line it starts on (a quoted cell may span
    lines); rows of blank cells are skipped. A row that is not CSV ends the file with `ImportFileError`."""
    line_end = reader.line_num
    try:
        for raw in reader:
            line = line_end + 1
            line_end = reader.line_num
            if not raw or not any(value.strip() for value in raw):
                continue
            yield line, raw
    except csv.Error as exc:
        said = message("import.not_csv", line=reader.line_num, reason=str(exc))
        raise ImportFileError(said) from None
