"""What the planning engine reads: the client's profile, the exercise library and the training history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from trainer.domain.exercises import LIBRARY, Equipment, ExerciseSpec, MuscleGroup
from trainer.domain.progression import Prescription, SessionLog
from trainer.domain.units import WeightUnit


class Experience(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class OverrideAction(StrEnum):
    HOLD = "hold"
    SWITCH = "switch"


@dataclass(frozen=True)
class MovementOverride:
    """A trainer's hand on one movement: hold it, or switch it to ``to_slug`` (``None``: its weighted form)."""

    movement: str
    action: OverrideAction
    to_slug: str | None = None


@dataclass(frozen=True)
class ClientProfile:
    """What planning needs to know about a client."""

    client_id: int
    experience: Experience
    days_per_week: int
    equipment: Equipment
    unit: WeightUnit
    started_on: date
    focus: tuple[MuscleGroup, ...] = ()
    overrides: tuple[MovementOverride, ...] = ()


@dataclass(frozen=True)
class LibraryExercise:
    """An exercise of the library as stored (a database row mapped to plain data)."""

    id: int
    slug: str
    name: str
    muscle_groups: tuple[MuscleGroup, ...]
    equipment: Equipment
    bodyweight: bool
    movement: str
    weighted_form: str | None = None

    @classmethod
    def from_spec(cls, exercise_id: int, spec: ExerciseSpec) -> LibraryExercise:
        """The library entry ``spec`` stored under ``exercise_id``."""
        return cls(
            exercise_id, spec.slug, spec.name, spec.muscle_groups, spec.equipment, spec.bodyweight, spec.movement,
            spec.weighted_form,
        )  # fmt: skip


def library_from_specs(specs: Sequence[ExerciseSpec] = LIBRARY) -> tuple[LibraryExercise, ...]:
    """``specs`` numbered 1, 2, 3... in order (the seeded library's ids)."""
    return tuple(LibraryExercise.from_spec(number, spec) for number, spec in enumerate(specs, start=1))


@dataclass(frozen=True)
class WeekAdherence:
    """Share of a plan week's sessions the client did (0 to 1), DOMAIN.md section 7."""

    week_start: date
    rate: float


@dataclass(frozen=True)
class TrainingHistory:
    """What the client logged, what earlier plans prescribed and how well they were followed."""

    logs: tuple[SessionLog, ...] = ()
    prescriptions: tuple[Prescription, ...] = ()
    adherence: tuple[WeekAdherence, ...] = ()
