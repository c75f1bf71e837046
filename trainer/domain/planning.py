"""A week's plan for one client: full-body sessions, sets, reps and loads (DOMAIN.md sections 2-3).

``plan_week`` is pure and deterministic: the same profile, library, history and week give the
same draft. Only history from before the planned week is used.

Decisions recorded here (where DOMAIN.md leaves room):
- Two alternating full-body sessions, A and B, each covering all six major groups: A squats
  and rows, B lunges and pulls down; both press (chest, shoulders), curl and extend triceps.
  Days alternate A/B; with an odd day count, even training weeks start with B.
- Focus: back adds a pull-down and rear-deltoid flyes to A and a row and back extensions to B;
  legs add the other leg movement; core adds a plank; any other group gets one more set on
  exercises that train it first (never above ``max_sets``).
- Form: a movement keeps the exercise last prescribed for it (else last logged). Without
  history, beginners and body-weight-only clients start on body-weight forms, intermediate
  and advanced clients with equipment on weighted forms. A body-weight form moves to its
  weighted form by ``progression.ready_for_weighted`` when the equipment allows it.
- Trainer overrides, per movement: ``hold`` keeps the form and repeats the last load;
  ``switch`` uses the named exercise (or the weighted form) unless the equipment forbids it.
- Sets: beginners ``beginner_sets``, rising to ``established_sets`` after
  ``beginner_weeks_to_progress`` consecutive weeks at or above the adherence threshold (kept
  once every item of the latest plan had them); intermediate ``intermediate_sets``; advanced
  ``advanced_sets``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from trainer.domain import weeks
from trainer.domain.exercises import LIBRARY, MAJOR_GROUPS, Equipment, ExerciseSpec, MuscleGroup
from trainer.domain.progression import (
    FIRST_LOAD_CUE,
    Decision,
    LoadDecision,
    Prescription,
    SessionLog,
    decide_load,
    describe_bodyweight,
    format_load,
    log_order,
    prescription_order,
    ready_for_weighted,
)
from trainer.domain.rules import DEFAULT_RULES, CoachingRules
from trainer.domain.units import WeightUnit

_G = MuscleGroup
#: The movements of each session, in order; A and B alternate through the week.
SESSION_MOVEMENTS: dict[str, tuple[str, ...]] = {
    "A": ("squat", "chest press", "row", "shoulder press", "curl", "triceps extension"),
    "B": ("lunge", "chest press", "pull-down", "shoulder press", "curl", "triceps extension"),
}
#: Movements a focus group adds to each session (seed: back focus).
FOCUS_MOVEMENTS: dict[MuscleGroup, dict[str, tuple[str, ...]]] = {
    _G.BACK: {"A": ("pull-down", "rear-deltoid flye"), "B": ("row", "back extension")},
    _G.LEGS: {"A": ("lunge",), "B": ("squat",)},
    _G.CORE: {"A": ("plank",), "B": ("plank",)},
}
#: The movement that stands in for a major group a session would otherwise miss.
GROUP_MOVEMENT: dict[MuscleGroup, str] = {
    _G.CHEST: "chest press",
    _G.BACK: "row",
    _G.SHOULDERS: "shoulder press",
    _G.LEGS: "squat",
    _G.BICEPS: "curl",
    _G.TRICEPS: "triceps extension",
}


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


@dataclass(frozen=True)
class ItemDraft:
    """One exercise of a session: sets of rep_min-rep_max reps at load_kg (``None``: body weight or client's choice)."""

    exercise_id: int
    sets: int
    rep_min: int
    rep_max: int
    load_kg: float | None
    reason: str
    #: Set on a deload week: the load to return to the week after (store it with the prescription).
    deload_from_kg: float | None = None


@dataclass(frozen=True)
class SessionDraft:
    """One training day of the plan."""

    day: date
    title: str
    items: tuple[ItemDraft, ...]


@dataclass(frozen=True)
class PlanDraft:
    """A week's plan for the trainer to review, with notes where it needs their eye."""

    week_start: date
    sessions: tuple[SessionDraft, ...]
    notes: tuple[str, ...]


def reads_adherence(experience: Experience) -> bool:
    """Whether ``plan_week`` reads ``history.adherence`` for a client at ``experience``.

    Only a beginner's sets follow adherence, so loaders may skip the figures for everyone else.
    """
    return experience is Experience.BEGINNER


def plan_week(
    profile: ClientProfile,
    library: Sequence[LibraryExercise],
    history: TrainingHistory,
    week_start: date,
    rules: CoachingRules = DEFAULT_RULES,
) -> PlanDraft:
    """The draft plan of ``profile``'s client for the week containing ``week_start``."""
    monday = weeks.week_start(week_start)
    days = weeks.training_days(monday, profile.days_per_week)
    planner = _Planner(profile, library, history, monday, rules)
    first = (planner.week_no - 1) % 2 if len(days) % 2 else 0
    sessions = []
    for index, day in enumerate(days):
        key = "AB"[(index + first) % 2]
        sessions.append(SessionDraft(day, f"Full body {key}", planner.session_items(key)))
    notes = []
    low, high, count = rules.guideline_days_min, rules.guideline_days_max, profile.days_per_week
    if not low <= count <= high:
        notes.append(
            f"{count} training days a week departs from the {low}-{high} days/week guideline: "
            f"each major muscle group is trained {count} times this week"
        )
    return PlanDraft(monday, tuple(sessions), tuple(dict.fromkeys(notes + planner.notes)))


class _Planner:
    """Working state for one plan: indexes of the library and history, choices made so far."""

    def __init__(
        self,
        profile: ClientProfile,
        library: Sequence[LibraryExercise],
        history: TrainingHistory,
        week: date,
        rules: CoachingRules,
    ) -> None:
        self.profile, self.rules, self.week = profile, rules, week
        self.week_no = weeks.training_week_number(profile.started_on, week)
        self.library = tuple(sorted(library, key=lambda e: e.id))
        self.by_id = {e.id: e for e in self.library}
        self.by_slug: dict[str, LibraryExercise] = {}
        for exercise in self.library:
            self.by_slug.setdefault(exercise.slug, exercise)
        self._stages: dict[int, tuple[bool, int, int]] = {}
        # Sorted so that the input order of rows never changes the plan; on a tie the further-on form wins.
        logs = [log for log in history.logs if log.day < week]
        logs.sort(key=lambda log: (log.day, *self._stage(log.exercise_id)))
        if any(a.day == b.day and a.exercise_id == b.exercise_id for a, b in zip(logs, logs[1:], strict=False)):
            # Only logs of one exercise on one day tie: their content orders them (computed only then).
            logs.sort(key=lambda log: (log.day, *self._stage(log.exercise_id), log_order(log)))
        self.logs = tuple(logs)
        self.prescriptions = tuple(
            sorted(
                (p for p in history.prescriptions if p.week_start < week),
                key=lambda p: (p.week_start, *self._stage(p.exercise_id), prescription_order(p)),
            )
        )
        self._logs_of: dict[int, list[SessionLog]] = {}
        for log in self.logs:
            self._logs_of.setdefault(log.exercise_id, []).append(log)
        self._prescriptions_of: dict[int, list[Prescription]] = {}
        for p in self.prescriptions:
            self._prescriptions_of.setdefault(p.exercise_id, []).append(p)
        self.overrides = {o.movement: o for o in profile.overrides}
        self.notes: list[str] = []
        self.prefixes: dict[int, str] = {}
        self._forms: dict[str, LibraryExercise | None] = {}
        self._items: dict[int, ItemDraft] = {}
        self.sets = self._base_sets(history.adherence)

    def _stage(self, exercise_id: int) -> tuple[bool, int, int]:
        stage = self._stages.get(exercise_id)
        if stage is None:
            exercise = self.by_id.get(exercise_id)
            stage = self._stages[exercise_id] = (
                exercise is not None and not exercise.bodyweight,
                exercise.equipment.rank if exercise else -1,
                exercise_id,
            )
        return stage

    def allows(self, exercise: LibraryExercise) -> bool:
        return self.profile.equipment.allows(exercise.equipment)

    def logs_of(self, exercise_id: int) -> tuple[SessionLog, ...]:
        return tuple(self._logs_of.get(exercise_id, ()))

    def prescriptions_of(self, exercise_id: int) -> tuple[Prescription, ...]:
        return tuple(self._prescriptions_of.get(exercise_id, ()))

    def session_items(self, key: str) -> tuple[ItemDraft, ...]:
        """The items of session ``key`` (A or B): its movements, the focus's, then any missing group."""
        movements = list(SESSION_MOVEMENTS[key])
        for group in dict.fromkeys(self.profile.focus):
            movements += FOCUS_MOVEMENTS.get(group, {}).get(key, ())
        chosen: list[LibraryExercise] = []
        for movement in dict.fromkeys(movements):
            exercise = self.form(movement)
            if exercise is not None and exercise not in chosen:
                chosen.append(exercise)
        for group in MAJOR_GROUPS:
            if not any(group in e.muscle_groups for e in chosen):
                stand_in = self._stand_in(group, chosen)
                if stand_in is None:
                    self.notes.append(f"No exercise in the library trains {group} with {self.profile.equipment}")
                else:
                    chosen.append(stand_in)
        return tuple(self.item(e) for e in chosen)

    def form(self, movement: str) -> LibraryExercise | None:
        """The exercise the client does for ``movement`` this week (the same every session)."""
        if movement not in self._forms:
            self._forms[movement] = self._choose_form(movement)
        return self._forms[movement]

    def _choose_form(self, movement: str) -> LibraryExercise | None:
        allowed = [e for e in self.library if e.movement == movement and self.allows(e)]
        current = self._current(allowed)
        override = self.overrides.get(movement)
        if override is not None and override.action is OverrideAction.SWITCH:
            slug = override.to_slug or (current and (current.weighted_form or current.slug))
            target = self.by_slug.get(slug or "")
            if target is not None and self.allows(target):
                self.prefixes[target.id] = f"Switched to {target.name} by the trainer"
                return target
            wanted = slug or "a weighted form"
            self.notes.append(f"Trainer's switch of {movement} to {wanted} not possible with {self.profile.equipment}")
        if current is None or not current.bodyweight or not current.weighted_form:
            return current
        target = self.by_slug.get(current.weighted_form)
        if target is None or not self.allows(target) or override is not None:
            return current
        previous = self.prescriptions_of(current.id)
        sets = max(previous, key=prescription_order).sets if previous else self.sets
        why = ready_for_weighted(self.logs_of(current.id), sets, self.week_no, self.rules)
        if why is None:
            return current
        self.prefixes[target.id] = f"Now {target.name} (was {current.name}): {why}"
        self.notes.append(f"{current.name} moves to its weighted form, {target.name}")
        return target

    def _current(self, allowed: list[LibraryExercise]) -> LibraryExercise | None:
        ids = {e.id for e in allowed}
        # The latest prescribed exercise of the movement, else the latest logged one.
        latest = next((p.exercise_id for p in reversed(self.prescriptions) if p.exercise_id in ids), None)
        if latest is None:
            latest = next((log.exercise_id for log in reversed(self.logs) if log.exercise_id in ids), None)
        if latest is not None:
            return self.by_id[latest]
        bodyweight = sorted((e for e in allowed if e.bodyweight), key=lambda e: (e.weighted_form is None, e.id))
        entry = bodyweight[0] if bodyweight else None
        weighted = self.by_slug.get(entry.weighted_form or "") if entry else None
        if weighted is None or not self.allows(weighted):
            loaded = sorted((e for e in allowed if not e.bodyweight), key=lambda e: (e.equipment.rank, e.id))
            weighted = loaded[0] if loaded else None
        starts_bodyweight = (
            self.profile.experience is Experience.BEGINNER or self.profile.equipment is Equipment.BODYWEIGHT
        )
        return (entry or weighted) if starts_bodyweight else (weighted or entry)

    def _stand_in(self, group: MuscleGroup, chosen: list[LibraryExercise]) -> LibraryExercise | None:
        usual = self.form(GROUP_MOVEMENT[group])
        if usual is not None and usual not in chosen and group in usual.muscle_groups:
            return usual
        return next((e for e in self.library if group in e.muscle_groups and self.allows(e) and e not in chosen), None)

    def item(self, exercise: LibraryExercise) -> ItemDraft:
        """The prescription for ``exercise`` this week (the same in every session)."""
        if exercise.id not in self._items:
            self._items[exercise.id] = self._prescribe(exercise)
        return self._items[exercise.id]

    def _prescribe(self, exercise: LibraryExercise) -> ItemDraft:
        rules, unit = self.rules, self.profile.unit
        cap = rules.established_sets if self.profile.experience is Experience.BEGINNER else rules.max_sets
        extra = exercise.muscle_groups[0] in self.profile.focus and exercise.muscle_groups[0] not in FOCUS_MOVEMENTS
        sets = min(self.sets + extra, max(cap, self.sets))
        logs, previous = self.logs_of(exercise.id), self.prescriptions_of(exercise.id)
        held = (o := self.overrides.get(exercise.movement)) is not None and o.action is OverrideAction.HOLD
        if exercise.bodyweight:
            weighted = self.by_slug.get(exercise.weighted_form or "")
            can_go_weighted = weighted is not None and self.allows(weighted) and not held
            reason = describe_bodyweight(logs, previous, rules, can_go_weighted=can_go_weighted)
            decision = LoadDecision(Decision.HOLD, None, reason)
        elif held and previous:
            load = max(previous, key=prescription_order).load_kg
            shown = format_load(load, unit, rules) if load is not None else f"the client's load ({FIRST_LOAD_CUE})"
            decision = LoadDecision(Decision.HOLD, load, f"Held by the trainer at {shown}")
        else:
            decision = decide_load(logs, previous, unit, rules)
        if decision.decision is Decision.DELOAD:
            self.notes.append(f"Deload week for {exercise.name}: {decision.reason}")
        reason = decision.reason
        if exercise.id in self.prefixes:
            reason = f"{self.prefixes[exercise.id]}. {reason}"
        elif held and exercise.bodyweight:
            reason = f"Held by the trainer. {reason}"
        return ItemDraft(
            exercise.id, sets, rules.rep_min, rules.rep_max, decision.load_kg, reason, decision.deload_from_kg
        )

    def _base_sets(self, adherence: Sequence[WeekAdherence]) -> int:
        rules, experience = self.rules, self.profile.experience
        if not reads_adherence(experience):
            return rules.advanced_sets if experience is Experience.ADVANCED else rules.intermediate_sets
        latest = (
            [p for p in self.prescriptions if p.week_start == self.prescriptions[-1].week_start]
            if self.prescriptions
            else []
        )
        if latest and min(p.sets for p in latest) >= rules.established_sets:
            return rules.established_sets
        figures = sorted((a for a in adherence if a.week_start < self.week), key=lambda a: (a.week_start, a.rate))
        needed = rules.beginner_weeks_to_progress
        for end in range(needed - 1, len(figures)):
            run = figures[end - needed + 1 : end + 1]
            consecutive = all(
                b.week_start - a.week_start == timedelta(days=7) for a, b in zip(run, run[1:], strict=False)
            )
            if consecutive and all(a.rate >= rules.beginner_adherence_to_progress for a in run):
                rates = ", ".join(f"{a.rate:.0%} in the week of {a.week_start.day} {a.week_start:%b}" for a in run)
                self.notes.append(
                    f"Sets rise from {rules.beginner_sets} to {rules.established_sets}: adherence {rates}"
                )
                return rules.established_sets
        return rules.beginner_sets
