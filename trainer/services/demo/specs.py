"""The demo clients: who they are, and how their history behaves (data only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...domain.units import lb_to_kg

BODYWEIGHT_A = ("bodyweight-squat", "push-up", "inverted-row", "pike-push-up", "towel-curl")
BODYWEIGHT_B = ("reverse-lunge", "push-up", "negative-chin-up", "bench-dip", "floor-superman")
GYM_A = ("back-squat", "bench-press", "seated-cable-row", "biceps-curl")
GYM_B = ("romanian-deadlift", "overhead-press", "lat-pull-down", "triceps-extension")


@dataclass(frozen=True)
class DemoClient:
    """One demo client: the profile, and how their history behaves."""

    name: str
    email: str
    sex: str
    age: int
    height_cm: float
    activity_level: str
    weekly_goal_lb: float
    experience: str
    days_per_week: int
    equipment: str
    timezone: str
    unit: str
    start_weight_kg: float
    #: Real trend of the body weight in kg per week, by training week from week 1 (last value repeats).
    kg_per_week: tuple[float, ...]
    #: Chance that a planned session happens, by training week (last value repeats).
    adherence: tuple[float, ...]
    #: The two alternating sessions, as exercise slugs.
    sessions: tuple[tuple[str, ...], tuple[str, ...]]
    #: Starting loads in kg (weighted exercises) and starting reps of the first set.
    loads_kg: dict[str, float] = field(default_factory=dict)
    start_reps: dict[str, float] = field(default_factory=dict)
    #: Exercise slug -> training week from which its reps stop improving (a stall).
    stalls: dict[str, int] = field(default_factory=dict)
    focus: tuple[str, ...] = ()
    injuries: str = ""
    notes: str = ""
    with_login: bool = False
    #: Weeks before today that the history stops and the client is archived.
    archived_weeks_ago: int | None = None


#: The profile columns of ``PROFILES``, in order: what the trainer entered for each client.
PROFILE_FIELDS = (
    "sex", "age", "height_cm", "activity_level", "weekly_goal_lb", "experience", "days_per_week", "equipment",
    "timezone", "unit",
)  # fmt: skip

#: Each client's profile, by name; the columns are ``PROFILE_FIELDS``.
PROFILES: dict[str, tuple[Any, ...]] = {
    #               sex       age cm   activity     lb/wk experience    days equipment     timezone            unit
    "Maya Lopez":  ("female", 34, 165, "light",     -1.0, "beginner",     3, "bodyweight", "America/New_York", "kg"),
    "Tom Becker":  ("male",   41, 182, "moderate",  -2.0, "intermediate", 4, "gym",        "Europe/Berlin",    "kg"),
    "Priya Shah":  ("female", 29, 160, "light",     -0.5, "intermediate", 3, "dumbbells",  "Asia/Kolkata",     "kg"),
    "Jake Miller": ("male",   24, 178, "very",       1.0, "advanced",     5, "gym",        "America/Chicago",  "lb"),
    "Sofia Rossi": ("female", 52, 170, "sedentary",  0.0, "beginner",     2, "dumbbells",  "Europe/Rome",      "kg"),
    "Ken Tanaka":  ("male",   38, 175, "moderate",  -1.5, "intermediate", 3, "gym",        "Asia/Tokyo",       "kg"),
}  # fmt: skip


def _client(name: str, **behaviour: Any) -> DemoClient:
    """The client ``name`` with their row of ``PROFILES``; the email is first.last@example.com."""
    profile = dict(zip(PROFILE_FIELDS, PROFILES[name], strict=True))
    return DemoClient(name=name, email=f"{name.lower().replace(' ', '.')}@example.com", **profile, **behaviour)


def _lb(*pairs: tuple[str, float]) -> dict[str, float]:
    return {slug: lb_to_kg(lb) for slug, lb in pairs}


CLIENTS: tuple[DemoClient, ...] = (
    _client(
        "Maya Lopez",
        start_weight_kg=78.4,
        kg_per_week=(-0.45,),
        adherence=(0.9,),
        sessions=(BODYWEIGHT_A, BODYWEIGHT_B),
        start_reps={"push-up": 5, "inverted-row": 6, "pike-push-up": 5, "negative-chin-up": 3, "bench-dip": 7},
        notes="Wants to keep up with her kids. Trains at home, no equipment.",
        with_login=True,
    ),
    _client(
        "Tom Becker",
        start_weight_kg=104.0,
        kg_per_week=(-0.9, -0.9, -0.8, -0.9, -1.0, -1.2, -1.6, -1.7, -1.8, -1.8),
        adherence=(0.9,),
        sessions=(GYM_A, GYM_B),
        loads_kg={
            "back-squat": 80,
            "bench-press": 70,
            "seated-cable-row": 55,
            "biceps-curl": 12.5,
            "romanian-deadlift": 22.5,
            "overhead-press": 40,
            "lat-pull-down": 55,
            "triceps-extension": 12.5,
        },
        stalls={"overhead-press": 4, "bench-press": 8},
        notes="Wedding in June; has started skipping meals to speed things up.",
    ),
    _client(
        "Priya Shah",
        start_weight_kg=68.2,
        kg_per_week=(-0.35, -0.3, -0.3, -0.25, 0.05),
        adherence=(0.95, 0.95, 0.9, 0.9, 0.85),
        sessions=(
            ("goblet-squat", "chest-press", "dumbbell-row", "rear-delt-flye", "floor-superman"),
            ("weighted-lunge", "shoulder-press", "dumbbell-row", "rear-delt-flye", "romanian-deadlift"),
        ),
        loads_kg={
            "goblet-squat": 15,
            "chest-press": 10,
            "dumbbell-row": 12.5,
            "rear-delt-flye": 5,
            "weighted-lunge": 7.5,
            "shoulder-press": 7.5,
            "romanian-deadlift": 20,
        },
        focus=("back",),
        injuries="Upper-back tightness after long days at the desk.",
        notes="Desk job; asked for extra back work.",
    ),
    _client(
        "Jake Miller",
        start_weight_kg=lb_to_kg(160),
        kg_per_week=(0.4,),
        adherence=(0.9,),
        sessions=(GYM_A, ("deadlift", "overhead-press", "lat-pull-down", "triceps-extension", "back-extension")),
        loads_kg=_lb(
            ("back-squat", 185),
            ("bench-press", 155),
            ("seated-cable-row", 120),
            ("biceps-curl", 30),
            ("deadlift", 225),
            ("overhead-press", 95),
            ("lat-pull-down", 120),
            ("triceps-extension", 30),
            ("back-extension", 25),
        ),
        stalls={"bench-press": 3},
        notes="College athlete in the off-season, building mass.",
    ),
    _client(
        "Sofia Rossi",
        start_weight_kg=63.0,
        kg_per_week=(0.0,),
        adherence=(1.0, 1.0, 0.95, 0.95, 0.95, 0.9, 0.9, 0.3),
        sessions=(
            ("bodyweight-squat", "push-up", "inverted-row", "towel-curl"),
            ("reverse-lunge", "pike-push-up", "inverted-row", "bench-dip"),
        ),
        start_reps={
            "bodyweight-squat": 11,
            "reverse-lunge": 11,
            "towel-curl": 10.5,
            "push-up": 4,
            "inverted-row": 6,
            "pike-push-up": 4,
            "bench-dip": 6,
        },
        loads_kg={"goblet-squat": 7.5, "weighted-lunge": 5, "biceps-curl": 5, "dumbbell-row": 7.5},
        notes="Building strength for bone health; keeps her weight.",
    ),
    _client(
        "Ken Tanaka",
        start_weight_kg=88.0,
        kg_per_week=(-0.6,),
        adherence=(0.85,),
        sessions=(GYM_A, GYM_B),
        loads_kg={
            "back-squat": 70,
            "bench-press": 60,
            "seated-cable-row": 50,
            "biceps-curl": 10,
            "romanian-deadlift": 20,
            "overhead-press": 35,
            "lat-pull-down": 50,
            "triceps-extension": 10,
        },
        notes="Moved abroad for work; archived until he is back.",
        archived_weeks_ago=4,
    ),
)
