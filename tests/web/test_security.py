"""Security headers, cookies, CSRF and error pages that leak nothing."""

from __future__ import annotations

import re

import pytest
from conftest import PASSWORD
from sqlalchemy import func, select

from trainer.config import ConfigError, default_settings, finalise
from trainer.models import User

SIGNUP = {
    "name": "Alex Coach",
    "email": "alex@example.com",
    "timezone": "UTC",
    "unit": "kg",
    "password": "twelve chars ok!",
    "confirm": "twelve chars ok!",
}


def policy(response) -> dict[str, str]:
    """The Content-Security-Policy as {directive: sources}."""
    parts = (p.strip().split(" ", 1) for p in response.headers["Content-Security-Policy"].split(";"))
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


def test_every_page_sends_a_strict_content_security_policy(http):
    response = http.get("/")

    csp = policy(response)
    assert csp["script-src"] == "'self'"
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/", "/login", "/signup", "/reset"])
def test_public_pages_have_no_inline_scripts_or_event_handlers(http, path):
    page = http.get(path).get_data(as_text=True)

    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page) is None
    assert re.search(r"\son[a-z]+\s*=", page) is None


def test_session_cookies_are_http_only_and_same_site_lax(http, make_trainer):
    trainer = make_trainer()

    response = http.post("/login", data={"email": trainer.email, "password": PASSWORD})

    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_over_https_cookies_are_secure_and_hsts_is_sent(app, http, make_trainer, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    trainer = make_trainer()

    response = http.post("/login", base_url="https://localhost", data={"email": trainer.email, "password": PASSWORD})

    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_plain_http_gets_no_hsts(http):
    assert "Strict-Transport-Security" not in http.get("/").headers


def test_production_settings_make_cookies_secure_and_need_a_secret_key():
    config = default_settings("/tmp/instance") | {"SECRET_KEY": "s3cret"}

    finalise(config, debug=False)

    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"] and config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert config["PREFERRED_URL_SCHEME"] == "https"
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        finalise(default_settings("/tmp/instance"), debug=False)


def test_debug_settings_relax_secure_cookies_for_plain_http_on_a_laptop():
    config = default_settings("/tmp/instance")

    finalise(config, debug=True)

    assert not config["SESSION_COOKIE_SECURE"]
    assert config["SECRET_KEY"]


# --- CSRF ------------------------------------------------------------------------------


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_a_post_without_a_csrf_token_is_refused_and_saves_nothing(http, session, csrf_on):
    response = http.post("/signup", data=SIGNUP)

    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(User)) == 0


def test_a_post_with_the_form_s_csrf_token_is_accepted(http, session, csrf_on):
    token = csrf_token(http.get("/signup").get_data(as_text=True))

    response = http.post("/signup", data={**SIGNUP, "csrf_token": token})

    assert response.status_code == 302
    assert session.scalar(select(func.count()).select_from(User)) == 1


def test_logout_without_a_csrf_token_is_refused(http, make_trainer, csrf_on):
    trainer = make_trainer()
    login_as_with_token(http, trainer)

    assert http.post("/logout").status_code == 400
    with http.session_transaction() as s:
        assert s["_user_id"] == trainer.get_id()


def login_as_with_token(http, user: User) -> None:
    token = csrf_token(http.get("/login").get_data(as_text=True))
    response = http.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


# --- Error pages -----------------------------------------------------------------------


def test_the_404_page_is_friendly_and_leaks_nothing(http):
    response = http.get("/no/such/page")

    body = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in body
    assert "Traceback" not in body and "werkzeug" not in body.lower()


def test_the_api_answers_404_in_json(http):
    response = http.get("/api/no-such-thing")

    assert response.status_code == 404
    assert response.json["error"] == "Page not found"


def test_the_500_page_leaks_nothing(app, http, monkeypatch):
    def broken():
        raise RuntimeError("secret-internal-detail at /srv/app/trainer/db.py")

    monkeypatch.setitem(app.view_functions, "health.healthz", broken)

    response = http.get("/healthz")

    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body
    assert "secret-internal-detail" not in body and "Traceback" not in body and ".py" not in body


def test_a_response_keeps_the_security_headers_it_sets_itself(app):
    from flask import Response

    from trainer.web.security import _add_headers

    with app.test_request_context("/"):
        response = Response("x", mimetype="text/html", headers={"x-frame-options": "SAMEORIGIN"})
        response.headers["Cache-Control"] = "max-age=60"
        _add_headers(response)
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers.getlist("Cache-Control") == ["max-age=60"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_a_request_without_a_session_cookie_gets_none_back(http):
    response = http.get("/healthz")
    assert "Set-Cookie" not in response.headers
    assert response.headers["Vary"] == "Cookie"
