"""Random bodies at every API endpoint that takes one: never a 500, and nothing written by a refused request.

Bodies are either any JSON at all, or a valid body with some fields replaced by random or
edge values (dates around today and 1900, numbers around each limit, NUL characters,
lone surrogates, huge integers), some dropped and some unknown ones added. Every answer
is also checked against the OpenAPI document by the ``api`` fixture.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from sqlalchemy import select, text

from trainer import clock
from trainer.extensions import db
from trainer.models import Exercise, WeighIn

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
#: Tables whose rows a refused request must leave exactly as they were.
WATCHED = ("users", "clients", "invitations", "weigh_ins", "workouts", "set_logs", "api_tokens")
#: Columns that may change without a write being made (the record of a token's or login's use).
VOLATILE = {"users": {"last_login_at"}, "api_tokens": {"last_used_at"}}

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
any_json = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
edges = st.one_of(
    st.dates(min_value=date(1850, 1, 1), max_value=date(2100, 1, 1)).map(date.isoformat),
    st.sampled_from(["1899-12-31", "1900-01-01", "2026-02-29", "2026-13-01", "20260105", "", " "]),
    st.floats(min_value=-10, max_value=1200, allow_nan=False),
    st.sampled_from([0, 1, 2, 5, 6, 19.99, 20, 99.9, 100, 101, 250, 250.1, 400, 400.01, 1000, 1000.1, 2**31, 2**63]),
    st.sampled_from(["\x00", "\ud800", "Europe/London", "Mars/Base", "female", "gym", "x" * 6000, "a@b.co"]),
    st.lists(st.sampled_from(["back", "legs", "glutes", "back"]), max_size=3),
)
values = any_json | edges


def near(valid: dict, extra_keys: tuple[str, ...] = ("id", "extra")) -> st.SearchStrategy:
    """``valid`` with some fields replaced, some dropped and some unknown ones added."""
    keys = tuple(valid)
    return st.builds(
        lambda replaced, dropped: {k: v for k, v in {**valid, **replaced}.items() if k not in dropped},
        st.dictionaries(st.sampled_from(keys + extra_keys), values, max_size=3),
        st.sets(st.sampled_from(keys), max_size=2),
    )


def bodies(valid: dict, **nested: st.SearchStrategy) -> st.SearchStrategy:
    base = st.fixed_dictionaries({**{k: st.just(v) for k, v in valid.items()}, **nested}) if nested else st.just(valid)
    return any_json | base | base.flatmap(near)


def snapshot() -> dict:
    """Every row of the watched tables (without the columns that record use)."""
    state = {}
    for name in WATCHED:
        table = db.metadata.tables[name]
        columns = [c for c in table.columns if c.name not in VOLATILE.get(name, set())]
        rows = db.session.execute(select(*columns).order_by(*table.primary_key.columns)).all()
        state[name] = [tuple(row) for row in rows]
    return state


def send(api, method: str, path: str, body, token: str | None):
    db.session.rollback()
    before = snapshot()
    response = api.call(method, path, token=token, json=body)
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if currently_in_test_context():
        event(f"status {response.status_code}")  # shown by --hypothesis-show-statistics
    db.session.rollback()
    if response.status_code >= 400:
        assert snapshot() == before, f"{method} {path} answered {response.status_code} but changed rows"
    return response


@pytest.fixture
def world(session, trainer, trainer_token, make_client, token_for):
    client = make_client(trainer, with_login=True, email="fuzz@example.com", timezone="Pacific/Kiritimati")
    exercise_id = session.scalars(select(Exercise.id).order_by(Exercise.id)).first()
    session.execute(text("SELECT 1"))
    return {"client": client, "client_id": client.id, "exercise_id": exercise_id, "trainer_token": trainer_token}


def _today() -> str:
    return clock.today_in("Pacific/Kiritimati").isoformat()


CLIENT = {"name": "Fuzz", "sex": "male", "birth_date": "1980-01-01", "height_cm": 180, "email": "f@example.com"}


@FUZZ
@given(body=bodies({**CLIENT, "days_per_week": 3, "focus": ["back"], "weekly_goal_lb": 0.5, "timezone": "UTC"}))
def test_post_clients(api, world, body):
    send(api, "POST", "/clients", body, world["trainer_token"])


@FUZZ
@given(body=bodies({"name": "New", "notes": "n", "email": None, "unit": "lb", "started_on": "2026-01-01"}))
def test_patch_client(api, world, body):
    send(api, "PATCH", f"/clients/{world['client_id']}", body, world["trainer_token"])


@FUZZ
@given(body=bodies({"date": "2026-01-05", "weight_kg": 70}))
def test_post_weigh_ins(api, world, body):
    send(api, "POST", f"/clients/{world['client_id']}/weigh-ins", body, world["trainer_token"])


@FUZZ
@given(body=bodies({"date": "2026-01-06", "weight_kg": 70}))
def test_put_weigh_in(api, session, world, body):
    if session.scalars(select(WeighIn).where(WeighIn.date == date(2026, 1, 5))).first() is None:
        session.add(WeighIn(client_id=world["client_id"], date=date(2026, 1, 5), weight_kg=80))
        session.commit()
    send(api, "PUT", f"/clients/{world['client_id']}/weigh-ins/2026-01-05", body, world["trainer_token"])


def _set_strategy(exercise_id: int) -> st.SearchStrategy:
    valid = {"exercise_id": exercise_id, "reps": 5, "load_kg": 20, "rpe": 8}
    return st.just(valid).flatmap(lambda v: st.just(v) | near(v, ("tempo",)))


@FUZZ
@given(data=st.data())
def test_post_workouts(api, world, data):
    sets = st.lists(_set_strategy(world["exercise_id"]) | any_json, min_size=1, max_size=4)
    body = data.draw(bodies({"date": "2026-01-05", "sets": [], "notes": ""}, sets=sets))
    send(api, "POST", f"/clients/{world['client_id']}/workouts", body, world["trainer_token"])


@FUZZ
@given(data=st.data())
def test_put_workout(api, world, data):
    valid_set = {"exercise_id": world["exercise_id"], "reps": 5}
    workouts = f"/clients/{world['client_id']}/workouts"
    existing = api.get(workouts, token=world["trainer_token"]).get_json()["items"]
    if not existing:
        existing = [
            api.post(
                workouts, json={"date": "2026-01-05", "sets": [valid_set]}, token=world["trainer_token"]
            ).get_json()
        ]
    sets = st.lists(_set_strategy(world["exercise_id"]) | any_json, min_size=1, max_size=4)
    body = data.draw(bodies({"date": _today(), "sets": [], "notes": "x"}, sets=sets))
    send(api, "PUT", f"{workouts}/{existing[0]['id']}", body, world["trainer_token"])


@settings(FUZZ, max_examples=25)
@given(body=bodies({"email": "fuzz@example.com", "password": "not the password", "name": "x"}))
def test_post_tokens(api, world, body):
    send(api, "POST", "/tokens", body, None)


@FUZZ
@given(
    raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode) | any_json.map(lambda v: json.dumps(v).encode())
)
def test_raw_bytes_as_a_json_body(api, world, raw):
    db.session.rollback()
    before = snapshot()
    path = f"/clients/{world['client_id']}/weigh-ins"
    response = api.post(path, data=raw, content_type="application/json", token=world["trainer_token"])
    assert response.status_code in (400, 422)
    assert snapshot() == before


def _encodable(value: str) -> bool:
    """Whether a URL can carry the text (no lone surrogates, which no client can send)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@FUZZ
@given(
    query=st.dictionaries(
        st.sampled_from(["limit", "cursor", "from", "to", "archived"]),
        (st.text(max_size=30) | edges.map(str)).filter(_encodable),
        max_size=4,
    )
)
def test_random_list_parameters(api, world, query):
    cid = world["client_id"]
    for path in ("/clients", "/exercises", f"/clients/{cid}/weigh-ins", f"/clients/{cid}/workouts"):
        response = api.get(path, query_string=query, token=world["trainer_token"])
        assert response.status_code in (200, 422)


def test_a_date_of_today_in_a_zone_ahead_of_utc_is_accepted(api, world):
    body = {"date": _today(), "weight_kg": 70}
    response = send(api, "POST", f"/clients/{world['client_id']}/weigh-ins", body, world["trainer_token"])
    assert response.status_code == 201
    later = (date.fromisoformat(_today()) + timedelta(days=1)).isoformat()
    assert (
        send(
            api, "POST", f"/clients/{world['client_id']}/weigh-ins", {**body, "date": later}, world["trainer_token"]
        ).status_code
        == 422
    )
