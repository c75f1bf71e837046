"""Stored figures (``services.figures``) stay equal to what they derive from, on every write path.

After each operation the stored trend of every weigh-in equals the domain's trend over the whole
history, and every planned session's stored ``done`` equals the domain's matching of all logged sets.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.domain.adherence import PlannedSession, PrescribedExercise, adherence_last_days, done_sessions
from trainer.domain.strength import LoggedSet
from trainer.domain.trend import WeighIn as Reading
from trainer.domain.trend import rate_over, smooth
from trainer.models import Client, Exercise, Plan, PlanItem, PlanSession, SetLog, User, WeighIn, Workout
from trainer.services import demo, figures, imports, logbook, plan_edits, plan_review, plans, roster
from trainer.services.adherence import outcomes_for
from trainer.services.logbook import SetEntry
from trainer.services.plan_edits import ItemEdit

TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def assert_trends_stored(session, client_id: int) -> None:
    rows = session.execute(
        select(WeighIn.date, WeighIn.weight_kg, WeighIn.trend_kg)
        .where(WeighIn.client_id == client_id)
        .order_by(WeighIn.date)
    ).all()
    expected = smooth([Reading(day, kg) for day, kg, _ in rows])
    assert [trend for _, _, trend in rows] == pytest.approx([p.trend_kg for p in expected])


def assert_done_stored(session, client_id: int) -> dict[int, bool]:
    """Check the stored flags against the domain; the flags by session id."""
    stored = dict(
        session.execute(select(PlanSession.id, PlanSession.done).join(Plan).where(Plan.client_id == client_id)).all()
    )
    items = defaultdict(list)
    days = {}
    for session_id, day, exercise_id, sets, rep_min, load_kg in session.execute(
        select(PlanSession.id, PlanSession.day, PlanItem.exercise_id, PlanItem.sets, PlanItem.rep_min, PlanItem.load_kg)
        .join(Plan)
        .join(PlanItem)
        .where(Plan.client_id == client_id)
    ):
        days[session_id] = day
        items[session_id].append(PrescribedExercise(exercise_id, sets, rep_min, load_kg))
    sessions = [PlannedSession(sid, days[sid], tuple(exercises)) for sid, exercises in items.items()]
    sets = [
        LoggedSet(day, exercise_id, reps, load or None, session_id)
        for day, session_id, exercise_id, reps, load in session.execute(
            select(Workout.date, Workout.plan_session_id, SetLog.exercise_id, SetLog.reps, SetLog.load_kg)
            .join(SetLog)
            .where(Workout.client_id == client_id)
        )
    ]
    done = done_sessions(sessions, sets)
    # A session without exercises does not count: None.
    assert stored == {sid: (sid in done if sid in items else None) for sid in stored}
    return stored


@pytest.fixture
def trainer(make_trainer):
    return make_trainer()


@pytest.fixture
def client(trainer, make_client):
    return make_client(trainer)


def test_every_weigh_in_write_keeps_the_stored_trend(session, trainer, client):
    def save(on: date, kg: float) -> None:
        logbook.save_weigh_in(session, client, on, kg, by=trainer, today=TODAY)

    for n, kg in enumerate((80.0, 80.4, 79.8, 79.9, 79.5)):
        save(TODAY - timedelta(days=10 - 2 * n), kg)
    assert_trends_stored(session, client.id)
    # One day after a first reading of 80.0: 80 + 0.1 x (80.4 - 80) = 80.04 (the next reading is 2 days later).
    first_two = session.scalars(select(WeighIn.trend_kg).where(WeighIn.client_id == client.id).order_by(WeighIn.date))
    assert list(first_two)[:2] == pytest.approx([80.0, 80.0 + 0.19 * 0.4])

    logbook.add_weigh_in(session, client, TODAY - timedelta(days=20), 82.0, by=trainer, today=TODAY)  # before all
    assert_trends_stored(session, client.id)
    save(TODAY - timedelta(days=6), 81.0)  # replaces a weight in the middle
    assert_trends_stored(session, client.id)
    middle = logbook.weigh_in_on(session, client, TODAY - timedelta(days=4))
    logbook.move_weigh_in(session, middle, TODAY, 79.0, by=trainer, today=TODAY)  # to the end
    assert_trends_stored(session, client.id)
    logbook.move_weigh_in(session, middle, TODAY - timedelta(days=30), 83.0, by=trainer, today=TODAY)  # to the start
    assert_trends_stored(session, client.id)
    logbook.delete_weigh_in(session, logbook.weigh_in_on(session, client, TODAY - timedelta(days=30)))
    assert_trends_stored(session, client.id)
    assert session.scalar(select(WeighIn.trend_kg).order_by(WeighIn.date).limit(1)) == 82.0


def test_importing_weigh_ins_before_and_between_logged_ones_keeps_the_stored_trend(session, trainer, client):
    logbook.save_weigh_in(session, client, date(2026, 11, 20), 80.0, by=trainer, today=TODAY)
    logbook.save_weigh_in(session, client, date(2026, 11, 24), 79.0, by=trainer, today=TODAY)
    text = "date,weight,unit\n2026-11-01,82.5,kg\n2026-11-22,176.0,lb\n"
    assert imports.apply(session, client, "weigh-ins", text, by=trainer, today=TODAY).weigh_ins == 2
    assert_trends_stored(session, client.id)


def _plan_of(session, client, monday: date) -> Plan:
    return session.scalars(select(Plan).where(Plan.client_id == client.id, Plan.week_start == monday)).one()


def _sets_for(planned: PlanSession) -> list[SetEntry]:
    return [SetEntry(item.exercise_id, 10, 0.0) for item in planned.items for _ in range(item.sets)]


def test_every_workout_and_plan_write_keeps_the_stored_done_flags(session, trainer, client):
    # Monday 20:00 in London: this week's plan is drafted from today on, so Monday's session is in it.
    monday_evening = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    plans.create_weekly_plans(session, now=monday_evening)
    monday_sets = _sets_for(_plan_of(session, client, date(2026, 11, 23)).sessions[0])
    # Start again with Monday's workout logged before the plan exists: the new plan's session is done at once.
    session.delete(_plan_of(session, client, date(2026, 11, 23)))
    session.commit()
    early = logbook.log_workout(session, client, date(2026, 11, 23), monday_sets, by=trainer, today=TODAY)
    plans.create_weekly_plans(session, now=monday_evening)
    plan = _plan_of(session, client, date(2026, 11, 23))
    monday, wednesday = plan.sessions[0], plan.sessions[1]
    assert (monday.day, wednesday.day) == (date(2026, 11, 23), date(2026, 11, 25))
    assert assert_done_stored(session, client.id)[monday.id] is True

    # A workout on Wednesday logged against Wednesday's session.
    wed = logbook.log_workout(
        session, client, wednesday.day, _sets_for(wednesday), by=trainer, today=TODAY, plan_session_id=wednesday.id
    )
    assert assert_done_stored(session, client.id)[wednesday.id] is True

    # Moving Monday's workout into the week before undoes Monday's session.
    logbook.replace_workout(session, early, date(2026, 11, 17), _sets_for(monday), by=trainer, today=TODAY)
    assert assert_done_stored(session, client.id)[monday.id] is False

    # A trainer swaps every Wednesday exercise for one the workout did not log: no longer done.
    for item in list(wednesday.items):
        options = [e for e in plan_edits.exercise_options(session, client, item.exercise) if e.id != item.exercise_id]
        if options:
            edit = ItemEdit(options[0].id, item.sets, item.rep_min, item.rep_max, item.load_kg)
            plan_edits.edit_item(session, client, plan, item, edit, by=trainer, now=NOW)
    assert_done_stored(session, client.id)

    plan_review.regenerate(session, client, plan, by=trainer, now=NOW)
    assert_done_stored(session, client.id)

    logbook.delete_workout(session, wed)
    assert assert_done_stored(session, client.id)[wednesday.id] is False


def test_importing_workouts_keeps_the_stored_done_flags(session, trainer, client):
    plans.create_weekly_plans(session, now=datetime(2026, 11, 20, 19, 0, tzinfo=UTC))
    monday = _plan_of(session, client, date(2026, 11, 23)).sessions[0]
    names = {item.exercise_id: item.exercise.name for item in monday.items}
    rows = [
        f"2026-11-23 07:30:00,Full body,45m,{name},{n},20,10,0,0,,," for n, name in enumerate(names.values(), start=1)
    ]
    text = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
    text += "\n".join(rows) + "\n"
    result = imports.apply(session, client, "strong", text, by=trainer, today=TODAY, unit="kg")
    assert result.workouts == 1
    assert assert_done_stored(session, client.id)[monday.id] is True


def test_the_demo_stores_every_clients_figures(session):
    seeded = demo.seed_demo(session, TODAY, now=NOW)
    demo.backfill_plans(session, NOW)
    for client in session.scalars(select(Client).where(Client.trainer_id == seeded.trainer.id)):
        assert_trends_stored(session, client.id)
        flags = assert_done_stored(session, client.id)
        if not client.archived:
            assert flags and any(flags.values())


def test_a_session_without_exercises_is_stored_as_not_counting(session, trainer, client):
    plans.create_weekly_plans(session, now=datetime(2026, 11, 20, 19, 0, tzinfo=UTC))
    plan = _plan_of(session, client, date(2026, 11, 23))
    plan.sessions.append(PlanSession(day=date(2026, 11, 29), title="Rest and walk"))
    session.flush()
    figures.refresh_attendance(session, client.id, [date(2026, 11, 29)])
    session.commit()
    flags = assert_done_stored(session, client.id)
    assert flags[plan.sessions[-1].id] is None
    assert sum(flag is False for flag in flags.values()) >= 2


def test_the_roster_reads_the_same_rate_and_adherence_as_the_live_computation(session):
    seeded = demo.seed_demo(session, TODAY, now=NOW)
    demo.backfill_plans(session, NOW)
    for now in (NOW, NOW + timedelta(days=5), NOW + timedelta(days=12)):  # pending sessions become missed
        rows = roster.roster(session, seeded.trainer, roster.RosterQuery(), now=now)
        assert len(rows) >= 4
        live = outcomes_for(session, [row.client.id for row in rows], today=rows[0].today, days=14)
        for row in rows:
            history = session.execute(
                select(WeighIn.date, WeighIn.weight_kg).where(WeighIn.client_id == row.client.id)
            ).all()
            expected_rate = rate_over(smooth([Reading(d, kg) for d, kg in history]), row.today, 14)
            assert (row.rate is None) == (expected_rate is None)
            if row.rate:
                assert (row.rate.start, row.rate.end, row.rate.weigh_ins) == (
                    expected_rate.start,
                    expected_rate.end,
                    expected_rate.weigh_ins,
                )
                assert row.rate.kg_per_week == pytest.approx(expected_rate.kg_per_week)
            assert row.adherence == adherence_last_days(live[row.client.id], row.today, 14).rate
        assert any(row.adherence is not None for row in rows)
        assert now > NOW or sum(row.rate is not None for row in rows) >= 4


def test_refreshing_the_trend_keeps_when_a_person_last_changed_each_weigh_in(session, trainer, client):
    logbook.save_weigh_in(session, client, TODAY - timedelta(days=2), 80.0, by=trainer, today=TODAY)
    logbook.save_weigh_in(session, client, TODAY - timedelta(days=1), 80.5, by=trainer, today=TODAY)
    before = session.scalar(select(WeighIn.updated_at).where(WeighIn.date == TODAY - timedelta(days=1)))
    # Changing the earlier weight moves the later trend, not when the later weigh-in was changed.
    logbook.save_weigh_in(session, client, TODAY - timedelta(days=2), 79.0, by=trainer, today=TODAY)
    assert_trends_stored(session, client.id)
    assert session.scalar(select(WeighIn.updated_at).where(WeighIn.date == TODAY - timedelta(days=1))) == before


def test_two_workouts_logged_at_once_in_one_week_both_count(db, trainer, client):
    """Each refresh waits for the other's commit (a row lock on PostgreSQL, the one writer of SQLite), so neither
    writes flags that miss the other's workout."""
    exercise = db.session.scalars(select(Exercise).order_by(Exercise.id)).first()
    monday, wednesday = date(2026, 11, 23), date(2026, 11, 25)
    plan = Plan(client_id=client.id, week_start=monday, status="published")
    for day in (monday, wednesday):
        plan.sessions.append(
            PlanSession(day=day, items=[PlanItem(exercise_id=exercise.id, sets=3, rep_min=8, rep_max=12)])
        )
    db.session.add(plan)
    db.session.commit()
    sets = [SetEntry(exercise.id, 10, 20.0)]
    first, second = Session(db.engine), Session(db.engine)
    try:
        # The first request logs Monday's workout and has refreshed the flags, but not committed yet...
        logbook.fill_sets(workout := Workout(client_id=client.id, date=monday, notes="", logged_by_id=trainer.id), sets)
        first.add(workout)
        figures.refresh_attendance(first, client.id, [monday])
        # ...when a second request logs Wednesday's.
        worker = threading.Thread(
            target=lambda: logbook.log_workout(
                second, second.get(Client, client.id), wednesday, sets, by=second.get(User, trainer.id), today=TODAY
            )
        )
        worker.start()
        time.sleep(0.5)
        first.commit()
        worker.join(timeout=30)
    finally:
        first.close()
        second.close()
    db.session.expire_all()
    assert assert_done_stored(db.session, client.id) == {plan.sessions[0].id: True, plan.sessions[1].id: True}
