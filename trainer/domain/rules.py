"""The product's coaching thresholds, in one named place (DOMAIN.md sections 2-8).

Published figures (the Mifflin-St Jeor constants, activity factors, the e1RM
formulas) live beside the formula that uses them. The numbers here are product
decisions: settings a trainer could one day tune. Every domain function takes a
``rules: CoachingRules = DEFAULT_RULES`` argument rather than reading a constant.

Units in field names: ``_pct`` is a percentage (5 means 5%), ``_kg``/``_lb`` a
load or weight, ``_days`` calendar days; adherence levels are fractions (0.6
means 60%).

Windows: "the last N days" always means the N calendar days that end on
``today``, today included: ``today - (N - 1)`` up to ``today``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CoachingRules:
    """Tunable coaching thresholds; see each field's comment for its source."""

    # --- Prescription (section 2) ---
    #: Bottom and top of the rep range for every loaded exercise (seed; ACSM 2009).
    rep_min: int = 8
    rep_max: int = 12
    #: Sets per exercise for a beginner, and once established (seed: 3-5).
    beginner_sets: int = 2
    established_sets: int = 3
    #: A beginner moves from beginner_sets to established_sets after two weeks at or above this adherence.
    beginner_adherence_to_progress: float = 0.75
    #: ...for this many consecutive plan weeks.
    beginner_weeks_to_progress: int = 2
    #: Sets per exercise for intermediate and advanced clients (seed: 3-5; 4-5 only for them).
    intermediate_sets: int = 3
    advanced_sets: int = 4
    #: The most sets any exercise is given, a focus group's extra set included (seed: up to 5).
    max_sets: int = 5
    #: Sessions a week the seed recommends (3-4); a plan with another count says it departs from it.
    guideline_days_min: int = 3
    guideline_days_max: int = 4

    # --- Progression (section 3) ---
    #: Smallest load increment, in the client's own unit.
    load_step_kg: float = 2.5
    load_step_lb: float = 5.0
    #: Load rise after a session with every set at rep_max (ACSM: 2-10%).
    progression_pct: float = 5.0
    #: Load cut for one week after a stall.
    deload_pct: float = 10.0
    #: Consecutive sessions at one load without reaching rep_max that make a stall (StrongLifts).
    stall_sessions: int = 3
    #: Consecutive sessions with rep_max on every set before a body-weight move goes weighted...
    weighted_switch_sessions: int = 2
    #: ...and not before this training week of the client (1 = first week).
    weighted_switch_min_week: int = 4

    # --- Strength (section 4) ---
    #: Sets with more reps than this are not used for e1RM (the formulas lose accuracy).
    e1rm_max_reps: int = 12

    # --- Body-weight trend (section 5) ---
    #: Daily smoothing factor of the trend (Hacker's Diet); a gap of d days uses 1 - (1 - a)^d.
    trend_smoothing: float = 0.1
    #: A weekly rate is only reported when the weigh-ins it uses span at least this many days.
    rate_min_span_days: int = 7

    # --- Flags (section 6) ---
    #: rapid_loss: trend loss over the last rapid_loss_window_days, from at least rapid_loss_min_weigh_ins...
    rapid_loss_window_days: int = 14
    rapid_loss_min_weigh_ins: int = 5
    #: ...faster than this % of body weight a week (Helms 2014: 0.5-1%)...
    rapid_loss_pct_per_week: float = 1.0
    #: ...or faster than this many kg a week (CDC: 2 lb).
    rapid_loss_kg_per_week: float = 0.9
    #: weight_plateau: over the last weight_plateau_window_days, from at least weight_plateau_min_weigh_ins,
    #: the trend moved less than this % of body weight a week in the goal's direction.
    weight_plateau_window_days: int = 21
    weight_plateau_min_weigh_ins: int = 8
    weight_plateau_pct_per_week: float = 0.1
    #: strength_plateau: best e1RM of the last N sessions of an exercise is not more than
    #: strength_plateau_min_gain_pct above the best of the N sessions before them.
    strength_plateau_sessions: int = 3
    strength_plateau_min_gain_pct: float = 1.0
    #: An exercise last logged longer ago than this is no longer checked for a plateau.
    strength_plateau_recent_days: int = 21
    #: low_adherence: session adherence over the last low_adherence_window_days below low_adherence_min...
    low_adherence_window_days: int = 14
    low_adherence_min: float = 0.60
    #: ...or this many points (as a fraction) below the low_adherence_baseline_days before that window.
    low_adherence_drop: float = 0.20
    low_adherence_baseline_days: int = 30
    #: Fewer counted sessions than this in a window is too little to judge adherence on.
    low_adherence_min_sessions: int = 2
    #: inactive: no weigh-in and no logged set for this many days.
    inactive_days: int = 14
    #: A plateau seen while session adherence over the last plateau_adherence_window_days is below this
    #: is labelled an adherence problem, not a true plateau.
    plateau_adherence_min: float = 0.80
    plateau_adherence_window_days: int = 21

    # --- Adherence (section 7) ---
    #: A planned session is done when at least this fraction of its exercises has a logged set.
    session_done_exercise_fraction: float = 0.5
    #: Logged load may fall short of the prescribed load by this much and still meet it (unit round-trips).
    load_tolerance_kg: float = 0.05

    # --- Calories (section 8) ---
    #: Lowest daily target without medical supervision (Harvard Health).
    calorie_floor_female: int = 1200
    calorie_floor_male: int = 1500


#: The rules the product runs with.
DEFAULT_RULES = CoachingRules()
