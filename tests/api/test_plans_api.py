"""Plans through the API: newest first, by week, in pages; the trainer publishes; a client sees published plans only.

Every answer is checked against the OpenAPI document by the ``api`` fixture (``conftest.py``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from querycount import count_queries
from sqlalchemy import select

from trainer.models import Plan
from trainer.services import plans

# Fridays at 18:30 in London: each run drafts the next week (the first also catches up on the current one).
FRIDAYS = [datetime(2026, 11, 27, 18, 30, tzinfo=UTC), datetime(2026, 12, 4, 18, 30, tzinfo=UTC)]
FRIDAYS.append(datetime(2026, 12, 11, 18, 30, tzinfo=UTC))
WEEKS = ["2026-12-14", "2026-12-07", "2026-11-30", "2026-11-23"]  # newest first
PLAN_KEYS = {"id", "client_id", "week_start", "status", "notes", "published_at", "sessions"}
SESSION_KEYS = {"id", "day", "title", "items"}
ITEM_KEYS = {"id", "exercise_id", "sets", "rep_min", "rep_max", "load_kg", "reason", "note"}


@pytest.fixture
def client(trainer, make_client):
    return make_client(trainer, with_login=True, timezone="Europe/London", days_per_week=3)


@pytest.fixture
def client_token(client, token_for):
    return token_for(client.user)


@pytest.fixture
def four_weeks(session, client):
    """Drafts for the weeks of 23 Nov to 14 Dec 2026 (the engine's own plans)."""
    for friday in FRIDAYS:
        plans.create_weekly_plans(session, now=friday)
    return client


def plan_of(session, client, week: str) -> Plan:
    session.expire_all()
    return session.scalars(
        select(Plan).where(Plan.client_id == client.id, Plan.week_start == date.fromisoformat(week))
    ).one()


def set_status(session, client, week: str, status: str) -> None:
    plan_of(session, client, week).status = status
    session.commit()


def url(client, suffix: str = "") -> str:
    return f"/clients/{client.id}/plans{suffix}"


def publish_url(client, week: str) -> str:
    return url(client, f"/{week}/publish")


# Listing ---------------------------------------------------------------------------------


def test_a_trainer_lists_every_plan_newest_first_with_its_sessions_and_items(
    api, session, four_weeks, client, trainer_token
):
    response = api.get(url(client), token=trainer_token)
    assert response.status_code == 200
    body = response.get_json()
    assert body["next_cursor"] is None
    assert [p["week_start"] for p in body["items"]] == WEEKS
    for shown in body["items"]:
        assert set(shown) == PLAN_KEYS and shown["client_id"] == client.id and shown["status"] == "draft"
        stored = plan_of(session, client, shown["week_start"])
        assert shown["id"] == stored.id and shown["published_at"] is None
        assert [s["id"] for s in shown["sessions"]] == [s.id for s in stored.sessions]
        days = [s["day"] for s in shown["sessions"]]
        assert days == sorted(days) and len(days) == (1 if shown["week_start"] == "2026-11-23" else 3)  # catch-up
        monday = date.fromisoformat(shown["week_start"])
        assert all(0 <= (date.fromisoformat(d) - monday).days < 7 for d in days)
        for planned, stored_session in zip(shown["sessions"], stored.sessions, strict=True):
            assert set(planned) == SESSION_KEYS and planned["items"]
            assert [i["id"] for i in planned["items"]] == [i.id for i in stored_session.items]
            for item, stored_item in zip(planned["items"], stored_session.items, strict=True):
                assert set(item) == ITEM_KEYS and item["reason"]
                expected = (stored_item.exercise_id, stored_item.sets, stored_item.rep_min, stored_item.rep_max)
                assert (item["exercise_id"], item["sets"], item["rep_min"], item["rep_max"]) == expected
                assert item["load_kg"] == stored_item.load_kg


def test_a_client_with_no_plans_gets_an_empty_list(api, client, client_token, trainer_token):
    for token in (trainer_token, client_token):
        assert api.get(url(client), token=token).get_json() == {"items": [], "next_cursor": None}


@pytest.mark.parametrize(
    ("day", "week"),
    [
        ("2026-12-07", "2026-12-07"),  # the Monday itself
        ("2026-12-09", "2026-12-07"),  # a Wednesday
        ("2026-12-13", "2026-12-07"),  # the Sunday
        ("2026-11-23", "2026-11-23"),
        ("2026-12-20", "2026-12-14"),
    ],
)
def test_week_picks_the_plan_of_the_week_containing_the_date(api, four_weeks, client, trainer_token, day, week):
    body = api.get(url(client, f"?week={day}"), token=trainer_token).get_json()
    assert [p["week_start"] for p in body["items"]] == [week] and body["next_cursor"] is None


def test_a_week_without_a_plan_is_an_empty_list(api, four_weeks, client, trainer_token):
    for day in ("2026-11-22", "2027-01-06"):
        assert api.get(url(client, f"?week={day}"), token=trainer_token).get_json()["items"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("week=2026-02-30", "week"),
        ("week=9%20Dec%202026", "week"),
        ("week=", "week"),
        ("week=20261209", "week"),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("cursor=nonsense", "cursor"),
    ],
)
def test_bad_list_parameters_are_422_naming_them(api, four_weeks, client, trainer_token, query, field):
    response = api.get(url(client, f"?{query}"), token=trainer_token)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_plan_pages_follow_the_cursor_newest_first(api, four_weeks, client, trainer_token, limit):
    seen, cursor, pages = [], None, 0
    while True:
        query = f"?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        body = api.get(url(client, query), token=trainer_token).get_json()
        assert len(body["items"]) <= limit
        seen += [p["week_start"] for p in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == WEEKS and pages == -(-len(WEEKS) // limit)


def test_a_cursor_combines_with_the_week_filter(api, four_weeks, client, trainer_token):
    first = api.get(url(client, "?limit=1"), token=trainer_token).get_json()
    assert first["next_cursor"]
    after = api.get(url(client, f"?limit=1&cursor={first['next_cursor']}&week=2026-12-15"), token=trainer_token)
    assert after.get_json() == {"items": [], "next_cursor": None}  # the week of 14 Dec is not after itself


def test_a_cursor_of_another_list_is_refused(api, four_weeks, client, trainer_token):
    cursor = api.get("/exercises?limit=1", token=trainer_token).get_json()["next_cursor"]
    assert api.get(url(client, f"?cursor={cursor}"), token=trainer_token).status_code == 422


def test_the_list_runs_the_same_queries_for_one_plan_or_four(app, api, four_weeks, client, trainer_token):
    engine = app.extensions["sqlalchemy"].engine
    one_week, every_week = url(client, "?week=2026-12-09"), url(client)
    api.get(every_week, token=trainer_token)  # warm up: the first call records the token's use (once a minute)
    with count_queries(engine) as one:
        assert len(api.get(one_week, token=trainer_token).get_json()["items"]) == 1
    with count_queries(engine) as four:
        assert len(api.get(every_week, token=trainer_token).get_json()["items"]) == 4
    assert len(one) == len(four), four
    assert sum(" FROM plan_items " in " ".join(q.split()) + " " for q in four) == 1  # one for all the items


# Who sees what -------------------------------------------------------------------------


def test_a_client_sees_only_their_published_plans(api, session, four_weeks, client, client_token):
    set_status(session, client, "2026-11-23", "published")
    set_status(session, client, "2026-12-07", "published")
    body = api.get(url(client), token=client_token).get_json()
    assert [(p["week_start"], p["status"]) for p in body["items"]] == [
        ("2026-12-07", "published"),
        ("2026-11-23", "published"),
    ]
    assert api.get(url(client, "?week=2026-12-02"), token=client_token).get_json()["items"] == []  # a draft
    paged = api.get(url(client, "?limit=1"), token=client_token).get_json()
    rest = api.get(url(client, f"?limit=1&cursor={paged['next_cursor']}"), token=client_token).get_json()
    assert [p["week_start"] for p in paged["items"] + rest["items"]] == ["2026-12-07", "2026-11-23"]
    assert rest["next_cursor"] is None


def test_a_client_cannot_see_another_clients_plans(api, session, trainer, four_weeks, client, make_client, token_for):
    other = make_client(trainer, with_login=True)
    set_status(session, client, "2026-11-23", "published")
    assert api.get(url(client), token=token_for(other.user)).status_code == 404


def test_another_trainer_gets_404_for_the_list_and_for_publishing(
    api, session, four_weeks, client, make_trainer, token_for
):
    other = token_for(make_trainer())
    assert api.get(url(client), token=other).status_code == 404
    assert api.get(url(client, "?week=2026-12-07"), token=other).status_code == 404
    assert api.post(publish_url(client, "2026-12-07"), token=other).status_code == 404
    assert api.post(publish_url(client, "not-a-date"), token=other).status_code == 404  # 404 before 422
    assert plan_of(session, client, "2026-12-07").status == "draft"


def test_a_token_is_needed(api, four_weeks, client):
    assert api.get(url(client)).status_code == 401
    assert api.post(publish_url(client, "2026-12-07")).status_code == 401


# Publishing ----------------------------------------------------------------------------


def test_the_trainer_publishes_a_draft_and_the_client_then_sees_it(
    api, session, four_weeks, client, trainer_token, client_token
):
    assert api.get(url(client, "?week=2026-12-07"), token=client_token).get_json()["items"] == []
    response = api.post(publish_url(client, "2026-12-07"), token=trainer_token)
    assert response.status_code == 200
    body = response.get_json()
    stored = plan_of(session, client, "2026-12-07")
    assert stored.status == "published" and stored.published_at is not None
    assert body["id"] == stored.id and body["status"] == "published" and body["published_at"]
    assert set(body) == PLAN_KEYS and [s["id"] for s in body["sessions"]] == [s.id for s in stored.sessions]
    assert all(set(i) == ITEM_KEYS for s in body["sessions"] for i in s["items"])
    assert {plan_of(session, client, w).status for w in WEEKS if w != "2026-12-07"} == {"draft"}
    seen = api.get(url(client, "?week=2026-12-07"), token=client_token).get_json()["items"]
    assert seen == [body]


def test_publishing_a_published_plan_again_changes_nothing(api, session, four_weeks, client, trainer_token):
    first = api.post(publish_url(client, "2026-11-30"), token=trainer_token)
    again = api.post(publish_url(client, "2026-11-30"), token=trainer_token)
    assert first.status_code == again.status_code == 200
    assert again.get_json() == first.get_json()
    assert plan_of(session, client, "2026-11-30").status == "published"


def test_publishing_a_week_without_a_plan_is_404(api, four_weeks, client, trainer_token):
    assert api.post(publish_url(client, "2027-01-04"), token=trainer_token).status_code == 404
    assert api.post("/clients/999999/plans/2026-12-07/publish", token=trainer_token).status_code == 404


@pytest.mark.parametrize("week", ["2026-12-09", "2026-12-13", "2026-02-30", "20261207", "next-week", "2026-12-7"])
def test_a_week_start_that_is_not_a_mondays_iso_date_is_422(api, session, four_weeks, client, trainer_token, week):
    response = api.post(publish_url(client, week), token=trainer_token)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert list(errors) == ["week_start"]
    if week in ("2026-12-09", "2026-12-13"):
        assert "Monday" in errors["week_start"][0] and "2026-12-07" in errors["week_start"][0]
    assert plan_of(session, client, "2026-12-07").status == "draft"


def test_a_client_cannot_publish_even_their_own_plan(api, session, four_weeks, client, client_token):
    assert api.post(publish_url(client, "2026-12-07"), token=client_token).status_code == 404
    assert plan_of(session, client, "2026-12-07").status == "draft"


def test_publish_takes_no_other_method(api, four_weeks, client, trainer_token):
    response = api.get(publish_url(client, "2026-12-07"), token=trainer_token)
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
