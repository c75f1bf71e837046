"""The exercise library: the seed article's moves for each major muscle group.

Each movement has a body-weight form and the weighted form it progresses to
(DOMAIN.md section 2). ``equipment`` is the least equipment a client needs for
the exercise: ``bodyweight`` < ``dumbbells`` < ``gym``. A client with a gym can
do everything a dumbbell client can.

Product decisions recorded here:
- Lat pull-downs and back extensions need a gym (a cable stack, a hyperextension
  bench); a dumbbell-only client keeps the body-weight forms of those movements.
- A few common barbell and machine lifts are in the library too, so that workout
  histories imported from Strong or Hevy map onto real exercises.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MuscleGroup(StrEnum):
    CHEST = "chest"
    BACK = "back"
    SHOULDERS = "shoulders"
    LEGS = "legs"
    BICEPS = "biceps"
    TRICEPS = "triceps"
    CORE = "core"


#: The six major groups every full-body session trains (DOMAIN.md section 2).
MAJOR_GROUPS: tuple[MuscleGroup, ...] = (
    MuscleGroup.CHEST,
    MuscleGroup.BACK,
    MuscleGroup.SHOULDERS,
    MuscleGroup.LEGS,
    MuscleGroup.BICEPS,
    MuscleGroup.TRICEPS,
)


class Equipment(StrEnum):
    BODYWEIGHT = "bodyweight"
    DUMBBELLS = "dumbbells"
    GYM = "gym"

    @property
    def rank(self) -> int:
        return _EQUIPMENT_RANK[self]

    def allows(self, needed: Equipment) -> bool:
        """Whether a client with this equipment can do an exercise needing ``needed``."""
        return self.rank >= needed.rank


_EQUIPMENT_RANK = {Equipment.BODYWEIGHT: 0, Equipment.DUMBBELLS: 1, Equipment.GYM: 2}


@dataclass(frozen=True)
class ExerciseSpec:
    """One exercise of the library, as plain data."""

    slug: str
    name: str
    muscle_groups: tuple[MuscleGroup, ...]
    equipment: Equipment
    bodyweight: bool
    movement: str
    weighted_form: str | None = None


_BW = Equipment.BODYWEIGHT
_DB = Equipment.DUMBBELLS
_GYM = Equipment.GYM
_G = MuscleGroup

LIBRARY: tuple[ExerciseSpec, ...] = (
    # Body-weight forms, each naming the weighted form it progresses to.
    ExerciseSpec("push-up", "Push-up", (_G.CHEST, _G.TRICEPS), _BW, True, "chest press", "chest-press"),
    ExerciseSpec("inverted-row", "Inverted row", (_G.BACK, _G.BICEPS), _BW, True, "row", "dumbbell-row"),
    ExerciseSpec(
        "negative-chin-up", "Assisted/negative chin-up", (_G.BACK, _G.BICEPS), _BW, True, "pull-down", "lat-pull-down"
    ),
    ExerciseSpec(
        "pike-push-up", "Pike push-up", (_G.SHOULDERS, _G.TRICEPS), _BW, True, "shoulder press", "shoulder-press"
    ),
    ExerciseSpec("bodyweight-squat", "Body-weight squat", (_G.LEGS,), _BW, True, "squat", "goblet-squat"),
    ExerciseSpec("reverse-lunge", "Reverse lunge", (_G.LEGS,), _BW, True, "lunge", "weighted-lunge"),
    ExerciseSpec("towel-curl", "Towel/band curl", (_G.BICEPS,), _BW, True, "curl", "biceps-curl"),
    ExerciseSpec("bench-dip", "Bench dip", (_G.TRICEPS,), _BW, True, "triceps extension", "triceps-extension"),
    ExerciseSpec(
        "prone-y-t-raise", "Prone Y-T raise", (_G.BACK, _G.SHOULDERS), _BW, True, "rear-deltoid flye", "rear-delt-flye"
    ),
    ExerciseSpec("floor-superman", "Floor superman", (_G.BACK,), _BW, True, "back extension", "back-extension"),
    ExerciseSpec("plank", "Plank", (_G.CORE,), _BW, True, "plank"),
    # Weighted forms.
    ExerciseSpec("chest-press", "Dumbbell chest press", (_G.CHEST, _G.TRICEPS), _DB, False, "chest press"),
    ExerciseSpec("dumbbell-row", "Dumbbell row", (_G.BACK, _G.BICEPS), _DB, False, "row"),
    ExerciseSpec("lat-pull-down", "Lat pull-down", (_G.BACK, _G.BICEPS), _GYM, False, "pull-down"),
    ExerciseSpec("shoulder-press", "Dumbbell shoulder press", (_G.SHOULDERS, _G.TRICEPS), _DB, False, "shoulder press"),
    ExerciseSpec("goblet-squat", "Goblet squat", (_G.LEGS,), _DB, False, "squat"),
    ExerciseSpec("weighted-lunge", "Dumbbell reverse lunge", (_G.LEGS,), _DB, False, "lunge"),
    ExerciseSpec("biceps-curl", "Dumbbell biceps curl", (_G.BICEPS,), _DB, False, "curl"),
    ExerciseSpec("triceps-extension", "Dumbbell triceps extension", (_G.TRICEPS,), _DB, False, "triceps extension"),
    ExerciseSpec("rear-delt-flye", "Rear-deltoid flye", (_G.BACK, _G.SHOULDERS), _DB, False, "rear-deltoid flye"),
    ExerciseSpec("back-extension", "Back extension", (_G.BACK,), _GYM, False, "back extension"),
    # Common gym lifts (for imported histories and gym clients).
    ExerciseSpec("bench-press", "Barbell bench press", (_G.CHEST, _G.TRICEPS), _GYM, False, "chest press"),
    ExerciseSpec("back-squat", "Barbell back squat", (_G.LEGS,), _GYM, False, "squat"),
    ExerciseSpec("deadlift", "Barbell deadlift", (_G.LEGS, _G.BACK), _GYM, False, "hinge"),
    ExerciseSpec("romanian-deadlift", "Dumbbell Romanian deadlift", (_G.LEGS, _G.BACK), _DB, False, "hinge"),
    ExerciseSpec("overhead-press", "Barbell overhead press", (_G.SHOULDERS, _G.TRICEPS), _GYM, False, "shoulder press"),
    ExerciseSpec("seated-cable-row", "Seated cable row", (_G.BACK, _G.BICEPS), _GYM, False, "row"),
    ExerciseSpec("pull-up", "Pull-up", (_G.BACK, _G.BICEPS), _GYM, True, "pull-down"),
)

BY_SLUG: dict[str, ExerciseSpec] = {spec.slug: spec for spec in LIBRARY}
