"""Shared fixtures: the app on SQLite (default) or on PostgreSQL (``TEST_DATABASE_URL``).

The schema is built once per test session by running the Alembic migrations (so every
run also checks that they work); after each test every table except the exercise
library is emptied.
"""

from __future__ import annotations

import os
from datetime import date
from functools import cache

import pytest
from flask import g, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text
from werkzeug.security import generate_password_hash

from trainer import create_app
from trainer.extensions import db as _db
from trainer.extensions import limiter
from trainer.models import Client, User

PASSWORD = "correct horse battery staple"
KEEP_TABLES = {"exercises", "alembic_version"}


@cache
def password_hash() -> str:
    """One real scrypt hash of PASSWORD, computed once (hashing is slow on purpose)."""
    return generate_password_hash(PASSWORD)


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def _reset_schema(app) -> None:
    """Drop everything in the test database so the migrations start from nothing."""
    with app.app_context():
        engine = _db.engine
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))


class RequestClient(FlaskClient):
    """A test client whose every request starts with an empty ``g``, as in production.

    The fixtures keep an app context pushed and Flask reuses it for the client's requests, so
    without this Flask-Login's cached user (and Flask-WTF's CSRF token) would leak from one
    request, and one test client, to the next.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            vars(g._get_current_object()).clear()
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    from flask_migrate import upgrade

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory),
            "WTF_CSRF_ENABLED": False,
            "SERVER_NAME": "localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    app.test_client_class = RequestClient
    _reset_schema(app)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()


def _empty_tables(app) -> None:
    with app.app_context():
        _db.session.remove()
        tables = [t for t in reversed(_db.metadata.sorted_tables) if t.name not in KEEP_TABLES]
        # DELETE, not TRUNCATE: on the few rows a test leaves, PostgreSQL's TRUNCATE costs
        # far more (it rewrites each table's files).
        with _db.engine.begin() as conn:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def app_ctx(app):
    """An application context for the test; the tables are emptied afterwards."""
    with app.app_context():
        yield app
        _db.session.remove()
    _empty_tables(app)
    limiter.reset()
    if "api_body_cache" in app.extensions:
        app.extensions["api_body_cache"].clear()


@pytest.fixture
def db(app_ctx):
    """The Flask-SQLAlchemy handle inside an app context."""
    return _db


@pytest.fixture
def session(db):
    return db.session


@pytest.fixture
def http(app_ctx):
    """A test client (a browser without JavaScript) for the app."""
    return app_ctx.test_client()


@pytest.fixture
def make_trainer(db):
    counter = iter(range(1, 10_000))

    def make(email: str | None = None, name: str | None = None, **fields) -> User:
        n = next(counter)
        user = User(
            email=email or f"trainer{n}@example.com",
            name=name or f"Trainer {n}",
            role="trainer",
            password_hash=password_hash(),
            **fields,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_client(db):
    counter = iter(range(1, 10_000))

    def make(trainer: User, *, with_login: bool = False, name: str | None = None, **fields) -> Client:
        n = next(counter)
        defaults = {
            "name": name or f"Client {n}",
            "email": f"client{trainer.id}-{n}@example.com",
            "sex": "female",
            "birth_date": date(1990, 5, 17),
            "height_cm": 168.0,
            "activity_level": "light",
            "weekly_goal_lb": -1.0,
            "experience": "beginner",
            "days_per_week": 3,
            "equipment": "dumbbells",
            "focus": [],
            "timezone": "Europe/London",
            "unit": "kg",
            "started_on": date(2026, 9, 7),
        }
        defaults.update(fields)
        client = Client(trainer_id=trainer.id, **defaults)
        if with_login:
            client.user = User(
                email=defaults["email"],
                name=defaults["name"],
                role="client",
                password_hash=password_hash(),
                timezone=defaults["timezone"],
                unit=defaults["unit"],
            )
        db.session.add(client)
        db.session.commit()
        return client

    return make


@pytest.fixture
def login_as(http):
    """Sign the test client in as ``user`` through the real login form."""

    def login(user: User) -> None:
        response = http.post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]

    return login
