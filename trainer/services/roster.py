"""The trainer's roster: every client with the figures a trainer scans first.

The page runs a fixed number of queries whatever the number of clients: the clients, then one
query each for the last 14 days of weigh-ins, the latest weigh-in of the others, last workouts,
open flags, this week's plans and the last 14 days' planned sessions, all keyed by the clients' ids.
The trend and whether each planned session was done are read as stored (``services.figures``
keeps them current on every write), so a view reads a few thousand rows, not a year of history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import trend
from ..domain.adherence import attendance_last_days
from ..domain.weeks import week_start
from ..models import Client, Flag, Plan, PlanSession, User, WeighIn, Workout
from .adherence import read_rows

SORT_KEYS = ("name", "weight", "rate", "last_workout", "adherence", "flags", "plan")
RATE_DAYS = 14
ADHERENCE_DAYS = 14


@dataclass(frozen=True)
class RosterQuery:
    """What the trainer asked to see: a name search, a sort column and direction, archived or active."""

    search: str = ""
    sort: str = "name"
    descending: bool = False
    archived: bool = False

    @classmethod
    def from_args(cls, args) -> RosterQuery:
        """Read the query from request arguments, falling back to defaults for anything unknown."""
        sort = args.get("sort", "name")
        return cls(
            search=(args.get("q") or "").strip()[:120],
            sort=sort if sort in SORT_KEYS else "name",
            descending=args.get("dir") == "desc",
            archived=args.get("archived") == "1",
        )


@dataclass(frozen=True)
class RosterClient:
    """The few profile fields a roster row shows (read as columns, not whole clients)."""

    id: int
    name: str
    unit: str
    weekly_goal_lb: float
    timezone: str


@dataclass(frozen=True)
class RosterRow:
    client: RosterClient
    today: date
    last_weight_kg: float | None
    last_weighed_on: date | None
    rate: trend.WeightRate | None
    last_workout_on: date | None
    adherence: float | None
    open_flags: int
    plan_status: str | None


def _sort_value(row: RosterRow, key: str):
    values = {
        "name": row.client.name.lower(),
        "weight": row.last_weight_kg,
        "rate": row.rate.pct_per_week if row.rate else None,
        "last_workout": row.last_workout_on,
        "adherence": row.adherence,
        "flags": row.open_flags,
        "plan": row.plan_status,
    }
    value = values[key]
    # Rows without a value sort last in either direction.
    return (value is None, value if value is not None else 0)


def roster(session: Session, trainer: User, query: RosterQuery, *, now: datetime) -> list[RosterRow]:
    """The trainer's clients matching ``query``, with their latest figures, sorted."""
    stmt = select(Client.id, Client.name, Client.unit, Client.weekly_goal_lb, Client.timezone).where(
        Client.trainer_id == trainer.id, Client.archived.is_(query.archived)
    )
    if query.search:
        stmt = stmt.where(func.lower(Client.name).contains(query.search.lower(), autoescape=True))
    clients = [RosterClient(*row) for row in read_rows(session, stmt.order_by(Client.name, Client.id))]
    if not clients:
        return []
    ids = [c.id for c in clients]
    today_of = {c.id: now.astimezone(ZoneInfo(c.timezone)).date() for c in clients}
    latest_day = max(today_of.values())

    window_start = min(today_of.values()) - timedelta(days=RATE_DAYS - 1)
    points: dict[int, list[trend.TrendPoint]] = defaultdict(list)
    last_weigh_in: dict[int, tuple[date, float]] = {}
    for client_id, day, kg, trend_kg in read_rows(
        session,
        select(WeighIn.client_id, WeighIn.date, WeighIn.weight_kg, WeighIn.trend_kg)
        .where(WeighIn.client_id.in_(ids), WeighIn.date >= window_start)
        .order_by(WeighIn.client_id, WeighIn.date),
    ):
        last_weigh_in[client_id] = (day, kg)
        if trend_kg is not None:
            points[client_id].append(trend.TrendPoint(day, kg, trend_kg))
    # The window above has no upper bound, so a client's latest weigh-in is the last one read there
    # when they weighed in since its start; only the others (often none) need the older history.
    older = [client_id for client_id in ids if client_id not in last_weigh_in]
    latest = (
        select(WeighIn.client_id, func.max(WeighIn.date).label("day"))
        .where(WeighIn.client_id.in_(older))
        .group_by(WeighIn.client_id)
        .subquery()
    )
    for client_id, day, kg in read_rows(  # one query even when ``older`` is empty: a fixed count
        session,
        select(WeighIn.client_id, WeighIn.date, WeighIn.weight_kg).join(
            latest, (latest.c.client_id == WeighIn.client_id) & (latest.c.day == WeighIn.date)
        ),
    ):
        last_weigh_in[client_id] = (day, kg)
    # A correlated max per client reads one index entry each; a GROUP BY would read every workout.
    last_workout = dict(
        read_rows(
            session,
            select(
                Client.id,
                select(func.max(Workout.date)).where(Workout.client_id == Client.id).scalar_subquery(),
            ).where(Client.id.in_(ids)),
        )
    )
    open_flags = dict(
        read_rows(
            session,
            select(Flag.client_id, func.count())
            .where(Flag.client_id.in_(ids), Flag.status != "resolved")
            .group_by(Flag.client_id),
        )
    )
    weeks = {week_start(d) for d in today_of.values()}
    plans = {
        (client_id, week): status
        for client_id, week, status in read_rows(
            session,
            select(Plan.client_id, Plan.week_start, Plan.status).where(
                Plan.client_id.in_(ids), Plan.week_start.in_(weeks)
            ),
        )
    }
    attendance: dict[int, list[tuple[date, bool]]] = defaultdict(list)
    first_day = min(today_of.values()) - timedelta(days=ADHERENCE_DAYS - 1)
    for client_id, day, done in read_rows(
        session,
        select(Plan.client_id, PlanSession.day, PlanSession.done)
        .join(PlanSession, PlanSession.plan_id == Plan.id)
        .where(
            Plan.client_id.in_(ids),
            Plan.week_start.between(week_start(first_day), latest_day),
            Plan.status == "published",
            PlanSession.day.between(first_day, latest_day),
            PlanSession.done.is_not(None),  # a session without exercises does not count
        ),
    ):
        attendance[client_id].append((day, done))

    rows = []
    for client in clients:
        today = today_of[client.id]
        adherence = attendance_last_days(attendance.get(client.id, ()), today, ADHERENCE_DAYS)
        rows.append(
            RosterRow(
                client=client,
                today=today,
                last_weight_kg=last_weigh_in.get(client.id, (None, None))[1],
                last_weighed_on=last_weigh_in.get(client.id, (None, None))[0],
                rate=trend.rate_over(points.get(client.id, ()), today, RATE_DAYS),
                last_workout_on=last_workout.get(client.id),
                adherence=adherence.rate,
                open_flags=open_flags.get(client.id, 0),
                plan_status=plans.get((client.id, week_start(today))),
            )
        )
    rows.sort(key=lambda row: _sort_value(row, query.sort), reverse=query.descending)
    if query.descending:  # keep the rows without a value at the bottom
        rows.sort(key=lambda row: _sort_value(row, query.sort)[0])
    return rows
