"""Flag detection for the trainer's review (trainer.domain.flags)."""

import json
from datetime import date, timedelta

import pytest

from trainer.domain.adherence import Adherence, PlannedSession, PrescribedExercise, SessionOutcome, SessionStatus
from trainer.domain.flags import (
    FlagKind,
    detect_flags,
    detect_inactive,
    detect_low_adherence,
    detect_rapid_loss,
    detect_strength_plateaus,
    detect_weight_plateau,
)
from trainer.domain.strength import LoggedSet
from trainer.domain.trend import TrendPoint, WeighIn

TODAY = date(2025, 3, 31)  # a Monday


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def line(start_kg: float, per_day: float, first: int, last: int = 0) -> list[TrendPoint]:
    """Daily trend points from ``first`` days ago to ``last`` days ago, moving ``per_day`` kg a day."""
    return [
        TrendPoint(ago(n), start_kg + per_day * (first - n), start_kg + per_day * (first - n))
        for n in range(first, last - 1, -1)
    ]


def adherence(done: int, missed: int) -> Adherence:
    return Adherence(ago(20), TODAY, done, missed, 0, 0, 0)


# --- rapid_loss -------------------------------------------------------------------------------


def test_losing_more_than_one_percent_a_week_is_rapid_loss():
    # 80 kg, -0.12 kg a day over days 13..0: -1.56 kg in 13 days = -0.84 kg/week = -1.05% of 80 kg
    detection = detect_rapid_loss(line(80, -0.12, 13), TODAY)
    assert detection.kind is FlagKind.RAPID_LOSS
    assert detection.evidence["kg_per_week"] == pytest.approx(-0.84)
    assert detection.evidence["pct_per_week"] == pytest.approx(-1.05)
    assert detection.evidence["window"] == {"start": "2025-03-18", "end": "2025-03-31", "days": 14}
    assert "loose skin" in detection.explanation


def test_losing_more_than_0_9_kg_a_week_is_rapid_loss_even_under_one_percent():
    # 120 kg, -0.14 kg a day: -0.98 kg/week = 0.82% of 120 kg, but over 0.9 kg
    detection = detect_rapid_loss(line(120, -0.14, 13), TODAY)
    assert detection.evidence["kg_per_week"] == pytest.approx(-0.98)
    assert detection.evidence["pct_per_week"] == pytest.approx(-0.817, abs=1e-3)


def test_a_safe_loss_is_not_flagged():
    # -0.1 kg a day = -0.7 kg/week = 0.875% of 80 kg
    assert detect_rapid_loss(line(80, -0.1, 13), TODAY) is None


def test_rapid_loss_needs_five_weigh_ins():
    points = [p for p in line(80, -0.3, 13) if (TODAY - p.on).days in (13, 9, 4, 0)]
    assert detect_rapid_loss(points, TODAY) is None


def test_gaining_is_not_rapid_loss():
    assert detect_rapid_loss(line(80, 0.3, 13), TODAY) is None


def test_the_explanation_uses_the_clients_unit():
    assert " lb " in detect_rapid_loss(line(80, -0.12, 13), TODAY, unit="lb").explanation


# --- weight_plateau ---------------------------------------------------------------------------


def test_a_flat_trend_with_a_loss_goal_is_a_weight_plateau():
    detection = detect_weight_plateau(line(80, 0, 20), -1, TODAY)
    assert detection.kind is FlagKind.WEIGHT_PLATEAU
    assert detection.evidence["pct_per_week"] == 0
    assert not detection.adherence_problem
    assert "lower" in detection.suggestion


def test_a_plateau_with_adherence_under_80_percent_is_an_adherence_problem():
    detection = detect_weight_plateau(line(80, 0, 20), -1, TODAY, adherence(done=1, missed=1))
    assert detection.adherence_problem
    assert detection.evidence["adherence"]["rate"] == 0.5
    assert "adherence problem" in detection.explanation
    assert "missed sessions" in detection.suggestion


def test_adherence_of_exactly_80_percent_leaves_a_true_plateau():
    assert not detect_weight_plateau(line(80, 0, 20), -1, TODAY, adherence(done=4, missed=1)).adherence_problem


def test_no_plateau_for_a_maintenance_goal():
    assert detect_weight_plateau(line(80, 0, 20), 0, TODAY) is None


def test_a_plateau_needs_a_weigh_in_on_or_before_the_windows_first_day():
    assert detect_weight_plateau(line(80, 0, 19), -1, TODAY) is None


def test_a_plateau_needs_eight_weigh_ins():
    seven = [p for p in line(80, 0, 20) if (TODAY - p.on).days % 3 == 2]  # days 20, 17, ..., 2
    assert len(seven) == 7
    assert detect_weight_plateau(seven, -1, TODAY) is None
    assert detect_weight_plateau([*seven, TrendPoint(TODAY, 80, 80)], -1, TODAY) is not None


