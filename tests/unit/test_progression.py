from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.domain.progression import (
    FIRST_LOAD_CUE,
    Decision,
    LoggedSet,
    Prescription,
    SessionLog,
    decide_load,
    deloaded_load,
    describe_bodyweight,
    format_day,
    format_load,
    progressed_load,
    ready_for_weighted,
)
from trainer.domain.rules import DEFAULT_RULES, CoachingRules
from trainer.domain.units import WeightUnit, from_kg, to_kg

KG, LB = WeightUnit.KG, WeightUnit.LB
MON = date(2026, 3, 2)  # the week being reviewed: Mon 2 Mar 2026
TUE = date(2026, 3, 3)


def rx(load_kg, week=MON, sets=3, deload_from_kg=None):
    return Prescription(1, week, sets, 8, 12, load_kg, deload_from_kg)


def log(day, *reps, load=None):
    return SessionLog(1, day, tuple(LoggedSet(r, load) for r in reps))


def test_format_day_and_load_read_as_a_trainer_writes_them():
    assert format_day(TUE) == "Tue 3 Mar"
    assert format_load(62.5, KG) == "62.5 kg"
    assert format_load(60.0, KG) == "60 kg"
    assert format_load(to_kg(105, LB), LB) == "105 lb"


@pytest.mark.parametrize(
    ("load", "unit", "expected"),
    [
        (60, KG, 62.5),  # 63 rounds to 62.5
        (20, KG, 22.5),  # 21 rounds to 20, but must rise a step
        (200, KG, 210),  # 5% is exactly 10 kg
        (100, LB, 105),  # 105 lb
        (150, LB, 160),  # 157.5 lb rounds half up to 160
        (40, LB, 45),  # 42 lb rounds to 40, but must rise a step
    ],
)
def test_progressed_load_is_five_percent_on_the_step_and_at_least_one_step(load, unit, expected):
    assert from_kg(progressed_load(to_kg(load, unit), unit), unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("load", "unit", "expected"),
    [
        (100, KG, 90),
        (62.5, KG, 57.5),  # 56.25 is a tie: halves up
        (5, KG, 2.5),  # 4.5 rounds to 5, but must drop a step
        (2.5, KG, 0),
        (100, LB, 90),
        (135, LB, 120),  # 121.5 lb rounds to 120
    ],
)
def test_deloaded_load_is_ten_percent_off_on_the_step_and_at_least_one_step(load, unit, expected):
    assert from_kg(deloaded_load(to_kg(load, unit), unit), unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("load_kg", "unit", "risen", "deloaded"),
    [
        (8, KG, 10, 7.5),  # dumbbells off the 2.5 kg grid go to the next step up or the step below
        (9.07, LB, 25, 15),  # 20 lb stored as 9.07 kg counts as 20 lb
    ],
)
def test_loads_off_the_step_move_onto_it(load_kg, unit, risen, deloaded):
    assert from_kg(progressed_load(load_kg, unit), unit) == pytest.approx(risen)
    assert from_kg(deloaded_load(load_kg, unit), unit) == pytest.approx(deloaded)


def test_twelve_reps_on_every_set_adds_five_percent_rounded_to_the_step():
    decision = decide_load([log(TUE, 12, 12, 12, load=60)], [rx(60)], KG)
    assert decision.decision is Decision.PROGRESS
    assert decision.load_kg == 62.5
    assert decision.reason == "+2.5 kg to 62.5 kg: 12 reps on all 3 sets at 60 kg on Tue 3 Mar"


def test_a_pound_client_progresses_in_five_pound_steps():
    hundred_lb = to_kg(100, LB)
    decision = decide_load([log(TUE, 12, 12, load=hundred_lb)], [rx(hundred_lb, sets=2)], LB)
    assert from_kg(decision.load_kg, LB) == pytest.approx(105)
    assert decision.reason == "+5 lb to 105 lb: 12 reps on all 2 sets at 100 lb on Tue 3 Mar"


def test_a_pound_load_stored_to_two_decimals_of_a_kg_reads_as_whole_pounds():
    decision = decide_load([log(TUE, 12, 12, load=47.63)], [rx(47.63, sets=2)], LB)  # 105 lb
    assert from_kg(decision.load_kg, LB) == pytest.approx(110)
    assert decision.reason == "+5 lb to 110 lb: 12 reps on all 2 sets at 105 lb on Tue 3 Mar"


def test_more_reps_than_the_top_still_count_as_reaching_it():
    assert decide_load([log(TUE, 15, 13, 12, load=60)], [rx(60)], KG).decision is Decision.PROGRESS


def test_a_set_short_of_twelve_holds_the_load():
    decision = decide_load([log(TUE, 12, 11, 9, load=60)], [rx(60)], KG)
    assert decision.decision is Decision.HOLD
    assert decision.load_kg == 60
    assert decision.reason == "Hold 60 kg: 12, 11, 9 reps on Tue 3 Mar; needs 12 on all 3 sets"


