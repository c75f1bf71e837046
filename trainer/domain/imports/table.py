"""Reading an upload: its bytes into text, and its text into a header and rows of cells.

Decisions:
- Line numbers are the file's physical lines (the header is line 1), as an editor shows them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .rows import Problem


class UnreadableFile(ValueError):
    """The upload is not a text file we can read (binary, not UTF-8, empty)."""


def decode_upload(data: bytes) -> str:
    """The text of an uploaded CSV file (UTF-8, with or without a BOM; UTF-16 with a BOM)."""
    if not data.strip():
        raise UnreadableFile("The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            "This is a spreadsheet or archive, not a CSV file. Save or export it as CSV and try again."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile("The file says it is UTF-16 text but cannot be read as such.") from None
    if b"\x00" in data[:8192]:
        raise UnreadableFile("This is not a CSV text file (it contains binary data). Upload the CSV export itself.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save it as “CSV UTF-8” and upload it again."
        ) from None


@dataclass
class Table:
    header: dict[str, int]
    rows: list[tuple[int, list[str]]]
    header_line: int = 1

    def no_rows(self) -> Problem | None:
        return None if self.rows else Problem(self.header_line, "", "the file has a header row but no rows of data.")

    def index(self, name: str) -> int | None:
        return self.header.get(name.casefold())

    def cell(self, row: list[str], name: str) -> str:
        i = self.index(name)
        return row[i].strip() if i is not None and i < len(row) else ""


def _delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of comma, semicolon and tab."""
    first = next((line for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
    return max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","


def read_table(text: str) -> Table | Problem:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=_delimiter(text))
    header: dict[str, int] | None = None
    header_line = 1
    rows: list[tuple[int, list[str]]] = []
    try:
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = {cell.strip().casefold(): i for i, cell in reversed(list(enumerate(row)))}, line
            else:
                rows.append((line, row))
    except csv.Error as error:
        return Problem(reader.line_num, "", f"this is not a readable CSV file ({error}).")
    if header is None:
        return Problem(1, "", "the file is empty; it needs a header row and at least one row of data.")
    return Table(header, rows, header_line)
