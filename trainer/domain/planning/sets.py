"""How many sets each exercise gets this week.

Decisions recorded here (where DOMAIN.md leaves room):
- Sets: beginners ``beginner_sets``, rising to ``established_sets`` after
  ``beginner_weeks_to_progress`` consecutive weeks at or above the adherence threshold (kept
  once every item of the latest plan had them); intermediate ``intermediate_sets``; advanced
  ``advanced_sets``.
- Focus on a group that adds no movements (``sessions.FOCUS_MOVEMENTS``) gives one more set on
  exercises that train it first (never above ``max_sets``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from trainer.domain.progression import Prescription
from trainer.domain.rules import CoachingRules

from .inputs import ClientProfile, Experience, LibraryExercise, WeekAdherence
from .sessions import FOCUS_MOVEMENTS


def reads_adherence(experience: Experience) -> bool:
    """Whether ``plan_week`` reads ``history.adherence`` for a client at ``experience``.

    Only a beginner's sets follow adherence, so loaders may skip the figures for everyone else.
    """
    return experience is Experience.BEGINNER


def base_sets(
    experience: Experience,
    prescriptions: Sequence[Prescription],
    adherence: Sequence[WeekAdherence],
    week: date,
    rules: CoachingRules,
) -> tuple[int, str | None]:
    """The sets of every exercise this week before focus, and the note when a beginner's sets rise.

    ``prescriptions`` are those from before ``week``, in order of their weeks.
    """
    if not reads_adherence(experience):
        return (rules.advanced_sets if experience is Experience.ADVANCED else rules.intermediate_sets), None
    latest = [p for p in prescriptions if p.week_start == prescriptions[-1].week_start] if prescriptions else []
    if latest and min(p.sets for p in latest) >= rules.established_sets:
        return rules.established_sets, None
    figures = sorted((a for a in adherence if a.week_start < week), key=lambda a: (a.week_start, a.rate))
    needed = rules.beginner_weeks_to_progress
    for end in range(needed - 1, len(figures)):
        run = figures[end - needed + 1 : end + 1]
        consecutive = all(b.week_start - a.week_start == timedelta(days=7) for a, b in zip(run, run[1:], strict=False))
        if consecutive and all(a.rate >= rules.beginner_adherence_to_progress for a in run):
            rates = ", ".join(f"{a.rate:.0%} in the week of {a.week_start.day} {a.week_start:%b}" for a in run)
            return (
                rules.established_sets,
                f"Sets rise from {rules.beginner_sets} to {rules.established_sets}: adherence {rates}",
            )
    return rules.beginner_sets, None


def item_sets(base: int, exercise: LibraryExercise, profile: ClientProfile, rules: CoachingRules) -> int:
    """The sets of ``exercise``: ``base``, plus one where the client's focus is its first group."""
    cap = rules.established_sets if profile.experience is Experience.BEGINNER else rules.max_sets
    extra = exercise.muscle_groups[0] in profile.focus and exercise.muscle_groups[0] not in FOCUS_MOVEMENTS
    return min(base + extra, max(cap, base))
