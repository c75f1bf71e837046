"""Estimated one-rep max and the per-session strength series (trainer.domain.strength)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.domain.rules import CoachingRules
from trainer.domain.strength import (
    E1rmFormula,
    LoggedSet,
    SessionBest,
    brzycki,
    epley,
    recent_change,
    session_bests,
    session_bests_by_exercise,
    set_e1rm,
)

MON, WED, FRI = date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 7)


def test_epley_at_ten_reps():
    # 100 x (1 + 10/30) = 133.33
    assert epley(100, 10) == pytest.approx(133.3333, abs=1e-4)


def test_brzycki_agrees_with_epley_at_ten_reps():
    # 100 x 36 / (37 - 10) = 100 x 36 / 27 = 133.33
    assert brzycki(100, 10) == pytest.approx(epley(100, 10))


def test_one_rep_is_its_own_max():
    assert epley(100, 1) == 100
    assert brzycki(100, 1) == 100  # 36 / 36


def test_the_formulas_differ_at_five_reps():
    assert epley(80, 5) == pytest.approx(93.3333, abs=1e-4)  # 80 x (1 + 5/30)
    assert brzycki(80, 5) == 90  # 80 x 36 / 32


@pytest.mark.parametrize(("load", "reps"), [(100, 0), (-1, 5)])
def test_the_formulas_refuse_impossible_sets(load, reps):
    with pytest.raises(ValueError):
        epley(load, reps)


def test_brzycki_is_undefined_from_37_reps():
    with pytest.raises(ValueError, match="37"):
        brzycki(50, 37)


def test_a_twelve_rep_set_gives_an_e1rm():
    assert set_e1rm(LoggedSet(MON, "squat", 12, 50)) == pytest.approx(70)  # 50 x 1.4


def test_sets_over_twelve_reps_give_no_e1rm():
    assert set_e1rm(LoggedSet(MON, "squat", 13, 50)) is None


def test_the_rep_cut_off_is_a_rule():
    assert set_e1rm(LoggedSet(MON, "squat", 13, 50), rules=CoachingRules(e1rm_max_reps=15)) is not None


@pytest.mark.parametrize("load", [None, 0])
def test_body_weight_sets_give_no_e1rm(load):
    assert set_e1rm(LoggedSet(MON, "push-up", 10, load)) is None


def test_a_zero_rep_set_gives_no_e1rm():
    assert set_e1rm(LoggedSet(MON, "squat", 0, 50)) is None


def test_brzycki_can_be_chosen():
    assert set_e1rm(LoggedSet(MON, "squat", 5, 80), E1rmFormula.BRZYCKI) == 90


def test_session_bests_keep_the_best_set_of_each_session_oldest_first():
    sets = [
        LoggedSet(WED, "squat", 5, 70),  # 70 x (1 + 5/30) = 81.67
        LoggedSet(WED, "squat", 14, 50),  # over 12 reps: ignored
        LoggedSet(MON, "squat", 10, 60),  # 60 x (1 + 10/30) = 80
        LoggedSet(MON, "squat", 8, 65),  # 65 x (1 + 8/30) = 82.33, Monday's best
        LoggedSet(MON, "bench-press", 5, 100),  # another exercise
        LoggedSet(FRI, "squat", 12, None),  # body weight only: no session point
    ]
    series = session_bests(sets, "squat")
    assert [(b.performed_on, b.load_kg, b.reps) for b in series] == [(MON, 65, 8), (WED, 70, 5)]
    assert series[0].e1rm_kg == pytest.approx(82.3333, abs=1e-4)
    assert series[1].e1rm_kg == pytest.approx(81.6667, abs=1e-4)


def test_two_planned_sessions_on_one_day_are_two_points():
    sets = [LoggedSet(MON, "squat", 1, 100, session_id=1), LoggedSet(MON, "squat", 1, 90, session_id=2)]
    assert [b.e1rm_kg for b in session_bests(sets, "squat")] == [100, 90]


def test_session_bests_by_exercise_skips_exercises_without_an_e1rm():
    sets = [LoggedSet(MON, "squat", 1, 100), LoggedSet(MON, "push-up", 12), LoggedSet(WED, 7, 1, 40)]
    series = session_bests_by_exercise(sets)
    assert set(series) == {"squat", 7}


def _series(*e1rms):
    return [SessionBest(date(2025, 3, day), None, e1rm, e1rm, 1) for day, e1rm in enumerate(e1rms, start=1)]


def test_recent_change_compares_the_last_sessions_with_those_just_before():
    # before: 120 (ignored, too old), 100, 100, 100; recent: 104, 105, 103 -> 105 / 100 = +5%
    change = recent_change(_series(120, 100, 100, 100, 104, 105, 103), 3)
    assert [p.e1rm_kg for p in change.before] == [100, 100, 100]
    assert (change.before_best_kg, change.recent_best_kg) == (100, 105)
    assert change.gain_pct == pytest.approx(5)


def test_recent_change_works_with_a_single_session_before():
    change = recent_change(_series(100, 101, 99, 100), 3)
    assert len(change.before) == 1
    assert change.gain_pct == pytest.approx(1)


def test_recent_change_needs_a_session_before():
    assert recent_change(_series(100, 101, 102), 3) is None


@given(st.floats(min_value=1, max_value=500), st.integers(min_value=2, max_value=12))
def test_more_reps_at_a_load_means_a_higher_e1rm_than_the_load(load, reps):
    assert epley(load, reps) > load
    assert epley(load, reps) < epley(load, reps + 1)


@given(st.floats(min_value=1, max_value=500), st.integers(min_value=2, max_value=9))
def test_brzycki_is_below_epley_under_ten_reps(load, reps):
    assert brzycki(load, reps) < epley(load, reps)
