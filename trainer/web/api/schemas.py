"""What the API accepts and answers: request bodies, resources, and the functions that fill them.

Units are SI (kg, cm) and dates ISO-8601. The resource names are the contract of issue 3;
fields may be added, never renamed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from ...domain import limits
from ...domain.exercises import MuscleGroup
from ...domain.limits import days_per_week_note
from ...models import (
    ACTIVITY_LEVELS,
    EQUIPMENT,
    EXPERIENCE_LEVELS,
    ROLES,
    SEXES,
    UNITS,
    WEEKLY_GOALS_LB,
    Client,
    Exercise,
    Plan,
    User,
    WeighIn,
    Workout,
)
from ...services.calories import CaloriePanel
from ...services.clients import ClientProfile
from ...services.errors import InvalidInput
from .fields import (
    Boolean,
    Choice,
    Date,
    DateTime,
    Email,
    Id,
    Integer,
    ListOf,
    Number,
    Object,
    String,
    TimeZone,
)

MUSCLE_GROUPS = tuple(g.value for g in MuscleGroup)

# Requests ------------------------------------------------------------------------------

TOKEN_REQUEST = Object(
    {
        "email": String(min_length=1, max_length=254),
        "password": String(min_length=1, max_length=1024, strip=False),
        "name": String(max_length=80, nullable=True, description="A label to recognise the token by."),
    },
    required=("email", "password"),
)

PROFILE = {
    "name": String(min_length=1, max_length=limits.NAME_MAX),
    "email": Email(nullable=True, description="Gets an invitation link when given."),
    "sex": Choice(SEXES),
    "birth_date": Date(earliest=limits.EARLIEST_DATE, description="Not after today, not before 1900."),
    "height_cm": Number(*limits.HEIGHT_CM, unit="cm"),
    "activity_level": Choice(ACTIVITY_LEVELS),
    "weekly_goal_lb": Choice(WEEKLY_GOALS_LB, description="Pounds a week to gain (+) or lose (-)."),
    "experience": Choice(EXPERIENCE_LEVELS),
    "days_per_week": Integer(*limits.DAYS_PER_WEEK, description="The guideline is 3-4."),
    "equipment": Choice(EQUIPMENT),
    "focus": ListOf(Choice(MUSCLE_GROUPS), max_items=len(MUSCLE_GROUPS), unique=True),
    "injuries": String(max_length=limits.NOTES_MAX),
    "notes": String(max_length=limits.NOTES_MAX),
    "timezone": TimeZone(),
    "unit": Choice(UNITS, description="The unit the client sees weights in; the API is always kg."),
    "started_on": Date(earliest=limits.EARLIEST_DATE),
}
CLIENT_CREATE = Object(PROFILE, required=("name", "sex", "birth_date", "height_cm"))
CLIENT_PATCH = Object(PROFILE)

_LOG_DATE = Date(description="Not after today in the client's time zone, not before 1900-01-01.")
_WEIGHT = Number(*limits.WEIGHT_KG, unit="kg", enforce=False)
WEIGH_IN_CREATE = Object({"date": _LOG_DATE, "weight_kg": _WEIGHT}, required="all")
WEIGH_IN_UPDATE = Object(
    {"date": Date(description="A new date for the weigh-in (defaults to the one in the path)."), "weight_kg": _WEIGHT},
    required=("weight_kg",),
)

SET_ENTRY = Object(
    {
        "exercise_id": Id(description="An exercise of GET /exercises."),
        "reps": Integer(*limits.REPS, enforce=False),
        "load_kg": Number(*limits.LOAD_KG, unit="kg", enforce=False, description="0 for body weight (default)."),
        "rpe": Number(*limits.RPE, enforce=False, nullable=True),
    },
    required=("exercise_id", "reps"),
)
_SETS = ListOf(SET_ENTRY, min_items=1, max_items=200)
_NOTES = String(max_length=limits.NOTES_MAX)
WORKOUT_CREATE = Object(
    {"date": _LOG_DATE, "sets": _SETS, "plan_session_id": Id(nullable=True), "notes": _NOTES},
    required=("date", "sets"),
)
WORKOUT_REPLACE = Object({"date": _LOG_DATE, "sets": _SETS, "notes": _NOTES}, required=("date", "sets"))

# Resources -----------------------------------------------------------------------------

TOKEN = Object(
    {"token": String(), "token_type": Choice(["Bearer"]), "expires_at": DateTime()},
    required="all",
)
ME = Object(
    {
        "id": Id(),
        "email": String(),
        "name": String(),
        "role": Choice(ROLES),
        "timezone": String(),
        "unit": Choice(UNITS),
        "client_id": Id(nullable=True, description="The client's own profile (clients only)."),
    },
    required="all",
)
CLIENT = Object(
    {
        "id": Id(),
        **PROFILE,
        "archived": Boolean(),
        "has_login": Boolean(),
        "invite_url": String(nullable=True, description="The open invitation link (trainers only), else null."),
        "days_per_week_note": String(nullable=True, description="Why the days depart from the guideline, if so."),
    },
    required="all",
)
EXERCISE = Object(
    {
        "id": Id(),
        "slug": String(),
        "name": String(),
        "muscle_groups": ListOf(Choice(MUSCLE_GROUPS)),
        "equipment": Choice(EQUIPMENT),
        "bodyweight": Boolean(),
        "movement": String(),
        "weighted_form_id": Id(nullable=True),
    },
    required="all",
)
WEIGH_IN = Object({"id": Id(), "date": Date(), "weight_kg": _WEIGHT}, required="all")
SET = Object({"id": Id(), **SET_ENTRY.fields}, required="all")
WORKOUT = Object(
    {
        "id": Id(),
        "date": Date(),
        "plan_session_id": Id(nullable=True),
        "notes": String(),
        "logged_by_id": Id(nullable=True, description="Who logged it (the trainer, when on the client's behalf)."),
        "sets": ListOf(SET),
    },
    required="all",
)
CALORIES = Object(
    {
        "available": Boolean(description="False until targets can be worked out; explanation says why."),
        "bmr": Integer(nullable=True),
        "maintenance": Integer(nullable=True),
        "target": Integer(nullable=True),
        "floor_applied": Boolean(),
        "explanation": String(),
        "weight_kg": Number(*limits.WEIGHT_KG, nullable=True, description="The latest weigh-in used."),
        "weighed_on": Date(nullable=True),
    },
    required="all",
)
#: A plan's states (the model's check constraint): the client sees a plan once it is published.
PLAN_STATUSES = ("draft", "published")
PLAN_ITEM = Object(
    {
        "id": Id(),
        "exercise_id": Id(description="An exercise of GET /exercises."),
        "sets": Integer(1, 10),
        "rep_min": Integer(*limits.REPS),
        "rep_max": Integer(*limits.REPS),
        "load_kg": Number(
            *limits.LOAD_KG,
            unit="kg",
            nullable=True,
            description="Null for body-weight work, or where the client or trainer chooses the load.",
        ),
        "reason": String(description="Why this prescription, in words, from the data it used."),
        "note": String(description="The trainer's note, if any."),
    },
    required="all",
)
PLAN_SESSION = Object(
    {"id": Id(), "day": Date(), "title": String(), "items": ListOf(PLAN_ITEM)},
    required="all",
)
PLAN = Object(
    {
        "id": Id(),
        "client_id": Id(),
        "week_start": Date(description="The Monday the plan week starts on (in the client's time zone)."),
        "status": Choice(PLAN_STATUSES, description="A client sees only published plans."),
        "notes": String(),
        "published_at": DateTime(nullable=True),
        "sessions": ListOf(PLAN_SESSION, description="By day."),
    },
    required="all",
)
RESOURCES = {
    "Token": TOKEN,
    "Me": ME,
    "Client": CLIENT,
    "Exercise": EXERCISE,
    "WeighIn": WEIGH_IN,
    "Workout": WORKOUT,
    "Calories": CALORIES,
    "Plan": PLAN,
}
REQUESTS = {
    "TokenRequest": TOKEN_REQUEST,
    "ClientCreate": CLIENT_CREATE,
    "ClientPatch": CLIENT_PATCH,
    "WeighInCreate": WEIGH_IN_CREATE,
    "WeighInUpdate": WEIGH_IN_UPDATE,
    "WorkoutCreate": WORKOUT_CREATE,
    "WorkoutReplace": WORKOUT_REPLACE,
}

# Checks that need the clock ------------------------------------------------------------


def check_birth_date(values: dict, today: date) -> None:
    """A birth date may not be after today (in the client's time zone)."""
    born = values.get("birth_date")
    if born is not None and born > today:
        raise InvalidInput.one("birth_date", f"must not be after today ({today.isoformat()}).")


def client_profile(values: dict, trainer: User, today: date) -> ClientProfile:
    """A new client's profile from a checked body; time zone and unit default to the trainer's."""
    check_birth_date(values, today)
    values = {**values, "focus": sorted(values.get("focus") or [])}
    values.setdefault("timezone", trainer.timezone)
    values.setdefault("unit", trainer.unit)
    values.setdefault("started_on", today)
    for text in ("injuries", "notes"):
        values[text] = values.get(text) or ""
    return ClientProfile(**values)


# Serialisers ---------------------------------------------------------------------------


def timestamp(at: datetime) -> str:
    """An aware time as ISO-8601 in UTC, to the second (``2026-11-25T13:00:00Z``)."""
    return at.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def token_json(token: str, expires_at: datetime) -> dict:
    return {"token": token, "token_type": "Bearer", "expires_at": timestamp(expires_at)}


def me_json(user: User) -> dict:
    profile = user.client_profile if user.is_client else None
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "timezone": user.timezone,
        "unit": user.unit,
        "client_id": profile.id if profile else None,
    }


