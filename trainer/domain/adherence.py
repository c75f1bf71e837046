"""Adherence: which planned sessions were done, and how well (DOMAIN.md section 7).

A planned session is done when, within its plan week (Monday to Sunday of the session's
day, in the client's own dates), the client logged at least one set for at least half of
its exercises. Session adherence = done / counted sessions; quality adherence = prescribed
sets met (logged reps and load reached the prescription) / prescribed sets.

Decisions:
- Full-body sessions share exercises, so one workout must not tick off two sessions. Sets
  logged against a planned session (``LoggedSet.session_id``) count for that session only.
  Other sets are grouped by day into workouts, and each workout can complete at most one
  session of its week: workouts are matched to the sessions they cover so that as many
  sessions as possible are done, then with each workout as near its session's day as
  possible (earlier sessions and days win ties).
- A session is DONE as soon as it is done (even ahead of its day), MISSED once its plan
  week is over without being done, and PENDING while its week is still running: a pending
  session counts neither way, so a session can still be made up later that week.
- A set counts only with at least 1 rep and a date no later than ``today``.
- A prescribed set is met by a distinct logged set of that exercise in the session with at
  least ``min_reps`` reps and, when a load is prescribed, a load no more than
  ``rules.load_tolerance_kg`` below it. Quality is measured over done sessions only: missed
  sessions already show in session adherence, and counting them again would hide whether
  the client does the work when they come.
- A planned session with no exercises is ignored. Windows ("the last N days") select
  sessions by their planned day, ``today - (N - 1)`` to ``today``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from trainer.domain.rules import DEFAULT_RULES, CoachingRules
from trainer.domain.strength import ExerciseId, LoggedSet
from trainer.domain.weeks import week_start


@dataclass(frozen=True)
class PrescribedExercise:
    """An exercise in a planned session: how many sets, the reps that meet it, and the load (None: any)."""

    exercise_id: ExerciseId
    sets: int
    min_reps: int
    load_kg: float | None = None


@dataclass(frozen=True)
class PlannedSession:
    """A session of a plan, on its planned day."""

    session_id: Hashable
    day: date
    exercises: tuple[PrescribedExercise, ...]

    @property
    def exercise_ids(self) -> frozenset[ExerciseId]:
        """The distinct exercises of the session."""
        return frozenset(ex.exercise_id for ex in self.exercises)


class SessionStatus(StrEnum):
    DONE = "done"
    MISSED = "missed"
    PENDING = "pending"


@dataclass(frozen=True)
class SessionOutcome:
    """What became of a planned session; set counts are 0 unless it is done."""

    session: PlannedSession
    status: SessionStatus
    sets_prescribed: int = 0
    sets_met: int = 0


@dataclass(frozen=True)
class Adherence:
    """Session and quality adherence over the sessions planned from ``start`` to ``end``."""

    start: date
    end: date
    done: int
    missed: int
    pending: int
    sets_prescribed: int
    sets_met: int

    @property
    def counted(self) -> int:
        """Sessions that count: done or missed (pending ones wait for their week to end)."""
        return self.done + self.missed

    @property
    def rate(self) -> float | None:
        """Done / counted sessions, or None when no session counts yet."""
        return self.done / self.counted if self.counted else None

    @property
    def quality(self) -> float | None:
        """Prescribed sets met / prescribed sets of the done sessions, or None without any."""
        return self.sets_met / self.sets_prescribed if self.sets_prescribed else None


def _covers(session: PlannedSession, sets: Sequence[LoggedSet], rules: CoachingRules) -> bool:
    logged = {s.exercise_id for s in sets} & session.exercise_ids
    return len(logged) >= rules.session_done_exercise_fraction * len(session.exercise_ids)


def _sets_met(session: PlannedSession, sets: Sequence[LoggedSet], rules: CoachingRules) -> int:
    met = 0
    for ex in session.exercises:
        good = [
            s
            for s in sets
            if s.exercise_id == ex.exercise_id
            and s.reps >= ex.min_reps
            and (ex.load_kg is None or (s.load_kg or 0) >= ex.load_kg - rules.load_tolerance_kg)
        ]
        met += min(ex.sets, len(good))
    return met


def _match_workouts(
    sessions: list[PlannedSession], workouts: dict[date, list[LoggedSet]], rules: CoachingRules
) -> dict[Hashable, date]:
    """Which workout day completes which session: as many sessions as possible, then the least total distance."""
    days = sorted(workouts)
    order = sorted(sessions, key=lambda s: s.day)
    fits = [[j for j, d in enumerate(days) if _covers(s, workouts[d], rules)] for s in order]

    @cache
    def best(i: int, used: int) -> tuple[int, int, tuple[int | None, ...]]:
        if i == len(order):
            return 0, 0, ()
        options = []
        for j in fits[i]:
            if not used & (1 << j):
                count, distance, picks = best(i + 1, used | (1 << j))
                options.append((count + 1, distance + abs((days[j] - order[i].day).days), (j, *picks)))
        count, distance, picks = best(i + 1, used)
        options.append((count, distance, (None, *picks)))
        return max(options, key=lambda o: (o[0], -o[1]))  # the first wins a tie: earlier sessions and days

    _, _, picks = best(0, 0)
    return {s.session_id: days[j] for s, j in zip(order, picks, strict=True) if j is not None}


def _assign_week(
    sessions: list[PlannedSession], sets: list[LoggedSet], rules: CoachingRules
) -> dict[Hashable, list[LoggedSet]]:
    """The sets that complete each done session of one plan week, by session id."""
    by_id = {s.session_id: s for s in sessions}
    linked: dict[Hashable, list[LoggedSet]] = defaultdict(list)
    workouts: dict[date, list[LoggedSet]] = defaultdict(list)
    for logged in sets:
        if logged.session_id is not None and logged.session_id in by_id:
            linked[logged.session_id].append(logged)
        else:
            workouts[logged.performed_on].append(logged)
    done = {sid: group for sid, group in linked.items() if _covers(by_id[sid], group, rules)}
    open_sessions = [s for s in sessions if s.session_id not in done]
    for session_id, day in _match_workouts(open_sessions, workouts, rules).items():
        done[session_id] = workouts[day]
    return done


def _by_week(
    sessions: Iterable[PlannedSession], sets: Iterable[LoggedSet], today: date | None
) -> Iterator[tuple[date, list[PlannedSession], list[LoggedSet]]]:
    """Each plan week's sessions with exercises and the sets that count (at least 1 rep, not after ``today``)."""
    sessions_by_week: dict[date, list[PlannedSession]] = defaultdict(list)
    for session in sessions:
        if session.exercises:
            sessions_by_week[week_start(session.day)].append(session)
    sets_by_week: dict[date, list[LoggedSet]] = defaultdict(list)
    for logged in sets:
        if logged.reps >= 1 and (today is None or logged.performed_on <= today):
            sets_by_week[week_start(logged.performed_on)].append(logged)
    for monday, week_sessions in sessions_by_week.items():
        yield monday, week_sessions, sets_by_week.get(monday, [])


