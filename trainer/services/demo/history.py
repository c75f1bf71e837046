"""One demo client's history: weigh-ins and workouts, day by day, from a seeded ``random.Random``.

Body weight follows the client's trend plus daily water; training follows double progression
(reps up to the top of the range, then a heavier load), with stalls where the client stalls.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ...domain.rules import DEFAULT_RULES
from ...domain.units import kg_to_lb, lb_to_kg
from ...models import Client, Exercise, SetLog, WeighIn, Workout
from .specs import DemoClient

#: Training days (Monday = 0) for each sessions-per-week setting.
TRAINING_DAYS = {2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}

#: Sets per exercise by experience; beginners start lower for their first two weeks.
SETS = {"beginner": DEFAULT_RULES.established_sets, "intermediate": 3, "advanced": 4}

WORKOUT_NOTES = ("Felt strong today.", "Short on time, rushed the last sets.", "Slept badly.", "Great pump.")


def _pick(values: tuple[float, ...], week: int) -> float:
    """The value for training week ``week`` (1-based); the last value holds for later weeks."""
    return values[min(week, len(values)) - 1]


@dataclass
class _Lift:
    """Where a client stands on one exercise: the load, and what they can do with it now.

    For a weighted exercise ``level`` is the client's one-rep max in kg, so the reps they
    manage at a load follow Epley's formula and drop after a load increase just as much
    as the heavier load demands; for a body-weight exercise it is the reps of a fresh set.
    """

    slug: str
    load_kg: float
    level: float
    top_sessions: int = 0

    def fresh_reps(self) -> float:
        """The reps the client could do in a first set today."""
        return 30 * (self.level / self.load_kg - 1) if self.load_kg > 0 else self.level

    @classmethod
    def start(cls, slug: str, load_kg: float, reps: float) -> _Lift:
        return cls(slug, load_kg, load_kg * (1 + reps / 30) if load_kg > 0 else reps)


#: Progress from one session to the next: % of one-rep max (weighted), reps (body weight).
STRENGTH_GAIN_PCT = {"beginner": 2.5, "intermediate": 1.5, "advanced": 1.0}
REPS_GAIN = {"beginner": 1.0, "intermediate": 0.7, "advanced": 0.5}


class History:
    """Builds one client's weigh-ins and workouts, day by day."""

    def __init__(self, spec: DemoClient, client: Client, exercises: dict[str, Exercise], rng: random.Random):
        self.spec = spec
        self.client = client
        self.exercises = exercises
        self.rng = rng
        # Body weight draws from its own stream, so tuning the training model leaves the weights alone.
        self.scale = random.Random(rng.random())
        self.zone = ZoneInfo(spec.timezone)
        self.logged_by_id = client.user.id if client.user is not None else client.trainer_id
        self.lifts: dict[str, _Lift] = {}

    def build(self, start: date, end: date) -> tuple[list[WeighIn], list[Workout]]:
        """The weigh-ins and workouts from ``start`` up to the day before ``end``."""
        weigh_ins: list[WeighIn] = []
        workouts: list[Workout] = []
        weight = self.spec.start_weight_kg
        session_index = 0
        day = start
        while day < end:
            week = (day - start).days // 7 + 1
            weight += _pick(self.spec.kg_per_week, week) / 7
            if self.scale.random() < 0.85:
                weigh_ins.append(self._weigh_in(day, weight))
            if day.weekday() in TRAINING_DAYS[self.spec.days_per_week]:
                if self.rng.random() < _pick(self.spec.adherence, week):
                    workouts.append(self._workout(day, week, session_index))
                session_index += 1
            day += timedelta(days=1)
        return weigh_ins, workouts

    def _at(self, day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), self.zone)

    def _weigh_in(self, day: date, trend_kg: float) -> WeighIn:
        water = self.scale.gauss(0, 0.35) + (0.3 if day.weekday() == 0 else 0.0)
        kg = trend_kg + water
        # The scale shows 0.1 kg, or 0.2 lb for clients who weigh in pounds.
        kg = lb_to_kg(round(kg_to_lb(kg) * 5) / 5) if self.spec.unit == "lb" else round(kg, 1)
        at = self._at(day, 7, self.scale.randint(0, 59))
        return WeighIn(
            client_id=self.client.id,
            date=day,
            weight_kg=kg,
            logged_by_id=self.logged_by_id,
            created_at=at,
            updated_at=at,
        )

    def _workout(self, day: date, week: int, session_index: int) -> Workout:
        at = self._at(day, 18, self.rng.randint(0, 59))
        notes = self.rng.choice(WORKOUT_NOTES) if self.rng.random() < 0.12 else ""
        workout = Workout(
            client_id=self.client.id,
            date=day,
            notes=notes,
            logged_by_id=self.logged_by_id,
            created_at=at,
            updated_at=at,
        )
        log_rpe = self.spec.experience != "beginner" and self.rng.random() < 0.5
        position = 0
        for slug in self.spec.sessions[session_index % 2]:
            lift = self._lift(slug, week)
            exercise_id, load_kg, fresh = self.exercises[lift.slug].id, lift.load_kg, lift.fresh_reps()
            for reps in self._perform(lift, week):
                rpe = self._rpe(fresh, reps) if log_rpe else None
                workout.sets.append(
                    SetLog(exercise_id=exercise_id, position=position, reps=reps, load_kg=load_kg, rpe=rpe)
                )
                position += 1
        return workout

    def _lift(self, slug: str, week: int) -> _Lift:
        """The client's current lift for a movement (its weighted form once they have switched)."""
        lift = self.lifts.get(slug)
        if lift is None:
            load = float(self.spec.loads_kg.get(slug, 0.0))
            reps = self.spec.start_reps.get(slug, 8.5 if load > 0 else 10)
            lift = self.lifts[slug] = _Lift.start(slug, load, reps)
        exercise = self.exercises[lift.slug]
        if (
            exercise.bodyweight
            and exercise.weighted_form is not None
            and exercise.weighted_form.slug in self.spec.loads_kg
            and lift.top_sessions >= DEFAULT_RULES.weighted_switch_sessions
            and week >= DEFAULT_RULES.weighted_switch_min_week
        ):
            target = exercise.weighted_form.slug
            lift = self.lifts[slug] = _Lift.start(target, self.spec.loads_kg[target], 8.5)
        return lift

    def _perform(self, lift: _Lift, week: int) -> list[int]:
        """The reps of each set today, and the lift's progress for next time (double progression)."""
        rules = DEFAULT_RULES
        sets = SETS[self.spec.experience]
        if self.spec.experience == "beginner" and week <= rules.beginner_weeks_to_progress:
            sets = rules.beginner_sets
        stall_week = self.spec.stalls.get(lift.slug)
        stalled = stall_week is not None and week >= stall_week
        # A stalled lift stops improving and tops out two reps short of the range's top.
        ceiling = rules.rep_max - 2 if stalled else rules.rep_max
        fresh = lift.fresh_reps()
        reps = []
        for n in range(sets):
            done = fresh + self.rng.gauss(0, 0.3 if stalled else 0.5) - n * self.rng.uniform(0.1, 0.5)
            reps.append(max(3, min(ceiling, int(done))))
        if all(r >= rules.rep_max for r in reps):
            lift.top_sessions += 1
            if lift.load_kg > 0:
                lift.load_kg = self._next_load(lift.load_kg)
                lift.top_sessions = 0
        else:
            lift.top_sessions = 0
        if not stalled:
            if lift.load_kg > 0:
                lift.level *= 1 + STRENGTH_GAIN_PCT[self.spec.experience] / 100 * self.rng.uniform(0.5, 1.5)
            else:
                lift.level += REPS_GAIN[self.spec.experience] * self.rng.uniform(0.3, 1.2)
        return reps

    def _next_load(self, load_kg: float) -> float:
        """The load after a session with every set at the top of the range: +5%, at least one plate step."""
        rules = DEFAULT_RULES
        factor = 1 + rules.progression_pct / 100
        if self.spec.unit == "lb":
            step = rules.load_step_lb
            lb = round(kg_to_lb(load_kg) / step) * step
            return lb_to_kg(max(lb + step, round(lb * factor / step) * step))
        step = rules.load_step_kg
        load = round(load_kg / step) * step
        return max(load + step, round(load * factor / step) * step)

    def _rpe(self, fresh: float, reps: int) -> float:
        """A rating of effort: 10 minus the reps the client had left in the tank, in half points."""
        in_reserve = max(0.0, fresh + 0.5 - reps + self.rng.gauss(0, 0.6))
        return min(10.0, max(6.0, round((10 - in_reserve) * 2) / 2))
