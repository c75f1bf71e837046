"""Who may reach what: one place that every route goes through.

- Anonymous visitors reach only the public pages; a protected page sends them to the
  sign-in page (the API answers 401).
- A trainer reaches only their own clients and everything under them.
- A client reaches only their own records.
- Anything else answers 404, never 403, so that whether a thing exists does not leak.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Flask, abort
from flask_login import current_user

from .. import clock
from ..extensions import db, login_manager
from ..models import Client, User
from ..services import login_sessions
from . import login_sessions as web_sessions


@login_manager.user_loader
def _load_user(session_id: str) -> User | None:
    """The signed-in user: active, with an open login session for the cookie's key, and the
    password the session started with (one query)."""
    user_id, _, fragment = session_id.partition(":")
    key = web_sessions.current_key()
    if not user_id.isdigit() or key is None:
        return None
    now = clock.now()
    found = login_sessions.find(db.session, int(user_id), key, now=now, max_idle=web_sessions.max_idle())
    if found is None:
        return None
    user, login_session = found
    if (user.password_hash or "")[-12:] != fragment:
        return None
    login_sessions.touch(db.session, login_session, now=now)
    return user


def init_app(app: Flask) -> None:
    """Point Flask-Login at the sign-in page and word its prompt."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"


def role_required(*roles: str) -> Callable:
    """Decorate a view so that only a signed-in user with one of ``roles`` reaches it (others: 404).

    The view's ``access_role`` attribute records the roles for the authorization-matrix test.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(404)
            return view(*args, **kwargs)

        wrapped.access_role = roles  # read by the authorization-matrix test
        return wrapped

    return decorator


trainer_required = role_required("trainer")
client_required = role_required("client")
#: Either side: a trainer for their own clients, a client for themselves (check with ``client_or_404``).
member_required = role_required("trainer", "client")


def can_access_client(user: User, client: Client | None) -> bool:
    """Whether ``user`` may see ``client``: its trainer, or the client themselves."""
    if client is None or not user.is_authenticated:
        return False
    return reaches_client(user.role, user.id, client.trainer_id, client.user_id)


def reaches_client(role: str, user_id: int, trainer_id: int, client_user_id: int | None) -> bool:
    """``can_access_client`` on plain values: a trainer reaches their own clients, a client only themselves."""
    if role == "trainer":
        return trainer_id == user_id
    return client_user_id == user_id


def client_or_404(client_id: int) -> Client:
    """The client with this id if the current user may reach it; otherwise 404."""
    client = db.session.get(Client, client_id)
    if not can_access_client(current_user, client):
        abort(404)
    return client


def own_client_or_404(client_id: int) -> Client:
    """Like ``client_or_404`` but for trainer-only actions: the client must be the trainer's own."""
    client = client_or_404(client_id)
    if not current_user.is_trainer:
        abort(404)
    return client


def current_client_or_404() -> Client:
    """The signed-in client's own profile; 404 for trainers or a client with no profile."""
    if not current_user.is_authenticated or not current_user.is_client or current_user.client_profile is None:
        abort(404)
    return current_user.client_profile
