from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.domain.exercises import LIBRARY, MAJOR_GROUPS, Equipment, MuscleGroup
from trainer.domain.planning import (
    ClientProfile,
    Experience,
    LibraryExercise,
    MovementOverride,
    OverrideAction,
    TrainingHistory,
    WeekAdherence,
    library_from_specs,
    plan_week,
)
from trainer.domain.progression import FIRST_LOAD_CUE, LoggedSet, Prescription, SessionLog
from trainer.domain.units import WeightUnit, from_kg, to_kg

LIB = library_from_specs()
ID = {e.slug: e.id for e in LIB}
SLUG = {e.id: e.slug for e in LIB}
BY_ID = {e.id: e for e in LIB}
WEEK = date(2026, 3, 9)  # Monday; the client started on 5 Jan 2026, so this is training week 10
NO_HISTORY = TrainingHistory()


def profile(**changes):
    base = ClientProfile(
        client_id=7,
        experience=Experience.BEGINNER,
        days_per_week=3,
        equipment=Equipment.BODYWEIGHT,
        unit=WeightUnit.KG,
        started_on=date(2026, 1, 5),
    )
    return replace(base, **changes)


def slugs(session):
    return [SLUG[item.exercise_id] for item in session.items]


def item_for(plan, slug):
    return next(i for s in plan.sessions for i in s.items if i.exercise_id == ID[slug])


def weekly(slug, week, sets=3, load=None, deload_from=None):
    return Prescription(ID[slug], week, sets, 8, 12, load, deload_from)


def logged(slug, day, *reps, load=None):
    return SessionLog(ID[slug], day, tuple(LoggedSet(r, load) for r in reps))


def test_library_from_specs_numbers_the_seed_library_from_one():
    assert LIB[0] == LibraryExercise.from_spec(1, LIBRARY[0])
    assert [e.slug for e in LIB] == [s.slug for s in LIBRARY]


def test_a_new_body_weight_beginner_gets_two_sets_of_body_weight_moves_on_alternating_days():
    plan = plan_week(profile(), LIB, NO_HISTORY, WEEK)
    assert plan.week_start == WEEK
    assert [s.day for s in plan.sessions] == [WEEK, WEEK + timedelta(days=2), WEEK + timedelta(days=4)]
    assert [s.title for s in plan.sessions] == ["Full body B", "Full body A", "Full body B"]  # even week: B first
    assert slugs(plan.sessions[1]) == [
        "bodyweight-squat",
        "push-up",
        "inverted-row",
        "pike-push-up",
        "towel-curl",
        "bench-dip",
    ]
    assert slugs(plan.sessions[0]) == [
        "reverse-lunge",
        "push-up",
        "negative-chin-up",
        "pike-push-up",
        "towel-curl",
        "bench-dip",
    ]
    items = [i for s in plan.sessions for i in s.items]
    assert {(i.sets, i.rep_min, i.rep_max, i.load_kg) for i in items} == {(2, 8, 12, None)}
    assert plan.notes == ()


def test_odd_weeks_start_with_session_a():
    plan = plan_week(profile(), LIB, NO_HISTORY, WEEK + timedelta(days=7))
    assert [s.title for s in plan.sessions] == ["Full body A", "Full body B", "Full body A"]


def test_any_day_of_the_week_plans_that_week():
    assert plan_week(profile(), LIB, NO_HISTORY, WEEK + timedelta(days=3)).week_start == WEEK


@pytest.mark.parametrize("days", [2, 5])
def test_two_or_five_days_a_week_say_they_depart_from_the_guideline(days):
    plan = plan_week(profile(days_per_week=days), LIB, NO_HISTORY, WEEK)
    assert len(plan.sessions) == days
    assert plan.notes == (
        f"{days} training days a week departs from the 3-4 days/week guideline: "
        f"each major muscle group is trained {days} times this week",
    )


