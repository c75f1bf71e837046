"""Load the exercise library (DOMAIN.md section 2).

A frozen copy of ``trainer.domain.exercises.LIBRARY`` as it stood at this revision;
a later change to the library comes with a migration of its own (a test checks that
the database and the library agree).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# slug, name, muscle groups, equipment, bodyweight, movement, weighted form's slug
EXERCISES = [
    ("push-up", "Push-up", ["chest", "triceps"], "bodyweight", True, "chest press", "chest-press"),
    ("inverted-row", "Inverted row", ["back", "biceps"], "bodyweight", True, "row", "dumbbell-row"),
    (
        "negative-chin-up",
        "Assisted/negative chin-up",
        ["back", "biceps"],
        "bodyweight",
        True,
        "pull-down",
        "lat-pull-down",
    ),
    ("pike-push-up", "Pike push-up", ["shoulders", "triceps"], "bodyweight", True, "shoulder press", "shoulder-press"),
    ("bodyweight-squat", "Body-weight squat", ["legs"], "bodyweight", True, "squat", "goblet-squat"),
    ("reverse-lunge", "Reverse lunge", ["legs"], "bodyweight", True, "lunge", "weighted-lunge"),
    ("towel-curl", "Towel/band curl", ["biceps"], "bodyweight", True, "curl", "biceps-curl"),
    ("bench-dip", "Bench dip", ["triceps"], "bodyweight", True, "triceps extension", "triceps-extension"),
    (
        "prone-y-t-raise",
        "Prone Y-T raise",
        ["back", "shoulders"],
        "bodyweight",
        True,
        "rear-deltoid flye",
        "rear-delt-flye",
    ),
    ("floor-superman", "Floor superman", ["back"], "bodyweight", True, "back extension", "back-extension"),
    ("plank", "Plank", ["core"], "bodyweight", True, "plank", None),
    ("chest-press", "Dumbbell chest press", ["chest", "triceps"], "dumbbells", False, "chest press", None),
    ("dumbbell-row", "Dumbbell row", ["back", "biceps"], "dumbbells", False, "row", None),
    ("lat-pull-down", "Lat pull-down", ["back", "biceps"], "gym", False, "pull-down", None),
    ("shoulder-press", "Dumbbell shoulder press", ["shoulders", "triceps"], "dumbbells", False, "shoulder press", None),
    ("goblet-squat", "Goblet squat", ["legs"], "dumbbells", False, "squat", None),
    ("weighted-lunge", "Dumbbell reverse lunge", ["legs"], "dumbbells", False, "lunge", None),
    ("biceps-curl", "Dumbbell biceps curl", ["biceps"], "dumbbells", False, "curl", None),
    ("triceps-extension", "Dumbbell triceps extension", ["triceps"], "dumbbells", False, "triceps extension", None),
    ("rear-delt-flye", "Rear-deltoid flye", ["back", "shoulders"], "dumbbells", False, "rear-deltoid flye", None),
    ("back-extension", "Back extension", ["back"], "gym", False, "back extension", None),
    ("bench-press", "Barbell bench press", ["chest", "triceps"], "gym", False, "chest press", None),
    ("back-squat", "Barbell back squat", ["legs"], "gym", False, "squat", None),
    ("deadlift", "Barbell deadlift", ["legs", "back"], "gym", False, "hinge", None),
    ("romanian-deadlift", "Dumbbell Romanian deadlift", ["legs", "back"], "dumbbells", False, "hinge", None),
    ("overhead-press", "Barbell overhead press", ["shoulders", "triceps"], "gym", False, "shoulder press", None),
    ("seated-cable-row", "Seated cable row", ["back", "biceps"], "gym", False, "row", None),
    ("pull-up", "Pull-up", ["back", "biceps"], "gym", True, "pull-down", None),
]


def upgrade():
    exercises = sa.table(
        "exercises",
        sa.column("id", sa.Integer),
        sa.column("slug", sa.String),
        sa.column("name", sa.String),
        sa.column("muscle_groups", sa.JSON),
        sa.column("equipment", sa.String),
        sa.column("bodyweight", sa.Boolean),
        sa.column("movement", sa.String),
        sa.column("weighted_form_id", sa.Integer),
    )
    op.bulk_insert(
        exercises,
        [
            dict(slug=s, name=n, muscle_groups=g, equipment=e, bodyweight=b, movement=m)
            for s, n, g, e, b, m, _ in EXERCISES
        ],
    )
    conn = op.get_bind()
    ids = dict(conn.execute(sa.select(exercises.c.slug, exercises.c.id)).all())
    for slug, *_, weighted in EXERCISES:
        if weighted:
            conn.execute(exercises.update().where(exercises.c.slug == slug).values(weighted_form_id=ids[weighted]))


def downgrade():
    op.execute("DELETE FROM exercises")
