"""The working state of one plan: indexes of the library and history, and the choices made so far.

Only history from before the planned week is used, and it is sorted so that the input order of
rows never changes the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from trainer.domain import weeks
from trainer.domain.progression import Prescription, SessionLog, log_order, prescription_order
from trainer.domain.rules import CoachingRules

from .drafts import ItemDraft
from .inputs import ClientProfile, LibraryExercise, TrainingHistory
from .sets import base_sets


class PlanState:
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
        #: Notes for the trainer, in the order they arise.
        self.notes: list[str] = []
        #: What a reason starts with, by exercise id: the trainer's switch or the move to a weighted form.
        self.prefixes: dict[int, str] = {}
        #: The exercise chosen for each movement (``forms.form``) and each exercise's item (``prescriptions.item``).
        self.forms: dict[str, LibraryExercise | None] = {}
        self.items: dict[int, ItemDraft] = {}
        self.sets, rise = base_sets(profile.experience, self.prescriptions, history.adherence, week, rules)
        if rise is not None:
            self.notes.append(rise)

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
