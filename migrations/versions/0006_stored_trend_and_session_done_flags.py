"""stored trend and session done flags

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 15:11:04.268245

Adds ``weigh_ins.trend_kg`` and ``plan_sessions.done`` (see ``trainer.services.figures``) and
fills them for the rows already there, with the domain's rules, a batch of clients at a time.
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from trainer.domain.adherence import PlannedSession, PrescribedExercise, done_sessions
from trainer.domain.strength import LoggedSet
from trainer.domain.trend import WeighIn, smooth

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BATCH = 200  # clients per read

clients = sa.table("clients", sa.column("id", sa.Integer))
weigh_ins = sa.table(
    "weigh_ins",
    sa.column("id", sa.Integer),
    sa.column("client_id", sa.Integer),
    sa.column("date", sa.Date),
    sa.column("weight_kg", sa.Float),
    sa.column("trend_kg", sa.Float),
)
plans = sa.table("plans", sa.column("id", sa.Integer), sa.column("client_id", sa.Integer))
plan_sessions = sa.table(
    "plan_sessions",
    sa.column("id", sa.Integer),
    sa.column("plan_id", sa.Integer),
    sa.column("day", sa.Date),
    sa.column("done", sa.Boolean),
)
plan_items = sa.table(
    "plan_items",
    sa.column("session_id", sa.Integer),
    sa.column("exercise_id", sa.Integer),
    sa.column("sets", sa.Integer),
    sa.column("rep_min", sa.Integer),
    sa.column("load_kg", sa.Float),
)
workouts = sa.table(
    "workouts",
    sa.column("id", sa.Integer),
    sa.column("client_id", sa.Integer),
    sa.column("date", sa.Date),
    sa.column("plan_session_id", sa.Integer),
)
set_logs = sa.table(
    "set_logs",
    sa.column("workout_id", sa.Integer),
    sa.column("exercise_id", sa.Integer),
    sa.column("reps", sa.Integer),
    sa.column("load_kg", sa.Float),
)


def _fill_trends(bind, ids):
    by_client = defaultdict(list)
    rows = bind.execute(
        sa.select(weigh_ins.c.client_id, weigh_ins.c.id, weigh_ins.c.date, weigh_ins.c.weight_kg)
        .where(weigh_ins.c.client_id.in_(ids))
        .order_by(weigh_ins.c.client_id, weigh_ins.c.date)
    )
    for client_id, row_id, day, kg in rows:
        by_client[client_id].append((row_id, WeighIn(day, kg)))
    values = []
    for entries in by_client.values():
        points = smooth([weigh_in for _, weigh_in in entries])
        values += [{"row_id": row_id, "trend": p.trend_kg} for (row_id, _), p in zip(entries, points, strict=True)]
    if values:
        bind.execute(
            weigh_ins.update().where(weigh_ins.c.id == sa.bindparam("row_id")).values(trend_kg=sa.bindparam("trend")),
            values,
        )


def _fill_done(bind, ids):
    items = defaultdict(list)
    rows = bind.execute(
        sa.select(
            plans.c.client_id,
            plan_sessions.c.id,
            plan_sessions.c.day,
            plan_items.c.exercise_id,
            plan_items.c.sets,
            plan_items.c.rep_min,
            plan_items.c.load_kg,
        )
        .join(plan_sessions, plan_sessions.c.plan_id == plans.c.id)
        .join(plan_items, plan_items.c.session_id == plan_sessions.c.id)
        .where(plans.c.client_id.in_(ids))
    )
    for client_id, session_id, day, exercise_id, sets, rep_min, load_kg in rows:
        items[(client_id, session_id, day)].append(PrescribedExercise(exercise_id, sets, rep_min, load_kg))
    planned = defaultdict(list)
    for (client_id, session_id, day), exercises in items.items():
        planned[client_id].append(PlannedSession(session_id, day, tuple(exercises)))
    logged = defaultdict(list)
    rows = bind.execute(
        sa.select(
            workouts.c.client_id,
            workouts.c.date,
            workouts.c.plan_session_id,
            set_logs.c.exercise_id,
            set_logs.c.reps,
            set_logs.c.load_kg,
        )
        .join(set_logs, set_logs.c.workout_id == workouts.c.id)
        .where(workouts.c.client_id.in_(ids))
    )
    for client_id, day, session_id, exercise_id, reps, load_kg in rows:
        logged[client_id].append(LoggedSet(day, exercise_id, reps, load_kg or None, session_id))
    done = sorted(sid for cid, sessions in planned.items() for sid in done_sessions(sessions, logged.get(cid, [])))
    for start in range(0, len(done), 500):
        bind.execute(plan_sessions.update().where(plan_sessions.c.id.in_(done[start : start + 500])).values(done=True))
    # A session without exercises does not count: None rather than not done.
    empty = (
        sa.select(plan_sessions.c.id)
        .join(plans, plans.c.id == plan_sessions.c.plan_id)
        .where(plans.c.client_id.in_(ids), ~sa.exists().where(plan_items.c.session_id == plan_sessions.c.id))
    )
    bind.execute(plan_sessions.update().where(plan_sessions.c.id.in_(empty)).values(done=None))


def upgrade():
    with op.batch_alter_table("plan_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("done", sa.Boolean(), server_default=sa.false(), nullable=True))

    with op.batch_alter_table("weigh_ins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("trend_kg", sa.Float(), nullable=True))

    bind = op.get_bind()
    ids = list(bind.execute(sa.select(clients.c.id).order_by(clients.c.id)).scalars())
    for start in range(0, len(ids), BATCH):
        _fill_trends(bind, ids[start : start + BATCH])
        _fill_done(bind, ids[start : start + BATCH])


def downgrade():
    with op.batch_alter_table("weigh_ins", schema=None) as batch_op:
        batch_op.drop_column("trend_kg")

    with op.batch_alter_table("plan_sessions", schema=None) as batch_op:
        batch_op.drop_column("done")