def test_fewer_sets_than_prescribed_hold_the_load():
    assert decide_load([log(TUE, 12, 12, load=60)], [rx(60)], KG).decision is Decision.HOLD


def test_twelve_reps_at_a_lighter_load_than_prescribed_hold_it_and_say_so():
    decision = decide_load([log(TUE, 12, 12, 12, load=57.5)], [rx(60)], KG)
    assert decision.decision is Decision.HOLD
    assert "at 57.5 kg on Tue 3 Mar" in decision.reason


def test_twelve_reps_at_a_heavier_load_progress_from_the_prescribed_load():
    decision = decide_load([log(TUE, 12, 12, 12, load=62.5)], [rx(60)], KG)
    assert decision.load_kg == 62.5


def test_only_the_last_logged_session_decides_a_rise():
    logs = [log(TUE, 12, 12, 12, load=60), log(TUE + timedelta(days=2), 12, 10, 9, load=60)]
    assert decide_load(logs, [rx(60)], KG).decision is Decision.HOLD


def test_no_log_since_the_last_prescription_repeats_it():
    old = log(MON - timedelta(days=7), 12, 12, 12, load=60)
    decision = decide_load([old], [rx(60)], KG)
    assert decision.decision is Decision.REPEAT
    assert decision.load_kg == 60
    assert decision.reason == "Repeat 60 kg: no log since Mon 2 Mar"


def test_no_prescription_and_no_log_leave_the_load_blank_with_the_cue():
    decision = decide_load([], [], KG)
    assert decision.decision is Decision.START
    assert decision.load_kg is None
    assert decision.reason == "Choose a load you can lift 12 times with 2 reps to spare"


def test_a_blank_load_with_no_log_stays_blank_with_the_cue():
    decision = decide_load([], [rx(None)], KG)
    assert decision.load_kg is None
    assert decision.reason == f"Choose{FIRST_LOAD_CUE[6:]} (no log since Mon 2 Mar)"


def test_a_blank_load_progresses_from_the_load_the_client_chose():
    decision = decide_load([log(TUE, 12, 12, 12, load=10)], [rx(None)], KG)
    assert decision.load_kg == 12.5  # 10.5 rounds to 10, so one step
    assert "at 10 kg" in decision.reason


def test_a_blank_load_holds_the_load_the_client_chose_below_the_top():
    decision = decide_load([log(TUE, 10, 9, 8, load=10)], [rx(None)], KG)
    assert (decision.decision, decision.load_kg) == (Decision.HOLD, 10)


def stalled_history(load=62.5):
    days = [MON - timedelta(days=14), MON - timedelta(days=7), MON]
    logs = [log(day, 10, 9, 8, load=load) for day in days]
    return logs, [rx(load, week=day) for day in days]


def test_three_sessions_at_one_load_without_the_top_deload_ten_percent_for_a_week():
    logs, prescriptions = stalled_history()
    decision = decide_load(logs, prescriptions, KG)
    assert decision.decision is Decision.DELOAD
    assert decision.load_kg == 57.5
    assert decision.deload_from_kg == 62.5
    assert decision.reason == (
        "Deload -5 kg to 57.5 kg for one week: "
        "3 sessions at 62.5 kg without the top of the range (Mon 16 Feb to Mon 2 Mar)"
    )


def test_two_sessions_without_the_top_are_not_yet_a_stall():
    logs, prescriptions = stalled_history()
    assert decide_load(logs[1:], prescriptions, KG).decision is Decision.HOLD


def test_a_stall_needs_the_same_load_throughout():
    logs, prescriptions = stalled_history()
    logs[0] = log(logs[0].day, 10, 9, 8, load=60)
    assert decide_load(logs, prescriptions, KG).decision is Decision.HOLD


def test_the_week_after_a_deload_returns_to_the_previous_load_whatever_was_logged():
    after = MON + timedelta(days=7)
    decision = decide_load([log(after, 8, 8, 8, load=57.5)], [rx(57.5, week=after, deload_from_kg=62.5)], KG)
    assert decision.decision is Decision.RETURN
    assert decision.load_kg == 62.5
    assert decision.reason == "Back to 62.5 kg after the deload week"


def test_sessions_before_a_deload_do_not_count_towards_the_next_stall():
    logs, prescriptions = stalled_history()
    deload_week, back_week = MON + timedelta(days=7), MON + timedelta(days=14)
    prescriptions += [rx(57.5, week=deload_week, deload_from_kg=62.5), rx(62.5, week=back_week)]
    logs.append(log(back_week, 10, 9, 8, load=62.5))
    assert decide_load(logs, prescriptions, KG).decision is Decision.HOLD


def test_a_stall_at_the_lightest_step_holds_instead_of_deloading_to_nothing():
    logs, prescriptions = stalled_history(load=2.5)
    decision = decide_load(logs, prescriptions, KG)
    assert (decision.decision, decision.load_kg) == (Decision.HOLD, 2.5)
    assert "the lightest step" in decision.reason


