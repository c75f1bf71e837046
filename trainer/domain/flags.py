"""Flags for the trainer's review: conditions found on a client, with evidence and a suggestion (DOMAIN.md §6).

``detect_flags`` returns a ``Detection`` for each condition that holds on ``today``; keeping one
open flag per client, kind and exercise, refreshing and closing it is the flags service's job.
Thresholds are ``CoachingRules`` fields. "The last N days" end on ``today``, today included;
data dated after ``today`` is ignored.

- rapid_loss: the trend rate over the last 14 days (at least 5 weigh-in days spanning at least
  7 days, see trend.rate_over) is a loss faster than 1% of body weight or 0.9 kg a week.
  Checked whatever the goal: fast loss is a risk even for a client meant to gain.
- weight_plateau: a lose or gain goal, at least 8 weigh-in days in the last 21, and a trend
  moving less than 0.1% of body weight a week toward the goal (the wrong way counts).
  Decision: the client must have weighed in on or before the window's first day, so a new
  client's trend (which starts flat at the first weigh-in and lags) is not read as a plateau.
- strength_plateau: per loaded exercise with at least 4 e1RM sessions, the last within 21 days
  (older ones left the plan), the best e1RM of the last 3 sessions is not more than 1% above
  the best of the (up to) 3 sessions before. Decision: those sessions, not the all-time best,
  so a client rebuilding after a break is not flagged while improving.
- low_adherence: at least 2 counted sessions planned in the last 14 days and adherence below
  60%, or at least 20 points below the 30 days before (if those hold at least 2 counted).
- inactive: no weigh-in and no logged set in the last 14 days; a client who never logged
  anything counts from ``active_since`` (joining), and without it is not flagged.
- A weight or strength plateau is labelled an adherence problem (``evidence["adherence_problem"]``,
  its own words and suggestion) when adherence over the last 21 days is known and below 80%.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from trainer.domain.adherence import (
    Adherence,
    PlannedSession,
    SessionOutcome,
    adherence_between,
    adherence_last_days,
    assess_sessions,
)
from trainer.domain.rules import DEFAULT_RULES, CoachingRules
from trainer.domain.strength import ExerciseId, LoggedSet, recent_change, session_bests_by_exercise
from trainer.domain.trend import TrendPoint, WeighIn, WeightRate, rate_over, smooth
from trainer.domain.units import WeightUnit, format_weight


class FlagKind(StrEnum):
    RAPID_LOSS = "rapid_loss"
    WEIGHT_PLATEAU = "weight_plateau"
    STRENGTH_PLATEAU = "strength_plateau"
    LOW_ADHERENCE = "low_adherence"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class Detection:
    """A condition found on a client: evidence (JSON-ready), a suggested action, and why, in words."""

    kind: FlagKind
    exercise_id: ExerciseId | None
    evidence: dict[str, Any] = field(hash=False)
    suggestion: str
    explanation: str

    @property
    def adherence_problem(self) -> bool:
        """Whether a plateau is put down to missed sessions rather than a true plateau."""
        return bool(self.evidence.get("adherence_problem", False))


_ADHERENCE_SUGGESTION = "Talk with the client about the missed sessions before changing the plan or the calories."


def _r(value: float | None, places: int = 3) -> float | None:
    return None if value is None else round(value, places)


def _pct(fraction: float | None) -> str:
    return "no" if fraction is None else f"{fraction * 100:.0f}%"


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def _window(today: date, days: int) -> dict[str, Any]:
    return {"start": (today - timedelta(days=days - 1)).isoformat(), "end": today.isoformat(), "days": days}


def _rate_evidence(rate: WeightRate) -> dict[str, Any]:
    return {
        "weigh_ins": rate.weigh_ins,
        "trend_from": {"date": rate.start.isoformat(), "kg": _r(rate.start_trend_kg)},
        "trend_to": {"date": rate.end.isoformat(), "kg": _r(rate.end_trend_kg)},
        "kg_per_week": _r(rate.kg_per_week),
        "pct_per_week": _r(rate.pct_per_week),
    }


def _adherence_evidence(adherence: Adherence) -> dict[str, Any]:
    return {
        "start": adherence.start.isoformat(),
        "end": adherence.end.isoformat(),
        "done": adherence.done,
        "counted": adherence.counted,
        "rate": _r(adherence.rate),
    }


def _label_plateau(adherence: Adherence | None, rules: CoachingRules) -> tuple[dict[str, Any], str]:
    """The adherence part of a plateau's evidence, and the words ending its explanation."""
    rate = adherence.rate if adherence else None
    problem = rate is not None and round(rate, 9) < rules.plateau_adherence_min
    evidence = {"adherence_problem": problem, "adherence": _adherence_evidence(adherence) if adherence else None}
    words = f"; with {_pct(rate)} of sessions done it is an adherence problem, not a true plateau." if problem else "."
    return evidence, words


