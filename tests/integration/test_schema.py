"""The migrations build exactly the schema the models describe, and load the exercise library."""

from __future__ import annotations

from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text, update

from trainer.domain.exercises import LIBRARY
from trainer.models import Exercise, WeighIn


def test_models_and_migrations_agree(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_load_the_whole_exercise_library(session):
    rows = {e.slug: e for e in session.scalars(select(Exercise))}
    assert set(rows) == {spec.slug for spec in LIBRARY}
    for spec in LIBRARY:
        row = rows[spec.slug]
        assert (row.name, row.equipment, row.bodyweight, row.movement) == (
            spec.name,
            spec.equipment.value,
            spec.bodyweight,
            spec.movement,
        )
        assert row.muscle_groups == [g.value for g in spec.muscle_groups]
        assert (row.weighted_form.slug if row.weighted_form else None) == spec.weighted_form


def test_the_weigh_ins_version_triggers_exist_after_the_migrations(session, make_trainer, make_client):
    """SQLite drops a table's triggers when batch mode rebuilds it; a later migration must not lose them."""
    if session.get_bind().dialect.name == "postgresql":
        names = set(session.scalars(text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'weigh_ins'::regclass")))
        assert "weigh_ins_version" in names
    else:
        names = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert {"weigh_ins_version_insert", "weigh_ins_version_update", "weigh_ins_version_delete"} <= names
    client = make_client(make_trainer())
    session.add(WeighIn(client_id=client.id, date=date(2026, 1, 5), weight_kg=70.0))
    session.commit()
    session.execute(update(WeighIn).values(trend_kg=70.0))  # the trend is not part of the answers: no bump
    session.commit()
    session.refresh(client)
    assert client.weigh_ins_version == 1
