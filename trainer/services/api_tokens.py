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

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from ..models import ApiToken, Client, User
from . import accounts

LIFETIME = timedelta(days=30)
#: ``last_used_at`` is written at most this often, so that reading the API does not write on every call.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    """A new token: ``token`` is shown once to the caller and never stored."""

    token: str
    api_token: ApiToken


@dataclass(frozen=True, slots=True)
class ClientReach:
    """A client named by the request, read with the token: who may reach it and the state of its weigh-ins."""

    id: int
    trainer_id: int
    user_id: int | None
    created_at: datetime
    weigh_ins_version: int


@dataclass(frozen=True, slots=True)
class Bearer:
    """Who a valid token speaks for: the token's id, its user's id and role (and the client asked for, if any)."""

    token_id: int
    user_id: int
    role: str
    client: ClientReach | None = None


#: The token of a hash with what deciding on it needs (no ORM objects: every API call runs this).
_FIND = (
    select(
        ApiToken.id,
        ApiToken.expires_at,
        ApiToken.revoked_at,
        ApiToken.last_used_at,
        User.id,
        User.role,
        User.active,
    )
    .join(User, User.id == ApiToken.user_id)
    .where(ApiToken.token_hash == bindparam("token_hash"))
)
#: The same, with the client of ``client_id`` (if there is one) in the same row: one round trip for both.
_FIND_WITH_CLIENT = _FIND.add_columns(
    Client.id, Client.trainer_id, Client.user_id, Client.created_at, Client.weigh_ins_version
).outerjoin(Client, Client.id == bindparam("client_id"))
_TOUCH = (
    update(ApiToken)
    .where(ApiToken.id == bindparam("token_id"))
    .values(last_used_at=bindparam("now", type_=ApiToken.last_used_at.type))
)


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


def find_token(session: Session, token: str, *, now: datetime, client_id: int | None = None) -> Bearer | None:
    """Who the unexpired, unrevoked token of an active user that ``token`` is speaks for, or None.

    With ``client_id``, the bearer also carries that client's ``ClientReach`` (None when there is
    no such client), read in the same query; whether the bearer may reach it is for the caller.
    Records the token's use (``last_used_at``, at most every ``TOUCH_EVERY``; commits then).
    """
    params = {"token_hash": token_hash(token)}
    if client_id is None:
        row = session.connection().execute(_FIND, params).first()
    else:
        row = session.connection().execute(_FIND_WITH_CLIENT, {**params, "client_id": client_id}).first()
    if row is None:
        return None
    token_id, expires_at, revoked_at, last_used_at, user_id, role, active, *client = row
    if revoked_at is not None or expires_at <= now or not active:
        return None
    if last_used_at is None or now - last_used_at >= TOUCH_EVERY:
        session.connection().execute(_TOUCH, {"token_id": token_id, "now": now})
        session.commit()
    return Bearer(token_id, user_id, role, ClientReach(*client) if client and client[0] is not None else None)


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
