"""Exercise names used by other apps (Strong, Hevy) and the library exercise each one means.

A name matches when, ignoring case and punctuation, it equals a library name
("barbell BENCH-press" is "Barbell bench press") or one of the aliases below. Nothing
else matches: there is no fuzzy matching, so an unknown name is reported to the
trainer, never guessed.

Product decisions recorded here:
- An alias is listed only when the other app's exercise is the same movement with the
  same kind of load as the library's. "Bench Press (Dumbbell)" is the dumbbell chest
  press; "Romanian Deadlift (Barbell)" is not the library's dumbbell Romanian deadlift.
- A kettlebell goblet squat is the library's goblet squat (same movement, one weight
  held at the chest).
- Machine-assisted movements ("Pull Up (Assisted)", "Chin Up (Assisted)") are not
  mapped: their weight is a counterweight, not a load, and would read as a heavy set.
"""

from __future__ import annotations

import re

from .exercises import LIBRARY

#: Library slug -> the names Strong and Hevy (and people) commonly use for it.
ALIASES: dict[str, tuple[str, ...]] = {
    "push-up": ("Push Up", "Push Ups", "Pushup", "Push Up (Bodyweight)"),
    "inverted-row": ("Inverted Row", "Inverted Row (Bodyweight)", "Australian Pull Up", "Bodyweight Row"),
    "negative-chin-up": ("Negative Chin Up", "Chin Up (Negative)", "Band Assisted Chin Up"),
    "pike-push-up": ("Pike Push Up", "Pike Pushup"),
    "bodyweight-squat": ("Squat (Bodyweight)", "Bodyweight Squat", "Air Squat", "Air Squats"),
    "reverse-lunge": ("Reverse Lunge", "Reverse Lunge (Bodyweight)"),
    "towel-curl": ("Bicep Curl (Band)", "Biceps Curl (Band)", "Band Curl", "Towel Curl"),
    "bench-dip": ("Bench Dip", "Bench Dips", "Bench Dip (Bodyweight)"),
    "prone-y-t-raise": ("Prone Y T Raise", "Y T Raise"),
    "floor-superman": ("Superman", "Superman (Bodyweight)", "Supermans"),
    "plank": ("Plank", "Forearm Plank", "Front Plank"),
    "chest-press": ("Bench Press (Dumbbell)", "Chest Press (Dumbbell)", "Dumbbell Bench Press"),
    "dumbbell-row": (
        "Dumbbell Row",
        "Bent Over One Arm Row (Dumbbell)",
        "Bent Over Row (Dumbbell)",
        "One Arm Dumbbell Row",
        "Single Arm Dumbbell Row",
    ),
    "lat-pull-down": ("Lat Pulldown (Cable)", "Lat Pulldown (Machine)", "Lat Pulldown", "Lat Pull Down"),
    "shoulder-press": (
        "Shoulder Press (Dumbbell)",
        "Overhead Press (Dumbbell)",
        "Seated Shoulder Press (Dumbbell)",
        "Seated Overhead Press (Dumbbell)",
        "Dumbbell Shoulder Press",
    ),
    "goblet-squat": ("Goblet Squat", "Goblet Squat (Dumbbell)", "Goblet Squat (Kettlebell)"),
    "weighted-lunge": ("Reverse Lunge (Dumbbell)", "Dumbbell Reverse Lunge"),
    "biceps-curl": (
        "Bicep Curl (Dumbbell)",
        "Biceps Curl (Dumbbell)",
        "Dumbbell Curl",
        "Dumbbell Bicep Curl",
    ),
    "triceps-extension": (
        "Triceps Extension (Dumbbell)",
        "Tricep Extension (Dumbbell)",
        "Overhead Triceps Extension (Dumbbell)",
        "Overhead Tricep Extension (Dumbbell)",
    ),
    "rear-delt-flye": (
        "Reverse Fly (Dumbbell)",
        "Rear Delt Reverse Fly (Dumbbell)",
        "Rear Delt Fly (Dumbbell)",
        "Bent Over Reverse Fly (Dumbbell)",
    ),
    "back-extension": (
        "Back Extension",
        "Back Extension (Hyperextension)",
        "Back Extension (Weighted Hyperextension)",
        "Hyperextension",
    ),
    "bench-press": ("Bench Press (Barbell)", "Bench Press", "Barbell Bench Press"),
    "back-squat": ("Squat (Barbell)", "Back Squat (Barbell)", "Back Squat", "Barbell Squat"),
    "deadlift": ("Deadlift (Barbell)", "Deadlift", "Conventional Deadlift (Barbell)"),
    "romanian-deadlift": ("Romanian Deadlift (Dumbbell)", "Dumbbell Romanian Deadlift", "RDL (Dumbbell)"),
    "overhead-press": ("Overhead Press (Barbell)", "Overhead Press", "Military Press (Barbell)"),
    "seated-cable-row": (
        "Seated Row (Cable)",
        "Seated Cable Row",
        "Seated Cable Row - V Grip (Cable)",
        "Seated Cable Row - Bar Grip (Cable)",
    ),
    "pull-up": ("Pull Up", "Pull Ups", "Pullup", "Pull Up (Bodyweight)"),
}

_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def normalise(name: str) -> str:
    """A name folded for matching: lower case, every run of punctuation or spaces as one space."""
    return _NOT_ALPHANUMERIC.sub(" ", name.casefold()).strip()


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for spec in LIBRARY:
        index[normalise(spec.name)] = spec.slug
    for slug, names in ALIASES.items():
        for name in names:
            key = normalise(name)
            if index.setdefault(key, slug) != slug:
                raise ValueError(f"alias {name!r} names two exercises: {index[key]} and {slug}")
    return index


_BY_NAME = _index()


def match_exercise(name: str) -> str | None:
    """The library slug that ``name`` means, or None when it is not a known name."""
    return _BY_NAME.get(normalise(name))
