"""weigh-ins version

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 15:48:00

Adds ``clients.weigh_ins_version`` and the triggers that bump it whenever a weigh-in's client,
date or weight is inserted, changed or deleted, by any path (the ORM, Core, raw SQL, cascades).
The API reads it to know whether a weigh-ins list it answered before is still current.

SQLite drops a table's triggers when batch mode rebuilds the table: a later migration that
rebuilds ``weigh_ins`` must create them again (``tests/integration/test_schema.py`` checks).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BUMP = "UPDATE clients SET weigh_ins_version = weigh_ins_version + 1 WHERE id = {row}.client_id"
SQLITE_TRIGGERS = {
    "weigh_ins_version_insert": f"AFTER INSERT ON weigh_ins BEGIN {BUMP.format(row='NEW')}; END",
    "weigh_ins_version_update": (
        "AFTER UPDATE OF client_id, date, weight_kg ON weigh_ins BEGIN "
        f"{BUMP.format(row='NEW')}; {BUMP.format(row='OLD')} AND OLD.client_id <> NEW.client_id; END"
    ),
    "weigh_ins_version_delete": f"AFTER DELETE ON weigh_ins BEGIN {BUMP.format(row='OLD')}; END",
}
POSTGRESQL_FUNCTION = f"""
CREATE FUNCTION bump_weigh_ins_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        {BUMP.format(row="NEW")};
    END IF;
    IF TG_OP = 'DELETE' OR OLD.client_id <> NEW.client_id THEN
        {BUMP.format(row="OLD")};
    END IF;
    RETURN NULL;
END
$$
"""
POSTGRESQL_TRIGGER = (
    "CREATE TRIGGER weigh_ins_version AFTER INSERT OR DELETE OR UPDATE OF client_id, date, weight_kg "
    "ON weigh_ins FOR EACH ROW EXECUTE FUNCTION bump_weigh_ins_version()"
)


def upgrade():
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weigh_ins_version", sa.Integer(), server_default="0", nullable=False))

    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        op.execute(POSTGRESQL_TRIGGER)
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER weigh_ins_version ON weigh_ins")
        op.execute("DROP FUNCTION bump_weigh_ins_version()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_column("weigh_ins_version")
