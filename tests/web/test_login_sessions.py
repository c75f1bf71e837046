"""Login sessions through the browser: logging out, a password change or reset, and deactivation end
them for good, even for a copy of the session cookie; the account page lists them."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from conftest import PASSWORD
from querycount import count_queries
from sqlalchemy import select

from trainer import clock
from trainer.models import LoginSession, OutboxEmail
from trainer.services import login_sessions
from trainer.web.login_sessions import KEY

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
NEW_PASSWORD = "a brand new long password"


def browser(app, address: str, user_agent: str = FIREFOX):
    """A test client from its own address, as a browser on another device."""
    client = app.test_client()
    client.environ_base.update(REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent)
    return client


def log_in(client, user, password: str = PASSWORD) -> None:
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def signed_in(client) -> bool:
    """Whether the client reaches a page that needs a signed-in user (the account page)."""
    response = client.get("/account")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def copy_cookie(source, target) -> None:
    """Give ``target`` the very session cookie ``source`` holds (a stolen copy)."""
    target.set_cookie("session", source.get_cookie("session").value)


def login_key(client) -> str:
    with client.session_transaction() as s:
        return s[KEY]


def rows(session) -> list[LoginSession]:
    session.expire_all()
    return list(session.scalars(select(LoginSession).order_by(LoginSession.id)))


def test_a_copy_of_the_session_cookie_stops_working_at_logout(app, app_ctx, make_trainer):
    trainer = make_trainer()
    mine = browser(app, "192.0.2.1")
    log_in(mine, trainer)
    thief = browser(app, "192.0.2.1")  # same address and browser, so Flask-Login's own check passes
    copy_cookie(mine, thief)
    assert signed_in(thief)

    assert mine.post("/logout").status_code == 302

    assert not signed_in(mine)
    assert not signed_in(thief)


def test_logging_out_ends_only_that_session(app, app_ctx, session, make_trainer):
    trainer = make_trainer()
    laptop, phone = browser(app, "192.0.2.1"), browser(app, "192.0.2.2", SAFARI)
    log_in(laptop, trainer)
    log_in(phone, trainer)

    laptop.post("/logout")

    assert not signed_in(laptop)
    assert signed_in(phone)
    assert [row.revoked_at is not None for row in rows(session)] == [True, False]


def test_the_key_is_stored_only_as_its_sha256(app, app_ctx, session, make_trainer):
    trainer = make_trainer()
    client = browser(app, "192.0.2.1")
    log_in(client, trainer)
    key = login_key(client)

    (row,) = rows(session)

    assert len(key) >= 43  # 32 random bytes
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {str(getattr(row, c.key)) for c in LoginSession.__table__.columns}
    assert (row.user_id, row.user_agent, row.revoked_at) == (trainer.id, FIREFOX, None)


def test_each_sign_in_starts_a_new_login_session(app, app_ctx, session, make_trainer):
    trainer = make_trainer()
    client = browser(app, "192.0.2.1")
    log_in(client, trainer)
    first = login_key(client)
    log_in(client, trainer)

    assert login_key(client) != first
    assert len(rows(session)) == 2


def test_a_session_cookie_without_a_login_session_is_refused(app, app_ctx, make_trainer):
    trainer = make_trainer()
    client = browser(app, "192.0.2.1")
    log_in(client, trainer)
    with client.session_transaction() as s:
        del s[KEY]  # a cookie from before login sessions existed

    assert not signed_in(client)


def test_changing_the_password_revokes_the_other_sessions_but_not_this_one(app, app_ctx, session, make_trainer):
    trainer = make_trainer()
    laptop, phone = browser(app, "192.0.2.1"), browser(app, "192.0.2.2", SAFARI)
    log_in(laptop, trainer)
    log_in(phone, trainer)
    stolen = browser(app, "192.0.2.2", SAFARI)
    copy_cookie(phone, stolen)

    response = laptop.post(
        "/account/password", data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert signed_in(laptop)
    assert not signed_in(phone)
    assert not signed_in(stolen)
    assert [row.revoked_at is not None for row in rows(session)] == [False, True]


def test_a_password_reset_revokes_every_session_and_starts_one(app, app_ctx, session, make_trainer):
    trainer = make_trainer()
    laptop, phone = browser(app, "192.0.2.1"), browser(app, "192.0.2.2", SAFARI)
    log_in(laptop, trainer)
    phone.post("/reset", data={"email": trainer.email})
    link = re.search(r"https?://\S+", session.scalars(select(OutboxEmail)).one().body).group(0)

    response = phone.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert response.status_code == 302
    assert signed_in(phone)
    assert not signed_in(laptop)
    assert [row.revoked_at is not None for row in rows(session)] == [True, False]


def test_archiving_a_client_ends_their_sessions_even_after_a_restore(app, app_ctx, session, make_trainer, make_client):
    trainer = make_trainer()
    client = make_client(trainer, with_login=True)
    coach, phone = browser(app, "192.0.2.1"), browser(app, "192.0.2.2", SAFARI)
    log_in(coach, trainer)
    log_in(phone, client.user)
    assert signed_in(phone)

    assert coach.post(f"/clients/{client.id}/archive").status_code == 302
    assert not signed_in(phone)

    assert coach.post(f"/clients/{client.id}/restore").status_code == 302
    assert not signed_in(phone)
    log_in(phone, client.user)
    assert signed_in(phone)


def test_a_deactivated_user_s_session_stops_working(app, app_ctx, session, make_trainer):
    trainer = make_trainer()
    client = browser(app, "192.0.2.1")
    log_in(client, trainer)

    trainer.active = False
    session.commit()

    assert not signed_in(client)


def test_a_session_unseen_for_the_cookie_lifetime_has_ended(app, app_ctx, make_trainer, monkeypatch):
    trainer = make_trainer()
    client = browser(app, "192.0.2.1")
    log_in(client, trainer)
    later = clock.now() + app.permanent_session_lifetime + timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)

    assert not signed_in(client)


def test_last_seen_is_written_at_most_every_few_minutes(app, app_ctx, session, make_trainer, monkeypatch):
    trainer = make_trainer()
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)
    client = browser(app, "192.0.2.1")
    log_in(client, trainer)

    soon = start + login_sessions.TOUCH_EVERY - timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: soon)
    assert signed_in(client)
    assert rows(session)[0].last_seen_at == start

    later = start + login_sessions.TOUCH_EVERY
    monkeypatch.setattr(clock, "now", lambda: later)
    assert signed_in(client)
    assert rows(session)[0].last_seen_at == later


@pytest.mark.parametrize("path", ["/account", "/clients"])
def test_the_signed_in_user_is_loaded_with_one_query(app, app_ctx, db, make_trainer, path):
    trainer = make_trainer()
    client = browser(app, "192.0.2.1")
    log_in(client, trainer)
    db.session.expunge_all()  # as in a new request in production: nothing cached

    with count_queries(db.engine) as statements:
        assert client.get(path).status_code == 200

    loads = [s for s in statements if "login_sessions" in s and "users" in s]
    assert len(loads) == 1


# --- The account page ------------------------------------------------------------------


def test_the_account_page_lists_the_open_sessions_in_the_user_s_time_zone(app, app_ctx, make_trainer):
    trainer = make_trainer(timezone="Asia/Tokyo")
    laptop, phone, gone = browser(app, "192.0.2.1"), browser(app, "192.0.2.2", SAFARI), browser(app, "192.0.2.3")
    log_in(gone, trainer)
    gone.post("/logout")
    log_in(phone, trainer)
    log_in(laptop, trainer)

    page = laptop.get("/account").get_data(as_text=True)

    assert "Where you are signed in" in page
    assert page.count("Firefox on Linux") == 1  # the logged-out one is not listed
    assert "Safari on iPhone" in page
    assert page.count("This device") == 1
    assert page.index("Firefox on Linux") < page.index("This device") < page.index("Safari on iPhone")
    assert "JST" in page
    assert "Sign out other sessions" in page


def test_sign_out_other_sessions_keeps_this_one(app, app_ctx, session, make_trainer, make_client):
    trainer = make_trainer()
    someone_else = make_client(trainer, with_login=True).user
    laptop, phone, theirs = browser(app, "192.0.2.1"), browser(app, "192.0.2.2", SAFARI), browser(app, "192.0.2.3")
    log_in(laptop, trainer)
    log_in(phone, trainer)
    log_in(theirs, someone_else)

    response = laptop.post("/account/sessions/sign-out-others")

    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    page = laptop.get("/account").get_data(as_text=True)
    assert "You were signed out on your other devices." in page
    assert "Safari on iPhone" not in page
    assert not signed_in(phone)
    assert signed_in(theirs)

    again = laptop.post("/account/sessions/sign-out-others", follow_redirects=True).get_data(as_text=True)
    assert "There were no other sessions to sign out." in again


def test_sign_out_other_sessions_needs_a_csrf_token(app, app_ctx, make_trainer, monkeypatch):
    trainer = make_trainer()
    laptop, phone = browser(app, "192.0.2.1"), browser(app, "192.0.2.2", SAFARI)
    log_in(laptop, trainer)
    log_in(phone, trainer)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)

    assert laptop.post("/account/sessions/sign-out-others").status_code == 400
    assert signed_in(phone)
    token = re.search(r'name="csrf_token" value="([^"]+)"', laptop.get("/account").get_data(as_text=True)).group(1)
    assert laptop.post("/account/sessions/sign-out-others", data={"csrf_token": token}).status_code == 302
    assert not signed_in(phone)
