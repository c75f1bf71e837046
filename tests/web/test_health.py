"""``GET /healthz``: 200 after a database round trip, 503 when the database does not answer."""

from __future__ import annotations

import logging

import pytest

from trainer import create_app
from trainer.extensions import db


@pytest.fixture(autouse=True)
def _keep_logging():
    """Apps built here reconfigure the shared 'trainer' logger; give the session's set-up back."""
    logger = logging.getLogger("trainer")
    handlers, level = logger.handlers[:], logger.level
    yield
    logger.handlers[:], logger.level = handlers, level


def test_health_is_ok_when_the_database_answers(http):
    response = http.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://postgres@127.0.0.1:1/nothing?connect_timeout=2",
        "sqlite:////nonexistent-directory/for/trainer.sqlite3",
    ],
    ids=["postgres-port-closed", "sqlite-path-missing"],
)
def test_health_is_503_when_the_database_is_unreachable(url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "CRITICAL"})
    try:
        response = app.test_client().get("/healthz")
    finally:
        with app.app_context():
            db.engine.dispose()
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable"}
