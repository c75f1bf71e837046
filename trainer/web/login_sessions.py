"""The browser's side of login sessions: the key its session cookie holds, and starting and
ending the session that key names (see ``trainer.services.login_sessions``)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, request, session
from flask_login import login_user, logout_user

from .. import clock
from ..extensions import db
from ..models import User
from ..services import login_sessions

#: The Flask session entry that holds the login session's key.
KEY = "_login_key"


def current_key() -> str | None:
    """The key of this browser's login session, if it has one."""
    key = session.get(KEY)
    return key if isinstance(key, str) else None


def max_idle() -> timedelta:
    """How long a login session lasts unseen: as long as the session cookie is accepted."""
    return current_app.permanent_session_lifetime


def begin(user: User) -> None:
    """Forget everything the old session held, then sign ``user`` in on a new login session."""
    session.clear()
    key = login_sessions.start(db.session, user, now=clock.now(), user_agent=request.user_agent.string)
    login_user(user)
    session[KEY] = key


def end() -> None:
    """Revoke this browser's login session, sign out and clear the session."""
    key = current_key()
    if key is not None:
        login_sessions.revoke(db.session, key, now=clock.now())
    logout_user()
    session.clear()
