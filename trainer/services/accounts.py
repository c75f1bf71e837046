"""Accounts: trainer sign-up, sign-in, a client's first password from an invitation,
password reset by a signed link, and password change.

Passwords are hashed with Werkzeug's default (scrypt). Setting a new password revokes the
user's other login sessions and API tokens; a session also remembers a fragment of the
password hash (``User.get_id``) and a reset link carries a digest of it, so a used reset
link is worthless.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..domain.timezones import is_time_zone
from ..models import UNITS, ApiToken, Invitation, User
from . import invitations, login_sessions
from .errors import Conflict, InvalidInput, ServiceError
from .mail import MailSettings, send_email

MIN_PASSWORD_LENGTH = 12
RESET_SALT = "password-reset"
EMAIL_TAKEN = "an account with this email already exists"
# The one InvitationError message that means "no such link" rather than "no longer usable".
_INVALID_INVITATION = "This invitation link is not valid"


class LinkError(ServiceError):
    """A one-time link cannot be used. ``gone`` is True when it was valid once (used,
    expired, replaced) and False when it never was (mangled, unknown)."""

    def __init__(self, message: str, *, gone: bool):
        super().__init__(message)
        self.gone = gone


def normalise_email(email: str) -> str:
    """The form an email address is stored and looked up in: stripped, lowercase."""
    return email.strip().lower()


def find_user_by_email(session: Session, email: str) -> User | None:
    """The user with this email address (any case, surrounding spaces ignored), if any."""
    return session.scalars(select(User).where(func.lower(User.email) == normalise_email(email))).first()


def hash_password(password: str) -> str:
    """A scrypt hash of ``password``; InvalidInput when it is shorter than 12 characters."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput.one("password", f"must be at least {MIN_PASSWORD_LENGTH} characters.")
    return generate_password_hash(password)


@cache
def _dummy_hash() -> str:
    return generate_password_hash("no account has this password")