@pytest.mark.parametrize(("last_kg", "plateau"), [(79.84, False), (79.85, True)])
def test_moving_0_1_percent_a_week_toward_the_goal_is_not_a_plateau(last_kg, plateau):
    # 80 -> 79.84 kg from day 20 to day 6: -0.16 kg in 14 days = -0.08 kg/week = -0.1% of 80 kg
    # 80 -> 79.85 kg: -0.075 kg/week = -0.094%, less than 0.1%
    points = [TrendPoint(ago(n), 80, 80) for n in range(20, 7, -2)]  # days 20, 18, ..., 8: 7 points
    points.append(TrendPoint(ago(6), last_kg, last_kg))
    assert (detect_weight_plateau(points, -1, TODAY) is not None) is plateau


def test_moving_away_from_the_goal_is_a_plateau():
    assert detect_weight_plateau(line(80, 0.05, 20), -1, TODAY) is not None


def test_a_stalled_gain_suggests_raising_the_target():
    assert "raise" in detect_weight_plateau(line(60, 0, 20), 0.5, TODAY).suggestion
    assert detect_weight_plateau(line(60, 0.05, 20), 0.5, TODAY) is None  # 0.35 kg/week = 0.58%: gaining


# --- strength_plateau -------------------------------------------------------------------------


def singles(exercise, *pairs):
    """One single (1 rep, so e1RM = load) per (days ago, load)."""
    return [LoggedSet(ago(days), exercise, 1, load) for days, load in pairs]


def test_not_more_than_one_percent_over_the_sessions_before_is_a_strength_plateau():
    # before: 100; last three: 100.5, 101, 100 -> best 101 = +1.0%: not more than 1%
    sets = singles("squat", (9, 100), (6, 100.5), (3, 101), (0, 100))
    (detection,) = detect_strength_plateaus(sets, TODAY)
    assert (detection.kind, detection.exercise_id) == (FlagKind.STRENGTH_PLATEAU, "squat")
    assert detection.evidence["gain_pct"] == pytest.approx(1.0)
    assert "deload" in detection.suggestion


def test_more_than_one_percent_is_progress():
    # 101.1 / 100 = +1.1%
    assert detect_strength_plateaus(singles("squat", (9, 100), (6, 101.1), (3, 99), (0, 98)), TODAY) == []


def test_a_strength_plateau_needs_a_session_before_the_last_three():
    assert detect_strength_plateaus(singles("squat", (6, 100), (3, 100), (0, 100)), TODAY) == []


@pytest.mark.parametrize(("last_days_ago", "checked"), [(20, True), (21, False)])
def test_an_exercise_not_trained_for_21_days_is_not_checked(last_days_ago, checked):
    sets = singles("squat", *((last_days_ago + 9 - 3 * n, 100) for n in range(4)))
    assert bool(detect_strength_plateaus(sets, TODAY)) is checked


def test_the_comparison_is_with_the_sessions_just_before_not_the_all_time_best():
    # 120 long ago, then 100, 100, 100, then 105s: +5% on the three sessions before
    sets = singles("squat", (18, 120), (15, 100), (12, 100), (9, 100), (6, 105), (3, 105), (0, 105))
    assert detect_strength_plateaus(sets, TODAY) == []


def test_a_strength_plateau_with_low_adherence_is_an_adherence_problem():
    sets = singles("squat", (9, 100), (6, 100), (3, 100), (0, 100))
    (detection,) = detect_strength_plateaus(sets, TODAY, adherence(done=3, missed=6))
    assert detection.adherence_problem
    assert "missed sessions" in detection.suggestion


def test_body_weight_exercises_are_not_checked_for_a_strength_plateau():
    sets = [LoggedSet(ago(days), "push-up", 10) for days in (9, 6, 3, 0)]
    assert detect_strength_plateaus(sets, TODAY) == []


# --- low_adherence ----------------------------------------------------------------------------

RECENT_DAYS = (13, 11, 7, 5, 3)  # 18, 20, 24, 26, 28 March: inside the last 14 days
BASELINE_DAYS = tuple(range(15, 43, 3))  # 10 sessions from 16 Mar back to 19 Feb: inside the 30 days before


def outcomes(days_ago, done):
    plan = (PrescribedExercise("squat", 3, 8),)
    return [
        SessionOutcome(PlannedSession(n, ago(n), plan), SessionStatus.DONE if i < done else SessionStatus.MISSED)
        for i, n in enumerate(days_ago)
    ]


def test_sixty_percent_is_enough():
    assert detect_low_adherence(outcomes(RECENT_DAYS, done=3), TODAY) is None  # 3 of 5


def test_under_sixty_percent_is_low_adherence():
    detection = detect_low_adherence(outcomes(RECENT_DAYS, done=2), TODAY)  # 2 of 5 = 40%
    assert detection.kind is FlagKind.LOW_ADHERENCE
    assert detection.evidence["recent"]["rate"] == 0.4
    assert "2 of 5 sessions" in detection.explanation
    assert "below the 60% minimum" in detection.explanation


def test_a_drop_of_twenty_points_is_low_adherence():
    # the 30 days before: 10 of 10 = 100%; last 14 days 4 of 5 = 80%: 20 points down
    detection = detect_low_adherence(outcomes(BASELINE_DAYS, 10) + outcomes(RECENT_DAYS, 4), TODAY)
    assert detection.evidence["baseline"] == {
        "start": "2025-02-16",
        "end": "2025-03-17",
        "done": 10,
        "counted": 10,
        "rate": 1.0,
    }
    assert detection.evidence["drop"] == pytest.approx(0.2)
    assert "20 points below the 100%" in detection.explanation