def test_intermediate_gym_clients_start_on_weighted_forms_with_a_blank_load_and_the_cue():
    plan = plan_week(profile(experience=Experience.INTERMEDIATE, equipment=Equipment.GYM), LIB, NO_HISTORY, WEEK)
    b = plan.sessions[0]
    assert slugs(b) == [
        "weighted-lunge",
        "chest-press",
        "lat-pull-down",
        "shoulder-press",
        "biceps-curl",
        "triceps-extension",
    ]
    assert {(i.sets, i.load_kg) for i in b.items} == {(3, None)}
    assert all(FIRST_LOAD_CUE in i.reason.lower() for i in b.items)


def test_dumbbell_clients_keep_body_weight_forms_of_gym_only_moves():
    plan = plan_week(profile(experience=Experience.ADVANCED, equipment=Equipment.DUMBBELLS), LIB, NO_HISTORY, WEEK)
    assert "negative-chin-up" in slugs(plan.sessions[0])
    assert {i.sets for s in plan.sessions for i in s.items} == {4}


def test_back_focus_adds_flyes_pull_downs_rows_and_back_extensions():
    plan = plan_week(profile(focus=(MuscleGroup.BACK,)), LIB, NO_HISTORY, WEEK)
    b, a = plan.sessions[0], plan.sessions[1]
    assert slugs(a)[6:] == ["negative-chin-up", "prone-y-t-raise"]
    assert slugs(b)[6:] == ["inverted-row", "floor-superman"]


def test_back_focus_uses_weighted_forms_for_a_gym_client():
    gym = profile(experience=Experience.INTERMEDIATE, equipment=Equipment.GYM, focus=(MuscleGroup.BACK,))
    plan = plan_week(gym, LIB, NO_HISTORY, WEEK)
    assert {"rear-delt-flye", "back-extension", "lat-pull-down", "dumbbell-row"} <= {
        SLUG[i.exercise_id] for s in plan.sessions for i in s.items
    }


def test_chest_focus_adds_a_set_to_chest_exercises_but_beginners_stay_at_three_at_most():
    assert item_for(plan_week(profile(focus=(MuscleGroup.CHEST,)), LIB, NO_HISTORY, WEEK), "push-up").sets == 3
    advanced = profile(experience=Experience.ADVANCED, focus=(MuscleGroup.CHEST,))
    assert item_for(plan_week(advanced, LIB, NO_HISTORY, WEEK), "push-up").sets == 5


def test_legs_and_core_focus_add_the_other_leg_move_and_a_plank():
    plan = plan_week(profile(focus=(MuscleGroup.LEGS, MuscleGroup.CORE)), LIB, NO_HISTORY, WEEK)
    assert slugs(plan.sessions[0])[6:] == ["bodyweight-squat", "plank"]


def adherence(*rates, last_week=WEEK - timedelta(days=7)):
    return tuple(WeekAdherence(last_week - timedelta(weeks=n), rate) for n, rate in enumerate(reversed(rates)))


def test_beginners_reach_three_sets_after_two_weeks_at_75_percent_adherence():
    history = TrainingHistory(adherence=adherence(0.75, 1.0))
    plan = plan_week(profile(), LIB, history, WEEK)
    assert {i.sets for s in plan.sessions for i in s.items} == {3}
    assert plan.notes == ("Sets rise from 2 to 3: adherence 75% in the week of 23 Feb, 100% in the week of 2 Mar",)


@pytest.mark.parametrize(
    "history",
    [
        TrainingHistory(adherence=adherence(0.74, 1.0)),
        TrainingHistory(adherence=adherence(1.0, 0.5, 1.0)),
        TrainingHistory(adherence=(WeekAdherence(date(2026, 2, 16), 1.0), WeekAdherence(date(2026, 3, 2), 1.0))),
        TrainingHistory(adherence=adherence(1.0, 1.0, last_week=WEEK + timedelta(days=7))),  # the future
    ],
)
def test_beginners_stay_at_two_sets_without_two_consecutive_good_weeks(history):
    plan = plan_week(profile(), LIB, history, WEEK)
    assert {i.sets for s in plan.sessions for i in s.items} == {2}


