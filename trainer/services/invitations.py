"""One-time invitation links that let a client set a password.

A link carries a signed token naming an ``Invitation`` row and its random nonce. It is
valid for ``INVITATION_MAX_AGE_DAYS`` (7) days, works once, and is revoked when a newer
invitation is issued for the same client.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models import Client, Invitation

SALT = "client-invitation"


class InvitationError(ValueError):
    """The invitation link cannot be used; the message says why, in words for the client."""


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=SALT)


def issue_invitation(
    session: Session, client: Client, *, now: datetime, secret_key: str, max_age_days: int = 7
) -> IssuedInvitation:
    """Create a new invitation for ``client`` (revoking any earlier open one) and its token.

    Flushes but does not commit: the caller commits it with the rest of its work.
    """
    session.execute(
        update(Invitation)
        .where(Invitation.client_id == client.id, Invitation.used_at.is_(None), Invitation.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    invitation = Invitation(
        client_id=client.id,
        nonce=secrets.token_urlsafe(24),
        created_at=now,
        expires_at=now + timedelta(days=max_age_days),
    )
    session.add(invitation)
    session.flush()
    token = _serializer(secret_key).dumps({"i": invitation.id, "n": invitation.nonce})
    return IssuedInvitation(invitation, token)


def open_invitation(session: Session, token: str, *, now: datetime, secret_key: str) -> Invitation:
    """The invitation a token names, if it can still be used; InvitationError otherwise."""
    try:
        payload = _serializer(secret_key).loads(token)
        invitation_id, nonce = int(payload["i"]), str(payload["n"])
    except (BadSignature, KeyError, TypeError, ValueError):
        raise InvitationError("This invitation link is not valid. Ask your trainer for a new one.") from None
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or not secrets.compare_digest(invitation.nonce, nonce):
        raise InvitationError("This invitation link is not valid. Ask your trainer for a new one.")
    if invitation.used_at is not None:
        raise InvitationError("This invitation has already been used. Log in with your email and password instead.")
    if invitation.revoked_at is not None:
        raise InvitationError("This invitation was replaced by a newer one. Use the latest link from your trainer.")
    if invitation.expires_at <= now:
        raise InvitationError("This invitation has expired (links last 7 days). Ask your trainer for a new one.")
    return invitation


def current_invitation(session: Session, client_id: int, *, now: datetime) -> Invitation | None:
    """The client's open (unused, unrevoked, unexpired) invitation, if any."""
    return session.scalars(
        select(Invitation).where(
            Invitation.client_id == client_id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
    ).first()


def open_invitations(session: Session, client_ids: Iterable[int], *, now: datetime) -> dict[int, Invitation]:
    """Each given client's open invitation (as ``current_invitation``), in one query; clients without one are absent.

    Issuing revokes the earlier ones, so a client has at most one; should several be open,
    the newest wins.
    """
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    found = session.scalars(
        select(Invitation)
        .where(
            Invitation.client_id.in_(ids),
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .order_by(Invitation.client_id, Invitation.created_at, Invitation.id)
    )
    return {invitation.client_id: invitation for invitation in found}


def token_for(invitation: Invitation, *, secret_key: str) -> str:
    """The token of an existing invitation (to show its link again)."""
    return _serializer(secret_key).dumps({"i": invitation.id, "n": invitation.nonce})
