"""The client's week: this week's plan by day, each session done or not yet (DOMAIN.md sections 7, 9).

The week is the client's own Monday to Sunday. A session is done by the adherence rule
(``domain.adherence.assess_sessions``) over the sets logged that week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..domain import weeks
from ..domain.adherence import PlannedSession, PrescribedExercise, SessionStatus, assess_sessions
from ..models import Client, Plan, PlanItem, PlanSession
from .adherence import logged_sets


@dataclass(frozen=True)
class SessionDay:
    """One planned session of the week with what became of it."""

    session: PlanSession
    status: SessionStatus
    is_today: bool

    @property
    def done(self) -> bool:
        return self.status is SessionStatus.DONE


@dataclass(frozen=True)
class ClientWeek:
    """A plan week as the client lives it."""

    plan: Plan
    today: date
    days: tuple[SessionDay, ...]

    @property
    def done(self) -> int:
        """Sessions done so far."""
        return sum(day.done for day in self.days)

    @property
    def focus(self) -> int | None:
        """The session to show first: today's, else the next one not done yet (None when there is none)."""
        today = next((d for d in self.days if d.is_today), None)
        upcoming = next((d for d in self.days if d.session.day > self.today and not d.done), None)
        chosen = today or upcoming
        return chosen.session.id if chosen else None


def session_statuses(session: Session, client: Client, plan: Plan, today: date) -> dict[int, SessionStatus]:
    """Each session of a loaded plan as of ``today``: done, missed or pending (one query)."""
    sunday = plan.week_start + timedelta(days=6)
    sets = logged_sets(session, [client.id], plan.week_start, sunday).get(client.id, [])
    planned = [
        PlannedSession(
            s.id, s.day, tuple(PrescribedExercise(i.exercise_id, i.sets, i.rep_min, i.load_kg) for i in s.items)
        )
        for s in plan.sessions
    ]
    found = {o.session.session_id: o.status for o in assess_sessions(planned, sets, today)}
    return {s.id: found.get(s.id, SessionStatus.PENDING) for s in plan.sessions}


def client_week(session: Session, client: Client, *, today: date, published_only: bool = True) -> ClientWeek | None:
    """The plan of the week containing ``today`` with each session's status, or None (five queries)."""
    stmt = (
        select(Plan)
        .where(Plan.client_id == client.id, Plan.week_start == weeks.week_start(today))
        .options(selectinload(Plan.sessions).selectinload(PlanSession.items).selectinload(PlanItem.exercise))
    )
    if published_only:
        stmt = stmt.where(Plan.status == "published")
    plan = session.scalars(stmt).first()
    if plan is None:
        return None
    status = session_statuses(session, client, plan, today)
    return ClientWeek(plan, today, tuple(SessionDay(s, status[s.id], s.day == today) for s in plan.sessions))
