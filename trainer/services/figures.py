"""Stored figures derived from what clients log, kept in step with it on every write.

- ``weigh_ins.trend_kg``: the smoothed body-weight trend after each weigh-in, over the client's
  whole history (``domain.trend``). A weigh-in added, changed or removed on a date changes the
  trend from that date on, so ``refresh_trend`` recomputes from there.
- ``plan_sessions.done``: whether the client's logged sets complete a planned session
  (``domain.adherence.done_sessions``), None for a session without exercises (it does not count).
  It depends only on the plan week's sessions and sets, so ``refresh_attendance`` recomputes the
  weeks a change touches.

Every service that writes weigh-ins, workouts, plan sessions or plan items calls the matching
refresh in the same transaction before it commits: the figures are never out of step with what
they derive from, and the roster reads them instead of recomputing a year of history per view.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import date, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ..domain import trend
from ..domain.adherence import done_sessions
from ..domain.weeks import week_start
from ..models import Client, Plan, PlanItem, PlanSession, WeighIn
from .adherence import PRESCRIPTION, logged_sets, planned_sessions_of, read_rows

_weigh_ins = WeighIn.__table__
#: Sets a stored trend and nothing else: ``updated_at`` keeps the time a person last changed the weigh-in.
_set_trend = (
    update(_weigh_ins)
    .where(_weigh_ins.c.id == bindparam("row_id"))
    .values(trend_kg=bindparam("trend"), updated_at=_weigh_ins.c.updated_at)
)
_sessions = PlanSession.__table__
CHUNK = 500  # ids per UPDATE ... IN (...), well under any database's limit on bound parameters


def lock_clients(session: Session, client_ids: Collection[int]) -> None:
    """Hold these clients' rows until the transaction ends, so writers of one client's figures take turns.

    On PostgreSQL two transactions could otherwise each read the other's work as not yet there and
    both write figures missing it; the later reads, after the lock, see what the other committed.
    ``FOR NO KEY UPDATE`` leaves the key-share locks of foreign keys to the client free. (SQLite
    lets one writer at a time anyway.)
    """
    session.execute(
        select(Client.id).where(Client.id.in_(sorted(client_ids))).order_by(Client.id).with_for_update(key_share=True)
    )


def refresh_trend(session: Session, client_id: int, since: date | None = None) -> int:
    """Recompute the stored trend of the client's weigh-ins dated ``since`` or later (None: all); the rows written."""
    lock_clients(session, [client_id])
    previous = None
    if since is not None:
        row = read_rows(
            session,
            select(WeighIn.date, WeighIn.weight_kg, WeighIn.trend_kg)
            .where(WeighIn.client_id == client_id, WeighIn.date < since)
            .order_by(WeighIn.date.desc())
            .limit(1),
        )
        if row and row[0].trend_kg is None:  # an older trend was never stored: start from the first weigh-in
            return refresh_trend(session, client_id, None)
        previous = trend.TrendPoint(row[0].date, row[0].weight_kg, row[0].trend_kg) if row else None
    stmt = select(WeighIn.id, WeighIn.date, WeighIn.weight_kg).where(WeighIn.client_id == client_id)
    if since is not None:
        stmt = stmt.where(WeighIn.date >= since)
    rows = read_rows(session, stmt.order_by(WeighIn.date))
    return _write_trends(session, rows, previous)


def refresh_trends(session: Session, client_ids: Collection[int]) -> int:
    """Recompute the stored trend of every weigh-in of these clients (one read); the rows written."""
    if not client_ids:
        return 0
    lock_clients(session, client_ids)
    by_client = defaultdict(list)
    for row in read_rows(
        session,
        select(WeighIn.client_id, WeighIn.id, WeighIn.date, WeighIn.weight_kg)
        .where(WeighIn.client_id.in_(client_ids))
        .order_by(WeighIn.client_id, WeighIn.date),
    ):
        by_client[row.client_id].append(row)
    return sum(_write_trends(session, rows, None) for rows in by_client.values())


def _write_trends(session: Session, rows, previous: trend.TrendPoint | None) -> int:
    # One weigh-in per client and day (a unique key), so points and rows pair up one to one.
    points = trend.continue_trend(previous, [trend.WeighIn(row.date, row.weight_kg) for row in rows])
    values = [{"row_id": row.id, "trend": point.trend_kg} for row, point in zip(rows, points, strict=True)]
    if values:
        session.connection().execute(_set_trend, values)
        _sync_loaded(session, WeighIn, "trend_kg", {v["row_id"]: v["trend"] for v in values})
    return len(values)


def refresh_attendance(session: Session, client_id: int, days: Iterable[date]) -> None:
    """Recompute the done flags of the client's planned sessions in the plan weeks of ``days``."""
    refresh_attendance_weeks(session, {(client_id, week_start(day)) for day in days})


def refresh_attendance_weeks(session: Session, weeks: Collection[tuple[int, date]], *, new_plans: bool = False) -> None:
    """Recompute the done flags of the planned sessions of these (client id, plan Monday) weeks (two reads).

    ``new_plans``: the weeks' plans were just inserted, so their sessions are all not done yet and
    only weeks with logged sets need work (none, for next week's plans: one read).
    """
    weeks = set(weeks)
    if not weeks:
        return
    client_ids, mondays = _span(weeks)
    lock_clients(session, client_ids)  # before reading what the flags derive from
    logged = logged_sets(session, client_ids, mondays[0], mondays[-1] + timedelta(days=6), attendance_only=True)
    if new_plans:
        weeks &= {(cid, week_start(s.performed_on)) for cid, sets in logged.items() for s in sets}
        if not weeks:
            return
        client_ids, mondays = _span(weeks)
    rows = read_rows(
        session,
        select(*PRESCRIPTION, Plan.week_start)
        .join(PlanSession, PlanSession.plan_id == Plan.id)
        .outerjoin(PlanItem, PlanItem.session_id == PlanSession.id)
        .where(Plan.client_id.in_(client_ids), Plan.week_start.in_(mondays))
        .order_by(PlanSession.id, PlanItem.position),
    )
    planned = planned_sessions_of(row for row in rows if (row.client_id, row.week_start) in weeks)
    if not planned:
        return
    done: set[int] = set()
    for client_id, sessions in planned.items():
        in_weeks = [s for s in logged.get(client_id, []) if (client_id, week_start(s.performed_on)) in weeks]
        done |= done_sessions(sessions, in_weeks)
    flags = {s.session_id: (s.session_id in done if s.exercises else None) for ss in planned.values() for s in ss}
    connection = session.connection()
    for flag in (True, False, None):
        chosen = [sid for sid, value in flags.items() if value is flag]
        for start in range(0, len(chosen), CHUNK):
            connection.execute(
                update(_sessions).where(_sessions.c.id.in_(chosen[start : start + CHUNK])).values(done=flag)
            )
    _sync_loaded(session, PlanSession, "done", flags)


def _span(weeks: set[tuple[int, date]]) -> tuple[list[int], list[date]]:
    """The client ids and the Mondays of these weeks, each sorted."""
    return sorted({client_id for client_id, _ in weeks}), sorted({monday for _, monday in weeks})


def _sync_loaded(session: Session, model: type, name: str, values: dict[int, object]) -> None:
    """Give objects already loaded in the session the values just written past the ORM."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, model) and obj.id in values:
            set_committed_value(obj, name, values[obj.id])
