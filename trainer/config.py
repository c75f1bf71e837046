"""Settings: defaults here, then ``instance/config.py``, then the environment."""

from __future__ import annotations

import os
from pathlib import Path


class ConfigError(RuntimeError):
    """The configuration cannot start the app (a required setting is missing or wrong)."""


def default_settings(instance_path: str) -> dict:
    """The defaults, good for a laptop: SQLite in the instance folder, memory rate limits."""
    return {
        "SECRET_KEY": None,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance_path) / 'trainer.sqlite3'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": "10 per minute",
        "MAIL_URL": None,
        "MAIL_SENDER": "Trainer <no-reply@trainer.local>",
        "INVITATION_MAX_AGE_DAYS": 7,
        "PASSWORD_RESET_MAX_AGE_HOURS": 2,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": True,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": True,
        "PREFERRED_URL_SCHEME": "https",
        "WTF_CSRF_TIME_LIMIT": None,
        "LOG_LEVEL": "INFO",
        "SCHEDULER_IN_PROCESS": False,
        # Bytes of weigh-ins list answers each worker keeps (trainer/web/api/body_cache.py); 0: none.
        "API_BODY_CACHE_BYTES": 16 * 1024 * 1024,
    }


#: Environment variables read at start-up and the setting each one fills.
ENVIRONMENT = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "MAIL_URL": "MAIL_URL",
    "MAIL_SENDER": "MAIL_SENDER",
    "LOG_LEVEL": "LOG_LEVEL",
    "API_BODY_CACHE_BYTES": "API_BODY_CACHE_BYTES",
}


def from_environment(environ: os._Environ | dict) -> dict:
    """The settings given by environment variables (only those that are set)."""
    return {setting: environ[name] for name, setting in ENVIRONMENT.items() if environ.get(name)}


def normalise_database_url(url: str) -> str:
    """Rewrite a PaaS ``postgres://`` URL to the SQLAlchemy psycopg 3 driver form."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def finalise(config: dict, *, debug: bool) -> None:
    """Check and complete the merged settings; raise ConfigError when they cannot run."""
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])
    relaxed = debug or config.get("TESTING")
    if not config.get("SECRET_KEY"):
        if not relaxed:
            raise ConfigError(
                "SECRET_KEY is not set. Set the SECRET_KEY environment variable (or put it in "
                "instance/config.py), e.g. SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
            )
        config["SECRET_KEY"] = "dev-only-insecure-key"
    try:
        config["API_BODY_CACHE_BYTES"] = int(config.get("API_BODY_CACHE_BYTES") or 0)
        if config["API_BODY_CACHE_BYTES"] < 0:
            raise ValueError
    except (TypeError, ValueError):
        raise ConfigError(
            "API_BODY_CACHE_BYTES must be a whole number of bytes, 0 or more (0 turns the cache off)."
        ) from None
    if relaxed:
        for key in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
            config[key] = False
        config["PREFERRED_URL_SCHEME"] = "http"
