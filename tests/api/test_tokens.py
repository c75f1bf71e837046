"""API tokens: issued for an email and password, stored hashed, revocable, throttled; bearer auth on every call."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from conftest import PASSWORD
from sqlalchemy import select

from trainer import clock
from trainer.models import ApiToken
from trainer.services import api_tokens


def ask_token(api, email, password=PASSWORD, ip="198.51.100.1", **extra):
    return api.post("/tokens", json={"email": email, "password": password, **extra}, environ_base={"REMOTE_ADDR": ip})


def test_a_right_email_and_password_get_a_token_stored_only_as_its_hash(api, session, trainer):
    response = ask_token(api, trainer.email.upper(), name="phone")
    assert response.status_code == 201
    body = response.get_json()
    assert body["token_type"] == "Bearer"
    row = session.scalars(select(ApiToken)).one()
    assert row.user_id == trainer.id and row.name == "phone"
    assert row.token_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in row.token_hash
    assert timedelta(days=29) < row.expires_at - clock.now() <= timedelta(days=30)
    assert api.get("/me", token=body["token"]).get_json()["id"] == trainer.id


def test_an_unknown_email_and_a_wrong_password_get_the_same_401(api, trainer):
    unknown = ask_token(api, "nobody@example.com")
    wrong = ask_token(api, trainer.email, password="not the password at all")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.get_json() == wrong.get_json()
    assert wrong.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_inactive_user_gets_no_token(api, session, trainer):
    trainer.active = False
    session.commit()
    assert ask_token(api, trainer.email).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "a@example.com"}, "password"),
        ({"password": PASSWORD}, "email"),
        ({"email": 5, "password": PASSWORD}, "email"),
        ({"email": "a@example.com", "password": PASSWORD, "scope": "all"}, "scope"),
        ([], "body"),
    ],
)
def test_a_token_request_with_wrong_fields_is_422_naming_the_field(api, body, field):
    response = api.post("/tokens", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_a_body_that_is_not_json_is_refused_with_a_clear_message(api):
    form = api.post("/tokens", data={"email": "a@example.com"})
    assert form.status_code == 415
    assert "application/json" in form.get_json()["message"]
    broken = api.post("/tokens", data='{"email": ', content_type="application/json")
    assert broken.status_code == 400
    nan = api.post("/tokens", data='{"email": NaN, "password": "x"}', content_type="application/json")
    assert nan.status_code == 400


def test_a_body_over_the_api_limit_is_413_before_it_is_read(api, trainer_token):
    big = {"date": "2026-01-01", "weight_kg": 70, "pad": "x" * (300 * 1024)}
    response = api.post("/clients/1/weigh-ins", json=big, token=trainer_token)
    assert response.status_code == 413
    assert "256 KB" in response.get_json()["message"]


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not-a-token", "Token abc"],
)
def test_a_call_without_a_valid_token_is_401_with_a_bearer_challenge(api, header):
    headers = {"Authorization": header} if header is not None else {}
    response = api.get("/me", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="trainer"')
    if header == "Bearer not-a-token":
        assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_a_session_cookie_does_not_authenticate_the_api(api, trainer, login_as):
    login_as(trainer)
    assert api.get("/me").status_code == 401


def test_an_expired_token_is_401(api, trainer, token_for):
    token = token_for(trainer, expires_at=clock.now() - timedelta(seconds=1))
    assert api.get("/me", token=token).status_code == 401


def test_revoking_the_current_token_ends_it_and_only_it(api, session, trainer, token_for):
    token, other = token_for(trainer), token_for(trainer)
    assert api.delete("/tokens/current", token=token).status_code == 204
    assert api.get("/me", token=token).status_code == 401
    assert api.delete("/tokens/current", token=token).status_code == 401
    assert api.get("/me", token=other).status_code == 200
    revoked = session.scalars(select(ApiToken).where(ApiToken.revoked_at.is_not(None))).all()
    assert len(revoked) == 1


def test_revoke_all_ends_every_token_of_a_user(api, session, trainer, token_for):
    tokens = [token_for(trainer), token_for(trainer)]
    assert api_tokens.revoke_all(session, trainer, now=clock.now()) == 2
    assert all(api.get("/me", token=t).status_code == 401 for t in tokens)


def test_a_token_records_when_it_was_last_used(api, session, trainer, token_for):
    token = token_for(trainer)
    api.get("/me", token=token)
    row = session.scalars(select(ApiToken)).one()
    session.refresh(row)
    assert row.last_used_at is not None and clock.now() - row.last_used_at < timedelta(minutes=1)


def test_a_deactivated_users_tokens_stop_working(api, session, trainer, token_for):
    token = token_for(trainer)
    trainer.active = False
    session.commit()
    assert api.get("/me", token=token).status_code == 401


def test_me_describes_a_client_with_their_profile_id(api, trainer, make_client, token_for):
    client = make_client(trainer, with_login=True)
    body = api.get("/me", token=token_for(client.user)).get_json()
    assert body["role"] == "client" and body["client_id"] == client.id and body["email"] == client.email


@pytest.fixture
def limit(app, monkeypatch) -> int:
    """A low attempt limit, so that the throttle tests hash few passwords (the limit is read per request)."""
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "3 per minute")
    return 3


def test_asking_for_tokens_is_throttled_per_ip_address(api, trainer, limit):
    for _ in range(limit):
        assert ask_token(api, "nobody@example.com", ip="203.0.113.7").status_code == 401
    response = ask_token(api, trainer.email, ip="203.0.113.7")
    assert response.status_code == 429
    assert "wait" in response.get_json()["message"]
    assert ask_token(api, trainer.email, ip="203.0.113.8").status_code == 201


def test_asking_for_tokens_is_throttled_per_account_across_addresses(api, trainer, limit):
    for n in range(limit):
        assert ask_token(api, trainer.email, password="wrong password!", ip=f"203.0.113.{n + 10}").status_code == 401
    assert ask_token(api, f"  {trainer.email.upper()} ", ip="203.0.113.99").status_code == 429


def test_the_api_needs_no_csrf_token_while_the_pages_still_do(app, api, trainer, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert ask_token(api, trainer.email).status_code == 201
    assert api.http.post("/login", data={"email": trainer.email, "password": PASSWORD}).status_code == 400


def test_an_unknown_api_path_answers_json_404(api):
    response = api.get("/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"]
