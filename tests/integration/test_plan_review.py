"""The trainer's review services: the list to review, item edits, overrides, regenerate, publish, the diff,
the client's week and the workout pre-fill (on SQLite, and on PostgreSQL with ``TEST_DATABASE_URL``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from querycount import count_queries
from sqlalchemy import func, select

from trainer.domain.adherence import SessionStatus
from trainer.domain.plan_diff import Change
from trainer.models import Exercise, Flag, MovementOverride, Plan, PlanItem, SetLog, Workout
from trainer.services import plan_edits, plan_review, plans
from trainer.services.client_week import client_week
from trainer.services.errors import InvalidInput, NotFound
from trainer.services.logbook import SetEntry
from trainer.services.plan_edits import ItemEdit

# Friday 27 Nov 2026, 18:30 UTC: past Friday 18:00 in London, so next week's drafts exist.
FRIDAY_EVENING = datetime(2026, 11, 27, 18, 30, tzinfo=UTC)
THIS_WEEK = date(2026, 11, 23)
NEXT_WEEK = date(2026, 11, 30)
LATER = FRIDAY_EVENING + timedelta(hours=1)


@pytest.fixture
def trainer(make_trainer):
    return make_trainer(name="Robin Coach")


@pytest.fixture
def client(make_client, trainer):
    return make_client(trainer, name="Sam Lee", experience="intermediate", equipment="dumbbells")


def exercise(session, slug: str) -> Exercise:
    return session.scalars(select(Exercise).where(Exercise.slug == slug)).one()


def drafts(session, now=FRIDAY_EVENING):
    plans.create_weekly_plans(session, now=now)


def plan_of(session, client, week=NEXT_WEEK) -> Plan:
    session.expire_all()
    return plan_review.plan_for(session, client, week)


def first_item(plan: Plan, slug: str | None = None) -> PlanItem:
    return next(i for s in plan.sessions for i in s.items if slug is None or i.exercise.slug == slug)


def edit_of(item: PlanItem, **changes) -> ItemEdit:
    fields = {"exercise_id": item.exercise_id, "sets": item.sets, "rep_min": item.rep_min, "rep_max": item.rep_max}
    return ItemEdit(**{**fields, "load_kg": item.load_kg, "note": item.note, **changes})


def log_all_sets(session, client, planned_session, reps=12, load_kg=0.0, on=None):
    workout = Workout(
        client_id=client.id,
        date=on or planned_session.day,
        plan_session_id=planned_session.id,
        sets=[
            SetLog(exercise_id=item.exercise_id, position=n, reps=reps, load_kg=load_kg if item.load_kg else 0.0)
            for n, item in enumerate(i for i in planned_session.items for _ in range(i.sets))
        ],
    )
    session.add(workout)
    session.commit()
    return workout


# Plans to review -----------------------------------------------------------------------


def test_review_lists_next_weeks_drafts_of_the_trainers_active_clients_only(
    session, trainer, client, make_trainer, make_client
):
    archived = make_client(trainer, name="Archie Ved")
    other = make_client(make_trainer(), name="Not Mine")
    drafts(session)
    archived.archived = True
    session.commit()
    rows = plan_review.plans_to_review(session, trainer, now=LATER)
    assert [(r.client.id, r.plan.week_start) for r in rows] == [(client.id, NEXT_WEEK)]
    assert rows[0].sessions == 3 and rows[0].open_flags == 0 and not rows[0].week_begun
    assert other.id not in {r.client.id for r in rows}


def test_published_plans_are_not_to_review(session, trainer, client):
    drafts(session)
    plan_review.publish(session, plan_of(session, client), now=LATER)
    assert plan_review.plans_to_review(session, trainer, now=LATER) == []


def test_review_puts_clients_with_most_open_flags_first_then_by_name(session, trainer, make_client):
    anna, ben, cleo = (make_client(trainer, name=n) for n in ("Anna", "Ben", "Cleo"))
    drafts(session)
    session.add_all(
        [
            Flag(client_id=cleo.id, kind="inactive", status="open", open_key=f"{cleo.id}:inactive"),
            Flag(client_id=cleo.id, kind="rapid_loss", status="acknowledged", open_key=f"{cleo.id}:rapid"),
            Flag(client_id=ben.id, kind="inactive", status="open", open_key=f"{ben.id}:inactive"),
            Flag(client_id=anna.id, kind="inactive", status="resolved"),
        ]
    )
    session.commit()
    rows = plan_review.plans_to_review(session, trainer, now=LATER)
    assert [(r.client.name, r.open_flags) for r in rows] == [("Cleo", 2), ("Ben", 1), ("Anna", 0)]


def test_a_draft_of_a_week_already_begun_is_listed_as_such(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    plan_edits.touch(plan, trainer, LATER)  # edited: the publish job leaves it to the trainer
    session.commit()
    monday = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    plans.publish_due_drafts(session, now=monday)
    rows = plan_review.plans_to_review(session, trainer, now=monday)
    assert [(r.plan.week_start, r.week_begun) for r in rows] == [(NEXT_WEEK, True)]


def test_the_review_list_runs_a_fixed_number_of_queries(app, session, trainer, make_client):
    make_client(trainer)
    drafts(session)
    session.expire_all()
    assert trainer.id
    with count_queries(session.get_bind()) as few:
        plan_review.plans_to_review(session, trainer, now=LATER)
    for _ in range(5):
        make_client(trainer)
    drafts(session)
    session.expire_all()
    assert trainer.id
    with count_queries(session.get_bind()) as many:
        rows = plan_review.plans_to_review(session, trainer, now=LATER)
    assert len(rows) == 6
    assert len(many) == len(few) <= 3


# Loading -------------------------------------------------------------------------------


def test_a_plan_loads_with_its_sessions_items_and_exercises_in_four_queries(session, client):
    drafts(session)
    session.expire_all()
    assert client.id  # loaded again before counting
    with count_queries(session.get_bind()) as statements:
        plan = plan_review.plan_for(session, client, NEXT_WEEK)
        names = [item.exercise.name for s in plan.sessions for item in s.items]
    assert len(statements) == 4 and len(names) >= 18


def test_another_week_or_another_clients_plan_is_not_found(session, trainer, client, make_client):
    stranger = make_client(trainer)
    drafts(session)
    with pytest.raises(NotFound):
        plan_review.plan_for(session, client, NEXT_WEEK + timedelta(days=7))
    other_item = first_item(plan_of(session, stranger))
    with pytest.raises(NotFound):
        plan_review.item_of(plan_of(session, client), other_item.id)


def test_the_client_plans_list_is_newest_first_with_session_counts(session, client):
    drafts(session)
    listed = plan_review.client_plans(session, client)
    assert [(p.week_start, n) for p, n in listed] == [(NEXT_WEEK, 3), (THIS_WEEK, 1)]  # mid-week catch-up: Fri only


# Editing an item ---------------------------------------------------------------------


def test_an_edit_saves_the_prescription_marks_the_plan_and_keeps_the_rules_reason(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    item = first_item(plan, "goblet-squat")
    rules_said = item.reason
    edit = edit_of(item, sets=4, rep_min=6, rep_max=10, load_kg=24.0, note="Pause at the bottom")
    plan_edits.edit_item(session, client, plan, item, edit, by=trainer, now=LATER)
    plan = plan_of(session, client)
    item = first_item(plan, "goblet-squat")
    assert (item.sets, item.rep_min, item.rep_max, item.load_kg, item.note) == (4, 6, 10, 24.0, "Pause at the bottom")
    assert item.reason == f"Set by your trainer (the rules suggested: {rules_said[0].lower()}{rules_said[1:]})"
    assert (plan.edited_at, plan.edited_by_id, plan.status) == (LATER, trainer.id, "draft")


def test_a_second_edit_does_not_stack_the_trainers_prefix(session, trainer, client):
    drafts(session)
    for load in (24.0, 26.0):
        plan = plan_of(session, client)
        item = first_item(plan, "goblet-squat")
        plan_edits.edit_item(session, client, plan, item, edit_of(item, load_kg=load), by=trainer, now=LATER)
    assert first_item(plan_of(session, client), "goblet-squat").reason.count("Set by your trainer") == 1


def test_a_note_only_edit_keeps_the_reason_but_marks_the_plan(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    item = first_item(plan)
    reason = item.reason
    plan_edits.edit_item(session, client, plan, item, edit_of(item, note="Slow down"), by=trainer, now=LATER)
    plan = plan_of(session, client)
    assert first_item(plan).reason == reason and plan.edited_at == LATER


def test_an_edit_changes_one_session_unless_asked_for_every_session(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    monday, wednesday, friday = plan.sessions
    press = first_item(plan, "chest-press")
    plan_edits.edit_item(session, client, plan, press, edit_of(press, load_kg=12.5), by=trainer, now=LATER)
    loads = [i.load_kg for s in plan_of(session, client).sessions for i in s.items if i.exercise.slug == "chest-press"]
    assert loads == [12.5, None, None]
    plan = plan_of(session, client)
    press = first_item(plan, "chest-press")
    edit = edit_of(press, load_kg=15.0, every_session=True)
    changed = plan_edits.edit_item(session, client, plan, press, edit, by=trainer, now=LATER)
    assert len(changed) == 3
    loads = [i.load_kg for s in plan_of(session, client).sessions for i in s.items if i.exercise.slug == "chest-press"]
    assert loads == [15.0, 15.0, 15.0]


def test_the_exercise_may_become_another_of_the_same_main_muscle_group(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    item = first_item(plan, "goblet-squat")
    options = {e.slug for e in plan_edits.exercise_options(session, client, item.exercise)}
    assert {"goblet-squat", "weighted-lunge", "romanian-deadlift", "bodyweight-squat"} <= options
    assert "back-squat" not in options  # needs a gym
    lunge = exercise(session, "romanian-deadlift")
    plan_edits.edit_item(session, client, plan, item, edit_of(item, exercise_id=lunge.id), by=trainer, now=LATER)
    changed = first_item(plan_of(session, client), "romanian-deadlift")
    assert changed.reason == "Set by your trainer (in place of Goblet squat)"


@pytest.mark.parametrize(
    ("slug", "rule"),
    [
        ("chest-press", "same main muscle group (legs)"),
        ("back-squat", "needs gym"),
    ],
)
def test_an_exercise_of_another_group_or_beyond_the_equipment_is_refused(session, trainer, client, slug, rule):
    drafts(session)
    plan = plan_of(session, client)
    item = first_item(plan, "goblet-squat")
    with pytest.raises(InvalidInput) as error:
        plan_edits.edit_item(
            session, client, plan, item, edit_of(item, exercise_id=exercise(session, slug).id), by=trainer, now=LATER
        )
    assert rule in error.value.errors["exercise_id"][0]


def test_an_exercise_already_in_the_session_is_refused(session, trainer, make_client):
    legs = make_client(trainer, experience="intermediate", equipment="dumbbells", focus=["legs"])
    drafts(session)
    plan = plan_of(session, legs)
    monday = plan.sessions[0]
    squat = next(i for i in monday.items if i.exercise.slug == "goblet-squat")
    assert "weighted-lunge" in {i.exercise.slug for i in monday.items}
    with pytest.raises(InvalidInput) as error:
        edit = edit_of(squat, exercise_id=exercise(session, "weighted-lunge").id)
        plan_edits.edit_item(session, legs, plan, squat, edit, by=trainer, now=LATER)
    assert error.value.errors["exercise_id"] == ["Dumbbell reverse lunge is already in the session of Mon 30 Nov."]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"sets": 0}, "sets", "from 1 to 10"),
        ({"sets": 11}, "sets", "from 1 to 10"),
        ({"rep_min": 0}, "rep_min", "from 1 to 100"),
        ({"rep_max": 101}, "rep_max", "from 1 to 100"),
        ({"rep_min": 12, "rep_max": 8}, "rep_max", "not be below the minimum"),
        ({"load_kg": -1.0}, "load_kg", "between 0 and 1000 kg"),
        ({"load_kg": 1000.5}, "load_kg", "between 0 and 1000 kg"),
        ({"exercise_id": 99_999}, "exercise_id", "no exercise"),
        ({"note": "x" * 5001}, "note", "at most 5000"),
    ],
)
def test_an_invalid_edit_names_the_field_and_rule_and_saves_nothing(session, trainer, client, changes, field, words):
    drafts(session)
    plan = plan_of(session, client)
    item = first_item(plan)
    before = (item.exercise_id, item.sets, item.rep_min, item.rep_max, item.load_kg, item.note, item.reason)
    with pytest.raises(InvalidInput) as error:
        edit = edit_of(item, **{"load_kg": 20.0, "note": "kept?", **changes})
        plan_edits.edit_item(session, client, plan, item, edit, by=trainer, now=LATER)
    assert words in " ".join(error.value.errors[field])
    session.rollback()
    plan = plan_of(session, client)
    item = first_item(plan)
    assert (item.exercise_id, item.sets, item.rep_min, item.rep_max, item.load_kg, item.note, item.reason) == before
    assert plan.edited_at is None


def test_a_published_plan_stays_published_when_edited(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    plan_review.publish(session, plan, now=LATER)
    item = first_item(plan)
    plan_edits.edit_item(session, client, plan, item, edit_of(item, load_kg=10.0), by=trainer, now=LATER)
    plan = plan_of(session, client)
    assert plan.status == "published" and first_item(plan).load_kg == 10.0


def test_an_edited_draft_is_left_to_the_trainer_by_the_publish_job(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    item = first_item(plan)
    plan_edits.edit_item(session, client, plan, item, edit_of(item, note="Mind the knees"), by=trainer, now=LATER)
    monday = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    assert plans.publish_due_drafts(session, now=monday)["held_for_trainer"] == 1
    assert plan_of(session, client).status == "draft"


def test_raising_a_deload_back_to_its_origin_ends_the_deload(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    item = first_item(plan, "goblet-squat")
    item.load_kg, item.deload_from_kg = 18.0, 20.0
    session.commit()
    plan_edits.edit_item(session, client, plan, item, edit_of(item, load_kg=17.5), by=trainer, now=LATER)
    assert first_item(plan_of(session, client), "goblet-squat").deload_from_kg == 20.0
    plan = plan_of(session, client)
    item = first_item(plan, "goblet-squat")
    plan_edits.edit_item(session, client, plan, item, edit_of(item, load_kg=20.0), by=trainer, now=LATER)
    assert first_item(plan_of(session, client), "goblet-squat").deload_from_kg is None


# Movement overrides ------------------------------------------------------------------


def test_an_override_is_one_row_per_client_and_movement(session, trainer, client):
    plan_edits.set_override(session, client, "squat", "hold", by=trainer, now=LATER)
    weighted = exercise(session, "weighted-lunge")
    goblet = exercise(session, "goblet-squat")
    row = plan_edits.set_override(session, client, "squat", "switch", goblet.id, by=trainer, now=LATER)
    assert (row.action, row.to_exercise_id, row.created_by_id) == ("switch", goblet.id, trainer.id)
    assert session.scalar(select(func.count()).select_from(MovementOverride)) == 1
    with pytest.raises(InvalidInput) as error:
        plan_edits.set_override(session, client, "squat", "switch", weighted.id, by=trainer, now=LATER)
    assert "form of the squat movement" in error.value.errors["to_exercise_id"][0]
    assert plan_edits.set_override(session, client, "squat", None, by=trainer, now=LATER) is None
    assert session.scalar(select(func.count()).select_from(MovementOverride)) == 0


@pytest.mark.parametrize(
    ("movement", "action", "slug", "field", "words"),
    [
        ("somersault", "hold", None, "movement", "no movement"),
        ("squat", "skip", None, "action", "hold or switch"),
        ("squat", "switch", "back-squat", "to_exercise_id", "needs gym"),
    ],
)
def test_an_invalid_override_names_the_field_and_saves_nothing(
    session, trainer, client, movement, action, slug, field, words
):
    target = exercise(session, slug).id if slug else None
    with pytest.raises(InvalidInput) as error:
        plan_edits.set_override(session, client, movement, action, target, by=trainer, now=LATER)
    assert words in error.value.errors[field][0]
    session.rollback()
    assert session.scalar(select(func.count()).select_from(MovementOverride)) == 0


def test_movement_controls_offer_the_forms_the_equipment_allows(session, trainer, client):
    drafts(session)
    goblet = exercise(session, "goblet-squat")
    plan_edits.set_override(session, client, "squat", "switch", goblet.id, by=trainer, now=LATER)
    controls = {c.movement: c for c in plan_edits.movement_controls(session, client, plan_of(session, client))}
    squat = controls["squat"]
    assert squat.selected == f"switch:{goblet.id}" and squat.exercises == ("Goblet squat",)
    labels = [label for _, label in squat.options]
    assert "Switch to Body-weight squat" in labels and "Switch to Barbell back squat" not in labels
    assert controls["row"].selected == "rules"


# Regenerate --------------------------------------------------------------------------


def test_regenerating_uses_the_overrides_keeps_the_status_and_marks_the_plan(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    plan_review.publish(session, plan, now=LATER)
    item = first_item(plan, "goblet-squat")
    plan_edits.edit_item(session, client, plan, item, edit_of(item, load_kg=30.0, note="x"), by=trainer, now=LATER)
    bodyweight = exercise(session, "bodyweight-squat")
    plan_edits.set_override(session, client, "squat", "switch", bodyweight.id, by=trainer, now=LATER)
    later = LATER + timedelta(minutes=5)
    plan_review.regenerate(session, client, plan_of(session, client), by=trainer, now=later)
    plan = plan_of(session, client)
    slugs = {i.exercise.slug for s in plan.sessions for i in s.items}
    assert "bodyweight-squat" in slugs and "goblet-squat" not in slugs
    squat = first_item(plan, "bodyweight-squat")
    assert squat.reason.startswith("Switched to Body-weight squat by the trainer") and squat.note == ""
    assert (plan.status, plan.edited_at, plan.generated_at) == ("published", later, later)


def test_regenerating_updates_the_load_and_reason_from_the_latest_log(session, trainer, client):
    drafts(session)
    this_week = plan_of(session, client, THIS_WEEK)
    plan_review.publish(session, this_week, now=LATER)
    friday = this_week.sessions[0]
    for item in friday.items:
        item.load_kg = 20.0 if not item.exercise.bodyweight else None
    session.commit()
    log_all_sets(session, client, friday, reps=12, load_kg=20.0)
    plan_review.regenerate(session, client, plan_of(session, client), by=trainer, now=LATER)
    plan = plan_of(session, client)
    press = first_item(plan, "chest-press")
    assert press.load_kg == 22.5 and press.reason.startswith("+2.5 kg to 22.5 kg: 12 reps on all 3 sets")
    diff = {line.name: line for line in plan_review.week_diff(session, plan).lines}
    assert diff["Dumbbell chest press"].change is Change.PROGRESSED
    assert diff["Dumbbell chest press"].reason == press.reason


def test_regenerating_mid_week_keeps_past_and_logged_sessions(session, trainer, client):
    drafts(session)
    plan = plan_of(session, client)
    plan_review.publish(session, plan, now=LATER)
    monday, wednesday, friday = plan.sessions
    workout = log_all_sets(session, client, wednesday, on=date(2026, 12, 1))  # Wednesday's session, done on Tuesday
    item = friday.items[0]
    plan_edits.edit_item(session, client, plan, item, edit_of(item, note="to be replaced"), by=trainer, now=LATER)
    kept_ids = {monday.id, wednesday.id}
    tuesday = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    plan_review.regenerate(session, client, plan_of(session, client), by=trainer, now=tuesday)
    plan = plan_of(session, client)
    assert [s.day for s in plan.sessions] == [date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 4)]
    assert kept_ids <= {s.id for s in plan.sessions}
    assert all(i.note == "" for i in plan.sessions[2].items)
    assert session.get(Workout, workout.id).plan_session_id == wednesday.id
    assert "sessions already past or logged were kept" in plan.notes


def test_a_plan_the_rules_cannot_draw_is_refused_and_left_as_it_was(session, trainer, client, monkeypatch):
    drafts(session)
    before = [(s.id, [i.id for i in s.items]) for s in plan_of(session, client).sessions]

    def broken(*args, **kwargs):
        raise ValueError("days_per_week must be 2 to 5, not 9")

    monkeypatch.setattr(plan_review, "plan_week", broken)
    with pytest.raises(InvalidInput) as error:
        plan_review.regenerate(session, client, plan_of(session, client), by=trainer, now=LATER)
    assert error.value.errors == {"plan": ["days_per_week must be 2 to 5, not 9"]}
    session.rollback()
    plan = plan_of(session, client)
    assert [(s.id, [i.id for i in s.items]) for s in plan.sessions] == before and plan.edited_at is None


# Publish -----------------------------------------------------------------------------


def test_publishing_sets_the_status_and_time_once(session, client):
    drafts(session)
    plan = plan_of(session, client)
    assert plan_review.publish(session, plan, now=LATER) is True
    assert plan_review.publish(session, plan, now=LATER + timedelta(hours=1)) is False
    plan = plan_of(session, client)
    assert (plan.status, plan.published_at) == ("published", LATER)


# The diff ----------------------------------------------------------------------------


def test_the_first_plan_has_nothing_to_compare_with(session, client):
    drafts(session)
    diff = plan_review.week_diff(session, plan_of(session, client, THIS_WEEK))
    assert not diff.has_previous and all(line.change is Change.NEW for line in diff.lines)


def test_the_diff_shows_what_held_with_its_reason(session, client):
    drafts(session)
    diff = plan_review.week_diff(session, plan_of(session, client))
    assert diff.has_previous
    assert {line.change for line in diff.lines} <= {Change.HELD, Change.NEW}
    assert all(line.reason for line in diff.lines if line.current)


# The client's week and the workout pre-fill --------------------------------------------


def test_the_clients_week_shows_only_a_published_plan_with_sessions_ticked_when_done(session, trainer, client):
    drafts(session)
    wednesday = date(2026, 12, 2)
    assert client_week(session, client, today=wednesday) is None
    assert client_week(session, client, today=wednesday, published_only=False) is not None
    plan = plan_of(session, client)
    plan_review.publish(session, plan, now=LATER)
    log_all_sets(session, client, plan.sessions[0])
    week = client_week(session, client, today=wednesday)
    assert [(d.session.day, d.status, d.is_today) for d in week.days] == [
        (date(2026, 11, 30), SessionStatus.DONE, False),
        (date(2026, 12, 2), SessionStatus.PENDING, True),
        (date(2026, 12, 4), SessionStatus.PENDING, False),
    ]
    assert week.done == 1


def test_the_prefill_has_one_row_per_prescribed_set(session, trainer, client, make_client):
    drafts(session)
    plan = plan_of(session, client)
    monday = plan.sessions[0]
    monday.items[0].load_kg = 17.5
    session.commit()
    rows = plan_review.prefill_sets(session, monday.id, client)
    assert len(rows) == sum(i.sets for i in monday.items)
    first = monday.items[0]
    assert rows[: first.sets] == [SetEntry(first.exercise_id, first.rep_min, 17.5)] * first.sets
    assert plan_review.prefill_sets(session, monday.id, make_client(trainer)) == []
    assert plan_review.prefill_sets(session, None, client) == []
