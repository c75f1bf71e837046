"""The plan pages through the test client: review list, client plans, editor, item edits, actions, client home."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from querycount import count_queries
from sqlalchemy import func, select

from trainer import clock
from trainer.models import Exercise, MovementOverride, Plan, SetLog, Workout
from trainer.services import plan_review, plans

# Friday 27 Nov 2026, 19:30 UTC: next week's (30 Nov) drafts exist for London clients.
FRIDAY_EVENING = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)
NEXT_WEEK = date(2026, 11, 30)
WEDNESDAY = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def now(monkeypatch):
    """Set the app's clock: ``now(datetime)``; Friday evening to start with."""

    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)

    set_to(FRIDAY_EVENING)
    return set_to


@pytest.fixture
def trainer(make_trainer):
    return make_trainer(name="Robin Coach")


@pytest.fixture
def client(trainer, make_client, session, now):
    client = make_client(
        trainer, with_login=True, name="Sam Lee", experience="intermediate", equipment="dumbbells", unit="lb"
    )
    plans.create_weekly_plans(session, now=FRIDAY_EVENING)
    return client


def text_of(response) -> str:
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def plan_of(session, client, week=NEXT_WEEK) -> Plan:
    session.expire_all()
    return plan_review.plan_for(session, client, week)


def squat_of(plan):
    return next(i for s in plan.sessions for i in s.items if i.exercise.slug == "goblet-squat")


def editor_url(client, week=NEXT_WEEK) -> str:
    return f"/clients/{client.id}/plans/{week.isoformat()}"


# Plans to review ---------------------------------------------------------------------


def test_plans_to_review_lists_next_weeks_drafts_and_is_in_the_nav(http, login_as, trainer, client):
    login_as(trainer)
    page = http.get("/plans/review")
    assert page.status_code == 200
    text = text_of(page)
    assert "Plans to review" in text and "Sam Lee" in text and "Week of Mon 30 Nov" in text
    assert "Untouched: publishes itself on Monday" in text
    assert f'href="{editor_url(client)}"' in page.get_data(as_text=True)


def test_plans_to_review_says_when_there_is_nothing(http, login_as, trainer, now):
    login_as(trainer)
    assert "Nothing to review" in text_of(http.get("/plans/review"))


def test_plans_to_review_is_for_trainers_only(http, login_as, client):
    login_as(client.user)
    assert http.get("/plans/review").status_code == 404


# A client's plans and the editor ---------------------------------------------------------


def test_a_clients_plans_page_lists_the_plans_and_this_week(http, login_as, trainer, client):
    login_as(trainer)
    text = text_of(http.get(f"/clients/{client.id}/plans"))
    assert "Week of Mon 30 Nov 2026" in text and "Week of Mon 23 Nov 2026" in text
    assert "This week" in text and "Fri 27 Nov" in text  # this week's catch-up plan: Friday only
    assert "Plans" in text_of(http.get(f"/clients/{client.id}"))


def test_the_editor_shows_days_items_in_the_clients_unit_reasons_and_the_diff(http, session, login_as, trainer, client):
    plan = plan_of(session, client)
    squat = squat_of(plan)
    squat.load_kg = 22.679618  # 50 lb
    session.commit()
    login_as(trainer)
    page = http.get(editor_url(client))
    text = text_of(page)
    assert page.status_code == 200
    assert "Mon 30 Nov" in text and "Wed 2 Dec" in text and "Fri 4 Dec" in text
    assert "Goblet squat" in text and "3 × 8–12 reps" in text and "50 lb" in text
    assert "client's choice" in text  # a blank weighted load; the client reads the cue
    assert squat.reason in text
    assert "What changed since last week" in text and "Movements" in text


def test_another_trainers_client_plans_are_404(http, session, login_as, make_trainer, client):
    item_id = squat_of(plan_of(session, client)).id
    login_as(make_trainer())
    plan_url = editor_url(client)
    for url in (f"/clients/{client.id}/plans", plan_url, f"{plan_url}/items/{item_id}"):
        assert http.get(url).status_code == 404
    for action in ("publish", "regenerate", "movements"):
        assert http.post(f"{plan_url}/{action}", data={"movement": "squat", "decision": "hold"}).status_code == 404


def test_an_unknown_week_or_item_is_404(http, login_as, trainer, client):
    login_as(trainer)
    assert http.get(editor_url(client, date(2027, 1, 4))).status_code == 404
    assert http.get(f"/clients/{client.id}/plans/not-a-date").status_code == 404
    assert http.get(f"{editor_url(client)}/items/999999").status_code == 404


# Editing -----------------------------------------------------------------------------


def item_form(item, **changes) -> dict[str, str]:
    data = {
        "exercise_id": str(item.exercise_id),
        "sets": str(item.sets),
        "rep_min": str(item.rep_min),
        "rep_max": str(item.rep_max),
        "load": "",
        "note": "",
        "every_session": "y",
    }
    return {**data, **{k: str(v) for k, v in changes.items()}}


def test_an_item_edit_converts_the_load_from_the_clients_unit_and_flashes(http, session, login_as, trainer, client):
    item = squat_of(plan_of(session, client))
    login_as(trainer)
    form = http.get(f"{editor_url(client)}/items/{item.id}")
    assert form.status_code == 200 and "Load (lb)" in text_of(form)
    response = http.post(f"{editor_url(client)}/items/{item.id}", data=item_form(item, load="45", note="Slow down"))
    assert response.status_code == 302 and response.location.endswith(f"#item-{item.id}")
    plan = plan_of(session, client)
    loads = {round(i.load_kg, 2) for s in plan.sessions for i in s.items if i.exercise.slug == "goblet-squat"}
    assert loads == {20.41}  # 45 lb, in every session
    assert plan.edited_by_id == trainer.id
    text = text_of(http.get(response.location))
    assert "Saved Goblet squat for every session" in text and "45 lb" in text and "Slow down" in text


