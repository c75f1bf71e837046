"""Plausibility limits for what people enter, shared by the pages, the API and imports.

Product decisions: the ranges are wide enough for every real adult client and narrow
enough to catch a unit mix-up (a weight typed in pounds into a kilogram field still
fits, but 1,800 does not).
"""

from __future__ import annotations

from datetime import date

WEIGHT_KG = (20.0, 400.0)
HEIGHT_CM = (100.0, 250.0)
REPS = (1, 100)
LOAD_KG = (0.0, 1000.0)
RPE = (1.0, 10.0)
DAYS_PER_WEEK = (2, 5)
EARLIEST_DATE = date(1900, 1, 1)
#: Days per week the guideline recommends (DOMAIN.md section 2): 3-4 full-body sessions.
GUIDELINE_DAYS = (3, 4)
NAME_MAX = 120
NOTES_MAX = 5000


def days_per_week_note(days: int) -> str | None:
    """A sentence when ``days`` departs from the 3-4 sessions a week guideline, else None."""
    low, high = GUIDELINE_DAYS
    if days < low:
        return (
            f"{days} sessions a week is below the 3-4 full-body sessions the guideline recommends, "
            "so each muscle group is trained only twice a week."
        )
    if days > high:
        return (
            f"{days} sessions a week is above the 3-4 full-body sessions the guideline recommends; "
            "keep an eye on recovery."
        )
    return None
