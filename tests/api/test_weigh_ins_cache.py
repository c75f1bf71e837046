"""The weigh-ins list's cached answers are never stale: every write, by any path or worker, is seen at once."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, insert, select, text, update

from trainer import create_app
from trainer.extensions import db
from trainer.models import Client, WeighIn
from trainer.services import imports, logbook
from trainer.web.api.body_cache import BodyCache

TODAY = date(2026, 11, 25)


@pytest.fixture
def client(trainer, make_client):
    return make_client(trainer, with_login=True, timezone="Europe/London")


@pytest.fixture
def token(client, token_for):
    return token_for(client.user)


def listed(api, client, token, query: str = "?limit=1000") -> list[tuple[str, float]]:
    response = api.get(f"/clients/{client.id}/weigh-ins{query}", token=token)
    assert response.status_code == 200
    return [(item["date"], item["weight_kg"]) for item in response.get_json()["items"]]


def stored(session, client) -> list[tuple[str, float]]:
    rows = session.execute(
        select(WeighIn.date, WeighIn.weight_kg).where(WeighIn.client_id == client.id).order_by(WeighIn.date.desc())
    )
    return [(day.isoformat(), kg) for day, kg in rows]


def test_every_kind_of_write_shows_in_the_next_answer(api, app, session, trainer, client, token):
    def check() -> None:
        session.commit()
        assert listed(api, client, token) == stored(session, client)
        assert listed(api, client, token) == stored(session, client)  # the second one from the cache

    check()
    assert api.post(f"/clients/{client.id}/weigh-ins", json={"date": "2026-11-20", "weight_kg": 80}, token=token)
    check()
    logbook.save_weigh_in(session, client, date(2026, 11, 21), 79.5, by=trainer, today=TODAY)
    check()
    api.put(f"/clients/{client.id}/weigh-ins/2026-11-20", json={"weight_kg": 80.4}, token=token)
    check()
    imports.apply(session, client, "weigh-ins", "date,weight,unit\n2026-11-01,82.5,kg\n", by=trainer, today=TODAY)
    check()
    # Writes behind the app's back: raw SQL and Core, as a console session or a later script might.
    session.execute(text("UPDATE weigh_ins SET weight_kg = 81.0 WHERE date = :day"), {"day": date(2026, 11, 1)})
    check()
    session.execute(update(WeighIn).where(WeighIn.date == date(2026, 11, 21)).values(date=date(2026, 11, 22)))
    check()
    session.execute(delete(WeighIn).where(WeighIn.date == date(2026, 11, 20)))
    check()
    assert api.delete(f"/clients/{client.id}/weigh-ins/2026-11-22", token=token).status_code == 204
    check()
    assert stored(session, client) == [("2026-11-01", 81.0)]
    assert len(app.extensions["api_body_cache"]) >= 1


def test_moving_a_weigh_in_to_another_client_changes_both_lists(
    api, session, trainer, client, token, make_client, token_for
):
    other = make_client(trainer)
    trainer_token = token_for(trainer)
    logbook.save_weigh_in(session, client, date(2026, 11, 20), 80.0, by=trainer, today=TODAY)
    assert listed(api, client, token) == [("2026-11-20", 80.0)]
    assert listed(api, other, trainer_token) == []
    session.execute(update(WeighIn).where(WeighIn.client_id == client.id).values(client_id=other.id))
    session.commit()
    assert listed(api, client, token) == []
    assert listed(api, other, trainer_token) == [("2026-11-20", 80.0)]


def test_another_worker_sees_a_write_made_by_this_one(api, app, session, trainer, client, token):
    """Two app instances on one database stand for two gunicorn workers, each with its own cache."""
    other = create_app({**app.config, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    logbook.save_weigh_in(session, client, date(2026, 11, 20), 80.0, by=trainer, today=TODAY)
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/api/v1/clients/{client.id}/weigh-ins"
    with other.app_context():
        worker = other.test_client()
        assert worker.get(path, headers=headers).get_json()["items"][0]["weight_kg"] == 80.0  # cached there
        db.session.remove()
    assert api.put(f"/clients/{client.id}/weigh-ins/2026-11-20", json={"weight_kg": 79.0}, token=token)
    with other.app_context():
        assert worker.get(path, headers=headers).get_json()["items"][0]["weight_kg"] == 79.0
        assert len(other.extensions["api_body_cache"]) == 2
        db.session.remove()
        db.engine.dispose()


def test_a_new_client_under_a_reused_id_never_gets_the_old_answer(api, session, trainer, client, token_for):
    logbook.save_weigh_in(session, client, date(2026, 11, 20), 80.0, by=trainer, today=TODAY)
    trainer_token = token_for(trainer)
    assert listed(api, client, trainer_token) == [("2026-11-20", 80.0)]
    client_id, row = client.id, {c.name: getattr(client, c.name) for c in Client.__table__.columns}
    session.execute(delete(WeighIn))
    session.execute(update(Client).where(Client.id == client_id).values(user_id=None))
    session.execute(delete(Client).where(Client.id == client_id))
    row.update(user_id=None, email="new@example.com", created_at=None)
    session.execute(insert(Client).values({k: v for k, v in row.items() if v is not None or k == "user_id"}))
    session.commit()
    # Same id, same version (copied from the old row) and no weigh-ins: only the creation time differs.
    assert session.get(Client, client_id).weigh_ins_version == 1
    assert listed(api, client, trainer_token) == []


def test_the_cache_drops_the_least_recently_used_answers_to_stay_in_its_bound():
    cache = BodyCache(max_bytes=80)
    cache.put("a", b"x" * 10)
    cache.put("b", b"y" * 10)
    assert cache.get("a") == b"x" * 10  # "b" is now the least recently used
    for key in "cdefghi":  # 90 bytes in all: one answer must go
        cache.put(key, b"z" * 10)
    assert cache.get("b") is None and cache.get("a") == b"x" * 10
    assert (len(cache), cache.size) == (8, 80)
    cache.put("big", b"w" * 11)  # over an eighth of the bound: not kept
    assert cache.get("big") is None
    cache.clear()
    assert (len(cache), cache.size) == (0, 0)


def test_with_the_cache_off_every_answer_is_read_afresh(api, app, session, trainer, client, token):
    logbook.save_weigh_in(session, client, date(2026, 11, 20), 80.0, by=trainer, today=TODAY)
    cache = app.extensions.pop("api_body_cache", None)
    app.config["API_BODY_CACHE_BYTES"] = 0
    try:
        assert listed(api, client, token) == listed(api, client, token) == [("2026-11-20", 80.0)]
        assert len(app.extensions["api_body_cache"]) == 0
    finally:
        app.config["API_BODY_CACHE_BYTES"] = 16 * 1024 * 1024
        app.extensions.pop("api_body_cache", None)
        if cache is not None:
            app.extensions["api_body_cache"] = cache


def test_the_cache_is_keyed_on_what_the_request_means_not_how_it_is_spelt(api, app, session, trainer, client, token):
    logbook.save_weigh_in(session, client, date(2026, 11, 20), 80.0, by=trainer, today=TODAY)
    listed(api, client, token, "?limit=50&from=2026-11-01")
    listed(api, client, token, "?from=2026-11-01&limit=50")  # the same request, parameters reordered
    for n in range(20):  # parameters the list does not read change nothing, and add nothing
        listed(api, client, token, f"?from=2026-11-01&limit=50&junk={'x' * 500}{n}")
    assert len(app.extensions["api_body_cache"]) == 1