def test_a_pound_client_deloads_in_pounds():
    logs, prescriptions = stalled_history(load=to_kg(100, LB))
    decision = decide_load(logs, prescriptions, LB)
    assert from_kg(decision.load_kg, LB) == pytest.approx(90)
    assert decision.reason.startswith("Deload -10 lb to 90 lb for one week: 3 sessions at 100 lb")


def test_stall_length_comes_from_the_rules():
    logs, prescriptions = stalled_history()
    rules = CoachingRules(stall_sessions=2)
    assert decide_load(logs[1:], prescriptions, KG, rules).decision is Decision.DELOAD


def test_body_weight_reasons_come_from_the_last_session():
    assert describe_bodyweight([], []) == "Body weight: 8-12 reps a set to start"
    assert describe_bodyweight([log(TUE, 12, 10)], [rx(None, sets=2)]) == (
        "Body weight: 12, 10 reps on Tue 3 Mar; aim for 12 on every set"
    )
    assert (
        describe_bodyweight([log(TUE, 12, 12)], [rx(None, sets=2)]) == "Body weight: 12 reps on all 2 sets on Tue 3 Mar"
    )
    assert describe_bodyweight([log(TUE, 12, 12)], [], can_go_weighted=False) == (
        "Body weight: 12 reps on all 2 sets on Tue 3 Mar; make it harder with a slower tempo or a harder variation"
    )
    stale = [log(MON - timedelta(days=3), 12, 12)]
    assert describe_bodyweight(stale, [rx(None, sets=2)]) == "Body weight: repeat, no log since Mon 2 Mar"


def test_two_sessions_of_twelve_on_every_set_from_week_four_make_a_movement_weighted():
    logs = [log(MON, 12, 12), log(TUE, 12, 13)]
    assert ready_for_weighted(logs, 2, 4) == "12 reps on every set on Mon 2 Mar and Tue 3 Mar (training week 4)"


@pytest.mark.parametrize(
    ("logs", "week"),
    [
        ([log(MON, 12, 12), log(TUE, 12, 12)], 3),  # too early
        ([log(TUE, 12, 12)], 5),  # only one session
        ([log(MON, 12, 11), log(TUE, 12, 12)], 5),  # one set short
        ([log(MON, 12, 12), log(TUE, 12)], 5),  # fewer sets than prescribed
        ([log(MON, 12, 12), log(TUE, 12, 12), log(TUE + timedelta(days=1), 12, 10)], 5),  # not the last two
    ],
)
def test_no_weighted_switch_before_the_rule_is_met(logs, week):
    assert ready_for_weighted(logs, 2, week) is None


units = st.sampled_from([KG, LB])


@st.composite
def histories(draw):
    unit = draw(units)
    step = 2.5 if unit is KG else 5.0
    on_step = st.integers(min_value=0, max_value=80).map(lambda n: to_kg(n * step, unit))
    weeks = draw(st.lists(st.integers(min_value=0, max_value=8), min_size=0, max_size=5, unique=True))
    prescriptions = [
        rx(draw(st.none() | on_step), week=MON - timedelta(weeks=w), sets=draw(st.integers(1, 5))) for w in weeks
    ]
    logs = [
        SessionLog(1, MON - timedelta(days=d), tuple(LoggedSet(r, draw(on_step)) for r in reps))
        for d, reps in draw(
            st.lists(
                st.tuples(st.integers(-6, 60), st.lists(st.integers(0, 15), min_size=1, max_size=5)),
                max_size=6,
            )
        )
    ]
    return unit, step, logs, prescriptions


@settings(max_examples=60, deadline=None)
@given(histories())
def test_every_decision_is_on_the_step_explained_and_moves_the_right_way(history):
    unit, step, logs, prescriptions = history
    decision = decide_load(logs, prescriptions, unit)
    assert decision.reason
    if decision.load_kg is not None:
        shown = from_kg(decision.load_kg, unit)
        assert shown >= 0
        assert shown / step == pytest.approx(round(shown / step), abs=1e-6)
    if decision.decision is Decision.DELOAD:
        assert decision.deload_from_kg is not None and decision.load_kg < decision.deload_from_kg
    if decision.decision is Decision.PROGRESS:
        assert decision.load_kg > 0
    assert decide_load(list(reversed(logs)), list(reversed(prescriptions)), unit) == decision


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=120), units)
def test_a_rise_is_at_least_one_step_and_at_most_five_percent_plus_half_a_step(steps, unit):
    step = DEFAULT_RULES.load_step_kg if unit is KG else DEFAULT_RULES.load_step_lb
    value = steps * step
    risen = from_kg(progressed_load(to_kg(value, unit), unit), unit)
    assert risen - value >= step - 1e-6
    assert risen <= max(value + step, value * 1.05 + step / 2) + 1e-6