def detect_rapid_loss(
    points: Sequence[TrendPoint], today: date, unit: WeightUnit = WeightUnit.KG, rules: CoachingRules = DEFAULT_RULES
) -> Detection | None:
    """A rapid_loss detection when the trend falls faster than the safe rate, else None."""
    days = rules.rapid_loss_window_days
    rate = rate_over(points, today, days, rules)
    if rate is None or rate.weigh_ins < rules.rapid_loss_min_weigh_ins:
        return None
    loss_pct, loss_kg = round(-rate.pct_per_week, 9), round(-rate.kg_per_week, 9)
    if loss_pct <= rules.rapid_loss_pct_per_week and loss_kg <= rules.rapid_loss_kg_per_week:
        return None
    evidence = {
        "window": _window(today, days),
        **_rate_evidence(rate),
        "max_pct_per_week": rules.rapid_loss_pct_per_week,
        "max_kg_per_week": rules.rapid_loss_kg_per_week,
    }
    explanation = (
        f"The weight trend fell {format_weight(-rate.change_kg, unit)} in {rate.days} days, "
        f"{format_weight(loss_kg, unit, 2)} a week ({loss_pct:.1f}% of body weight), faster than the safe "
        f"{rules.rapid_loss_pct_per_week:g}% or {format_weight(rules.rapid_loss_kg_per_week, unit)} a week; "
        "losing this fast risks loose skin and lost muscle."
    )
    suggestion = "Review the calorie target with the client and aim for 0.5-1% of body weight a week."
    return Detection(FlagKind.RAPID_LOSS, None, evidence, suggestion, explanation)


def detect_weight_plateau(
    points: Sequence[TrendPoint],
    weekly_goal_lb: float,
    today: date,
    adherence: Adherence | None = None,
    unit: WeightUnit = WeightUnit.KG,
    rules: CoachingRules = DEFAULT_RULES,
) -> Detection | None:
    """A weight_plateau detection when a lose or gain goal has stalled, else None."""
    days = rules.weight_plateau_window_days
    rate = rate_over(points, today, days, rules)
    warmed_up = bool(points) and points[0].on <= today - timedelta(days=days - 1)
    if weekly_goal_lb == 0 or rate is None or not warmed_up or rate.weigh_ins < rules.weight_plateau_min_weigh_ins:
        return None
    direction = 1 if weekly_goal_lb > 0 else -1
    if round(rate.pct_per_week * direction, 9) >= rules.weight_plateau_pct_per_week:
        return None
    label, ending = _label_plateau(adherence, rules)
    evidence = {
        "window": _window(today, days),
        "goal_lb_per_week": weekly_goal_lb,
        **_rate_evidence(rate),
        "min_pct_per_week": rules.weight_plateau_pct_per_week,
        **label,
    }
    explanation = (
        f"The goal is to {'gain' if direction > 0 else 'lose'} weight, but over {rate.days} days the trend went "
        f"from {format_weight(rate.start_trend_kg, unit)} to {format_weight(rate.end_trend_kg, unit)} "
        f"({rate.pct_per_week:+.2f}% of body weight a week), less than {rules.weight_plateau_pct_per_week:g}% "
        f"a week toward the goal{ending}"
    )
    if label["adherence_problem"]:
        suggestion = _ADHERENCE_SUGGESTION
    else:
        change = "lower" if direction < 0 else "raise"
        suggestion = f"Recalculate the calorie target at the current weight, check intake, and {change} it if needed."
    return Detection(FlagKind.WEIGHT_PLATEAU, None, evidence, suggestion, explanation)


def detect_strength_plateaus(
    sets: Iterable[LoggedSet],
    today: date,
    adherence: Adherence | None = None,
    unit: WeightUnit = WeightUnit.KG,
    rules: CoachingRules = DEFAULT_RULES,
) -> list[Detection]:
    """A strength_plateau detection for each recently trained exercise whose e1RM has stalled."""
    label, ending = _label_plateau(adherence, rules)
    found = []
    for exercise_id, series in session_bests_by_exercise([s for s in sets if s.performed_on <= today]).items():
        change = recent_change(series, rules.strength_plateau_sessions)
        if change is None or (today - series[-1].performed_on).days >= rules.strength_plateau_recent_days:
            continue
        gain_pct = round(change.gain_pct, 9)
        if gain_pct > rules.strength_plateau_min_gain_pct:
            continue
        evidence = {
            "before": [{"date": p.performed_on.isoformat(), "e1rm_kg": _r(p.e1rm_kg)} for p in change.before],
            "recent": [{"date": p.performed_on.isoformat(), "e1rm_kg": _r(p.e1rm_kg)} for p in change.recent],
            "gain_pct": _r(gain_pct),
            "min_gain_pct": rules.strength_plateau_min_gain_pct,
            **label,
        }
        explanation = (
            f"The best estimated one-rep max of the last {len(change.recent)} sessions "
            f"({format_weight(change.recent_best_kg, unit)}) is {gain_pct:+.1f}% against the best of the "
            f"{len(change.before)} sessions before ({format_weight(change.before_best_kg, unit)}), not more than the "
            f"{rules.strength_plateau_min_gain_pct:g}% that shows progress{ending}"
        )
        suggestion = (
            _ADHERENCE_SUGGESTION
            if label["adherence_problem"]
            else (f"Check sleep, recovery and technique; consider a {rules.deload_pct:g}% deload week or a variation.")
        )
        found.append(Detection(FlagKind.STRENGTH_PLATEAU, exercise_id, evidence, suggestion, explanation))
    return found


