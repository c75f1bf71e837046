"""API tokens: issue one for an email and password, find the user a token belongs to, revoke it.

A token is 32 random bytes (URL-safe base64); only its SHA-256 is stored, so a copy of the
database lets nobody call the API. Tokens last ``LIFETIME`` unless revoked first, and stop
working as soon as their user is deactivated (an archived client).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from ..models import ApiToken, User
from . import accounts

LIFETIME = timedelta(days=30)
#: ``last_used_at`` is written at most this often, so that reading the API does not write on every call.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    """A new token: ``token`` is shown once to the caller and never stored."""

    token: str
    api_token: ApiToken


def token_hash(token: str) -> str:
    """The stored form of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_token(
    session: Session, email: str, password: str, *, now: datetime, name: str | None = None
) -> IssuedToken | None:
    """A new token for the active user with this email and password, or None (the same for any failure). Commits."""
    user = accounts.authenticate(session, email, password, now=now)
    if user is None:
        return None
    token = secrets.token_urlsafe(32)
    api_token = ApiToken(
        user_id=user.id, token_hash=token_hash(token), name=name, created_at=now, expires_at=now + LIFETIME
    )
    session.add(api_token)
    session.commit()
    return IssuedToken(token, api_token)


def find_token(session: Session, token: str, *, now: datetime) -> ApiToken | None:
    """The unexpired, unrevoked token of an active user that ``token`` is, or None. Records its use."""
    api_token = session.scalars(
        select(ApiToken).options(joinedload(ApiToken.user)).where(ApiToken.token_hash == token_hash(token))
    ).first()
    if api_token is None or api_token.revoked_at is not None or api_token.expires_at <= now:
        return None
    if not api_token.user.is_active:
        return None
    if api_token.last_used_at is None or now - api_token.last_used_at >= TOUCH_EVERY:
        api_token.last_used_at = now
        session.commit()
    return api_token


def revoke_token(session: Session, api_token: ApiToken, *, now: datetime) -> None:
    """Stop a token from working. Commits."""
    api_token.revoked_at = now
    session.commit()


def revoke_all(session: Session, user: User, *, now: datetime) -> int:
    """Revoke every open token of ``user`` (e.g. after a password change); how many. Commits."""
    result = session.execute(
        update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).values(revoked_at=now)
    )
    session.commit()
    return result.rowcount