def client_json(client: Client, invite_url: str | None = None) -> dict:
    return {
        "id": client.id,
        **{name: getattr(client, name) for name in PROFILE},
        "birth_date": client.birth_date.isoformat(),
        "started_on": client.started_on.isoformat(),
        "focus": list(client.focus or []),
        "archived": client.archived,
        "has_login": client.user_id is not None,
        "invite_url": invite_url,
        "days_per_week_note": days_per_week_note(client.days_per_week),
    }


def exercise_json(exercise: Exercise) -> dict:
    return {name: getattr(exercise, name) for name in EXERCISE.fields}


def weigh_in_json(weigh_in: WeighIn) -> dict:
    return {"id": weigh_in.id, "date": weigh_in.date.isoformat(), "weight_kg": weigh_in.weight_kg}


def weigh_in_rows_json(rows: Iterable[tuple[int, str, float]]) -> list[dict]:
    """``weigh_in_json`` of many ``(id, ISO date, weight_kg)`` rows."""
    return [{"id": id_, "date": on, "weight_kg": kg} for id_, on, kg in rows]


def workout_json(workout: Workout) -> dict:
    return {
        "id": workout.id,
        "date": workout.date.isoformat(),
        "plan_session_id": workout.plan_session_id,
        "notes": workout.notes,
        "logged_by_id": workout.logged_by_id,
        "sets": [
            {"id": s.id, "exercise_id": s.exercise_id, "reps": s.reps, "load_kg": s.load_kg, "rpe": s.rpe}
            for s in workout.sets
        ],
    }


