"""Weekly plans for every client: draft them on Friday evening, publish them on Monday.

Both jobs converge: they create or publish only what is missing, so running them twice,
from two processes at once, or again after a crash, leaves exactly one plan per client
and week (the (client, week) key is unique and inserts skip existing keys).

Product decisions:
- A client with no plan for the week they are in gets one at once (a new client, or a
  clock that was down over the weekend); sessions on days already past in their zone are
  left out and the plan says so, so they do not count as missed.
- Next week's draft is made once the client's local time is past Friday 18:00.
- Clients whose coaching starts after the planned week, and archived clients, get none.
- A draft the trainer has edited is theirs to publish; an untouched draft is published
  once the client's week has begun in their own time zone.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..domain import weeks
from ..domain.limits import LOAD_KG
from ..domain.planning import Experience, LibraryExercise, PlanDraft, plan_week, reads_adherence
from ..models import Client, Plan, PlanItem, PlanSession
from . import figures, plan_inputs

log = logging.getLogger("trainer.plans")
BATCH_SIZE = 500
MAX_ERRORS_KEPT = 20
Progress = Callable[[int, int], None]


@dataclass
class PlanRunCounts:
    """What a weekly-plans run did."""

    clients_seen: int = 0
    plans_created: int = 0
    skipped: int = 0
    errors: int = 0
    error_details: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "clients_seen": self.clients_seen,
            "plans_created": self.plans_created,
            "skipped": self.skipped,
            "errors": self.errors,
            "error_details": self.error_details,
        }


def weeks_due(client: Client, now: datetime) -> list[date]:
    """The plan weeks a client should have by ``now``: this week, and next week after Friday 18:00."""
    zone = ZoneInfo(client.timezone)
    this_week = weeks.local_week_start(now, zone)
    due = [this_week]
    if weeks.is_past_friday_evening(now, zone):
        due.append(this_week + timedelta(days=7))
    return [w for w in due if w + timedelta(days=6) >= client.started_on]


def _checked(draft: PlanDraft) -> PlanDraft:
    for session in draft.sessions:
        for item in session.items:
            if not 1 <= item.sets <= 10 or not 1 <= item.rep_min <= item.rep_max <= 100:
                raise ValueError(f"implausible prescription {item}")
            if item.load_kg is not None and not LOAD_KG[0] <= item.load_kg <= LOAD_KG[1]:
                raise ValueError(f"load {item.load_kg} kg is outside 0-1000 kg")
    return draft


def _trim_past_days(draft: PlanDraft, today: date) -> tuple[PlanDraft, str]:
    if today <= draft.week_start:
        return draft, ""
    kept = tuple(s for s in draft.sessions if s.day >= today)
    if len(kept) == len(draft.sessions):
        return draft, ""
    dropped = len(draft.sessions) - len(kept)
    note = (
        f"Plan started mid-week on {today:%a} {today.day} {today:%b}: {dropped} session(s) on earlier days "
        "were left out so they do not count as missed."
    )
    return PlanDraft(draft.week_start, kept, draft.notes), note


def draft_plans(
    session: Session,
    clients: list[Client],
    library: tuple[LibraryExercise, ...],
    now: datetime,
    counts: PlanRunCounts,
) -> list[tuple[Client, PlanDraft, str]]:
    """The drafts the batch ``clients`` are missing, computed by the engine (five queries)."""
    wanted = {(c.id, w) for c in clients for w in weeks_due(c, now)}
    if not wanted:
        return []
    existing = set(
        session.execute(
            select(Plan.client_id, Plan.week_start).where(tuple_(Plan.client_id, Plan.week_start).in_(sorted(wanted)))
        ).all()
    )
    missing = sorted(wanted - existing)
    counts.skipped += len(clients) - len({client_id for client_id, _ in missing})
    by_id = {c.id: c for c in clients}
    slugs = {e.id: e.slug for e in library}
    overrides = plan_inputs.load_overrides(session, [cid for cid, _ in missing], slugs)
    today_of = {c.id: weeks.local_date(now, c.timezone) for c in clients}
    adherence_for = {c.id for c in clients if _reads_adherence(c)}
    drafts = []
    for week in sorted({w for _, w in missing}):
        ids = [cid for cid, w in missing if w == week]
        histories = plan_inputs.load_histories(session, ids, week, today_of, adherence_for)
        for client_id in ids:
            client = by_id[client_id]
            try:
                profile = plan_inputs.profile_of(client, overrides.get(client_id, ()))
                draft = _checked(plan_week(profile, library, histories[client_id], week))
                draft, note = _trim_past_days(draft, today_of[client_id])
            except Exception as error:  # one client's bad data must not stop the run
                counts.errors += 1
                if len(counts.error_details) < MAX_ERRORS_KEPT:
                    counts.error_details.append({"client_id": client_id, "week": week.isoformat(), "error": str(error)})
                log.warning("plan failed", extra={"fields": {"client_id": client_id, "error": repr(error)}})
                continue
            drafts.append((client, draft, note))
    return drafts


def _reads_adherence(client: Client) -> bool:
    try:
        return reads_adherence(Experience(client.experience))
    except ValueError:
        return True  # the engine reports the bad profile; give it the full history meanwhile


def _insert_skipping_existing(session: Session):
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(Plan.__table__).on_conflict_do_nothing(index_elements=["client_id", "week_start"])


def save_drafts(session: Session, drafts: list[tuple[Client, PlanDraft, str]], now: datetime) -> int:
    """Insert the drafts' plans, sessions and items, skipping plans that appeared meanwhile; the count created."""
    if not drafts:
        return 0
    plans = Plan.__table__
    plan_rows = [
        {
            "client_id": client.id,
            "week_start": draft.week_start,
            "status": "draft",
            "notes": "\n".join([*draft.notes, note] if note else draft.notes),
            "generated_at": now,
        }
        for client, draft, note in drafts
    ]
    created = session.execute(
        _insert_skipping_existing(session).returning(plans.c.id, plans.c.client_id, plans.c.week_start), plan_rows
    ).all()
    plan_ids = {(client_id, week): plan_id for plan_id, client_id, week in created}
    session_rows = [
        {
            "plan_id": plan_ids[(client.id, draft.week_start)],
            "day": s.day,
            "title": s.title,
            "done": False if s.items else None,  # see PlanSession.done
        }
        for client, draft, _ in drafts
        if (client.id, draft.week_start) in plan_ids
        for s in draft.sessions
    ]
    session_ids = {}
    if session_rows:
        table = PlanSession.__table__
        returned = session.execute(
            insert(table).returning(table.c.id, table.c.plan_id, table.c.day), session_rows
        ).all()
        session_ids = {(plan_id, day): sid for sid, plan_id, day in returned}
    item_rows = [
        {
            "session_id": session_ids[(plan_ids[(client.id, draft.week_start)], s.day)],
            "position": position,
            "exercise_id": item.exercise_id,
            "sets": item.sets,
            "rep_min": item.rep_min,
            "rep_max": item.rep_max,
            "load_kg": item.load_kg,
            "reason": item.reason,
            "note": "",
            "deload_from_kg": item.deload_from_kg,
        }
        for client, draft, _ in drafts
        if (client.id, draft.week_start) in plan_ids
        for s in draft.sessions
        for position, item in enumerate(s.items)
    ]
    if item_rows:
        session.execute(insert(PlanItem.__table__), item_rows)
    figures.refresh_attendance_weeks(session, set(plan_ids), new_plans=True)
    return len(plan_ids)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one batch is drafted and saved.

    A batch builds a few hundred thousand small objects (history rows, logs, drafts) that all live
    until the batch ends, so the collector would keep re-scanning survivors (a third of the CPU
    time); reference counting still frees everything, and any cycles are collected after the batch.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def active_client_batches(session: Session, batch_size: int):
    """Active clients in id order, a batch at a time (keyset pagination, one query per batch)."""
    last_id = 0
    while True:
        batch = list(
            session.scalars(
                select(Client)
                .where(Client.archived.is_(False), Client.id > last_id)
                .order_by(Client.id)
                .limit(batch_size)
            )
        )
        if not batch:
            return
        last_id = batch[-1].id  # read before the caller commits (and expires the batch)
        yield batch


