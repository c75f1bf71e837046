"""Done sessions, weekly and 7/30/90-day adherence, and quality adherence (trainer.domain.adherence)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.domain.adherence import (
    PlannedSession,
    PrescribedExercise,
    SessionStatus,
    adherence_between,
    adherence_last_days,
    adherence_windows,
    assess_sessions,
    attendance_last_days,
    done_sessions,
    weekly_adherence,
)
from trainer.domain.strength import LoggedSet
from trainer.domain.units import lb_to_kg

# The plan week of Monday 3 March 2025 runs to Sunday 9 March.
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2025, 3, 3) + timedelta(days=n) for n in range(7))
NEXT_MON = date(2025, 3, 10)
FULL_BODY = ("a", "b", "c", "d")


def session(session_id, day, exercises=FULL_BODY):
    return PlannedSession(session_id, day, tuple(PrescribedExercise(ex, 3, 8) for ex in exercises))


def workout(day, exercises, session_id=None, reps=10, load=None):
    return [LoggedSet(day, ex, reps, load, session_id) for ex in exercises]


def statuses(sessions, sets, today):
    return {o.session.session_id: o.status.value for o in assess_sessions(sessions, sets, today)}


def test_half_of_the_exercises_makes_a_session_done():
    assert statuses([session("A", MON)], workout(MON, "ab"), NEXT_MON) == {"A": "done"}


def test_fewer_than_half_is_missed_once_the_week_is_over():
    assert statuses([session("A", MON)], workout(MON, "a"), NEXT_MON) == {"A": "missed"}


def test_an_odd_number_of_exercises_rounds_half_up():
    # 3 exercises: half is 1.5, so 2 are needed
    three = session("A", MON, "abc")
    assert statuses([three], workout(MON, "a"), NEXT_MON) == {"A": "missed"}
    assert statuses([three], workout(MON, "ab"), NEXT_MON) == {"A": "done"}


def test_one_workout_completes_only_one_full_body_session():
    sessions = [session("A", MON), session("B", WED), session("C", FRI)]
    assert statuses(sessions, workout(MON, FULL_BODY), NEXT_MON) == {"A": "done", "B": "missed", "C": "missed"}


def test_each_workout_goes_to_the_session_closest_to_its_day():
    sessions = [session("A", MON), session("B", WED), session("C", FRI)]
    result = statuses(sessions, workout(TUE, FULL_BODY) + workout(SAT, FULL_BODY), NEXT_MON)
    assert result == {"A": "done", "B": "missed", "C": "done"}


def test_workouts_are_matched_to_complete_as_many_sessions_as_possible():
    # Tue covers both sessions, Thu only A's exercises: Thu -> A, Tue -> B completes both
    sessions = [session("A", MON, "ab"), session("B", WED, "cd")]
    result = statuses(sessions, workout(TUE, FULL_BODY) + workout(THU, "ab"), NEXT_MON)
    assert result == {"A": "done", "B": "done"}


def test_a_session_can_be_made_up_later_in_its_week():
    assert statuses([session("A", MON)], workout(SUN, FULL_BODY), NEXT_MON) == {"A": "done"}


def test_a_workout_in_the_next_week_does_not_count():
    assert statuses([session("A", SUN)], workout(NEXT_MON, FULL_BODY), NEXT_MON) == {"A": "missed"}


def test_a_session_is_pending_while_its_week_runs():
    assert statuses([session("A", MON)], [], WED) == {"A": "pending"}
    assert statuses([session("A", MON)], [], SUN) == {"A": "pending"}


def test_a_session_done_ahead_of_its_day_is_done():
    assert statuses([session("C", FRI)], workout(WED, FULL_BODY), WED) == {"C": "done"}


def test_sets_logged_against_a_session_count_for_that_session_only():
    sessions = [session("A", MON), session("B", WED)]
    result = statuses(sessions, workout(MON, FULL_BODY, session_id="B"), NEXT_MON)
    assert result == {"A": "missed", "B": "done"}


def test_sets_linked_to_another_weeks_session_count_as_a_workout_of_their_week():
    result = statuses([session("A", MON)], workout(MON, FULL_BODY, session_id="old"), NEXT_MON)
    assert result == {"A": "done"}


def test_sets_after_today_and_sets_with_no_reps_do_not_count():
    assert statuses([session("A", MON)], workout(FRI, FULL_BODY), WED) == {"A": "pending"}
    assert statuses([session("A", MON)], workout(MON, FULL_BODY, reps=0), NEXT_MON) == {"A": "missed"}


def test_a_session_without_exercises_is_ignored():
    assert assess_sessions([PlannedSession("A", MON, ())], [], NEXT_MON) == []


def test_quality_counts_prescribed_sets_met_by_reps_and_load():
    planned = PlannedSession(
        "A", MON, (PrescribedExercise("a", 3, 8, 20.0), PrescribedExercise("b", 3, 8), PrescribedExercise("c", 2, 8))
    )
    sets = [
        LoggedSet(MON, "a", 10, 20.0),
        LoggedSet(MON, "a", 8, 19.96),  # within the 0.05 kg tolerance
        LoggedSet(MON, "a", 10, 17.5),  # load too light
        *[LoggedSet(MON, "b", reps) for reps in (12, 7, 8, 9)],  # 3 of 4 reach 8, capped at the 3 prescribed
    ]  # "c" not logged: 0 of 2
    (outcome,) = assess_sessions([planned], sets, NEXT_MON)
    # a: 2 met; b: 3 met; c: 0 met -> 5 of 3 + 3 + 2 = 8
    assert (outcome.status, outcome.sets_met, outcome.sets_prescribed) == (SessionStatus.DONE, 5, 8)


def test_a_load_in_pounds_meets_the_same_load_in_pounds():
    planned = PlannedSession("A", MON, (PrescribedExercise("a", 1, 8, lb_to_kg(45)),))
    (outcome,) = assess_sessions([planned], [LoggedSet(MON, "a", 8, lb_to_kg(45))], NEXT_MON)
    assert outcome.sets_met == 1


def test_quality_is_measured_over_done_sessions_only():
    sessions = [session("A", MON, "ab"), session("B", WED, "ab")]
    outcomes = assess_sessions(sessions, workout(MON, "ab"), NEXT_MON)
    week = adherence_between(outcomes, MON, SUN)
    # A is done with one set of each exercise, 3 prescribed each -> 2 of 6 met; B is missed and left out
    assert (week.done, week.missed, week.sets_met, week.sets_prescribed) == (1, 1, 2, 6)
    assert week.rate == 0.5
    assert week.quality == pytest.approx(1 / 3)


def test_no_counted_session_gives_no_rate():
    outcomes = assess_sessions([session("A", MON)], [], WED)
    week = adherence_between(outcomes, MON, SUN)
    assert (week.pending, week.counted, week.rate, week.quality) == (1, 0, None, None)


def four_weeks():
    """Mon/Wed/Fri sessions for the weeks of 3, 10, 17 and 24 March 2025.

    Done: week 1 all three, week 2 Mon and Wed, week 3 Mon, week 4 Mon.
    """
    sessions, sets = [], []
    done_days = {0: (0, 2, 4), 1: (0, 2), 2: (0,), 3: (0,)}
    for week, done in done_days.items():
        monday = MON + timedelta(weeks=week)
        for offset in (0, 2, 4):
            day = monday + timedelta(days=offset)
            sessions.append(session(day.isoformat(), day))
            if offset in done:
                sets += workout(day, FULL_BODY)
    return sessions, sets


def test_weekly_adherence_gives_one_bar_per_plan_week():
    sessions, sets = four_weeks()
    weeks = weekly_adherence(assess_sessions(sessions, sets, today=date(2025, 3, 31)))
    assert [w.start for w in weeks] == [MON + timedelta(weeks=n) for n in range(4)]
    assert [w.rate for w in weeks] == [1, pytest.approx(2 / 3), pytest.approx(1 / 3), pytest.approx(1 / 3)]


def test_seven_thirty_and_ninety_day_figures():
    sessions, sets = four_weeks()
    figures = adherence_windows(assess_sessions(sessions, sets, today=date(2025, 3, 31)), date(2025, 3, 31))
    # 7 days: 25-31 March -> Wed 26 and Fri 28 March, both missed: 0 of 2
    assert (figures[7].done, figures[7].counted, figures[7].rate) == (0, 2, 0)
    # 30 days: 2-31 March -> all 12 sessions, 3 + 2 + 1 + 1 = 7 done
    assert (figures[30].done, figures[30].counted) == (7, 12)
    assert figures[30].rate == pytest.approx(7 / 12)
    # 90 days: nothing earlier, the same 7 of 12
    assert figures[90].rate == figures[30].rate


def test_a_running_week_leaves_sessions_not_yet_done_out_of_the_figures():
    sessions, sets = four_weeks()
    # On Wed 26 March: Mon 24 done, Wed 26 pending (could still be made up), Fri 28 not yet in the window
    figures = adherence_windows(assess_sessions(sessions, sets, today=date(2025, 3, 26)), date(2025, 3, 26), (7,))
    # 7 days: 20-26 March -> Fri 21 missed, Mon 24 done, Wed 26 pending
    assert (figures[7].done, figures[7].missed, figures[7].pending) == (1, 1, 1)


@given(
    st.lists(st.tuples(st.integers(0, 6), st.sets(st.sampled_from(FULL_BODY), min_size=1)), max_size=6),
    st.lists(st.tuples(st.integers(0, 6), st.sampled_from(FULL_BODY)), max_size=20),
)
@settings(max_examples=50)
def test_a_workout_day_completes_at_most_one_session(planned, logged):
    sessions = [session(n, MON + timedelta(days=d), sorted(exs)) for n, (d, exs) in enumerate(planned)]
    sets = [LoggedSet(MON + timedelta(days=d), ex, 10) for d, ex in logged]
    done = [o for o in assess_sessions(sessions, sets, NEXT_MON) if o.status is SessionStatus.DONE]
    assert len(done) <= len({s.performed_on for s in sets})
    assert all(o.status is not SessionStatus.PENDING for o in assess_sessions(sessions, sets, NEXT_MON))


def test_done_sessions_are_those_the_sets_complete_whatever_today():
    # Mon is done by Monday's workout; Wed's sets cover only a and b of Wed's a-d: half, so done too;
    # Fri has nothing. The next week's workout completes nothing of this week.
    sessions = [session(1, MON), session(2, WED), session(3, FRI)]
    sets = workout(MON, FULL_BODY) + workout(WED, ("a", "b")) + workout(NEXT_MON, FULL_BODY)
    assert done_sessions(sessions, sets) == {1, 2}
    assert done_sessions([session(4, MON, ())], workout(MON, FULL_BODY)) == frozenset()


def test_attendance_counts_a_not_done_session_missed_only_once_its_week_is_over():
    attendance = [(MON, True), (WED, False), (FRI, False), (NEXT_MON, False)]
    # On Saturday the week is still running: Wed and Fri are pending.
    figure = attendance_last_days(attendance, SAT, 14)
    assert (figure.done, figure.missed, figure.pending, figure.rate) == (1, 0, 2, 1.0)
    # On the next Monday, Wed and Fri are missed: 1 done / 3 counted; NEXT_MON is pending.
    figure = attendance_last_days(attendance, NEXT_MON, 14)
    assert (figure.done, figure.missed, figure.pending) == (1, 2, 1)
    assert figure.rate == pytest.approx(1 / 3)
    # An 8-day window to Monday 17 March runs from the 10th: only the session of Monday 10 is in it,
    # missed now that its week is over.
    figure = attendance_last_days(attendance, date(2025, 3, 17), 8)
    assert (figure.done, figure.missed, figure.pending) == (0, 1, 0)


@given(
    st.lists(st.tuples(st.integers(0, 13), st.sets(st.sampled_from(FULL_BODY), max_size=4)), max_size=8),
    st.lists(st.tuples(st.integers(0, 13), st.sampled_from(FULL_BODY), st.sampled_from((None, 0, 1))), max_size=24),
    st.integers(0, 20),
)
@settings(max_examples=100)
def test_stored_done_flags_give_the_same_session_adherence_as_assessing_live(planned, logged, today_offset):
    sessions = [session(n, MON + timedelta(days=d), sorted(exs)) for n, (d, exs) in enumerate(planned)]
    today = MON + timedelta(days=today_offset)
    # Sets are never logged after the client's today (the logbook refuses future dates).
    sets = [
        LoggedSet(MON + timedelta(days=d), ex, 10, None, sid)
        for d, ex, sid in logged
        if MON + timedelta(days=d) <= today
    ]
    done = done_sessions(sessions, sets)
    stored = [(s.day, s.session_id in done) for s in sessions if s.exercises]
    live = adherence_last_days(assess_sessions(sessions, sets, today), today, 14)
    quick = attendance_last_days(stored, today, 14)
    assert (quick.done, quick.missed, quick.pending) == (live.done, live.missed, live.pending)