def test_beginners_keep_three_sets_once_the_last_plan_had_them():
    history = TrainingHistory(prescriptions=(weekly("push-up", WEEK - timedelta(days=7), sets=3),))
    assert item_for(plan_week(profile(), LIB, history, WEEK), "push-up").sets == 3


def squat_ready(day=WEEK - timedelta(days=3)):
    return TrainingHistory(
        logs=(logged("bodyweight-squat", day - timedelta(days=2), 12, 12), logged("bodyweight-squat", day, 12, 12)),
        prescriptions=(weekly("bodyweight-squat", WEEK - timedelta(days=7), sets=2),),
    )


def test_a_body_weight_squat_goes_weighted_after_two_sessions_of_twelve():
    plan = plan_week(profile(equipment=Equipment.DUMBBELLS), LIB, squat_ready(), WEEK)
    squat = item_for(plan, "goblet-squat")
    assert squat.load_kg is None
    assert squat.reason == (
        "Now Goblet squat (was Body-weight squat): 12 reps on every set on Wed 4 Mar and Fri 6 Mar "
        "(training week 10). Choose a load you can lift 12 times with 2 reps to spare"
    )
    assert "Body-weight squat moves to its weighted form, Goblet squat" in plan.notes


def test_no_weighted_switch_before_the_fourth_training_week():
    plan = plan_week(
        profile(equipment=Equipment.DUMBBELLS, started_on=WEEK - timedelta(weeks=2)), LIB, squat_ready(), WEEK
    )
    assert item_for(plan, "bodyweight-squat").sets == 2
    assert not any(i.exercise_id == ID["goblet-squat"] for s in plan.sessions for i in s.items)


def test_body_weight_only_clients_never_switch():
    plan = plan_week(profile(), LIB, squat_ready(), WEEK)
    assert item_for(plan, "bodyweight-squat").reason == (
        "Body weight: 12 reps on all 2 sets on Fri 6 Mar; make it harder with a slower tempo or a harder variation"
    )


def test_a_trainer_hold_keeps_the_body_weight_form():
    hold = (MovementOverride("squat", OverrideAction.HOLD),)
    plan = plan_week(profile(equipment=Equipment.DUMBBELLS, overrides=hold), LIB, squat_ready(), WEEK)
    assert item_for(plan, "bodyweight-squat").reason.startswith("Held by the trainer. Body weight")


def test_a_trainer_hold_keeps_the_load():
    history = TrainingHistory(
        logs=(logged("goblet-squat", WEEK - timedelta(days=3), 12, 12, 12, load=20),),
        prescriptions=(weekly("goblet-squat", WEEK - timedelta(days=7), load=20),),
    )
    gym = profile(experience=Experience.INTERMEDIATE, equipment=Equipment.GYM)
    assert item_for(plan_week(gym, LIB, history, WEEK), "goblet-squat").load_kg == 22.5
    held = replace(gym, overrides=(MovementOverride("squat", OverrideAction.HOLD),))
    item = item_for(plan_week(held, LIB, history, WEEK), "goblet-squat")
    assert (item.load_kg, item.reason) == (20, "Held by the trainer at 20 kg")


def test_a_trainer_switch_uses_the_named_exercise():
    gym = profile(experience=Experience.INTERMEDIATE, equipment=Equipment.GYM)
    switched = replace(gym, overrides=(MovementOverride("squat", OverrideAction.SWITCH, "back-squat"),))
    plan = plan_week(switched, LIB, NO_HISTORY, WEEK)
    assert slugs(plan.sessions[1])[0] == "back-squat"
    assert item_for(plan, "back-squat").reason.startswith(
        "Switched to Barbell back squat by the trainer. Choose a load"
    )