def assess_sessions(
    sessions: Iterable[PlannedSession],
    sets: Iterable[LoggedSet],
    today: date,
    rules: CoachingRules = DEFAULT_RULES,
) -> list[SessionOutcome]:
    """The outcome of every planned session (with at least one exercise) as of ``today``, in day order."""
    outcomes: list[SessionOutcome] = []
    for monday, week_sessions, week_sets in _by_week(sessions, sets, today):
        done = _assign_week(week_sessions, week_sets, rules)
        week_over = today > monday + timedelta(days=6)
        for session in week_sessions:
            if session.session_id in done:
                prescribed = sum(ex.sets for ex in session.exercises)
                met = _sets_met(session, done[session.session_id], rules)
                outcomes.append(SessionOutcome(session, SessionStatus.DONE, prescribed, met))
            else:
                status = SessionStatus.MISSED if week_over else SessionStatus.PENDING
                outcomes.append(SessionOutcome(session, status))
    return sorted(outcomes, key=lambda o: o.session.day)


def done_sessions(
    sessions: Iterable[PlannedSession], sets: Iterable[LoggedSet], rules: CoachingRules = DEFAULT_RULES
) -> frozenset[Hashable]:
    """The ids of the planned sessions (with at least one exercise) that the logged sets complete.

    The same matching as ``assess_sessions``, without a date: whether a session is done does not
    depend on today (sets are never logged ahead of the client's today), only whether an undone one
    is missed or still pending does. So "done" can be stored when sets or plans change, and
    ``attendance_last_days`` turns stored flags into the adherence figure for any today.
    """
    done: set[Hashable] = set()
    for _, week_sessions, week_sets in _by_week(sessions, sets, None):
        done.update(_assign_week(week_sessions, week_sets, rules))
    return frozenset(done)


def attendance_last_days(attendance: Iterable[tuple[date, bool]], today: date, days: int) -> Adherence:
    """Session adherence over the last ``days`` days from stored (planned day, done) pairs.

    Equal to ``adherence_last_days`` over ``assess_sessions`` for the sessions with exercises,
    without the quality figures: a not-done session is missed once its plan week is over, else pending.
    """
    start = today - timedelta(days=days - 1)
    done = missed = pending = 0
    for day, is_done in attendance:
        if not start <= day <= today:
            continue
        if is_done:
            done += 1
        elif today > week_start(day) + timedelta(days=6):
            missed += 1
        else:
            pending += 1
    return Adherence(start, today, done, missed, pending, sets_prescribed=0, sets_met=0)


def adherence_between(outcomes: Iterable[SessionOutcome], start: date, end: date) -> Adherence:
    """Adherence over the sessions planned from ``start`` to ``end``, both included."""
    chosen = [o for o in outcomes if start <= o.session.day <= end]
    count = {status: sum(o.status is status for o in chosen) for status in SessionStatus}
    return Adherence(
        start=start,
        end=end,
        done=count[SessionStatus.DONE],
        missed=count[SessionStatus.MISSED],
        pending=count[SessionStatus.PENDING],
        sets_prescribed=sum(o.sets_prescribed for o in chosen),
        sets_met=sum(o.sets_met for o in chosen),
    )


def adherence_last_days(outcomes: Iterable[SessionOutcome], today: date, days: int) -> Adherence:
    """Adherence over the sessions planned in the last ``days`` days, today included."""
    return adherence_between(outcomes, today - timedelta(days=days - 1), today)


def adherence_windows(
    outcomes: Sequence[SessionOutcome], today: date, windows: Iterable[int] = (7, 30, 90)
) -> dict[int, Adherence]:
    """The 7/30/90-day figures (or the given windows), by number of days."""
    return {days: adherence_last_days(outcomes, today, days) for days in windows}


def weekly_adherence(outcomes: Sequence[SessionOutcome]) -> list[Adherence]:
    """Adherence per plan week (Monday to Sunday) that has planned sessions, oldest first: the bars."""
    mondays = sorted({week_start(o.session.day) for o in outcomes})
    return [adherence_between(outcomes, monday, monday + timedelta(days=6)) for monday in mondays]