def test_a_drop_of_ten_points_is_not():
    # 9 of 10 = 90% before, 80% now
    assert detect_low_adherence(outcomes(BASELINE_DAYS, 9) + outcomes(RECENT_DAYS, 4), TODAY) is None


def test_one_missed_session_is_too_little_to_judge():
    assert detect_low_adherence(outcomes((3,), done=0), TODAY) is None


# --- inactive ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("days_ago", "inactive"), [(14, True), (13, False)])
def test_fourteen_days_without_a_log_is_inactive(days_ago, inactive):
    assert (detect_inactive([WeighIn(ago(days_ago), 80)], [], TODAY) is not None) is inactive


def test_a_workout_counts_as_activity():
    assert detect_inactive([WeighIn(ago(30), 80)], [LoggedSet(ago(13), "squat", 10)], TODAY) is None


def test_a_client_who_never_logged_counts_from_joining():
    detection = detect_inactive([], [], TODAY, active_since=ago(20))
    assert detection.evidence["days"] == 20
    assert "since joining" in detection.explanation
    assert detect_inactive([], [], TODAY, active_since=ago(5)) is None
    assert detect_inactive([], [], TODAY) is None


def test_entries_dated_after_today_are_not_activity():
    detection = detect_inactive([WeighIn(ago(30), 80), WeighIn(ago(-1), 80)], [], TODAY)
    assert detection.evidence["days"] == 30


# --- detect_flags -----------------------------------------------------------------------------


def mondays_only_client():
    """Mon/Wed/Fri full-body plan since 3 March; the client trains Mondays only, always 100 kg singles."""
    plan = (PrescribedExercise("squat", 3, 8, 100.0), PrescribedExercise("row", 3, 8, 40.0))
    sessions = [PlannedSession(n, ago(n), plan) for n in range(28) if ago(n).weekday() in (0, 2, 4)]
    sets = [LoggedSet(ago(n), ex, 1, 100.0) for n in (28, 21, 14, 7, 0) for ex in ("squat", "row")]
    return sessions, sets


def test_a_fast_losing_client_who_skips_sessions():
    sessions, sets = mondays_only_client()
    # 100 kg falling 0.2 kg a day for 60 days: the trend of a straight line ends up falling at its slope,
    # -1.4 kg a week (about 1.7% of body weight)
    weigh_ins = [WeighIn(ago(n), 100 - 0.2 * (59 - n)) for n in range(60)]
    found = detect_flags(today=TODAY, weigh_ins=weigh_ins, sets=sets, sessions=sessions, weekly_goal_lb=-1)
    by_kind = {(d.kind, d.exercise_id): d for d in found}
    assert set(by_kind) == {
        (FlagKind.RAPID_LOSS, None),
        (FlagKind.STRENGTH_PLATEAU, "squat"),
        (FlagKind.STRENGTH_PLATEAU, "row"),
        (FlagKind.LOW_ADHERENCE, None),
    }
    assert by_kind[FlagKind.RAPID_LOSS, None].evidence["kg_per_week"] == pytest.approx(-1.4, abs=0.01)
    # last 21 days (11-31 Mar): 9 sessions, done Mon 17, 24 and 31: 3 of 9 = 33% -> an adherence problem
    assert by_kind[FlagKind.STRENGTH_PLATEAU, "squat"].evidence["adherence"]["rate"] == pytest.approx(0.333)
    assert by_kind[FlagKind.STRENGTH_PLATEAU, "squat"].adherence_problem
    for detection in found:
        json.dumps(detection.evidence)


def test_a_flat_weight_with_no_sessions_done_is_an_adherence_problem():
    sessions, _ = mondays_only_client()
    weigh_ins = [WeighIn(ago(n), 80) for n in range(30)]
    found = detect_flags(today=TODAY, weigh_ins=weigh_ins, sessions=sessions, weekly_goal_lb=-1)
    plateau = next(d for d in found if d.kind is FlagKind.WEIGHT_PLATEAU)
    assert plateau.adherence_problem
    assert {d.kind for d in found} == {FlagKind.WEIGHT_PLATEAU, FlagKind.LOW_ADHERENCE}


def test_a_client_on_track_raises_no_flags():
    weigh_ins = [WeighIn(ago(n), 80 - 0.05 * (40 - n)) for n in range(41)]  # 0.35 kg/week = 0.44%
    assert detect_flags(today=TODAY, weigh_ins=weigh_ins, weekly_goal_lb=-1) == []


def test_no_data_raises_no_flags():
    assert detect_flags(today=TODAY) == []


def test_a_detection_is_hashable_and_json_ready():
    detection = detect_inactive([], [], TODAY, active_since=ago(20))
    assert hash(detection) == hash(detect_inactive([], [], TODAY, active_since=ago(20)))
    assert json.loads(json.dumps(detection.evidence)) == detection.evidence