def test_a_trainer_switch_the_equipment_forbids_is_ignored_with_a_note():
    switched = profile(overrides=(MovementOverride("chest press", OverrideAction.SWITCH, "bench-press"),))
    plan = plan_week(switched, LIB, NO_HISTORY, WEEK)
    assert "push-up" in slugs(plan.sessions[0])
    assert "Trainer's switch of chest press to bench-press not possible with bodyweight" in plan.notes


def test_a_switch_away_from_a_group_is_made_up_so_every_session_stays_full_body():
    switched = profile(
        experience=Experience.INTERMEDIATE,
        equipment=Equipment.GYM,
        overrides=(MovementOverride("curl", OverrideAction.SWITCH, "deadlift"),),
    )
    plan = plan_week(switched, LIB, NO_HISTORY, WEEK)
    for session in plan.sessions:
        assert "deadlift" in slugs(session)
        groups = {g for i in session.items for g in BY_ID[i.exercise_id].muscle_groups}
        assert set(MAJOR_GROUPS) <= groups


def stalled_row(load=40.0):
    days = [WEEK - timedelta(days=d) for d in (17, 10, 3)]
    return TrainingHistory(
        logs=tuple(logged("dumbbell-row", d, 10, 9, 9, load=load) for d in days),
        prescriptions=tuple(weekly("dumbbell-row", d - timedelta(days=d.weekday()), load=load) for d in days),
    )


def test_a_stalled_exercise_gets_a_deload_week_and_a_note():
    gym = profile(experience=Experience.INTERMEDIATE, equipment=Equipment.GYM)
    plan = plan_week(gym, LIB, stalled_row(), WEEK)
    row = item_for(plan, "dumbbell-row")
    assert (row.load_kg, row.deload_from_kg) == (35, 40)
    assert row.reason.startswith("Deload -5 kg to 35 kg for one week: 3 sessions at 40 kg")
    assert any(note.startswith("Deload week for Dumbbell row: ") for note in plan.notes)


def test_a_pound_client_gets_loads_on_five_pound_steps():
    history = TrainingHistory(
        logs=(logged("goblet-squat", WEEK - timedelta(days=3), 12, 12, 12, load=to_kg(50, WeightUnit.LB)),),
        prescriptions=(weekly("goblet-squat", WEEK - timedelta(days=7), load=to_kg(50, WeightUnit.LB)),),
    )
    gym = profile(experience=Experience.INTERMEDIATE, equipment=Equipment.GYM, unit=WeightUnit.LB)
    item = item_for(plan_week(gym, LIB, history, WEEK), "goblet-squat")
    assert from_kg(item.load_kg, WeightUnit.LB) == pytest.approx(55)  # 52.5 lb rounds half up to 55
    assert item.reason == "+5 lb to 55 lb: 12 reps on all 3 sets at 50 lb on Fri 6 Mar"


def test_history_from_the_planned_week_or_later_is_ignored():
    later = TrainingHistory(
        logs=(logged("goblet-squat", WEEK, 12, 12, 12, load=20),),
        prescriptions=(weekly("goblet-squat", WEEK, load=20),),
    )
    gym = profile(experience=Experience.INTERMEDIATE, equipment=Equipment.GYM)
    assert plan_week(gym, LIB, later, WEEK) == plan_week(gym, LIB, NO_HISTORY, WEEK)


# --- Properties over random clients and histories ---

WEEKS_BACK = st.integers(min_value=1, max_value=10)


@st.composite
def clients(draw):
    unit = draw(st.sampled_from(list(WeightUnit)))
    focus = tuple(draw(st.lists(st.sampled_from(list(MuscleGroup)), max_size=3)))
    movements = sorted({e.movement for e in LIB})
    overrides = tuple(
        MovementOverride(m, a, draw(st.none() | st.sampled_from(sorted(ID))) if a is OverrideAction.SWITCH else None)
        for m, a in draw(
            st.lists(st.tuples(st.sampled_from(movements), st.sampled_from(list(OverrideAction))), max_size=2)
        )
    )
    return profile(
        experience=draw(st.sampled_from(list(Experience))),
        days_per_week=draw(st.integers(min_value=2, max_value=5)),
        equipment=draw(st.sampled_from(list(Equipment))),
        unit=unit,
        started_on=WEEK - timedelta(weeks=draw(st.integers(min_value=-1, max_value=12))),
        focus=focus,
        overrides=overrides,
    )