def test_an_invalid_item_edit_shows_the_rule_and_saves_nothing(http, session, login_as, trainer, client):
    item = squat_of(plan_of(session, client))
    login_as(trainer)
    url = f"{editor_url(client)}/items/{item.id}"
    response = http.post(url, data=item_form(item, rep_min="12", rep_max="8", load="3000"))
    text = text_of(response)
    assert response.status_code == 422
    assert "must not be below the fewest reps (12)" in text and "must be between 0 and 2204 lb" in text
    chest = session.scalars(select(Exercise).where(Exercise.slug == "chest-press")).one()
    response = http.post(url, data=item_form(item, exercise_id=chest.id))
    assert response.status_code == 422 and "Not a valid choice" in text_of(response)
    assert plan_of(session, client).edited_at is None


def test_the_exercise_list_holds_only_the_same_muscle_group_within_the_equipment(
    http, session, login_as, trainer, client
):
    item = squat_of(plan_of(session, client))
    login_as(trainer)
    page = http.get(f"{editor_url(client)}/items/{item.id}").get_data(as_text=True)
    select_html = page[page.index('id="exercise_id"') : page.index("</select>")]
    assert "Dumbbell reverse lunge" in select_html and "Body-weight squat" in select_html
    assert "Barbell back squat" not in select_html and "Dumbbell chest press" not in select_html


def test_publish_and_regenerate_flash_what_they_did(http, session, login_as, trainer, client):
    login_as(trainer)
    response = http.post(f"{editor_url(client)}/publish", follow_redirects=True)
    assert "Published. Sam Lee now sees the plan" in text_of(response)
    assert plan_of(session, client).status == "published"
    again = http.post(f"{editor_url(client)}/publish", follow_redirects=True)
    assert "already published" in text_of(again)
    regenerated = http.post(f"{editor_url(client)}/regenerate", follow_redirects=True)
    assert "Plan regenerated from the rules" in text_of(regenerated)
    assert plan_of(session, client).status == "published"


def test_a_movement_override_is_saved_and_flashed(http, session, login_as, trainer, client):
    login_as(trainer)
    url = f"{editor_url(client)}/movements"
    response = http.post(url, data={"movement": "squat", "decision": "hold"})
    assert response.status_code == 302 and response.location.endswith("#movements")
    assert "Squat is held" in text_of(http.get(response.location))
    row = session.scalars(select(MovementOverride)).one()
    assert (row.movement, row.action) == ("squat", "hold")
    http.post(url, data={"movement": "squat", "decision": "rules"})
    assert session.scalar(select(func.count()).select_from(MovementOverride)) == 0
    bad = http.post(url, data={"movement": "squat", "decision": "drop table"}, follow_redirects=True)
    assert "Choose what to do with the movement" in text_of(bad)


# The client's week -------------------------------------------------------------------


def test_the_clients_home_shows_no_plan_until_it_is_published(http, session, login_as, trainer, client, now):
    now(WEDNESDAY)
    login_as(client.user)
    assert "has not published a plan for this week yet" in text_of(http.get("/me"))


def test_the_clients_home_shows_the_week_by_day_and_ticks_a_done_session(http, session, login_as, trainer, client, now):
    plan = plan_of(session, client)
    plan_review.publish(session, plan, now=FRIDAY_EVENING)
    monday = plan.sessions[0]
    session.add(
        Workout(
            client_id=client.id,
            date=monday.day,
            plan_session_id=monday.id,
            sets=[SetLog(exercise_id=i.exercise_id, position=n, reps=10) for n, i in enumerate(monday.items)],
        )
    )
    session.commit()
    now(WEDNESDAY)
    login_as(client.user)
    page = http.get("/me")
    html, text = page.get_data(as_text=True), text_of(page)
    assert "1 of 3 sessions done" in text
    assert "Goblet squat" in text and "choose a load you can lift 12 times with 2 reps to spare" in text
    assert f'class="plan-day is-done" id="session-{monday.id}"' in html
    wednesday = plan.sessions[1]
    assert f'class="plan-day is-today" id="session-{wednesday.id}"' in html
    start = f"/clients/{client.id}/workouts/new?plan_session_id={wednesday.id}"
    assert start in html and f"plan_session_id={monday.id}" not in html  # a done session has no start button


def test_the_clients_home_runs_a_fixed_number_of_queries(http, session, login_as, client, now):
    plan_review.publish(session, plan_of(session, client), now=FRIDAY_EVENING)
    now(WEDNESDAY)
    login_as(client.user)
    with count_queries(session.get_bind()) as statements:
        assert http.get("/me").status_code == 200
    assert len(statements) <= 14


def test_start_this_session_prefills_the_workout_form_from_the_plan(http, session, login_as, client, now):
    plan = plan_of(session, client)
    plan_review.publish(session, plan, now=FRIDAY_EVENING)
    monday = plan.sessions[0]
    squat = next(i for i in monday.items if i.exercise.slug == "goblet-squat")
    squat.load_kg = 22.679618
    session.commit()
    now(datetime(2026, 11, 30, 10, 0, tzinfo=UTC))
    login_as(client.user)
    html = http.get(f"/clients/{client.id}/workouts/new?plan_session_id={monday.id}").get_data(as_text=True)
    assert f'name="plan_session_id" type="hidden" value="{monday.id}"' in html
    total = sum(i.sets for i in monday.items)
    assert f'name="sets-{total - 1}-reps" type="number" value="8"' in html
    assert 'value="50"' in html  # the squat's 50 lb
