"""Reading plans for lists (the API): a client's plans newest first, with sessions and items, in three queries.

A plan is loaded with its sessions (by day) and their items (by position) through
``selectinload``: one query for the plans, one for all their sessions, one for all their
items, however many plans a page holds. Exercises are not loaded (a list names them by id).

Product decision: a client sees only published plans (a draft is the trainer's until it is
published, as on the client's pages); the trainer sees drafts and published plans alike.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from ..domain import weeks
from ..models import Client, Plan, PlanSession


def _with_sessions_and_items() -> Select:
    return select(Plan).options(selectinload(Plan.sessions).selectinload(PlanSession.items))


def client_plans_page(
    session: Session,
    client: Client,
    *,
    limit: int,
    published_only: bool = False,
    week: date | None = None,
    before: date | None = None,
) -> list[Plan]:
    """Up to ``limit`` of the client's plans, newest week first, each with its sessions and items (three queries).

    ``week`` keeps only the plan of the week containing that date (any weekday stands for its
    Monday); ``before`` only plans of weeks starting before that Monday (the key of a page's
    last plan, to read the next page); ``published_only`` leaves drafts out.
    """
    stmt = _with_sessions_and_items().where(Plan.client_id == client.id)
    if published_only:
        stmt = stmt.where(Plan.status == "published")
    if week is not None:
        stmt = stmt.where(Plan.week_start == weeks.week_start(week))
    if before is not None:
        stmt = stmt.where(Plan.week_start < before)
    return list(session.scalars(stmt.order_by(Plan.week_start.desc()).limit(limit)))


def plan_with_items(session: Session, plan_id: int) -> Plan:
    """One plan, read afresh with its sessions and items (three queries; e.g. after a commit expired it)."""
    stmt = _with_sessions_and_items().where(Plan.id == plan_id).execution_options(populate_existing=True)
    return session.scalars(stmt).one()
