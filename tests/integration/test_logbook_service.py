"""The logbook service: every rule, all-or-nothing writes, the Conflict on add and replace semantics."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from querycount import count_queries
from sqlalchemy import func, select

from trainer.models import Exercise, Plan, PlanSession, SetLog, WeighIn, Workout
from trainer.services import logbook
from trainer.services.errors import Conflict, InvalidInput, NotFound
from trainer.services.logbook import SetEntry

TODAY = date(2026, 11, 20)


@pytest.fixture
def trainer(make_trainer):
    return make_trainer()


@pytest.fixture
def client(trainer, make_client):
    return make_client(trainer, with_login=True)


@pytest.fixture
def me(client):
    return client.user


@pytest.fixture
def ids(session) -> dict[str, int]:
    return {e.slug: e.id for e in session.scalars(select(Exercise))}


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as raised:
        call()
    return raised.value.errors


# Weigh-ins ---------------------------------------------------------------------------


def test_add_weigh_in_stores_kilograms_and_who_logged_it(session, client, me):
    weigh_in = logbook.add_weigh_in(session, client, TODAY, 80.4567, by=me, today=TODAY)
    assert (weigh_in.client_id, weigh_in.date, weigh_in.weight_kg, weigh_in.logged_by_id) == (
        client.id,
        TODAY,
        80.46,
        me.id,
    )


def test_a_second_weigh_in_on_a_date_is_a_conflict_and_changes_nothing(session, client, me):
    logbook.add_weigh_in(session, client, TODAY, 80.0, by=me, today=TODAY)
    with pytest.raises(Conflict) as raised:
        logbook.add_weigh_in(session, client, TODAY, 79.0, by=me, today=TODAY)
    assert raised.value.field == "date"
    assert "already a weigh-in on 2026-11-20" in str(raised.value)
    session.expire_all()
    assert [w.weight_kg for w in session.scalars(select(WeighIn))] == [80.0]


def test_two_clients_may_weigh_in_on_the_same_date(session, trainer, make_client, client, me):
    other = make_client(trainer)
    logbook.add_weigh_in(session, client, TODAY, 80.0, by=me, today=TODAY)
    logbook.add_weigh_in(session, other, TODAY, 60.0, by=trainer, today=TODAY)
    assert count(session, WeighIn) == 2


def test_save_weigh_in_creates_one_when_the_date_is_free(session, client, me):
    logbook.save_weigh_in(session, client, TODAY, 80.0, by=me, today=TODAY)
    assert count(session, WeighIn) == 1


def test_save_weigh_in_replaces_the_weigh_in_of_that_date(session, trainer, client, me):
    first = logbook.add_weigh_in(session, client, TODAY, 80.0, by=me, today=TODAY)
    saved = logbook.save_weigh_in(session, client, TODAY, 79.5, by=trainer, today=TODAY)
    assert saved.id == first.id
    session.expire_all()
    stored = session.scalars(select(WeighIn)).one()
    assert (stored.weight_kg, stored.logged_by_id) == (79.5, trainer.id)


@pytest.mark.parametrize("call", ["add_weigh_in", "save_weigh_in"])
@pytest.mark.parametrize(
    ("on", "weight_kg", "field", "message"),
    [
        (TODAY + timedelta(days=1), 80.0, "date", "must not be after today (2026-11-20 in the client's time zone)."),
        (date(1899, 12, 31), 80.0, "date", "must not be before 1900-01-01."),
        (TODAY, 19.99, "weight_kg", "must be between 20 and 400 kg."),
        (TODAY, 400.01, "weight_kg", "must be between 20 and 400 kg."),
    ],
)
def test_weigh_ins_outside_the_rules_are_refused(session, client, me, call, on, weight_kg, field, message):
    errors = errors_of(lambda: getattr(logbook, call)(session, client, on, weight_kg, by=me, today=TODAY))
    assert errors == {field: [message]}
    assert count(session, WeighIn) == 0


def test_the_edges_of_the_weigh_in_rules_are_allowed(session, client, me):
    logbook.add_weigh_in(session, client, TODAY, 20.0, by=me, today=TODAY)
    logbook.add_weigh_in(session, client, date(1900, 1, 1), 400.0, by=me, today=TODAY)
    assert count(session, WeighIn) == 2


def test_a_bad_date_and_a_bad_weight_are_both_reported(session, client, me):
    errors = errors_of(
        lambda: logbook.add_weigh_in(session, client, TODAY + timedelta(days=1), 5.0, by=me, today=TODAY)
    )
    assert set(errors) == {"date", "weight_kg"}


def test_replacing_with_a_bad_weight_keeps_the_stored_one(session, client, me):
    logbook.add_weigh_in(session, client, TODAY, 80.0, by=me, today=TODAY)
    errors_of(lambda: logbook.save_weigh_in(session, client, TODAY, 500.0, by=me, today=TODAY))
    session.expire_all()
    assert session.scalars(select(WeighIn)).one().weight_kg == 80.0


def test_move_weigh_in_changes_date_and_weight(session, client, me):
    weigh_in = logbook.add_weigh_in(session, client, TODAY - timedelta(days=2), 80.0, by=me, today=TODAY)
    logbook.move_weigh_in(session, weigh_in, TODAY - timedelta(days=1), 79.0, by=me, today=TODAY)
    session.expire_all()
    stored = session.scalars(select(WeighIn)).one()
    assert (stored.date, stored.weight_kg) == (TODAY - timedelta(days=1), 79.0)


def test_moving_a_weigh_in_onto_another_is_a_conflict_and_changes_nothing(session, client, me):
    weigh_in = logbook.add_weigh_in(session, client, TODAY - timedelta(days=2), 80.0, by=me, today=TODAY)
    logbook.add_weigh_in(session, client, TODAY, 78.0, by=me, today=TODAY)
    with pytest.raises(Conflict):
        logbook.move_weigh_in(session, weigh_in, TODAY, 79.0, by=me, today=TODAY)
    session.rollback()
    session.expire_all()
    assert sorted((w.date, w.weight_kg) for w in session.scalars(select(WeighIn))) == [
        (TODAY - timedelta(days=2), 80.0),
        (TODAY, 78.0),
    ]


def test_move_weigh_in_checks_the_rules(session, client, me):
    weigh_in = logbook.add_weigh_in(session, client, TODAY, 80.0, by=me, today=TODAY)
    errors = errors_of(lambda: logbook.move_weigh_in(session, weigh_in, TODAY, 401.0, by=me, today=TODAY))
    assert "weight_kg" in errors
    session.expire_all()
    assert session.scalars(select(WeighIn)).one().weight_kg == 80.0


def test_delete_weigh_in(session, client, me):
    weigh_in = logbook.add_weigh_in(session, client, TODAY, 80.0, by=me, today=TODAY)
    logbook.delete_weigh_in(session, weigh_in)
    assert count(session, WeighIn) == 0


def test_weigh_ins_are_listed_newest_first_between_two_dates(session, trainer, make_client, client, me):
    for days_ago in (0, 3, 1, 10):
        logbook.add_weigh_in(session, client, TODAY - timedelta(days=days_ago), 80.0, by=me, today=TODAY)
    logbook.add_weigh_in(session, make_client(trainer), TODAY, 60.0, by=trainer, today=TODAY)
    assert [w.date.day for w in logbook.weigh_ins(session, client)] == [20, 19, 17, 10]
    listed = logbook.weigh_ins(session, client, start=TODAY - timedelta(days=3), end=TODAY - timedelta(days=1))
    assert [w.date.day for w in listed] == [19, 17]
    assert logbook.weigh_in_on(session, client, TODAY - timedelta(days=2)) is None


# Workouts ----------------------------------------------------------------------------


def test_log_workout_stores_every_set_in_order(session, client, me, ids):
    sets = [
        SetEntry(ids["goblet-squat"], 10, 16.0, 7.5),
        SetEntry(ids["goblet-squat"], 8, 16.0),
        SetEntry(ids["push-up"], 12),
    ]
    workout = logbook.log_workout(session, client, TODAY, sets, by=me, today=TODAY, notes="Good")
    session.expire_all()
    stored = session.get(Workout, workout.id)
    assert (stored.date, stored.notes, stored.logged_by_id, stored.plan_session_id) == (TODAY, "Good", me.id, None)
    assert [(s.position, s.exercise_id, s.reps, s.load_kg, s.rpe) for s in stored.sets] == [
        (0, ids["goblet-squat"], 10, 16.0, 7.5),
        (1, ids["goblet-squat"], 8, 16.0, None),
        (2, ids["push-up"], 12, 0.0, None),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"exercise_id": 999_999}, "sets[1].exercise_id", "no exercise with id 999999 in the library."),
        ({"reps": 0}, "sets[1].reps", "must be a whole number from 1 to 100."),
        ({"reps": 101}, "sets[1].reps", "must be a whole number from 1 to 100."),
        ({"load_kg": -0.5}, "sets[1].load_kg", "must be between 0 and 1000 kg."),
        ({"load_kg": 1000.5}, "sets[1].load_kg", "must be between 0 and 1000 kg."),
        ({"rpe": 0.5}, "sets[1].rpe", "must be between 1 and 10."),
        ({"rpe": 10.5}, "sets[1].rpe", "must be between 1 and 10."),
    ],
)
def test_one_set_outside_the_rules_saves_no_workout_and_no_set(session, client, me, ids, changes, field, message):
    good = SetEntry(ids["goblet-squat"], 10, 16.0)
    sets = [good, replace(good, **changes), good]
    errors = errors_of(lambda: logbook.log_workout(session, client, TODAY, sets, by=me, today=TODAY))
    assert errors == {field: [message]}
    assert count(session, Workout) == count(session, SetLog) == 0


def test_the_edges_of_the_set_rules_are_allowed(session, client, me, ids):
    sets = [SetEntry(ids["plank"], 1, 0.0, 1.0), SetEntry(ids["deadlift"], 100, 1000.0, 10.0)]
    logbook.log_workout(session, client, TODAY, sets, by=me, today=TODAY)
    assert count(session, SetLog) == 2


def test_every_broken_rule_of_a_workout_is_reported_at_once(session, client, me, ids):
    sets = [SetEntry(ids["plank"], 0, -1.0, 11.0), SetEntry(999_999, 10)]
    errors = errors_of(
        lambda: logbook.log_workout(session, client, TODAY + timedelta(days=1), sets, by=me, today=TODAY)
    )
    assert set(errors) == {"date", "sets[0].reps", "sets[0].load_kg", "sets[0].rpe", "sets[1].exercise_id"}


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (TODAY + timedelta(days=1), "must not be after today (2026-11-20 in the client's time zone)."),
        (date(1899, 12, 31), "must not be before 1900-01-01."),
    ],
)
def test_workout_dates_outside_the_rules_are_refused(session, client, me, ids, on, message):
    sets = [SetEntry(ids["plank"], 1)]
    assert errors_of(lambda: logbook.log_workout(session, client, on, sets, by=me, today=TODAY)) == {"date": [message]}
    assert count(session, Workout) == 0


def test_a_workout_needs_at_least_one_set(session, client, me):
    errors = errors_of(lambda: logbook.log_workout(session, client, TODAY, [], by=me, today=TODAY))
    assert errors == {"sets": ["log at least one set."]}


def test_a_workout_may_be_tied_to_one_of_the_clients_planned_sessions(session, trainer, make_client, client, me, ids):
    monday = TODAY - timedelta(days=TODAY.weekday())
    own, other = PlanSession(day=monday), PlanSession(day=monday)
    session.add_all(
        [
            Plan(client_id=client.id, week_start=monday, sessions=[own]),
            Plan(client_id=make_client(trainer).id, week_start=monday, sessions=[other]),
        ]
    )
    session.commit()
    sets = [SetEntry(ids["plank"], 1)]
    for foreign in (other.id, 999_999):
        errors = errors_of(
            lambda foreign=foreign: logbook.log_workout(
                session, client, TODAY, sets, by=me, today=TODAY, plan_session_id=foreign
            )
        )
        assert errors == {"plan_session_id": [f"no planned session {foreign} in this client's plans."]}
    workout = logbook.log_workout(session, client, TODAY, sets, by=me, today=TODAY, plan_session_id=own.id)
    assert workout.plan_session_id == own.id
    assert count(session, Workout) == 1


def test_replace_workout_replaces_date_sets_and_who_logged_it(session, trainer, client, me, ids):
    workout = logbook.log_workout(
        session, client, TODAY, [SetEntry(ids["plank"], 1), SetEntry(ids["plank"], 1)], by=me, today=TODAY, notes="a"
    )
    new_sets = [SetEntry(ids["goblet-squat"], 12, 18.0, 9.0)]
    logbook.replace_workout(session, workout, TODAY - timedelta(days=1), new_sets, by=trainer, today=TODAY)
    session.expire_all()
    stored = session.get(Workout, workout.id)
    assert (stored.date, stored.logged_by_id, stored.notes) == (TODAY - timedelta(days=1), trainer.id, "a")
    assert [(s.exercise_id, s.reps, s.load_kg, s.rpe) for s in stored.sets] == [(ids["goblet-squat"], 12, 18.0, 9.0)]
    assert count(session, SetLog) == 1


def test_replace_workout_with_a_bad_set_keeps_the_stored_workout(session, client, me, ids):
    workout = logbook.log_workout(session, client, TODAY, [SetEntry(ids["plank"], 1)], by=me, today=TODAY)
    bad = [SetEntry(ids["plank"], 5), SetEntry(ids["plank"], 500)]
    errors = errors_of(lambda: logbook.replace_workout(session, workout, TODAY, bad, by=me, today=TODAY, notes="x"))
    assert set(errors) == {"sets[1].reps"}
    session.expire_all()
    stored = session.get(Workout, workout.id)
    assert ([(s.reps,) for s in stored.sets], stored.notes) == ([(1,)], "")


def test_delete_workout_deletes_its_sets(session, client, me, ids):
    workout = logbook.log_workout(session, client, TODAY, [SetEntry(ids["plank"], 1)], by=me, today=TODAY)
    logbook.delete_workout(session, workout)
    assert count(session, Workout) == count(session, SetLog) == 0


def test_workout_of_finds_only_the_clients_own_workouts(session, trainer, make_client, client, me, ids):
    workout = logbook.log_workout(session, client, TODAY, [SetEntry(ids["plank"], 1)], by=me, today=TODAY)
    assert logbook.workout_of(session, client, workout.id) is workout
    with pytest.raises(NotFound):
        logbook.workout_of(session, make_client(trainer), workout.id)
    with pytest.raises(NotFound):
        logbook.workout_of(session, client, workout.id + 1)


def test_workouts_are_listed_newest_first_with_their_sets_in_two_queries(session, client, me, ids):
    for days_ago in (3, 0, 1, 8):
        sets = [SetEntry(ids["plank"], days_ago + 1)] * 3
        logbook.log_workout(session, client, TODAY - timedelta(days=days_ago), sets, by=me, today=TODAY)
    session.expire_all()
    session.refresh(client)
    with count_queries(session.get_bind()) as statements:
        listed = logbook.workouts(session, client, start=TODAY - timedelta(days=5))
        reps = [[s.reps for s in w.sets] for w in listed]
    assert [w.date.day for w in listed] == [20, 19, 17]
    assert reps == [[1, 1, 1], [2, 2, 2], [4, 4, 4]]
    assert len(statements) == 2


def test_the_exercise_library_lists_every_exercise_by_name(session):
    library = logbook.exercise_library(session)
    assert len(library) == count(session, Exercise)
    assert [e.name for e in library] == sorted(e.name for e in library)
