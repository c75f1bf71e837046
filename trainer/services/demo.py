"""Demo data: a trainer with six clients and ten weeks of believable, repeatable history.

The history is made by a seeded ``random.Random`` per client, so the same ``today`` gives
the same rows. Each client shows something a trainer should notice:

- Maya: a body-weight beginner losing steadily, reps climbing (she has a login).
- Tom: losing far too fast lately (rapid loss); overhead press and bench press stalled.
- Priya: back focus; her weight has not moved for six weeks (weight plateau).
- Jake: gaining, uses pounds, bench press stalled; loads in 5 lb steps.
- Sofia: maintaining, moves from body-weight forms to dumbbells, training lapsed lately.
- Ken: archived; his history stops four weeks ago.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from ..domain.rules import DEFAULT_RULES
from ..domain.units import kg_to_lb, lb_to_kg
from ..models import Client, Exercise, Invitation, SetLog, User, WeighIn, Workout
from . import figures, plans

DEMO_EMAIL = "demo@trainer.local"
DEMO_PASSWORD = "demo-password-123"
DEMO_NAME = "Dana Demo"
HISTORY_WEEKS = 10
INVITATION_DAYS = 7

#: Training days (Monday = 0) for each sessions-per-week setting.
TRAINING_DAYS = {2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}

#: Sets per exercise by experience; beginners start lower for their first two weeks.
SETS = {"beginner": DEFAULT_RULES.established_sets, "intermediate": 3, "advanced": 4}

BODYWEIGHT_A = ("bodyweight-squat", "push-up", "inverted-row", "pike-push-up", "towel-curl")
BODYWEIGHT_B = ("reverse-lunge", "push-up", "negative-chin-up", "bench-dip", "floor-superman")


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


def _lb(*pairs: tuple[str, float]) -> dict[str, float]:
    return {slug: lb_to_kg(lb) for slug, lb in pairs}


CLIENTS: tuple[DemoClient, ...] = (
    DemoClient(
        name="Maya Lopez",
        email="maya.lopez@example.com",
        sex="female",
        age=34,
        height_cm=165,
        activity_level="light",
        weekly_goal_lb=-1.0,
        experience="beginner",
        days_per_week=3,
        equipment="bodyweight",
        timezone="America/New_York",
        unit="kg",
        start_weight_kg=78.4,
        kg_per_week=(-0.45,),
        adherence=(0.9,),
        sessions=(BODYWEIGHT_A, BODYWEIGHT_B),
        start_reps={"push-up": 5, "inverted-row": 6, "pike-push-up": 5, "negative-chin-up": 3, "bench-dip": 7},
        notes="Wants to keep up with her kids. Trains at home, no equipment.",
        with_login=True,
    ),
    DemoClient(
        name="Tom Becker",
        email="tom.becker@example.com",
        sex="male",
        age=41,
        height_cm=182,
        activity_level="moderate",
        weekly_goal_lb=-2.0,
        experience="intermediate",
        days_per_week=4,
        equipment="gym",
        timezone="Europe/Berlin",
        unit="kg",
        start_weight_kg=104.0,
        kg_per_week=(-0.9, -0.9, -0.8, -0.9, -1.0, -1.2, -1.6, -1.7, -1.8, -1.8),
        adherence=(0.9,),
        sessions=(
            ("back-squat", "bench-press", "seated-cable-row", "biceps-curl"),
            ("romanian-deadlift", "overhead-press", "lat-pull-down", "triceps-extension"),
        ),
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
    DemoClient(
        name="Priya Shah",
        email="priya.shah@example.com",
        sex="female",
        age=29,
        height_cm=160,
        activity_level="light",
        weekly_goal_lb=-0.5,
        experience="intermediate",
        days_per_week=3,
        equipment="dumbbells",
        timezone="Asia/Kolkata",
        unit="kg",
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
    DemoClient(
        name="Jake Miller",
        email="jake.miller@example.com",
        sex="male",
        age=24,
        height_cm=178,
        activity_level="very",
        weekly_goal_lb=1.0,
        experience="advanced",
        days_per_week=5,
        equipment="gym",
        timezone="America/Chicago",
        unit="lb",
        start_weight_kg=lb_to_kg(160),
        kg_per_week=(0.4,),
        adherence=(0.9,),
        sessions=(
            ("back-squat", "bench-press", "seated-cable-row", "biceps-curl"),
            ("deadlift", "overhead-press", "lat-pull-down", "triceps-extension", "back-extension"),
        ),
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
    DemoClient(
        name="Sofia Rossi",
        email="sofia.rossi@example.com",
        sex="female",
        age=52,
        height_cm=170,
        activity_level="sedentary",
        weekly_goal_lb=0.0,
        experience="beginner",
        days_per_week=2,
        equipment="dumbbells",
        timezone="Europe/Rome",
        unit="kg",
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
    DemoClient(
        name="Ken Tanaka",
        email="ken.tanaka@example.com",
        sex="male",
        age=38,
        height_cm=175,
        activity_level="moderate",
        weekly_goal_lb=-1.5,
        experience="intermediate",
        days_per_week=3,
        equipment="gym",
        timezone="Asia/Tokyo",
        unit="kg",
        start_weight_kg=88.0,
        kg_per_week=(-0.6,),
        adherence=(0.85,),
        sessions=(
            ("back-squat", "bench-press", "seated-cable-row", "biceps-curl"),
            ("romanian-deadlift", "overhead-press", "lat-pull-down", "triceps-extension"),
        ),
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

WORKOUT_NOTES = ("Felt strong today.", "Short on time, rushed the last sets.", "Slept badly.", "Great pump.")


@dataclass(frozen=True)
class DemoResult:
    """What ``seed_demo`` did: whether it created the data, and how many rows it added."""

    trainer: User
    created: bool
    clients: int = 0
    weigh_ins: int = 0
    workouts: int = 0
    sets: int = 0


def find_demo_trainer(session: Session) -> User | None:
    """The demo trainer, if the demo data exists."""
    return session.scalar(select(User).where(func.lower(User.email) == DEMO_EMAIL))


def seed_demo(
    session: Session,
    today: date,
    *,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoResult:
    """Create the demo trainer, clients and history ending the day before ``today``, in one commit.

    Does nothing when the demo trainer exists already. Clients with neither a login nor an
    archive get an open invitation issued at ``now`` (default: the start of ``today`` in UTC).
    ``progress`` is called with each client's name once that client's history is built.
    """
    now = now or datetime.combine(today, time(0, 0), UTC)
    existing = find_demo_trainer(session)
    if existing is not None:
        return DemoResult(trainer=existing, created=False)
    exercises = {e.slug: e for e in session.scalars(select(Exercise))}
    missing = {slug for spec in CLIENTS for day in spec.sessions for slug in day} - set(exercises)
    if missing:
        raise LookupError(f"the exercise library lacks {sorted(missing)}; run the database migrations first")

    password_hash = generate_password_hash(DEMO_PASSWORD)
    trainer = User(email=DEMO_EMAIL, name=DEMO_NAME, role="trainer", password_hash=password_hash)
    session.add(trainer)
    session.flush()
    started_on = today - timedelta(days=today.weekday(), weeks=HISTORY_WEEKS)
    totals = {"weigh_ins": 0, "workouts": 0, "sets": 0}
    try:
        for index, spec in enumerate(CLIENTS):
            client = _add_client(session, trainer, spec, started_on, password_hash)
            if client.user is None and not client.archived:
                _invite(session, client, now)
            history = _History(spec, client, exercises, random.Random(f"demo-{index}"))
            end = today if spec.archived_weeks_ago is None else today - timedelta(weeks=spec.archived_weeks_ago)
            weigh_ins, workouts = history.build(started_on, end)
            session.add_all(weigh_ins)
            session.add_all(workouts)
            figures.refresh_trends(session, [client.id])  # flushes the history first
            totals["weigh_ins"] += len(weigh_ins)
            totals["workouts"] += len(workouts)
            totals["sets"] += sum(len(w.sets) for w in workouts)
            if progress is not None:
                progress(spec.name)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return DemoResult(trainer=trainer, created=True, clients=len(CLIENTS), **totals)


def _add_client(session: Session, trainer: User, spec: DemoClient, started_on: date, password_hash: str) -> Client:
    client = Client(
        trainer_id=trainer.id,
        name=spec.name,
        email=spec.email,
        sex=spec.sex,
        birth_date=date(started_on.year - spec.age, 3 + len(spec.name) % 9, 1 + len(spec.email) % 27),
        height_cm=spec.height_cm,
        activity_level=spec.activity_level,
        weekly_goal_lb=spec.weekly_goal_lb,
        experience=spec.experience,
        days_per_week=spec.days_per_week,
        equipment=spec.equipment,
        focus=list(spec.focus),
        injuries=spec.injuries,
        notes=spec.notes,
        timezone=spec.timezone,
        unit=spec.unit,
        started_on=started_on,
        archived=spec.archived_weeks_ago is not None,
    )
    if spec.with_login:
        client.user = User(
            email=spec.email,
            name=spec.name,
            role="client",
            password_hash=password_hash,
            timezone=spec.timezone,
            unit=spec.unit,
        )
    session.add(client)
    session.flush()
    return client


def _invite(session: Session, client: Client, now: datetime) -> None:
    """An open invitation, so the trainer sees the link to pass on (the token is made when shown)."""
    session.add(
        Invitation(
            client_id=client.id,
            nonce=secrets.token_urlsafe(24),
            created_at=now,
            expires_at=now + timedelta(days=INVITATION_DAYS),
        )
    )


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


class _History:
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


def backfill_plans(session: Session, now: datetime, *, weeks: int = 3) -> int:
    """Run the weekly-plans and publish-plans work as it would have run over the last ``weeks`` weeks.

    So the demo shows plans, adherence and progression at once: each past Friday evening
    drafts the next week, each Monday publishes it, then the work runs once more at ``now``.
    Returns the plans created. Commits.
    """
    monday = now.date() - timedelta(days=now.weekday())
    created = 0
    for back in range(weeks, 0, -1):
        week = monday - timedelta(weeks=back)
        friday = datetime.combine(week - timedelta(days=3), time(19, 0), UTC)
        created += plans.create_weekly_plans(session, now=friday)["plans_created"]
        plans.publish_due_drafts(session, now=datetime.combine(week, time(14, 0), UTC))
    created += plans.create_weekly_plans(session, now=now)["plans_created"]
    plans.publish_due_drafts(session, now=now)
    return created
