"""A trainer's hand on a plan: change an item, hold or switch a movement for the plans to come.

Every change checks every rule first and raises ``InvalidInput`` naming the field and the
rule; nothing is written unless all of it is valid. Each edit marks the plan touched
(``edited_at``, ``edited_by_id``), so the publish job leaves it to the trainer; a published
plan stays editable and the client sees the change at once.

Product decisions:
- An item's exercise may become only one with the same main muscle group (the first of its
  ``muscle_groups``) that the client's equipment allows, and not one already in that session.
- A changed prescription keeps the rules' reason behind the trainer's: "Set by your trainer
  (the rules suggested: ...)"; a swapped exercise says which exercise it replaced.
- An edited load at or above an item's deload origin (or blank) ends the deload: the week
  after no longer returns to the old load. A swapped exercise has no deload.
- Loads are stored to the gram (a pound client's 50 lb is 22.68 kg).
- Overrides are per client and movement (unique); ``hold`` keeps the form and load, ``switch``
  moves to a named form of the same movement (or, with none named, its weighted form). The
  engine reads them whenever a plan is drawn up or regenerated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain import limits
from ..domain.exercises import Equipment
from ..domain.planning import OverrideAction
from ..domain.progression import format_day
from ..models import Client, Exercise, MovementOverride, Plan, PlanItem, User
from . import figures
from .errors import InvalidInput, NotFound

TRAINER_REASON = "Set by your trainer"
SETS = (1, 10)


@dataclass(frozen=True)
class ItemEdit:
    """A trainer's change to one plan item; ``load_kg`` ``None`` leaves the load to the client (or body weight)."""

    exercise_id: int
    sets: int
    rep_min: int
    rep_max: int
    load_kg: float | None
    note: str = ""
    every_session: bool = False


def exercise_options(session: Session, client: Client, exercise: Exercise) -> list[Exercise]:
    """Exercises an item of ``exercise`` may become: same primary muscle group, the client's equipment allows it."""
    equipment = Equipment(client.equipment)
    return [
        e
        for e in session.scalars(select(Exercise).order_by(Exercise.name))
        if e.muscle_groups[:1] == exercise.muscle_groups[:1] and equipment.allows(Equipment(e.equipment))
    ]


def check_prescription(sets: int, rep_min: int, rep_max: int, load_kg: float | None) -> dict[str, list[str]]:
    """Errors for a prescription: 1-10 sets, reps 1-100 with min <= max, load 0-1000 kg or blank."""
    errors: dict[str, list[str]] = {}
    if not SETS[0] <= sets <= SETS[1]:
        errors["sets"] = [f"must be a whole number from {SETS[0]} to {SETS[1]}."]
    for name, reps in (("rep_min", rep_min), ("rep_max", rep_max)):
        if not limits.REPS[0] <= reps <= limits.REPS[1]:
            errors[name] = [f"must be a whole number from {limits.REPS[0]} to {limits.REPS[1]}."]
    if not errors.keys() & {"rep_min", "rep_max"} and rep_min > rep_max:
        errors["rep_max"] = [f"must not be below the minimum ({rep_min})."]
    if load_kg is not None and not limits.LOAD_KG[0] <= load_kg <= limits.LOAD_KG[1]:
        errors["load_kg"] = ["must be between 0 and 1000 kg, or blank for body weight or the client's choice."]
    return errors


def _check_exercise(session: Session, client: Client, item: PlanItem, edit: ItemEdit, targets: list[PlanItem]):
    if edit.exercise_id == item.exercise_id:
        return {}
    new = session.get(Exercise, edit.exercise_id)
    if new is None:
        return {"exercise_id": [f"no exercise with id {edit.exercise_id} in the library."]}
    if new.muscle_groups[:1] != item.exercise.muscle_groups[:1]:
        group, other = item.exercise.muscle_groups[0], new.muscle_groups[0]
        return {"exercise_id": [f"must train the same main muscle group ({group}); {new.name} trains {other}."]}
    if not Equipment(client.equipment).allows(Equipment(new.equipment)):
        return {"exercise_id": [f"{new.name} needs {new.equipment}; {client.name} trains with {client.equipment}."]}
    for target in targets:
        if any(other.exercise_id == new.id for other in target.session.items if other is not target):
            return {"exercise_id": [f"{new.name} is already in the session of {format_day(target.session.day)}."]}
    return {}


def _same_load(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 0.001)


def _apply(item: PlanItem, edit: ItemEdit, old_name: str) -> None:
    before = (item.exercise_id, item.sets, item.rep_min, item.rep_max)
    after = (edit.exercise_id, edit.sets, edit.rep_min, edit.rep_max)
    changed = before != after or not _same_load(item.load_kg, edit.load_kg)
    if item.exercise_id != edit.exercise_id:
        item.reason = f"{TRAINER_REASON} (in place of {old_name})"
        item.deload_from_kg = None
    elif changed and not item.reason.startswith(TRAINER_REASON):
        rules_said = item.reason[:1].lower() + item.reason[1:]
        item.reason = f"{TRAINER_REASON} (the rules suggested: {rules_said})" if rules_said else TRAINER_REASON
    if item.deload_from_kg is not None and (edit.load_kg is None or edit.load_kg >= item.deload_from_kg - 0.001):
        item.deload_from_kg = None
    item.exercise_id, item.sets, item.rep_min, item.rep_max = edit.exercise_id, edit.sets, edit.rep_min, edit.rep_max
    item.load_kg = None if edit.load_kg is None else round(edit.load_kg, 3)
    item.note = edit.note.strip()


