"""Daily calorie targets: Mifflin-St Jeor, activity factors and the 500 kcal per lb rule (DOMAIN.md section 8).

BMR = 10 x kg + 6.25 x cm - 5 x age + 5 (male) or - 161 (female); maintenance = BMR x
activity factor; target = maintenance + weekly goal (lb) x 500 kcal a day, never below the
floor for the client's sex (1,200 kcal female, 1,500 male; CoachingRules).

Decisions:
- Age is in completed years on the date ``on``; someone born on 29 February turns a year
  older on 1 March in other years.
- Mifflin-St Jeor was fitted on adults, and a deficit for a minor is a medical matter, so
  clients under 18 are refused (ValueError on ``birth_date``). Weights outside 20-400 kg and
  heights outside 100-250 cm are refused as typos.
- Kilocalories are rounded to whole numbers, halves up; the floor is checked on the rounded
  target, and applies to any goal (a maintenance or gain target can be floored too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from trainer.domain.rules import DEFAULT_RULES, CoachingRules
from trainer.domain.units import round_half_up

#: The nine weekly goals of the seed's widget, in lb per week (negative = lose).
WEEKLY_GOALS_LB: tuple[float, ...] = (-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0)
#: kcal per day for each lb per week: the 3,500 kcal per pound rule spread over 7 days.
KCAL_PER_DAY_PER_LB_WEEK = 500

_MIN_AGE = 18
_WEIGHT_RANGE_KG = (20.0, 400.0)
_HEIGHT_RANGE_CM = (100.0, 250.0)


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"


class ActivityLevel(StrEnum):
    SEDENTARY = "sedentary"
    LIGHT = "light"
    MODERATE = "moderate"
    VERY = "very"
    EXTRA = "extra"

    @property
    def factor(self) -> float:
        """The multiplier from BMR to maintenance."""
        return ACTIVITY_FACTORS[self]

    @property
    def label(self) -> str:
        """The level in words."""
        return _ACTIVITY_LABELS[self]


ACTIVITY_FACTORS: dict[ActivityLevel, float] = {
    ActivityLevel.SEDENTARY: 1.2,
    ActivityLevel.LIGHT: 1.375,
    ActivityLevel.MODERATE: 1.55,
    ActivityLevel.VERY: 1.725,
    ActivityLevel.EXTRA: 1.9,
}
_ACTIVITY_LABELS: dict[ActivityLevel, str] = {
    ActivityLevel.SEDENTARY: "sedentary",
    ActivityLevel.LIGHT: "lightly active",
    ActivityLevel.MODERATE: "moderately active",
    ActivityLevel.VERY: "very active",
    ActivityLevel.EXTRA: "extra active",
}
_SEX_CONSTANT = {Sex.MALE: 5, Sex.FEMALE: -161}

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class CalorieTargets:
    """A client's daily energy figures, in whole kcal, with the reasoning in one sentence."""

    bmr: int
    maintenance: int
    target: int
    floor_applied: bool
    explanation: str


def _choice(enum: type[E], value: E | str, field: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValueError(f"{field}: {value!r} is not one of {allowed}") from None


def _in_range(value: float, bounds: tuple[float, float], field: str, unit: str) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise ValueError(f"{field}: {value} {unit} is outside {low:g}-{high:g} {unit}")


def age_on(birth_date: date, on: date) -> int:
    """Completed years of age on the date ``on``."""
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)


def bmr_mifflin(weight_kg: float, height_cm: float, age: int, sex: Sex | str) -> float:
    """Basal metabolic rate in kcal/day by Mifflin-St Jeor (unrounded)."""
    sex = _choice(Sex, sex, "sex")
    return 10 * weight_kg + 6.25 * height_cm - 5 * age + _SEX_CONSTANT[sex]


def _kcal(value: float) -> int:
    return int(round_half_up(value))


def _goal_words(goal_lb: float) -> str:
    if goal_lb == 0:
        return "maintaining weight needs no change"
    verb, sign = ("gaining", "more") if goal_lb > 0 else ("losing", "less")
    return (
        f"{verb} {abs(goal_lb):g} lb a week means {_kcal(abs(goal_lb) * KCAL_PER_DAY_PER_LB_WEEK):,} kcal a day {sign}"
    )


def calorie_targets(
    *,
    weight_kg: float,
    height_cm: float,
    birth_date: date,
    sex: Sex | str,
    activity: ActivityLevel | str,
    weekly_goal_lb: float,
    on: date,
    rules: CoachingRules = DEFAULT_RULES,
) -> CalorieTargets:
    """A client's BMR, maintenance and daily target on the date ``on``, explained in words.

    Raises ValueError naming the field when an input is out of range or not a known choice.
    """
    sex = _choice(Sex, sex, "sex")
    activity = _choice(ActivityLevel, activity, "activity")
    if weekly_goal_lb not in WEEKLY_GOALS_LB:
        allowed = ", ".join(f"{goal:g}" for goal in WEEKLY_GOALS_LB)
        raise ValueError(f"weekly_goal_lb: {weekly_goal_lb!r} is not one of {allowed}")
    _in_range(weight_kg, _WEIGHT_RANGE_KG, "weight_kg", "kg")
    _in_range(height_cm, _HEIGHT_RANGE_CM, "height_cm", "cm")
    age = age_on(birth_date, on)
    if age < _MIN_AGE:
        raise ValueError(f"birth_date: the client is {age} on {on.isoformat()}; targets are for adults (18+)")

    bmr = bmr_mifflin(weight_kg, height_cm, age, sex)
    maintenance = _kcal(bmr * activity.factor)
    wanted = maintenance + _kcal(weekly_goal_lb * KCAL_PER_DAY_PER_LB_WEEK)
    floor = rules.calorie_floor_female if sex is Sex.FEMALE else rules.calorie_floor_male
    floor_applied = wanted < floor
    target = floor if floor_applied else wanted

    start = (
        f"Maintenance is about {maintenance:,} kcal a day (BMR {_kcal(bmr):,} x {activity.factor:g}, "
        f"{activity.label}) and {_goal_words(weekly_goal_lb)}"
    )
    if floor_applied:
        middle = (
            f", which would give {wanted:,} kcal, but the target is held at the {floor:,} kcal minimum "
            f"for {'women' if sex is Sex.FEMALE else 'men'}, because eating less needs medical supervision"
        )
    else:
        middle = f", so the target is {target:,} kcal"
    end = "; the 3,500 kcal per pound rule is a starting point, so adjust it to the weight trend after a few weeks."
    return CalorieTargets(_kcal(bmr), maintenance, target, floor_applied, start + middle + end)
