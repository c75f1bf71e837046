"""Migration 0006 fills the stored figures of rows that existed before it (on a scratch database)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from trainer import create_app
from trainer.extensions import db
from trainer.models import Plan, PlanItem, PlanSession, WeighIn
from trainer.services import demo

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def scratch_url(tmp_path):
    """A database of its own: a SQLite file, or a PostgreSQL database beside ``TEST_DATABASE_URL``'s."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    scratch = make_url(url).set(database=f"{make_url(url).database}_scratch")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch.database}"'))
        conn.execute(text(f'CREATE DATABASE "{scratch.database}"'))
    yield scratch.render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch.database}" WITH (FORCE)'))
    admin.dispose()


def test_upgrading_to_0006_stores_the_trend_and_done_flags_of_existing_rows(scratch_url):
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": scratch_url, "LOG_LEVEL": "WARNING"}
    )
    with app.app_context():
        upgrade()
        demo.seed_demo(db.session, TODAY, now=NOW)
        demo.backfill_plans(db.session, NOW)
        plan = db.session.scalars(select(Plan).order_by(Plan.week_start.desc())).first()
        db.session.execute(
            insert(PlanSession.__table__).values(plan_id=plan.id, day=plan.week_start + timedelta(days=6), done=None)
        )
        db.session.commit()
        trends = dict(db.session.execute(select(WeighIn.id, WeighIn.trend_kg)).all())
        flags = dict(db.session.execute(select(PlanSession.id, PlanSession.done)).all())
        items = db.session.scalar(select(func.count()).select_from(PlanItem))
        db.session.remove()
        assert len(trends) > 100 and sum(bool(flag) for flag in flags.values()) > 10 and None in flags.values()

        downgrade(revision="0005")  # the columns and their values are gone
        upgrade()  # and come back filled from the rows
        assert dict(db.session.execute(select(WeighIn.id, WeighIn.trend_kg)).all()) == pytest.approx(trends)
        assert dict(db.session.execute(select(PlanSession.id, PlanSession.done)).all()) == flags
        # SQLite rebuilds plan_sessions to drop and add the column: its items must survive that.
        assert db.session.scalar(select(func.count()).select_from(PlanItem)) == items > 0
        db.session.remove()
        db.engine.dispose()
