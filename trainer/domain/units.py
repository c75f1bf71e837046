"""Units: kilograms and pounds, centimetres and feet/inches, and display in a client's unit.

Everything is stored in SI (kg, cm; DOMAIN.md section 8); pounds and feet/inches exist
only at the edges, for input and display. The conversion factors are exact by
definition (1 lb = 0.45359237 kg, 1 in = 2.54 cm).

Decisions:
- Rounding for display and to a load step is half away from zero ("82.25" -> "82.3"),
  not Python's banker's rounding, so a trainer's mental arithmetic matches the screen.
- A load is rounded to the step of the plates the client actually uses: 2.5 kg for
  kilogram clients, 5 lb for pound clients (CoachingRules), and returned in kg.
- Heights in feet/inches show whole inches; 5 ft 11.6 in shows as "6 ft 0 in", never "5 ft 12 in".
"""

from __future__ import annotations

import math
from enum import StrEnum

from trainer.domain.rules import DEFAULT_RULES, CoachingRules

KG_PER_LB = 0.45359237
CM_PER_INCH = 2.54
INCHES_PER_FOOT = 12


class WeightUnit(StrEnum):
    KG = "kg"
    LB = "lb"


class HeightUnit(StrEnum):
    CM = "cm"
    FT_IN = "ft_in"


def round_half_up(value: float, decimals: int = 0) -> float:
    """``value`` rounded to ``decimals`` places, halves away from zero."""
    factor = 10**decimals
    # 12 significant digits first: 82.25 * 10 is 822.4999999999999 in binary; round it as the 822.5 it means.
    scaled = float(f"{abs(value) * factor:.12g}")
    return math.copysign(math.floor(scaled + 0.5) / factor, value)


def lb_to_kg(lb: float) -> float:
    """Pounds as kilograms."""
    return lb * KG_PER_LB


def kg_to_lb(kg: float) -> float:
    """Kilograms as pounds."""
    return kg / KG_PER_LB


def to_kg(value: float, unit: WeightUnit | str) -> float:
    """A weight given in ``unit`` as kilograms."""
    return lb_to_kg(value) if WeightUnit(unit) is WeightUnit.LB else float(value)


def from_kg(kg: float, unit: WeightUnit | str) -> float:
    """A weight in kilograms expressed in ``unit``."""
    return kg_to_lb(kg) if WeightUnit(unit) is WeightUnit.LB else float(kg)


def ft_in_to_cm(feet: float, inches: float = 0.0) -> float:
    """A height in feet and inches as centimetres."""
    return (feet * INCHES_PER_FOOT + inches) * CM_PER_INCH


def cm_to_ft_in(cm: float) -> tuple[int, int]:
    """A height in centimetres as whole feet and whole inches (rounded, 0-11)."""
    total_inches = int(round_half_up(cm / CM_PER_INCH))
    return divmod(total_inches, INCHES_PER_FOOT)


def format_weight(kg: float, unit: WeightUnit | str, decimals: int = 1) -> str:
    """A weight for display in ``unit``: ``"81.6 kg"``, ``"180.0 lb"``."""
    unit = WeightUnit(unit)
    return f"{round_half_up(from_kg(kg, unit), decimals):.{decimals}f} {unit.value}"


def format_weight_change(kg: float, unit: WeightUnit | str, decimals: int = 1) -> str:
    """A signed weight change for display: ``"+0.5 kg"``, ``"-1.1 lb"``, ``"0.0 kg"``."""
    unit = WeightUnit(unit)
    shown = round_half_up(from_kg(kg, unit), decimals)
    sign = "+" if shown > 0 else "-" if shown < 0 else ""
    return f"{sign}{abs(shown):.{decimals}f} {unit.value}"


def format_height(cm: float, unit: HeightUnit | str) -> str:
    """A height for display in ``unit``: ``"180 cm"`` or ``"5 ft 11 in"``."""
    if HeightUnit(unit) is HeightUnit.FT_IN:
        feet, inches = cm_to_ft_in(cm)
        return f"{feet} ft {inches} in"
    return f"{round_half_up(cm):.0f} cm"


def load_step(unit: WeightUnit | str, rules: CoachingRules = DEFAULT_RULES) -> float:
    """The smallest load increment for a client using ``unit``, in that unit (2.5 kg or 5 lb)."""
    return rules.load_step_lb if WeightUnit(unit) is WeightUnit.LB else rules.load_step_kg


def round_to_step(value: float, step: float) -> float:
    """``value`` rounded to the nearest multiple of ``step`` (halves up), in the same unit."""
    if step <= 0:
        raise ValueError(f"step must be positive, not {step}")
    return round_half_up(value / step) * step


def round_load_kg(kg: float, unit: WeightUnit | str, rules: CoachingRules = DEFAULT_RULES) -> float:
    """A load in kg rounded to the client's plate step in their unit, returned in kg.

    ``round_load_kg(83, "kg")`` is 82.5; ``round_load_kg(83, "lb")`` is 185 lb = 83.91 kg.
    """
    return to_kg(round_to_step(from_kg(kg, unit), load_step(unit, rules)), unit)