def touch(plan: Plan, by: User, now: datetime) -> None:
    """Record that the trainer changed the plan (the publish job then leaves it to them)."""
    plan.edited_at, plan.edited_by_id = now, by.id


def edit_item(
    session: Session, client: Client, plan: Plan, item: PlanItem, edit: ItemEdit, *, by: User, now: datetime
) -> list[PlanItem]:
    """Change an item (and, with ``every_session``, the same exercise in every session); the items changed. Commits."""
    if item.session.plan is not plan or plan.client_id != client.id:
        raise NotFound("no such item in this client's plan.")
    targets = [item]
    if edit.every_session:
        targets += [i for s in plan.sessions for i in s.items if i.exercise_id == item.exercise_id and i is not item]
    errors = {
        **check_prescription(edit.sets, edit.rep_min, edit.rep_max, edit.load_kg),
        **_check_exercise(session, client, item, edit, targets),
    }
    if len(edit.note) > limits.NOTES_MAX:
        errors["note"] = [f"must be at most {limits.NOTES_MAX} characters."]
    if errors:
        raise InvalidInput(errors)
    old_name = item.exercise.name
    for target in targets:
        _apply(target, edit, old_name)
    touch(plan, by, now)
    figures.refresh_attendance(session, plan.client_id, [plan.week_start])
    session.commit()
    return targets


def set_override(
    session: Session,
    client: Client,
    movement: str,
    action: str | None,
    to_exercise_id: int | None = None,
    *,
    by: User,
    now: datetime,
) -> MovementOverride | None:
    """Hold a movement, switch it to an exercise, or (``action`` None) leave it to the rules again. Commits.

    The override is stored for the client and used by every plan drawn up from then on.
    """
    forms = list(session.scalars(select(Exercise).where(Exercise.movement == movement)))
    if not forms:
        raise InvalidInput.one("movement", f"no movement called {movement!r} in the exercise library.")
    existing = session.scalars(
        select(MovementOverride).where(MovementOverride.client_id == client.id, MovementOverride.movement == movement)
    ).first()
    if action is None:
        if existing is not None:
            session.delete(existing)
            session.commit()
        return None
    if action not in set(OverrideAction):
        raise InvalidInput.one("action", "must be hold or switch.")
    target = None
    if action == OverrideAction.SWITCH and to_exercise_id is not None:
        target = next((e for e in forms if e.id == to_exercise_id), None)
        if target is None:
            raise InvalidInput.one("to_exercise_id", f"must be a form of the {movement} movement.")
        if not Equipment(client.equipment).allows(Equipment(target.equipment)):
            raise InvalidInput.one(
                "to_exercise_id", f"{target.name} needs {target.equipment}; {client.name} has {client.equipment}."
            )
    row = existing or MovementOverride(client_id=client.id, movement=movement)
    row.action, row.to_exercise_id = str(action), target.id if target else None
    row.created_by_id, row.created_at = by.id, now
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        if existing is not None:
            raise
        # Another request created the client's override of this movement meanwhile: update that one.
        return set_override(session, client, movement, action, to_exercise_id, by=by, now=now)
    return row


def overrides_of(session: Session, client: Client) -> dict[str, MovementOverride]:
    """The client's overrides by movement (one query)."""
    rows = session.scalars(select(MovementOverride).where(MovementOverride.client_id == client.id))
    return {row.movement: row for row in rows}


@dataclass(frozen=True)
class MovementControl:
    """A movement of the plan with the trainer's standing choice for it and the choices open."""

    movement: str
    exercises: tuple[str, ...]
    override: MovementOverride | None
    options: tuple[tuple[str, str], ...]
    selected: str


def movement_controls(session: Session, client: Client, plan: Plan) -> list[MovementControl]:
    """Each movement of the plan, in plan order, with its override and the forms it may switch to (two queries)."""
    this_week: dict[str, list[str]] = {}
    for planned in plan.sessions:
        for item in planned.items:
            names = this_week.setdefault(item.exercise.movement, [])
            if item.exercise.name not in names:
                names.append(item.exercise.name)
    overrides = overrides_of(session, client)
    equipment = Equipment(client.equipment)
    forms = [
        e
        for e in session.scalars(select(Exercise).where(Exercise.movement.in_(list(this_week))).order_by(Exercise.name))
        if equipment.allows(Equipment(e.equipment))
    ]
    controls = []
    for movement, names in this_week.items():
        override = overrides.get(movement)
        options = [("rules", "Follow the rules"), ("hold", "Hold: keep this form and load")]
        options += [(f"switch:{e.id}", f"Switch to {e.name}") for e in forms if e.movement == movement]
        selected = "rules"
        if override is not None:
            selected = override.action if override.to_exercise_id is None else f"switch:{override.to_exercise_id}"
            if selected == "switch":
                options.append(("switch", "Switch to its weighted form"))
        controls.append(MovementControl(movement, tuple(names), override, tuple(options), selected))
    return controls


def describe_override(session: Session, movement: str, row: MovementOverride | None) -> str:
    """The trainer's standing choice for a movement, in words."""
    name = movement[:1].upper() + movement[1:]
    if row is None:
        return f"{name} follows the rules again."
    if row.action == OverrideAction.HOLD:
        return f"{name} is held at its current form and load."
    target = session.get(Exercise, row.to_exercise_id) if row.to_exercise_id else None
    return f"{name} is switched to {target.name if target else 'its weighted form'}."
