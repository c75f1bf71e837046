"""Adherence loaded for many clients: the attendance-only read gives the same done/missed outcomes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from trainer.domain.adherence import assess_sessions
from trainer.models import Plan, SetLog, Workout
from trainer.services import plans
from trainer.services.adherence import logged_sets, outcomes_for, planned_sessions


def test_attendance_only_outcomes_match_the_full_read(session, make_trainer, make_client):
    trainer = make_trainer()
    clients = [make_client(trainer) for _ in range(3)]
    plans.create_weekly_plans(session, now=datetime(2026, 11, 20, 19, 0, tzinfo=UTC))
    for plan in session.scalars(select(Plan)):
        plan.status = "published"
    # Client 0 does every session fully, client 1 half of the exercises of the first, client 2 nothing.
    for plan in session.scalars(select(Plan).where(Plan.week_start == date(2026, 11, 23))):
        chosen = {clients[0].id: plan.sessions, clients[1].id: plan.sessions[:1]}.get(plan.client_id, [])
        for planned in chosen:
            items = planned.items if plan.client_id == clients[0].id else planned.items[: len(planned.items) // 2]
            session.add(
                Workout(
                    client_id=plan.client_id,
                    date=planned.day,
                    sets=[
                        SetLog(exercise_id=item.exercise_id, position=n, reps=10, load_kg=10.0)
                        for n, item in enumerate(items)
                        for _ in range(item.sets)
                    ],
                )
            )
    session.commit()
    ids = [c.id for c in clients]
    today = date(2026, 11, 30)
    full = outcomes_for(session, ids, today=today, days=14)
    # The attendance-only read (what services.figures stores done flags from) over the same weeks.
    planned = planned_sessions(session, ids, date(2026, 11, 16), date(2026, 12, 6))
    sets = logged_sets(session, ids, date(2026, 11, 16), date(2026, 12, 6), attendance_only=True)
    quick = {cid: assess_sessions(planned.get(cid, []), sets.get(cid, []), today) for cid in ids}
    assert {k: [o.status for o in v] for k, v in quick.items()} == {k: [o.status for o in v] for k, v in full.items()}
    done = {k: sum(o.status == "done" for o in v) for k, v in full.items()}
    assert done == {clients[0].id: 3, clients[1].id: 1, clients[2].id: 0}