def detect_low_adherence(
    outcomes: Sequence[SessionOutcome], today: date, rules: CoachingRules = DEFAULT_RULES
) -> Detection | None:
    """A low_adherence detection when recent session adherence is low or has dropped, else None."""
    days = rules.low_adherence_window_days
    recent = adherence_last_days(outcomes, today, days)
    if recent.counted < rules.low_adherence_min_sessions:
        return None
    base_end = today - timedelta(days=days)
    base = adherence_between(outcomes, base_end - timedelta(days=rules.low_adherence_baseline_days - 1), base_end)
    drop = round(base.rate - recent.rate, 9) if base.counted >= rules.low_adherence_min_sessions else None
    reasons = []
    if round(recent.rate, 9) < rules.low_adherence_min:
        reasons.append(f"below the {_pct(rules.low_adherence_min)} minimum")
    if drop is not None and drop >= rules.low_adherence_drop:
        baseline_days = rules.low_adherence_baseline_days
        reasons.append(f"{drop * 100:.0f} points below the {_pct(base.rate)} of the {baseline_days} days before")
    if not reasons:
        return None
    evidence = {
        "window": _window(today, days),
        "recent": _adherence_evidence(recent),
        "baseline": _adherence_evidence(base),
        "drop": _r(drop),
        "min_rate": rules.low_adherence_min,
        "max_drop": rules.low_adherence_drop,
    }
    explanation = (
        f"The client did {recent.done} of {recent.counted} sessions planned in the last {days} days "
        f"({_pct(recent.rate)}), {' and '.join(reasons)}."
    )
    suggestion = "Check in with the client: ask what gets in the way, and consider fewer or shorter sessions."
    return Detection(FlagKind.LOW_ADHERENCE, None, evidence, suggestion, explanation)


def detect_inactive(
    weigh_ins: Iterable[WeighIn],
    sets: Iterable[LoggedSet],
    today: date,
    active_since: date | None = None,
    rules: CoachingRules = DEFAULT_RULES,
) -> Detection | None:
    """An inactive detection when the client has logged nothing for ``rules.inactive_days``, else None."""
    dates = [w.on for w in weigh_ins if w.on <= today] + [s.performed_on for s in sets if s.performed_on <= today]
    last = max(dates, default=None)
    since = last or active_since
    if since is None or (today - since).days < rules.inactive_days:
        return None
    days = (today - since).days
    evidence = {
        "last_activity": last.isoformat() if last else None,
        "active_since": active_since.isoformat() if active_since else None,
        "days": days,
        "max_days": rules.inactive_days,
    }
    what = f"since {_day(last)}" if last else f"since joining on {_day(since)}"
    explanation = f"No weigh-in and no workout logged for {days} days ({what})."
    suggestion = "Reach out to the client to see how they are and agree on the next session."
    return Detection(FlagKind.INACTIVE, None, evidence, suggestion, explanation)


def detect_flags(
    *,
    today: date,
    weigh_ins: Iterable[WeighIn] = (),
    sets: Iterable[LoggedSet] = (),
    sessions: Iterable[PlannedSession] = (),
    weekly_goal_lb: float = 0.0,
    active_since: date | None = None,
    unit: WeightUnit | str = WeightUnit.KG,
    rules: CoachingRules = DEFAULT_RULES,
) -> list[Detection]:
    """Every flag condition that holds for one client on ``today``."""
    unit = WeightUnit(unit)
    weigh_ins = [w for w in weigh_ins if w.on <= today]
    sets = [s for s in sets if s.performed_on <= today]
    points = smooth(weigh_ins, rules)
    outcomes = assess_sessions(sessions, sets, today, rules)
    adherence = adherence_last_days(outcomes, today, rules.plateau_adherence_window_days)
    found = [
        detect_rapid_loss(points, today, unit, rules),
        detect_weight_plateau(points, weekly_goal_lb, today, adherence, unit, rules),
        *detect_strength_plateaus(sets, today, adherence, unit, rules),
        detect_low_adherence(outcomes, today, rules),
        detect_inactive(weigh_ins, sets, today, active_since, rules),
    ]
    return [d for d in found if d is not None]