@st.composite
def histories(draw, unit):
    step = 2.5 if unit is WeightUnit.KG else 5.0
    on_step = st.integers(min_value=0, max_value=60).map(lambda n: to_kg(n * step, unit))
    exercise = st.sampled_from([e.id for e in LIB])
    logs = tuple(
        SessionLog(
            draw(exercise),
            WEEK - timedelta(days=draw(st.integers(min_value=1, max_value=70))),
            tuple(
                LoggedSet(r, draw(st.none() | on_step))
                for r in draw(st.lists(st.integers(0, 15), min_size=1, max_size=4))
            ),
        )
        for _ in range(draw(st.integers(min_value=0, max_value=12)))
    )
    prescriptions = tuple(
        Prescription(
            draw(exercise),
            WEEK - timedelta(weeks=draw(WEEKS_BACK)),
            draw(st.integers(min_value=1, max_value=5)),
            8,
            12,
            draw(st.none() | on_step),
            draw(st.none() | on_step),
        )
        for _ in range(draw(st.integers(min_value=0, max_value=8)))
    )
    rates = st.floats(min_value=0, max_value=1)
    weeks = draw(st.lists(WEEKS_BACK, unique=True, max_size=4))
    return TrainingHistory(
        logs, prescriptions, tuple(WeekAdherence(WEEK - timedelta(weeks=w), draw(rates)) for w in weeks)
    )


@st.composite
def cases(draw):
    client = draw(clients())
    return client, draw(histories(client.unit))


@settings(max_examples=50, deadline=None)
@given(cases())
def test_every_plan_keeps_the_invariants(case):
    client, history = case
    plan = plan_week(client, LIB, history, WEEK)
    assert plan == plan_week(client, LIB, history, WEEK)
    assert len(plan.sessions) == client.days_per_week
    step = 2.5 if client.unit is WeightUnit.KG else 5.0
    for session in plan.sessions:
        exercises = [BY_ID[i.exercise_id] for i in session.items]
        assert set(MAJOR_GROUPS) <= {g for e in exercises for g in e.muscle_groups}
        assert len(exercises) == len(set(exercises))
        assert all(client.equipment.allows(e.equipment) for e in exercises)
        for item in session.items:
            assert item.reason.strip()
            assert (item.rep_min, item.rep_max) == (8, 12)
            low, high = (2, 3) if client.experience is Experience.BEGINNER else (3, 5)
            assert low <= item.sets <= high
            if item.load_kg is not None:
                assert not BY_ID[item.exercise_id].bodyweight
                shown = from_kg(item.load_kg, client.unit)
                assert shown >= 0
                assert shown / step == pytest.approx(round(shown / step), abs=1e-6)


@settings(max_examples=25, deadline=None)
@given(cases())
def test_a_body_weight_beginner_without_overrides_only_gets_body_weight_moves(case):
    client, history = case
    client = replace(client, equipment=Equipment.BODYWEIGHT, experience=Experience.BEGINNER, overrides=())
    plan = plan_week(client, LIB, history, WEEK)
    assert all(BY_ID[i.exercise_id].bodyweight for s in plan.sessions for i in s.items)
    assert all(i.load_kg is None for s in plan.sessions for i in s.items)


@settings(max_examples=25, deadline=None)
@given(cases())
def test_the_order_of_history_and_library_rows_does_not_change_the_plan(case):
    client, history = case
    shuffled = TrainingHistory(
        tuple(reversed(history.logs)), tuple(reversed(history.prescriptions)), tuple(reversed(history.adherence))
    )
    assert plan_week(client, tuple(reversed(LIB)), shuffled, WEEK) == plan_week(client, LIB, history, WEEK)