def sign_up_trainer(
    session: Session, *, name: str, email: str, password: str, timezone: str, unit: str, now: datetime
) -> User:
    """Create and commit a trainer account; Conflict (field ``email``) if the email is taken."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = ["enter your name."]
    if not is_time_zone(timezone):
        errors["timezone"] = ["unknown time zone; choose one from the list."]
    if unit not in UNITS:
        errors["unit"] = ["choose kg or lb."]
    if errors:
        raise InvalidInput(errors)
    if find_user_by_email(session, email) is not None:
        raise Conflict(EMAIL_TAKEN, field="email")
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        role="trainer",
        password_hash=hash_password(password),
        timezone=timezone,
        unit=unit,
        created_at=now,
        last_login_at=now,
    )
    session.add(user)
    _commit_or_conflict(session)
    return user


def authenticate(session: Session, email: str, password: str, *, now: datetime) -> User | None:
    """The active user with this email and password (last login recorded), or None.

    The work is the same whether or not the account exists, so timing tells nothing.
    """
    user = find_user_by_email(session, email)
    if user is None or not user.password_hash:
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.is_active:
        return None
    user.last_login_at = now
    session.commit()
    return user


def change_password(
    session: Session,
    user: User,
    *,
    current_password: str,
    new_password: str,
    now: datetime,
    keep_session: str | None = None,
) -> None:
    """Set a new password after checking the current one; every API token and every login session
    of the user but the one with key ``keep_session`` ends (the caller signs that one in again)."""
    if not user.password_hash or not check_password_hash(user.password_hash, current_password):
        raise InvalidInput.one("current_password", "is not your current password.")
    _set_password(session, user, new_password, now=now, keep_session=keep_session)
    session.commit()


# --- Invitations -----------------------------------------------------------------------


def open_client_invitation(session: Session, token: str, *, now: datetime, secret_key: str) -> Invitation:
    """The invitation a token names, if a client can set a first password with it.

    LinkError when the link is bad, used, replaced or expired; Conflict when the client
    already has an account, has no email address, or the email belongs to an account.
    """
    try:
        invitation = invitations.open_invitation(session, token, now=now, secret_key=secret_key)
    except invitations.InvitationError as error:
        raise LinkError(str(error), gone=not str(error).startswith(_INVALID_INVITATION)) from None
    client = invitation.client
    if client.user_id is not None:
        raise Conflict("You already have an account. Log in with your email and password instead.")
    if not client.email:
        raise Conflict(
            "Your trainer has not recorded an email address for you. Ask them to add it and send a new link."
        )
    if find_user_by_email(session, client.email) is not None:
        raise Conflict(
            f"An account with the email {normalise_email(client.email)} already exists. Log in with it, "
            "or ask your trainer to invite you with another email address."
        )
    return invitation


def accept_invitation(session: Session, token: str, password: str, *, now: datetime, secret_key: str) -> User:
    """Create the client's login from an invitation and use the invitation up; commit.

    The new user takes the client's email, name, time zone and unit. Nothing is saved
    when any check fails (see ``open_client_invitation``).
    """
    invitation = open_client_invitation(session, token, now=now, secret_key=secret_key)
    client = invitation.client
    user = User(
        email=normalise_email(client.email or ""),
        name=client.name,
        role="client",
        password_hash=hash_password(password),
        timezone=client.timezone,
        unit=client.unit,
        created_at=now,
        last_login_at=now,
    )
    client.user = user
    invitation.used_at = now
    _commit_or_conflict(session)
    return user


# --- Password reset --------------------------------------------------------------------


class _SignerAt(TimestampSigner):
    """A timestamp signer whose clock is the ``now`` it is given (for tests and replays)."""

    def __init__(self, *args: Any, now: datetime, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._now = now

    def get_timestamp(self) -> int:
        return int(self._now.timestamp())


def _reset_serializer(secret_key: str, now: datetime) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=RESET_SALT, signer=_SignerAt, signer_kwargs={"now": now})


def _password_fingerprint(user: User) -> str:
    # A digest, not the hash itself: the token travels in an email and is only signed.
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def password_reset_token(user: User, *, now: datetime, secret_key: str) -> str:
    """A signed token that lets ``user`` choose a new password once."""
    return _reset_serializer(secret_key, now).dumps({"u": user.id, "p": _password_fingerprint(user)})


def request_password_reset(
    session: Session,
    email: str,
    *,
    now: datetime,
    secret_key: str,
    max_age_hours: int,
    link_for: Callable[[str], str],
    mail: MailSettings,
) -> bool:
    """Email a reset link to the active account with this email; True when one was sent.

    The caller must answer the same either way, so that it does not reveal who has an account.
    """
    user = find_user_by_email(session, email)
    if user is None or not user.is_active:
        return False
    link = link_for(password_reset_token(user, now=now, secret_key=secret_key))
    body = (
        f"Hello {user.name},\n\n"
        f"Someone asked to reset the password of your Trainer account. To choose a new one, open:\n\n{link}\n\n"
        f"The link works once, for {max_age_hours} hours. If you did not ask for it, ignore this email: "
        "your password stays as it is.\n"
    )
    send_email(session, to=user.email, subject="Reset your Trainer password", body=body, now=now, settings=mail)
    return True


def open_password_reset(session: Session, token: str, *, now: datetime, secret_key: str, max_age_hours: int) -> User:
    """The user a reset token was made for, while it is unexpired and unused; LinkError otherwise."""
    invalid = LinkError("This password reset link is not valid. Ask for a new one.", gone=False)
    try:
        payload = _reset_serializer(secret_key, now).loads(token, max_age=max_age_hours * 3600)
        user_id, fingerprint = int(payload["u"]), str(payload["p"])
    except SignatureExpired:
        raise LinkError(
            f"This password reset link has expired (links last {max_age_hours} hours). Ask for a new one.", gone=True
        ) from None
    except (BadSignature, KeyError, TypeError, ValueError):
        raise invalid from None
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        raise invalid
    if fingerprint != _password_fingerprint(user):
        raise LinkError("This password reset link has already been used. Ask for a new one if you need it.", gone=True)
    return user


def reset_password(
    session: Session, token: str, password: str, *, now: datetime, secret_key: str, max_age_hours: int
) -> User:
    """Set a new password from a reset token and commit; the token, every login session and API token end."""
    user = open_password_reset(session, token, now=now, secret_key=secret_key, max_age_hours=max_age_hours)
    _set_password(session, user, password, now=now)
    user.last_login_at = now
    session.commit()
    return user


def _set_password(
    session: Session, user: User, password: str, *, now: datetime, keep_session: str | None = None
) -> None:
    """Hash and set a new password; revoke the user's open API tokens and login sessions but
    ``keep_session`` (not committed)."""
    user.password_hash = hash_password(password)
    session.execute(
        update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).values(revoked_at=now)
    )
    login_sessions.revoke_all(session, user.id, now=now, keep=keep_session)


def _commit_or_conflict(session: Session) -> None:
    """Commit; a unique email clash (two sign-ups at once) becomes Conflict and nothing is saved."""
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(EMAIL_TAKEN, field="email") from None


# --- Preferences -----------------------------------------------------------------------


def update_preferences(session: Session, user: User, *, name: str, timezone: str, unit: str) -> User:
    """Change a user's name, time zone and weight unit. Commits.

    A client's coaching profile follows, so the client and their trainer see the same
    dates and units (weeks run in the client's time zone).
    """
    user.name, user.timezone, user.unit = name, timezone, unit
    if user.client_profile is not None:
        profile = user.client_profile
        profile.name, profile.timezone, profile.unit = name, timezone, unit
    session.commit()
    return user