def calories_json(panel: CaloriePanel) -> dict:
    targets = panel.targets
    return {
        "available": targets is not None,
        "bmr": targets.bmr if targets else None,
        "maintenance": targets.maintenance if targets else None,
        "target": targets.target if targets else None,
        "floor_applied": targets.floor_applied if targets else False,
        "explanation": targets.explanation if targets else (panel.missing or ""),
        "weight_kg": panel.weight_kg,
        "weighed_on": panel.weighed_on.isoformat() if panel.weighed_on else None,
    }


def plan_json(plan: Plan) -> dict:
    """A plan with its sessions (by day) and their items (by position)."""
    return {
        "id": plan.id,
        "client_id": plan.client_id,
        "week_start": plan.week_start.isoformat(),
        "status": plan.status,
        "notes": plan.notes,
        "published_at": timestamp(plan.published_at) if plan.published_at else None,
        "sessions": [
            {
                "id": planned.id,
                "day": planned.day.isoformat(),
                "title": planned.title,
                "items": [
                    {
                        "id": item.id,
                        "exercise_id": item.exercise_id,
                        "sets": item.sets,
                        "rep_min": item.rep_min,
                        "rep_max": item.rep_max,
                        "load_kg": item.load_kg,
                        "reason": item.reason,
                        "note": item.note,
                    }
                    for item in planned.items
                ],
            }
            for planned in plan.sessions
        ],
    }
