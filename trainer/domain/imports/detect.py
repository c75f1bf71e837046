"""Which kind of file a header row looks like, to say so when a file is read as the wrong kind."""

from __future__ import annotations

from collections.abc import Iterable

from .rows import ImportSource, Problem
from .table import Table


def guess_source(header: Iterable[str]) -> ImportSource | None:
    """The kind of file whose columns a header (its casefolded column names) has, if any."""
    keys = set(header)
    if {"exercise name", "set order"} <= keys:
        return ImportSource.STRONG
    if {"exercise_title", "start_time"} <= keys:
        return ImportSource.HEVY
    if "date" in keys and keys & {"weight", "weight_kg"}:
        return ImportSource.WEIGH_INS
    return None


def missing_columns(names: list[str], table: Table, wanted: ImportSource) -> Problem:
    """The problem of a header without the columns ``names``, naming the kind of file it looks like."""
    guess = guess_source(table.header)
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    plural = "s" if len(names) > 1 else ""
    message = f"the header row has no {listed} column{plural}; is this a {wanted.label} file?"
    if guess is not None and guess is not wanted:
        message += f" It looks like a {guess.label} file: choose “{guess.label}” as the kind of file."
    return Problem(1, "", message)
