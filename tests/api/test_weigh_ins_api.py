"""Weigh-ins through the API: one a day (409), dates in the client's zone, SI units, ranged pages."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from querycount import count_queries
from sqlalchemy import func, select

from trainer import clock
from trainer.models import WeighIn
from trainer.services import api_tokens, logbook


@pytest.fixture
def client(trainer, make_client):
    return make_client(trainer, with_login=True, timezone="Europe/London")


@pytest.fixture
def client_token(client, token_for):
    return token_for(client.user)


def url(client, suffix: str = "") -> str:
    return f"/clients/{client.id}/weigh-ins{suffix}"


def count(session) -> int:
    return session.scalar(select(func.count()).select_from(WeighIn))


def add(session, client, on: date, kg: float) -> WeighIn:
    weigh_in = WeighIn(client_id=client.id, date=on, weight_kg=kg)
    session.add(weigh_in)
    session.commit()
    return weigh_in


def test_a_client_logs_a_weigh_in(api, session, client, client_token):
    response = api.post(url(client), json={"date": "2026-01-05", "weight_kg": 72.456}, token=client_token)
    assert response.status_code == 201
    assert response.get_json() == {"id": response.get_json()["id"], "date": "2026-01-05", "weight_kg": 72.46}
    assert response.headers["Location"].endswith(url(client, "/2026-01-05"))
    assert session.scalars(select(WeighIn)).one().logged_by_id == client.user_id


def test_a_trainer_logs_on_the_clients_behalf(api, session, trainer, client, trainer_token):
    assert api.post(url(client), json={"date": "2026-01-05", "weight_kg": 70}, token=trainer_token).status_code == 201
    assert session.scalars(select(WeighIn)).one().logged_by_id == trainer.id


def test_a_second_weigh_in_on_the_same_date_is_409(api, session, client, client_token):
    add(session, client, date(2026, 1, 5), 70)
    response = api.post(url(client), json={"date": "2026-01-05", "weight_kg": 71}, token=client_token)
    assert response.status_code == 409
    assert response.get_json()["field"] == "date" and "2026-01-05" in response.get_json()["message"]
    assert count(session) == 1


def test_today_is_the_clients_today_not_the_servers(api, session, trainer, make_client, trainer_token):
    ahead = make_client(trainer, timezone="Pacific/Kiritimati")  # UTC+14
    today = clock.today_in("Pacific/Kiritimati")
    assert (
        api.post(url(ahead), json={"date": today.isoformat(), "weight_kg": 70}, token=trainer_token).status_code == 201
    )
    tomorrow = (today + timedelta(days=1)).isoformat()
    response = api.post(url(ahead), json={"date": tomorrow, "weight_kg": 70}, token=trainer_token)
    assert response.status_code == 422 and "after today" in response.get_json()["errors"]["date"][0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "1899-12-31", "weight_kg": 70}, "date"),
        ({"date": "2026-01-05", "weight_kg": 19.99}, "weight_kg"),
        ({"date": "2026-01-05", "weight_kg": 400.01}, "weight_kg"),
        ({"date": "2026-01-05", "weight_kg": "70"}, "weight_kg"),
        ({"date": "2026-01-05", "weight_kg": None}, "weight_kg"),
        ({"date": "2026-01-05", "weight_kg": 10**400}, "weight_kg"),
        ({"date": "5 Jan 2026", "weight_kg": 70}, "date"),
        ({"date": 20260105, "weight_kg": 70}, "date"),
        ({"weight_kg": 70}, "date"),
        ({"date": "2026-01-05"}, "weight_kg"),
        ({"date": "2026-01-05", "weight_kg": 70, "weight_lb": 154}, "weight_lb"),
    ],
)
def test_a_bad_weigh_in_is_422_naming_the_field_and_nothing_is_saved(api, session, client, client_token, body, field):
    response = api.post(url(client), json=body, token=client_token)
    assert response.status_code == 422
    assert field in response.get_json()["errors"], response.get_json()
    assert count(session) == 0


@pytest.mark.parametrize(("number", "status"), [("1e400", 422), ("-1e400", 422), ("1" + "0" * 5000, 400)])
def test_numbers_too_large_for_a_float_are_refused(api, session, client, client_token, number, status):
    body = '{"date": "2026-01-05", "weight_kg": ' + number + "}"
    response = api.post(url(client), data=body, content_type="application/json", token=client_token)
    assert response.status_code == status
    assert count(session) == 0


def test_the_weight_rule_message_names_the_range(api, client, client_token):
    response = api.post(url(client), json={"date": "2026-01-05", "weight_kg": 500}, token=client_token)
    assert response.get_json()["errors"]["weight_kg"] == ["must be between 20 and 400 kg."]


def test_weigh_ins_list_newest_first_within_a_date_range(api, session, client, client_token):
    for day in range(1, 11):
        add(session, client, date(2026, 1, day), 70 + day / 10)
    body = api.get(url(client), token=client_token).get_json()
    assert [w["date"] for w in body["items"]] == [date(2026, 1, d).isoformat() for d in range(10, 0, -1)]
    assert body["next_cursor"] is None
    ranged = api.get(url(client, "?from=2026-01-03&to=2026-01-05"), token=client_token).get_json()["items"]
    assert [w["date"] for w in ranged] == ["2026-01-05", "2026-01-04", "2026-01-03"]


def test_weigh_in_pages_follow_the_cursor_within_the_range(api, session, client, client_token):
    for day in range(1, 11):
        add(session, client, date(2026, 1, day), 70)
    seen, cursor = [], None
    while True:
        query = "?from=2026-01-02&to=2026-01-09&limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = api.get(url(client, query), token=client_token).get_json()
        seen += [w["date"] for w in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [date(2026, 1, d).isoformat() for d in range(9, 1, -1)]


@pytest.mark.parametrize("query", ["from=2026-13-01", "to=yesterday", "from=2026-01-05&to=2026-01-04", "limit=5000"])
def test_bad_weigh_in_list_parameters_are_422(api, client, client_token, query):
    assert api.get(url(client, f"?{query}"), token=client_token).status_code == 422


def test_put_changes_the_weight_of_a_date(api, session, client, client_token):
    add(session, client, date(2026, 1, 5), 70)
    response = api.put(url(client, "/2026-01-05"), json={"weight_kg": 69.5}, token=client_token)
    assert response.status_code == 200 and response.get_json()["weight_kg"] == 69.5
    assert api.get(url(client), token=client_token).get_json()["items"][0]["weight_kg"] == 69.5


def test_put_can_move_a_weigh_in_to_a_free_date_only(api, session, client, client_token):
    add(session, client, date(2026, 1, 5), 70)
    add(session, client, date(2026, 1, 6), 71)
    clash = api.put(url(client, "/2026-01-05"), json={"date": "2026-01-06", "weight_kg": 70}, token=client_token)
    assert clash.status_code == 409
    moved = api.put(url(client, "/2026-01-05"), json={"date": "2026-01-04", "weight_kg": 70}, token=client_token)
    assert moved.status_code == 200 and moved.get_json()["date"] == "2026-01-04"


def test_a_bad_put_is_422_and_changes_nothing(api, session, client, client_token):
    weigh_in = add(session, client, date(2026, 1, 5), 70)
    for body in ({"weight_kg": 10}, {}, {"weight_kg": 70, "date": "1800-01-01"}, {"weight_kg": 70, "id": 3}):
        assert api.put(url(client, "/2026-01-05"), json=body, token=client_token).status_code == 422
    session.refresh(weigh_in)
    assert (weigh_in.date, weigh_in.weight_kg) == (date(2026, 1, 5), 70)


@pytest.mark.parametrize("on", ["2026-01-06", "2026-1-5", "yesterday", "2026-02-30"])
def test_put_or_delete_of_a_date_without_a_weigh_in_is_404(api, session, client, client_token, on):
    add(session, client, date(2026, 1, 5), 70)
    assert api.put(url(client, f"/{on}"), json={"weight_kg": 70}, token=client_token).status_code == 404
    assert api.delete(url(client, f"/{on}"), token=client_token).status_code == 404


def test_delete_removes_the_weigh_in_of_a_date(api, session, client, client_token):
    add(session, client, date(2026, 1, 5), 70)
    assert api.delete(url(client, "/2026-01-05"), token=client_token).status_code == 204
    assert count(session) == 0
    assert api.delete(url(client, "/2026-01-05"), token=client_token).status_code == 404


def test_nobody_else_reads_or_writes_a_clients_weigh_ins(api, session, client, make_trainer, make_client, token_for):
    add(session, client, date(2026, 1, 5), 70)
    stranger_client = make_client(make_trainer(), with_login=True)
    for token in (token_for(make_trainer()), token_for(stranger_client.user)):
        assert api.get(url(client), token=token).status_code == 404
        assert api.post(url(client), json={"date": "2026-01-06", "weight_kg": 70}, token=token).status_code == 404
        assert api.put(url(client, "/2026-01-05"), json={"weight_kg": 60}, token=token).status_code == 404
        assert api.delete(url(client, "/2026-01-05"), token=token).status_code == 404
    assert count(session) == 1
    assert session.scalars(select(WeighIn)).one().weight_kg == 70


def test_weigh_ins_need_a_token(api, client):
    assert api.get(url(client)).status_code == 401
    assert api.post(url(client), json={"date": "2026-01-05", "weight_kg": 70}).status_code == 401


# The list's cost and output ------------------------------------------------------------


def test_the_weigh_ins_list_runs_two_queries_however_long_it_is(api, app, session, client, client_token):
    """The token with the client it names, then the page: a fixed number of SELECTs, no ORM loading per
    item; the same list asked again while nothing changed is answered from the cache after the first."""

    def listed(how_many: int) -> tuple[list[str], list[str]]:
        for day in range(count(session), how_many):
            add(session, client, date(2025, 1, 1) + timedelta(days=day), 70)
        path = url(client, "?limit=1000")
        api.get(url(client, "?limit=999"), token=client_token)  # warm up: the first call records the token's use
        session.commit()
        counted = []
        for _ in range(2):
            with count_queries(app.extensions["sqlalchemy"].engine) as statements:
                body = api.get(path, token=client_token).get_json()
            assert len(body["items"]) == how_many
            counted.append(statements)
        return counted

    (few, few_again), (many, many_again) = listed(2), listed(40)
    assert len(few) == len(many) == 2, many
    assert len(few_again) == len(many_again) == 1, many_again
    assert all(statement.lstrip().upper().startswith("SELECT") for statement in many)


def test_the_weigh_ins_list_writes_the_stored_weigh_ins_byte_for_byte(api, session, client, client_token):
    """Ids, ISO dates and weights exactly as the model holds them, in Flask's JSON layout."""
    for day, kg in enumerate([70.0, 72.456, 20.0, 399.99, 88.1, 65.35], start=1):
        add(session, client, date(2026, 2, day), kg)
    stored = [
        {"id": w.id, "date": w.date.isoformat(), "weight_kg": w.weight_kg}
        for w in logbook.weigh_ins(session, client, start=date(2026, 2, 2))
    ]
    response = api.get(url(client, "?from=2026-02-02&limit=3"), token=client_token)
    expected = {"items": stored[:3], "next_cursor": response.get_json()["next_cursor"]}
    assert response.data == (json.dumps(expected, sort_keys=True, separators=(",", ":")) + "\n").encode()
    rest = api.get(url(client, f"?from=2026-02-02&cursor={expected['next_cursor']}"), token=client_token)
    assert rest.get_json() == {"items": stored[3:], "next_cursor": None}


def test_a_revoked_token_stops_reading_the_list_at_once(api, session, client, client_token):
    add(session, client, date(2026, 1, 5), 70)
    assert api.get(url(client), token=client_token).status_code == 200
    api_tokens.revoke_all(session, client.user, now=clock.now())
    assert api.get(url(client), token=client_token).status_code == 401


def test_a_deactivated_users_token_stops_reading_the_list_at_once(api, session, client, client_token):
    assert api.get(url(client), token=client_token).status_code == 200
    client.user.active = False
    session.commit()
    assert api.get(url(client), token=client_token).status_code == 401


def test_after_a_read_the_session_writes_in_a_transaction_again(api, session, client, client_token):
    """Reads may run outside a transaction (PostgreSQL); the next write must not."""
    add(session, client, date(2026, 1, 5), 70)
    path, client_id = url(client), client.id
    api.get(path, token=client_token)  # records the token's use (a commit); the next read writes nothing
    session.commit()  # no transaction open, as at the start of a request
    assert api.get(path, token=client_token).status_code == 200
    session.add(WeighIn(client_id=client_id, date=date(2026, 1, 6), weight_kg=71))
    session.flush()
    session.rollback()
    assert count(session) == 1
