"""Calorie targets: Mifflin-St Jeor, activity factors, goals and floors (trainer.domain.calories)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.domain.calories import (
    WEEKLY_GOALS_LB,
    ActivityLevel,
    Sex,
    age_on,
    bmr_mifflin,
    calorie_targets,
)
from trainer.domain.rules import CoachingRules

ON = date(2025, 6, 1)
BORN_30_YEARS_AGO = date(1995, 1, 15)


def targets(**overrides):
    inputs = {
        "weight_kg": 80,
        "height_cm": 180,
        "birth_date": BORN_30_YEARS_AGO,
        "sex": "male",
        "activity": "sedentary",
        "weekly_goal_lb": -1,
        "on": ON,
    }
    return calorie_targets(**(inputs | overrides))


def test_bmr_of_an_80_kg_180_cm_30_year_old_man():
    # 10 x 80 + 6.25 x 180 - 5 x 30 + 5 = 800 + 1125 - 150 + 5 = 1780
    assert bmr_mifflin(80, 180, 30, Sex.MALE) == 1780


def test_bmr_of_a_woman_uses_minus_161():
    # 10 x 60 + 6.25 x 165 - 5 x 40 - 161 = 600 + 1031.25 - 200 - 161 = 1270.25
    assert bmr_mifflin(60, 165, 40, "female") == 1270.25


def test_losing_a_pound_a_week_takes_500_kcal_off_maintenance():
    # BMR 1780; sedentary 1780 x 1.2 = 2136; -1 lb/week -> 2136 - 500 = 1636
    result = targets()
    assert (result.bmr, result.maintenance, result.target, result.floor_applied) == (1780, 2136, 1636, False)


def test_gaining_a_pound_a_week_adds_500_kcal():
    assert targets(weekly_goal_lb=1).target == 2636  # 2136 + 500


@pytest.mark.parametrize(
    ("activity", "maintenance"),
    [
        ("sedentary", 2136),  # 1780 x 1.2
        ("light", 2448),  # 1780 x 1.375 = 2447.5, half up
        ("moderate", 2759),  # 1780 x 1.55
        ("very", 3071),  # 1780 x 1.725 = 3070.5, half up
        ("extra", 3382),  # 1780 x 1.9
    ],
)
def test_each_activity_level_has_its_factor(activity, maintenance):
    assert targets(activity=activity, weekly_goal_lb=0).maintenance == maintenance


def test_a_moderately_active_woman_losing_half_a_pound():
    # BMR 1270.25 -> 1270; 1270.25 x 1.55 = 1968.89 -> 1969; -0.5 lb -> 1969 - 250 = 1719
    result = targets(
        weight_kg=60,
        height_cm=165,
        birth_date=date(1985, 1, 15),
        sex=Sex.FEMALE,
        activity=ActivityLevel.MODERATE,
        weekly_goal_lb=-0.5,
    )
    assert (result.bmr, result.maintenance, result.target) == (1270, 1969, 1719)


def test_the_female_floor_binds_and_says_why():
    # 10 x 50 + 6.25 x 155 - 5 x 70 - 161 = 957.75 -> 958; x 1.2 = 1149.3 -> 1149; -2 lb: 1149 - 1000 = 149
    result = targets(weight_kg=50, height_cm=155, birth_date=date(1955, 1, 1), sex="female", weekly_goal_lb=-2)
    assert (result.bmr, result.maintenance, result.target, result.floor_applied) == (958, 1149, 1200, True)
    assert "1,200 kcal minimum" in result.explanation
    assert "medical supervision" in result.explanation


def test_the_male_floor_is_1500():
    # 600 + 1031.25 - 300 + 5 = 1336.25; x 1.2 = 1603.5 -> 1604 (half up); -1 lb: 1104 -> 1500
    result = targets(weight_kg=60, height_cm=165, birth_date=date(1965, 1, 1), weekly_goal_lb=-1)
    assert (result.maintenance, result.target, result.floor_applied) == (1604, 1500, True)


def test_a_target_exactly_at_the_floor_is_not_floored():
    result = targets(rules=CoachingRules(calorie_floor_male=1636))
    assert (result.target, result.floor_applied) == (1636, False)
    raised = targets(rules=CoachingRules(calorie_floor_male=1637))
    assert (raised.target, raised.floor_applied) == (1637, True)


def test_the_floor_applies_to_a_maintenance_goal_too():
    result = targets(weight_kg=45, height_cm=150, birth_date=date(1945, 1, 1), sex="female", weekly_goal_lb=0)
    assert result.maintenance < 1200
    assert (result.target, result.floor_applied) == (1200, True)


def test_the_explanation_is_one_sentence_calling_the_rule_a_starting_point():
    text = targets().explanation
    assert "losing 1 lb a week means 500 kcal a day less" in text
    assert "1,636 kcal" in text
    assert "starting point" in text
    assert text.endswith(".") and text.count(". ") == 0


def test_maintaining_says_no_change():
    assert "no change" in targets(weekly_goal_lb=0).explanation


def test_age_counts_completed_years():
    assert age_on(date(1995, 6, 2), date(2025, 6, 1)) == 29
    assert age_on(date(1995, 6, 2), date(2025, 6, 2)) == 30


def test_a_leap_day_birthday_counts_on_the_first_of_march():
    assert age_on(date(2000, 2, 29), date(2019, 2, 28)) == 18
    assert age_on(date(2000, 2, 29), date(2019, 3, 1)) == 19


def test_age_uses_the_on_date_not_the_clock():
    assert targets(on=date(2045, 1, 15)).bmr == 1780 - 5 * 20  # 20 years older


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("sex", {"sex": "other"}),
        ("activity", {"activity": "couch"}),
        ("weekly_goal_lb", {"weekly_goal_lb": -0.75}),
        ("weekly_goal_lb", {"weekly_goal_lb": 3}),
        ("weight_kg", {"weight_kg": 0}),
        ("weight_kg", {"weight_kg": float("nan")}),
        ("height_cm", {"height_cm": 5.9}),
        ("birth_date", {"birth_date": date(2010, 1, 1)}),
    ],
)
def test_bad_inputs_are_refused_naming_the_field(field, overrides):
    with pytest.raises(ValueError, match=field):
        targets(**overrides)


def test_eighteen_is_old_enough():
    assert targets(birth_date=date(2007, 6, 1)).bmr == 1780 + 5 * 12  # 18 instead of 30


@given(
    weight=st.floats(min_value=40, max_value=200),
    height=st.floats(min_value=140, max_value=210),
    age=st.integers(min_value=18, max_value=90),
    sex=st.sampled_from(list(Sex)),
    activity=st.sampled_from(list(ActivityLevel)),
    goal=st.sampled_from(WEEKLY_GOALS_LB),
)
def test_the_target_is_maintenance_plus_goal_but_never_below_the_floor(weight, height, age, sex, activity, goal):
    result = targets(
        weight_kg=weight,
        height_cm=height,
        birth_date=date(2025 - age, 1, 1),
        sex=sex,
        activity=activity,
        weekly_goal_lb=goal,
    )
    floor = 1200 if sex is Sex.FEMALE else 1500
    assert result.target == max(floor, result.maintenance + int(goal * 500))
    assert result.floor_applied == (result.maintenance + goal * 500 < floor)
