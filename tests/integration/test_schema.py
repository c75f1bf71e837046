"""The migrations build exactly the schema the models describe, and load the exercise library."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from trainer.domain.exercises import LIBRARY
from trainer.models import Exercise


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
