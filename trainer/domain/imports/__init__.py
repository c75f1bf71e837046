"""Reading the CSV files people bring: weigh-ins, and workout histories exported by Strong and Hevy.

Pure parsing: text in, typed rows out. Every row that cannot be read becomes a
``Problem`` naming its line, its column and what is wrong; rows that are read but
deliberately left out (warm-ups, timed or distance sets, rest timers) become
``Skipped`` rows with the reason. The ranges of the values (weights, reps, loads, RPE,
dates) are the logbook's rules and are checked by ``trainer.services.imports`` with
the logbook's own checks, so the pages and the imports can never disagree.
``docs/imports.md`` describes the formats and the decisions for people.

The modules: ``rows`` (what reading gives), ``table`` (bytes to text to cells),
``values`` (one cell), ``detect`` (which kind of file a header looks like),
``weigh_ins``, ``workouts`` (rows to workouts, for any app), ``strong`` and ``hevy``.
Each module's docstring holds the decisions that are its own.
"""

from __future__ import annotations

from ..units import WeightUnit
from .hevy import read_hevy
from .rows import ImportSource, Problem, Skipped, UnknownExercise, WeighInRow, WorkoutFile, WorkoutRow
from .strong import read_strong
from .table import UnreadableFile, decode_upload
from .weigh_ins import read_weigh_ins

__all__ = [
    "ImportSource",
    "Problem",
    "Skipped",
    "UnknownExercise",
    "UnreadableFile",
    "WeighInRow",
    "WorkoutRow",
    "decode_upload",
    "read_hevy",
    "read_strong",
    "read_weigh_ins",
    "read_workouts",
]


def read_workouts(source: ImportSource | str, text: str, *, unit: WeightUnit | str | None = None) -> WorkoutFile:
    """Workouts from a Strong or Hevy export."""
    return read_strong(text, unit=unit) if ImportSource(source) is ImportSource.STRONG else read_hevy(text)
