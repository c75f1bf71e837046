"""The weekly-plans and publish-plans jobs: what they create, when, and exactly once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from trainer.jobs.runner import run_job
from trainer.models import JobRun, Plan, PlanItem, PlanSession, SetLog, Workout
from trainer.services import plans

# Friday 27 Nov 2026, 18:30 UTC = 18:30 in London, 13:30 in New York, Sat 05:30 in Auckland.
FRIDAY_EVENING = datetime(2026, 11, 27, 18, 30, tzinfo=UTC)
THIS_WEEK = date(2026, 11, 23)
NEXT_WEEK = date(2026, 11, 30)


def _plans(session):
    return {(p.client_id, p.week_start): p for p in session.scalars(select(Plan))}


def test_clients_past_friday_evening_get_next_weeks_draft(session, make_trainer, make_client):
    trainer = make_trainer()
    london = make_client(trainer, timezone="Europe/London")
    new_york = make_client(trainer, timezone="America/New_York")
    counts = plans.create_weekly_plans(session, now=FRIDAY_EVENING)
    found = _plans(session)
    assert (london.id, NEXT_WEEK) in found
    assert (new_york.id, NEXT_WEEK) not in found  # 13:30 on Friday in New York
    assert (new_york.id, THIS_WEEK) in found  # catch-up: no plan for the current week yet
    assert counts["clients_seen"] == 2 and counts["plans_created"] == 3 and counts["errors"] == 0
    assert found[(london.id, NEXT_WEEK)].status == "draft"


def test_a_plan_has_the_clients_days_each_full_body_with_reasons(session, make_trainer, make_client):
    client = make_client(make_trainer(), days_per_week=3, experience="beginner", equipment="bodyweight")
    plans.create_weekly_plans(session, now=FRIDAY_EVENING)
    plan = _plans(session)[(client.id, NEXT_WEEK)]
    assert [s.day for s in plan.sessions] == [date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 4)]
    for planned in plan.sessions:
        groups = {g for item in planned.items for g in item.exercise.muscle_groups}
        assert {"chest", "back", "shoulders", "legs", "biceps", "triceps"} <= groups
        assert all(item.reason and item.sets == 2 and (item.rep_min, item.rep_max) == (8, 12) for item in planned.items)
        assert all(item.exercise.bodyweight for item in planned.items)


def test_a_mid_week_catch_up_leaves_out_past_days(session, make_trainer, make_client):
    client = make_client(make_trainer(), days_per_week=3, timezone="Europe/London")
    thursday = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    plans.create_weekly_plans(session, now=thursday)
    plan = _plans(session)[(client.id, THIS_WEEK)]
    assert [s.day for s in plan.sessions] == [date(2026, 11, 27)]
    assert "left out" in plan.notes


def test_running_twice_creates_nothing_more(session, make_trainer, make_client):
    trainer = make_trainer()
    for _ in range(3):
        make_client(trainer)
    first = plans.create_weekly_plans(session, now=FRIDAY_EVENING)
    rows = session.scalar(select(func.count()).select_from(PlanItem))
    second = plans.create_weekly_plans(session, now=FRIDAY_EVENING)
    assert first["plans_created"] == 6 and second["plans_created"] == 0 and second["skipped"] == 3
    assert session.scalar(select(func.count()).select_from(PlanItem)) == rows


def test_archived_and_not_yet_started_clients_get_no_plan(session, make_trainer, make_client):
    trainer = make_trainer()
    make_client(trainer, archived=True)
    make_client(trainer, started_on=date(2027, 1, 4))
    assert plans.create_weekly_plans(session, now=FRIDAY_EVENING)["plans_created"] == 0


def test_one_clients_bad_data_is_recorded_and_the_rest_still_get_plans(session, make_trainer, make_client, monkeypatch):
    trainer = make_trainer()
    good = make_client(trainer)
    bad = make_client(trainer)
    real = plans.plan_week

    def engine(profile, *args, **kwargs):
        if profile.client_id == bad.id:
            raise ValueError("history is inconsistent")
        return real(profile, *args, **kwargs)

    monkeypatch.setattr(plans, "plan_week", engine)
    counts = plans.create_weekly_plans(session, now=FRIDAY_EVENING)
    assert counts["errors"] == 2 and counts["plans_created"] == 2  # each client has two weeks due
    assert {d["client_id"] for d in counts["error_details"]} == {bad.id}
    assert "history is inconsistent" in counts["error_details"][0]["error"]
    assert {client_id for client_id, _ in _plans(session)} == {good.id}


def test_progression_raises_the_load_after_twelve_reps_on_every_set(session, make_trainer, make_client):
    client = make_client(make_trainer(), experience="intermediate", equipment="dumbbells", started_on=date(2026, 9, 7))
    plans.create_weekly_plans(session, now=datetime(2026, 11, 20, 19, 0, tzinfo=UTC))  # drafts for 23 Nov
    plan = _plans(session)[(client.id, THIS_WEEK)]
    plan.status = "published"
    item = plan.sessions[0].items[0]
    item.load_kg = 20.0
    session.add(
        Workout(
            client_id=client.id,
            date=plan.sessions[0].day,
            plan_session_id=plan.sessions[0].id,
            sets=[SetLog(exercise_id=item.exercise_id, position=i, reps=12, load_kg=20.0) for i in range(item.sets)],
        )
    )
    session.commit()
    plans.create_weekly_plans(session, now=FRIDAY_EVENING)
    next_items = [
        i
        for s in _plans(session)[(client.id, NEXT_WEEK)].sessions
        for i in s.items
        if i.exercise_id == item.exercise_id
    ]
    # 20 kg x 1.05 = 21 kg -> rounds to 20 kg on the 2.5 kg step, but must rise one step: 22.5 kg.
    assert next_items and next_items[0].load_kg == 22.5
    assert next_items[0].reason.startswith("+2.5 kg")


def test_publish_plans_publishes_untouched_drafts_once_the_week_has_begun(session, make_trainer, make_client):
    trainer = make_trainer()
    london = make_client(trainer, timezone="Europe/London")
    edited = make_client(trainer, timezone="Europe/London")
    plans.create_weekly_plans(session, now=FRIDAY_EVENING)
    found = _plans(session)
    found[(edited.id, NEXT_WEEK)].edited_at = FRIDAY_EVENING
    session.commit()
    sunday_night = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert plans.publish_due_drafts(session, now=sunday_night)["published"] == 2  # this week's catch-up drafts
    monday = datetime(2026, 11, 30, 0, 30, tzinfo=UTC)
    counts = plans.publish_due_drafts(session, now=monday)
    assert counts == {"drafts_seen": 2, "published": 1, "held_for_trainer": 1}
    found = _plans(session)
    assert found[(london.id, NEXT_WEEK)].status == "published"
    assert found[(edited.id, NEXT_WEEK)].status == "draft"


def test_the_ledger_runs_a_period_once(app_ctx, session, make_trainer, make_client):
    make_client(make_trainer())
    first = run_job("weekly-plans", FRIDAY_EVENING)
    second = run_job("weekly-plans", FRIDAY_EVENING)
    assert first.status == "succeeded" and first.counts["plans_created"] == 2
    assert second.status == "skipped" and "already ran" in second.message
    forced = run_job("weekly-plans", FRIDAY_EVENING, force=True)
    assert forced.status == "succeeded" and forced.counts["plans_created"] == 0
    runs = session.scalars(select(JobRun)).all()
    assert len(runs) == 1 and runs[0].status == "succeeded"


def test_a_batch_that_fails_midway_keeps_earlier_batches_and_a_rerun_finishes(
    session, make_trainer, make_client, monkeypatch
):
    trainer = make_trainer()
    clients = [make_client(trainer) for _ in range(5)]
    real = plans.save_drafts
    calls = {"n": 0}

    def crash_on_second_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(plans, "save_drafts", crash_on_second_batch)
    with pytest.raises(RuntimeError):
        plans.create_weekly_plans(session, now=FRIDAY_EVENING, batch_size=2)
    assert len(_plans(session)) == 4  # the first batch of two clients, two weeks each
    monkeypatch.setattr(plans, "save_drafts", real)
    counts = plans.create_weekly_plans(session, now=FRIDAY_EVENING, batch_size=2)
    assert counts["plans_created"] == 6
    assert set(_plans(session)) == {(c.id, w) for c in clients for w in (THIS_WEEK, NEXT_WEEK)}
    assert session.scalar(select(func.count()).select_from(PlanSession)) == sum(
        len(p.sessions) for p in _plans(session).values()
    )


@pytest.mark.parametrize(
    ("zone", "due_utc"),
    [
        ("Europe/London", datetime(2026, 11, 27, 18, 0, tzinfo=UTC)),  # GMT in November
        ("America/New_York", datetime(2026, 11, 27, 23, 0, tzinfo=UTC)),  # EST = UTC-5
        ("Pacific/Auckland", datetime(2026, 11, 27, 5, 0, tzinfo=UTC)),  # NZDT = UTC+13
        ("Asia/Kolkata", datetime(2026, 11, 27, 12, 30, tzinfo=UTC)),  # IST = UTC+5:30
    ],
)
def test_next_weeks_draft_appears_exactly_at_friday_1800_local(session, make_trainer, make_client, zone, due_utc):
    client = make_client(make_trainer(), timezone=zone)
    one_minute = timedelta(minutes=1)
    plans.create_weekly_plans(session, now=due_utc - one_minute)
    assert (client.id, NEXT_WEEK) not in _plans(session)
    plans.create_weekly_plans(session, now=due_utc)
    assert (client.id, NEXT_WEEK) in _plans(session)


def test_drafts_are_published_when_monday_begins_in_each_clients_zone(session, make_trainer, make_client):
    trainer = make_trainer()
    auckland = make_client(trainer, timezone="Pacific/Auckland")
    london = make_client(trainer, timezone="Europe/London")
    los_angeles = make_client(trainer, timezone="America/Los_Angeles")
    plans.create_weekly_plans(session, now=datetime(2026, 11, 28, 12, 0, tzinfo=UTC))  # Saturday everywhere
    plans.publish_due_drafts(session, now=datetime(2026, 11, 28, 12, 0, tzinfo=UTC))  # this week's catch-ups

    def status(client):
        session.expire_all()
        return _plans(session)[(client.id, NEXT_WEEK)].status

    # Monday 00:00 in Auckland (UTC+13) is Sunday 11:00 UTC.
    plans.publish_due_drafts(session, now=datetime(2026, 11, 29, 10, 59, tzinfo=UTC))
    assert status(auckland) == "draft"
    plans.publish_due_drafts(session, now=datetime(2026, 11, 29, 11, 0, tzinfo=UTC))
    assert (status(auckland), status(london)) == ("published", "draft")
    plans.publish_due_drafts(session, now=datetime(2026, 11, 30, 0, 0, tzinfo=UTC))
    assert (status(london), status(los_angeles)) == ("published", "draft")
    plans.publish_due_drafts(session, now=datetime(2026, 11, 30, 8, 0, tzinfo=UTC))  # 00:00 PST
    assert status(los_angeles) == "published"


def test_a_plan_week_follows_summer_time_changes(session, make_trainer, make_client):
    # Europe/London leaves summer time on Sun 25 Oct 2026; Friday 23 Oct 18:00 BST is 17:00 UTC.
    client = make_client(make_trainer(), timezone="Europe/London")
    plans.create_weekly_plans(session, now=datetime(2026, 10, 23, 17, 0, tzinfo=UTC))
    assert (client.id, date(2026, 10, 26)) in _plans(session)
