"""Accounts through the browser: sign-up, log in, log out, invitations, password reset, throttling."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import PASSWORD
from sqlalchemy import func, select

from trainer import clock
from trainer.domain.timezones import time_zone_names
from trainer.models import Invitation, OutboxEmail, User
from trainer.services.invitations import issue_invitation

NEW_PASSWORD = "a brand new long password"
SIGNUP = {
    "name": "Alex Coach",
    "email": "  Alex.Coach@Example.com ",
    "timezone": "Europe/Berlin",
    "unit": "lb",
    "password": "twelve chars ok!",
    "confirm": "twelve chars ok!",
}


def user_count(session) -> int:
    return session.scalar(select(func.count()).select_from(User))


def flashes(http) -> list[str]:
    with http.session_transaction() as s:
        return [message for _, message in s.get("_flashes", [])]


def signed_in_id(http) -> str | None:
    with http.session_transaction() as s:
        return s.get("_user_id")


def invite(app, session, client) -> str:
    token = issue_invitation(session, client, now=clock.now(), secret_key=app.secret_key).token
    session.commit()
    return token


# --- Sign-up ---------------------------------------------------------------------------


def test_the_signup_form_offers_every_time_zone_sorted_with_utc_chosen(http):
    page = http.get("/signup").get_data(as_text=True)
    options = re.findall(
        r'<option (?:selected )?value="([^"]+)"', page.split('name="timezone"')[1].split("</select>")[0]
    )
    assert options == list(time_zone_names())
    assert '<option selected value="UTC">' in page


def test_a_trainer_signs_up_and_is_signed_in(http, session):
    response = http.post("/signup", data=SIGNUP)

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/clients")
    user = session.scalars(select(User)).one()
    assert (user.email, user.name, user.role, user.timezone, user.unit) == (
        "alex.coach@example.com",
        "Alex Coach",
        "trainer",
        "Europe/Berlin",
        "lb",
    )
    assert user.password_hash.startswith("scrypt:")
    assert signed_in_id(http) == user.get_id()
    assert any("Your trainer account is ready" in m for m in flashes(http))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "not-an-email"}, "Email: enter a valid email address"),
        ({"email": ""}, "Email: enter your email address."),
        ({"name": "  "}, "Name: enter your name."),
        ({"password": "short pass", "confirm": "short pass"}, "Password: must be at least 12 characters."),
        ({"confirm": "something else entirely"}, "Confirm password: must match the password."),
        ({"timezone": "Mars/Olympus_Mons"}, "Time zone: unknown time zone"),
        ({"unit": "stone"}, "Weight unit: choose kg or lb."),
    ],
)
def test_signup_refuses_bad_input_naming_the_field_and_saves_nothing(http, session, change, message):
    response = http.post("/signup", data={**SIGNUP, **change})

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert user_count(session) == 0
    assert signed_in_id(http) is None


def test_signup_refuses_an_email_that_already_has_an_account(http, session, make_trainer):
    make_trainer(email="alex.coach@example.com")

    response = http.post("/signup", data=SIGNUP)  # same address, other case and spaces

    assert response.status_code == 422
    assert "Email: an account with this email already exists" in response.get_data(as_text=True)
    assert user_count(session) == 1


# --- Log in and log out ----------------------------------------------------------------


def test_a_user_logs_in_with_email_in_any_case_and_the_login_is_recorded(http, session, make_trainer):
    trainer = make_trainer(email="coach@example.com")

    response = http.post("/login", data={"email": " Coach@Example.COM", "password": PASSWORD})

    assert response.status_code == 302
    assert signed_in_id(http) == trainer.get_id()
    session.refresh(trainer)
    assert trainer.last_login_at is not None
    assert any("Welcome back" in m for m in flashes(http))


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "coach@example.com", "password": "not the password at all"},
        {"email": "nobody@example.com", "password": PASSWORD},
    ],
    ids=["bad password", "unknown email"],
)
def test_a_failed_login_says_the_same_thing_whatever_was_wrong(http, make_trainer, credentials):
    make_trainer(email="coach@example.com")

    response = http.post("/login", data=credentials)

    assert response.status_code == 422
    assert "That email and password do not match an account" in response.get_data(as_text=True)
    assert signed_in_id(http) is None


def test_an_inactive_user_cannot_log_in(http, make_trainer):
    trainer = make_trainer(active=False)

    response = http.post("/login", data={"email": trainer.email, "password": PASSWORD})

    assert response.status_code == 422
    assert signed_in_id(http) is None


def test_login_returns_to_the_page_asked_for_but_never_to_another_site(http, make_trainer):
    trainer = make_trainer()
    data = {"email": trainer.email, "password": PASSWORD}

    assert http.post("/login?next=/clients/new", data=data).headers["Location"] == "/clients/new"
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert http.post("/login", query_string={"next": target}, data=data).headers["Location"] == "/"


def test_login_starts_a_new_session(http, make_trainer):
    trainer = make_trainer()
    with http.session_transaction() as s:
        s["planted"] = "by someone else"

    http.post("/login", data={"email": trainer.email, "password": PASSWORD})

    with http.session_transaction() as s:
        assert "planted" not in s
        assert s["_user_id"] == trainer.get_id()


def test_logout_ends_the_session(http, make_trainer, login_as):
    login_as(make_trainer())

    response = http.post("/logout")

    assert response.status_code == 302
    assert signed_in_id(http) is None
    assert "You have logged out." in flashes(http)
    assert http.get("/clients").headers["Location"].startswith("/login")


def test_logout_is_post_only(http):
    assert http.get("/logout").status_code == 405


# --- Invitations -----------------------------------------------------------------------


def test_a_client_accepts_an_invitation_and_is_signed_in(app, http, session, make_trainer, make_client):
    client = make_client(make_trainer(), email="Sam@Example.com", name="Sam", timezone="Asia/Tokyo", unit="lb")
    token = invite(app, session, client)

    page = http.get(f"/invite/{token}")
    assert page.status_code == 200
    assert "Welcome, Sam" in page.get_data(as_text=True)

    response = http.post(f"/invite/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert response.status_code == 302
    assert response.headers["Location"] == "/me"
    session.expire_all()
    user = client.user
    assert (user.email, user.name, user.role, user.timezone, user.unit) == (
        "sam@example.com",
        "Sam",
        "client",
        "Asia/Tokyo",
        "lb",
    )
    assert session.scalars(select(Invitation)).one().used_at is not None
    assert signed_in_id(http) == user.get_id()
    assert any("Your password is set" in m for m in flashes(http))


def test_an_invitation_works_once(app, http, session, make_trainer, make_client):
    token = invite(app, session, make_client(make_trainer()))
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    assert http.post(f"/invite/{token}", data=data).status_code == 302

    again = app.test_client().post(f"/invite/{token}", data=data)

    assert again.status_code == 410
    assert "already been used" in again.get_data(as_text=True)
    assert user_count(session) == 2


def test_an_expired_invitation_is_refused(app, http, session, make_trainer, make_client):
    token = invite(app, session, make_client(make_trainer()))
    session.scalars(select(Invitation)).one().expires_at = clock.now() - timedelta(seconds=1)
    session.commit()

    response = http.get(f"/invite/{token}")

    assert response.status_code == 410
    assert "This invitation has expired" in response.get_data(as_text=True)


def test_an_invitation_replaced_by_a_newer_one_is_refused(app, http, session, make_trainer, make_client):
    client = make_client(make_trainer())
    old = invite(app, session, client)
    invite(app, session, client)

    response = http.post(f"/invite/{old}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert response.status_code == 410
    assert "replaced by a newer one" in response.get_data(as_text=True)
    assert user_count(session) == 1


@pytest.mark.parametrize("token", ["nonsense", "eyJpIjoxLCJuIjoieCJ9.forged-signature"])
def test_a_mangled_invitation_link_is_not_found(http, token):
    response = http.get(f"/invite/{token}")

    assert response.status_code == 404
    assert "This invitation link is not valid" in response.get_data(as_text=True)


def test_an_invitation_for_an_email_that_has_an_account_saves_nothing(app, http, session, make_trainer, make_client):
    make_trainer(email="taken@example.com")
    token = invite(app, session, make_client(make_trainer(), email="taken@example.com"))

    shown = http.get(f"/invite/{token}")
    posted = http.post(f"/invite/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    for response in (shown, posted):
        assert response.status_code == 409
        assert "An account with the email taken@example.com already exists" in response.get_data(as_text=True)
    assert user_count(session) == 2
    assert session.scalars(select(Invitation)).one().used_at is None


def test_an_invitation_refuses_a_short_password_and_stays_usable(app, http, session, make_trainer, make_client):
    token = invite(app, session, make_client(make_trainer()))

    response = http.post(f"/invite/{token}", data={"password": "too short", "confirm": "too short"})

    assert response.status_code == 422
    assert "Password: must be at least 12 characters." in response.get_data(as_text=True)
    assert user_count(session) == 1
    assert session.scalars(select(Invitation)).one().used_at is None


# --- Password reset --------------------------------------------------------------------


def reset_link(session) -> str:
    body = session.scalars(select(OutboxEmail)).one().body
    return re.search(r"http://localhost(/reset/\S+)", body).group(1)


def test_a_reset_request_answers_the_same_whether_or_not_the_account_exists(http, session, make_trainer):
    make_trainer(email="coach@example.com")

    known = http.post("/reset", data={"email": "Coach@example.com"})
    known_flash = flashes(http)
    unknown = http.post("/reset", data={"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"] == "/login"
    assert known_flash[0].replace("coach@example.com", "X") == flashes(http)[-1].replace("nobody@example.com", "X")
    outbox = session.scalars(select(OutboxEmail)).all()
    assert [(e.to, e.subject) for e in outbox] == [("coach@example.com", "Reset your Trainer password")]


def test_a_password_reset_changes_the_password_and_ends_other_sessions(app, http, session, make_trainer, login_as):
    trainer = make_trainer()
    login_as(trainer)
    browser = app.test_client()
    browser.post("/reset", data={"email": trainer.email})
    link = reset_link(session)

    assert browser.get(link).status_code == 200
    response = browser.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert response.status_code == 302
    assert browser.get("/clients").status_code == 200  # signed in with the new password
    assert http.get("/clients").headers["Location"].startswith("/login")  # the old session ended
    assert app.test_client().post("/login", data={"email": trainer.email, "password": PASSWORD}).status_code == 422
    assert app.test_client().post("/login", data={"email": trainer.email, "password": NEW_PASSWORD}).status_code == 302


def test_a_reset_link_works_once(app, http, session, make_trainer):
    trainer = make_trainer()
    http.post("/reset", data={"email": trainer.email})
    link = reset_link(session)
    http.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    again = app.test_client().post(link, data={"password": "yet another password", "confirm": "yet another password"})

    assert again.status_code == 410
    assert "already been used" in again.get_data(as_text=True)


def test_a_reset_link_expires(app, http, session, make_trainer, monkeypatch):
    http.post("/reset", data={"email": make_trainer().email})
    link = reset_link(session)
    later = clock.now() + timedelta(hours=app.config["PASSWORD_RESET_MAX_AGE_HOURS"], seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)

    response = http.get(link)

    assert response.status_code == 410
    assert "has expired" in response.get_data(as_text=True)


def test_a_mangled_reset_link_is_not_found(http):
    response = http.get("/reset/not-a-real-token")

    assert response.status_code == 404
    assert "This password reset link is not valid" in response.get_data(as_text=True)


# --- Throttling ------------------------------------------------------------------------


def client_from(app, address: str):
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    return browser


@pytest.mark.parametrize("path", ["/login", "/reset"])
def test_the_eleventh_attempt_in_a_minute_from_one_address_is_refused(app_ctx, path):
    browser = client_from(app_ctx, "203.0.113.7")
    for n in range(10):
        assert browser.post(path, data={"email": f"guess{n}@example.com"}).status_code != 429

    response = browser.post(path, data={"email": "guess10@example.com"})

    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert client_from(app_ctx, "203.0.113.8").post(path, data={"email": "a@example.com"}).status_code != 429


@pytest.mark.parametrize("path", ["/login", "/reset"])
def test_the_eleventh_attempt_in_a_minute_on_one_account_is_refused(app_ctx, path):
    for n in range(10):
        browser = client_from(app_ctx, f"198.51.100.{n}")
        assert browser.post(path, data={"email": "coach@example.com"}).status_code != 429

    response = client_from(app_ctx, "198.51.100.99").post(path, data={"email": " COACH@example.com"})

    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
