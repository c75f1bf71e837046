"""Settings: defaults, then ``instance/config.py``, then the environment; SQLite pragmas."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from sqlalchemy import text

from trainer import create_app
from trainer.config import ENVIRONMENT, ConfigError, normalise_database_url
from trainer.extensions import db


@pytest.fixture(autouse=True)
def _keep_logging():
    """Apps built here reconfigure the shared 'trainer' logger; give the session's set-up back."""
    logger = logging.getLogger("trainer")
    handlers, level = logger.handlers[:], logger.level
    yield
    logger.handlers[:], logger.level = handlers, level


@pytest.fixture
def instance(tmp_path, monkeypatch):
    """An empty instance folder for apps built here, and an environment with no trainer settings."""
    folder = tmp_path / "instance"
    folder.mkdir()
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(folder))
    for name in [*ENVIRONMENT, "FLASK_DEBUG"]:
        monkeypatch.delenv(name, raising=False)
    return folder


def test_secret_key_is_required_outside_debug_and_testing(instance):
    with pytest.raises(ConfigError, match="SECRET_KEY is not set. Set the SECRET_KEY environment variable"):
        create_app()


def test_debug_runs_without_a_secret_key_on_insecure_cookies(instance, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app()
    assert app.config["SECRET_KEY"]
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_production_cookies_are_secure(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_default_database_is_sqlite_in_the_instance_folder(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'trainer.sqlite3'}"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db.example.com:5432/app", "postgresql+psycopg://u:p@db.example.com:5432/app"),
        ("postgresql://u:p@db.example.com/app", "postgresql+psycopg://u:p@db.example.com/app"),
        ("postgresql+psycopg://u@h/app", "postgresql+psycopg://u@h/app"),
        ("sqlite:////tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
    ],
)
def test_paas_database_urls_use_the_psycopg_driver(given, expected):
    assert normalise_database_url(given) == expected


def test_database_url_from_the_environment_is_rewritten(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.example.com:5432/app")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.example.com:5432/app"


def test_instance_config_overrides_defaults_and_the_environment_overrides_both(instance, monkeypatch):
    (instance / "config.py").write_text(
        'SECRET_KEY = "from-instance"\nMAIL_SENDER = "Gym <gym@example.com>"\nLOG_LEVEL = "DEBUG"\n'
    )
    monkeypatch.setenv("LOG_LEVEL", "ERROR")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "memory://")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-instance"
    assert app.config["MAIL_SENDER"] == "Gym <gym@example.com>"
    assert app.config["LOG_LEVEL"] == "ERROR"
    monkeypatch.setenv("SECRET_KEY", "from-environment")
    assert create_app().config["SECRET_KEY"] == "from-environment"


def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'pragmas.sqlite3'}"})
    with app.app_context():
        try:
            assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        finally:
            db.session.remove()
            db.engine.dispose()


@pytest.mark.parametrize("given", ["lots", "-1", "1.5"])
def test_a_bad_api_cache_size_is_refused_at_start_with_the_rule(instance, monkeypatch, given):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("API_BODY_CACHE_BYTES", given)
    with pytest.raises(ConfigError, match="API_BODY_CACHE_BYTES must be a whole number of bytes, 0 or more"):
        create_app()


def test_the_api_cache_size_comes_from_the_environment(instance, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("API_BODY_CACHE_BYTES", "0")
    assert create_app().config["API_BODY_CACHE_BYTES"] == 0
    monkeypatch.delenv("API_BODY_CACHE_BYTES")
    assert create_app().config["API_BODY_CACHE_BYTES"] == 16 * 1024 * 1024