def create_weekly_plans(
    session: Session, *, now: datetime, progress: Progress | None = None, batch_size: int = BATCH_SIZE
) -> dict:
    """Draft every active client's due plans that do not exist yet; one transaction per batch."""
    total = session.scalar(select(func.count()).select_from(Client).where(Client.archived.is_(False))) or 0
    library = plan_inputs.load_library(session)
    counts = PlanRunCounts()
    for batch in active_client_batches(session, batch_size):
        counts.clients_seen += len(batch)
        try:
            with _collector_paused():
                drafts = draft_plans(session, batch, library, now, counts)
                counts.plans_created += save_drafts(session, drafts, now)
            session.commit()
        except Exception:
            session.rollback()
            raise
        if progress:
            progress(counts.clients_seen, total)
    return counts.as_dict()


def publish_due_drafts(session: Session, *, now: datetime) -> dict:
    """Publish untouched drafts whose week has begun in the client's time zone. Commits."""
    latest_local_day = (now + timedelta(hours=14)).date()  # the furthest-ahead time zone
    rows = session.execute(
        select(Plan.id, Plan.week_start, Plan.edited_at, Client.timezone)
        .join(Client, Client.id == Plan.client_id)
        .where(Plan.status == "draft", Plan.week_start <= latest_local_day, Client.archived.is_(False))
    ).all()
    due = [pid for pid, week, edited, tz in rows if edited is None and weeks.local_date(now, tz) >= week]
    held = sum(1 for pid, week, edited, tz in rows if edited is not None and weeks.local_date(now, tz) >= week)
    for start in range(0, len(due), 500):
        session.execute(
            update(Plan)
            .where(Plan.id.in_(due[start : start + 500]), Plan.status == "draft")
            .values(status="published", published_at=now)
        )
    session.commit()
    return {"drafts_seen": len(rows), "published": len(due), "held_for_trainer": held}
