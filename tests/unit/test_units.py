"""Unit conversions, display formatting and load rounding (trainer.domain.units)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.domain.rules import CoachingRules
from trainer.domain.units import (
    HeightUnit,
    WeightUnit,
    cm_to_ft_in,
    format_height,
    format_weight,
    format_weight_change,
    from_kg,
    ft_in_to_cm,
    kg_to_lb,
    lb_to_kg,
    load_step,
    round_half_up,
    round_load_kg,
    round_to_step,
    to_kg,
)


def test_a_pound_is_exactly_0_45359237_kg():
    assert lb_to_kg(1) == 0.45359237
    assert kg_to_lb(0.45359237) == pytest.approx(1)


def test_180_lb_is_81_6_kg_for_display():
    # 180 x 0.45359237 = 81.6466266 kg
    assert lb_to_kg(180) == pytest.approx(81.6466266)
    assert format_weight(lb_to_kg(180), "kg") == "81.6 kg"
    assert format_weight(lb_to_kg(180), WeightUnit.LB) == "180.0 lb"


def test_to_kg_and_from_kg_follow_the_unit():
    assert to_kg(100, "kg") == 100
    assert to_kg(100, "lb") == pytest.approx(45.359237)
    assert from_kg(45.359237, "lb") == pytest.approx(100)


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        to_kg(10, "stone")


def test_five_foot_eleven_is_180_34_cm():
    # (5 x 12 + 11) in = 71 in; 71 x 2.54 = 180.34 cm
    assert ft_in_to_cm(5, 11) == pytest.approx(180.34)


def test_centimetres_show_as_whole_feet_and_inches():
    # 180 / 2.54 = 70.87 in -> 71 in = 5 ft 11 in
    assert cm_to_ft_in(180) == (5, 11)
    assert format_height(180, HeightUnit.FT_IN) == "5 ft 11 in"


def test_inches_never_show_as_twelve():
    # 182.6 / 2.54 = 71.89 in -> 72 in = 6 ft 0 in, not 5 ft 12 in
    assert format_height(182.6, "ft_in") == "6 ft 0 in"


def test_centimetres_show_whole_and_round_half_up():
    assert format_height(180.5, "cm") == "181 cm"


def test_rounding_is_half_away_from_zero_not_bankers():
    assert round_half_up(2.5) == 3
    assert round_half_up(82.25, 1) == 82.3  # 82.25 is 82.2499999... in binary
    assert round_half_up(-0.05, 1) == -0.1


def test_weight_changes_carry_their_sign():
    assert format_weight_change(0.5, "kg") == "+0.5 kg"
    assert format_weight_change(-lb_to_kg(1.1), "lb") == "-1.1 lb"
    assert format_weight_change(-0.04, "kg") == "0.0 kg"  # rounds to zero: no sign


def test_load_steps_are_2_5_kg_or_5_lb():
    assert load_step("kg") == 2.5
    assert load_step(WeightUnit.LB) == 5
    assert load_step("kg", CoachingRules(load_step_kg=1.25)) == 1.25


def test_round_to_step_goes_to_the_nearest_multiple():
    assert round_to_step(83, 2.5) == 82.5  # 83 / 2.5 = 33.2 -> 33 steps
    assert round_to_step(81.25, 2.5) == 82.5  # 32.5 steps: halves go up
    assert round_to_step(182.98, 5) == 185


def test_round_to_step_refuses_a_zero_step():
    with pytest.raises(ValueError, match="step"):
        round_to_step(10, 0)


def test_round_load_kg_uses_the_clients_plates():
    assert round_load_kg(83, "kg") == 82.5
    # 83 kg = 182.98 lb -> 185 lb = 185 x 0.45359237 = 83.91458845 kg
    assert round_load_kg(83, "lb") == pytest.approx(83.91458845)


@given(st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_kg_to_lb_and_back_is_the_identity(kg):
    assert lb_to_kg(kg_to_lb(kg)) == pytest.approx(kg, abs=1e-9)


@given(st.floats(min_value=50, max_value=250, allow_nan=False))
def test_feet_and_inches_are_in_range_and_close(cm):
    feet, inches = cm_to_ft_in(cm)
    assert 0 <= inches < 12
    assert abs(ft_in_to_cm(feet, inches) - cm) <= 2.54 / 2 + 1e-9


@given(st.floats(min_value=1, max_value=400, allow_nan=False), st.sampled_from(list(WeightUnit)))
def test_a_rounded_load_is_a_whole_number_of_steps_within_half_a_step(kg, unit):
    step = load_step(unit)
    rounded = from_kg(round_load_kg(kg, unit), unit)
    assert rounded / step == pytest.approx(round(rounded / step))
    assert abs(rounded - from_kg(kg, unit)) <= step / 2 + 1e-9
