"""Login sessions: a browser's sign-in, kept on the server so that logging out, a password
change or reset, and deactivating the user end it for good.

The browser's session cookie holds a random key; only its SHA-256 is stored, so a copy of
the database signs nobody in. A session is open until it is revoked or has not been seen
for the ``max_idle`` the caller gives (the lifetime of the session cookie itself).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from ..models import LoginSession, User
from ..models.login_sessions import USER_AGENT_LENGTH

#: ``last_seen_at`` is written at most this often, so that reading pages does not write on every request.
TOUCH_EVERY = timedelta(minutes=5)


def key_hash(key: str) -> str:
    """The stored form of a session key: its SHA-256, in hex."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def start(session: Session, user: User, *, now: datetime, user_agent: str = "") -> str:
    """Open a login session for ``user`` and commit; the key for the browser (shown once, never stored)."""
    key = secrets.token_urlsafe(32)
    session.add(
        LoginSession(
            user_id=user.id,
            key_hash=key_hash(key),
            user_agent=(user_agent or "")[:USER_AGENT_LENGTH],
            created_at=now,
            last_seen_at=now,
        )
    )
    session.commit()
    return key


def find(
    session: Session, user_id: int, key: str, *, now: datetime, max_idle: timedelta
) -> tuple[User, LoginSession] | None:
    """The active user ``user_id`` and their open login session with this key, or None (one query)."""
    row = session.execute(
        select(User, LoginSession)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(
            User.id == user_id,
            User.active.is_(True),
            LoginSession.key_hash == key_hash(key),
            LoginSession.revoked_at.is_(None),
            LoginSession.last_seen_at > now - max_idle,
        )
    ).first()
    return None if row is None else (row[0], row[1])


def touch(session: Session, login_session: LoginSession, *, now: datetime) -> None:
    """Record that the session was used, at most every ``TOUCH_EVERY``; commits when it writes."""
    if now - login_session.last_seen_at < TOUCH_EVERY:
        return
    session.execute(update(LoginSession).where(LoginSession.id == login_session.id).values(last_seen_at=now))
    session.commit()


def open_sessions(session: Session, user: User, *, now: datetime, max_idle: timedelta) -> list[LoginSession]:
    """The user's open login sessions, the most recently seen first."""
    return list(
        session.scalars(
            select(LoginSession)
            .where(
                LoginSession.user_id == user.id,
                LoginSession.revoked_at.is_(None),
                LoginSession.last_seen_at > now - max_idle,
            )
            .order_by(LoginSession.last_seen_at.desc(), LoginSession.id.desc())
        )
    )


def revoke(session: Session, key: str, *, now: datetime) -> None:
    """End the login session with this key, if open, and commit."""
    session.execute(
        update(LoginSession)
        .where(LoginSession.key_hash == key_hash(key), LoginSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    session.commit()


def revoke_all(session: Session, user_id: int, *, now: datetime, keep: str | None = None) -> int:
    """End every open login session of the user except the one with key ``keep``; how many ended.

    Does not commit: the caller commits it with the rest of its work.
    """
    query = update(LoginSession).where(LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None))
    if keep is not None:
        query = query.where(LoginSession.key_hash != key_hash(keep))
    return session.execute(query.values(revoked_at=now)).rowcount


#: How long an ended session's row is kept after it was revoked (it can never sign in again).
KEEP_REVOKED = timedelta(days=30)


def prune(session: Session, *, now: datetime, max_idle: timedelta) -> int:
    """Delete the rows of sessions that can never be used again and commit; how many went.

    That is sessions revoked more than ``KEEP_REVOKED`` ago, and open ones unseen for longer
    than ``max_idle`` (the session cookie's lifetime: the loader refuses them already).
    """
    result = session.execute(
        delete(LoginSession).where(
            or_(
                LoginSession.revoked_at < now - KEEP_REVOKED,
                LoginSession.revoked_at.is_(None) & (LoginSession.last_seen_at <= now - max_idle),
            )
        )
    )
    session.commit()
    return result.rowcount
