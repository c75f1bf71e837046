"""The week-on-week comparison of plans, from hand-made items (no app, no database)."""

from __future__ import annotations

from dataclasses import replace

from trainer.domain.plan_diff import Change, PlannedExercise, diff_weeks, week_prescriptions

SQUAT = PlannedExercise(1, "Goblet squat", "squat", 3, 8, 12, 20.0, "+2.5 kg to 20 kg: 12 reps on all 3 sets")
PRESS = PlannedExercise(2, "Dumbbell chest press", "chest press", 3, 8, 12, 15.0, "Hold 15 kg: 10, 9, 8 reps")
PUSH_UP = PlannedExercise(3, "Push-up", "chest press", 2, 8, 12, None, "Body weight", bodyweight=True)
CURL = PlannedExercise(4, "Dumbbell biceps curl", "curl", 3, 8, 12, 10.0, "Hold 10 kg")


def only(diff):
    assert len(diff.lines) == 1
    return diff.lines[0]


def test_a_heavier_load_is_progressed_with_this_weeks_reason():
    line = only(diff_weeks([replace(SQUAT, load_kg=22.5, reason="+2.5 kg")], [SQUAT]))
    assert line.change is Change.PROGRESSED
    assert (line.previous.load_kg, line.current.load_kg) == (20.0, 22.5)
    assert line.reason == "+2.5 kg"


def test_the_same_load_is_held():
    assert only(diff_weeks([PRESS], [PRESS])).change is Change.HELD


def test_a_lighter_load_is_deloaded():
    assert only(diff_weeks([replace(SQUAT, load_kg=17.5)], [SQUAT])).change is Change.DELOADED


def test_a_stored_deload_origin_marks_a_deload_even_at_an_equal_load():
    this_week = replace(SQUAT, deload_from_kg=22.5)
    assert only(diff_weeks([this_week], [SQUAT])).change is Change.DELOADED


def test_loads_within_a_hundredth_of_a_kilo_are_equal():
    pounds = replace(PRESS, load_kg=15.004)
    assert only(diff_weeks([pounds], [PRESS])).change is Change.HELD


def test_body_weight_work_on_both_weeks_is_held():
    line = only(diff_weeks([PUSH_UP], [PUSH_UP]))
    assert line.change is Change.HELD and line.details == ()


def test_a_load_set_where_it_was_left_to_the_client_is_held_and_says_so():
    line = only(diff_weeks([CURL], [replace(CURL, load_kg=None)]))
    assert line.change is Change.HELD
    assert line.details == ("load now set",)


def test_a_load_left_to_the_client_where_it_was_set_says_so():
    assert only(diff_weeks([replace(CURL, load_kg=None)], [CURL])).details == ("load now left to the client",)


def test_sets_and_rep_range_changes_are_listed_on_the_line():
    line = only(diff_weeks([replace(PUSH_UP, sets=3, rep_min=10, rep_max=15)], [PUSH_UP]))
    assert line.details == ("sets 2 → 3", "reps 8-12 → 10-15")


def test_an_exercise_only_this_week_is_new_and_only_last_week_dropped():
    diff = diff_weeks([SQUAT, CURL], [SQUAT, PRESS])
    assert [(line.name, line.change) for line in diff.lines] == [
        ("Goblet squat", Change.HELD),
        ("Dumbbell biceps curl", Change.NEW),
        ("Dumbbell chest press", Change.DROPPED),
    ]
    dropped = diff.lines[-1]
    assert dropped.current is None and dropped.reason == ""


def test_a_new_form_of_the_same_movement_is_one_switched_line():
    diff = diff_weeks([replace(PRESS, reason="Now Dumbbell chest press (was Push-up)")], [PUSH_UP])
    line = only(diff)
    assert line.change is Change.SWITCHED
    assert (line.previous.name, line.current.name) == ("Push-up", "Dumbbell chest press")
    assert line.reason.startswith("Now Dumbbell chest press")
    assert line.details == ("sets 2 → 3", "load now set")


def test_each_exercise_counts_once_by_its_first_item():
    wednesday = replace(SQUAT, load_kg=25.0)
    assert week_prescriptions([SQUAT, PRESS, wednesday]) == (SQUAT, PRESS)
    assert only(diff_weeks([SQUAT, wednesday], [SQUAT])).change is Change.HELD


def test_without_a_previous_week_everything_is_new():
    diff = diff_weeks([SQUAT, PRESS], [])
    assert not diff.has_previous
    assert diff.summary == {Change.NEW: 2}


def test_the_summary_counts_each_kind_in_a_fixed_order():
    diff = diff_weeks(
        [replace(SQUAT, load_kg=22.5), PRESS, replace(CURL, load_kg=7.5)],
        [SQUAT, PRESS, CURL, PUSH_UP],
    )
    assert list(diff.summary.items()) == [
        (Change.PROGRESSED, 1),
        (Change.HELD, 1),
        (Change.DELOADED, 1),
        (Change.DROPPED, 1),
    ]
    assert diff.count(Change.NEW) == 0
