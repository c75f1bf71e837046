"""Client profiles: create (with an invitation), edit, archive and restore."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Client, User, utcnow
from . import invitations, login_sessions
from .errors import Conflict

PROFILE_FIELDS = (
    "name",
    "email",
    "sex",
    "birth_date",
    "height_cm",
    "activity_level",
    "weekly_goal_lb",
    "experience",
    "days_per_week",
    "equipment",
    "focus",
    "injuries",
    "notes",
    "timezone",
    "unit",
    "started_on",
)


@dataclass
class ClientProfile:
    """Checked profile fields for a client (the form or the API has validated ranges and choices)."""

    name: str
    sex: str
    birth_date: date
    height_cm: float
    started_on: date
    email: str | None = None
    activity_level: str = "light"
    weekly_goal_lb: float = 0.0
    experience: str = "beginner"
    days_per_week: int = 3
    equipment: str = "bodyweight"
    focus: list[str] = field(default_factory=list)
    injuries: str = ""
    notes: str = ""
    timezone: str = "UTC"
    unit: str = "kg"


@dataclass(frozen=True)
class CreatedClient:
    client: Client
    invitation_token: str | None


def _check_email(session: Session, trainer: User, email: str | None, *, exclude_client_id: int | None = None) -> None:
    if not email:
        return
    clash = select(Client.id).where(
        Client.trainer_id == trainer.id, func.lower(Client.email) == email.lower(), Client.archived.is_(False)
    )
    if exclude_client_id is not None:
        clash = clash.where(Client.id != exclude_client_id)
    if session.scalar(clash) is not None:
        raise Conflict("Email: another of your clients already uses this email.", field="email")
    user = session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    if user is not None and (user.client_profile is None or user.client_profile.id != exclude_client_id):
        raise Conflict("Email: an account with this email already exists.", field="email")


def create_client(
    session: Session, trainer: User, profile: ClientProfile, *, now: datetime, secret_key: str
) -> CreatedClient:
    """Add a client to ``trainer``'s roster and, when it has an email, issue an invitation. Commits."""
    email = profile.email.strip().lower() if profile.email else None
    _check_email(session, trainer, email)
    values = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    values["email"] = email
    client = Client(trainer_id=trainer.id, **values)
    session.add(client)
    session.flush()
    token = None
    if email:
        token = invitations.issue_invitation(session, client, now=now, secret_key=secret_key).token
    session.commit()
    return CreatedClient(client, token)


def update_client(session: Session, client: Client, changes: dict) -> Client:
    """Change profile fields of ``client`` (only those named in ``changes``). Commits.

    A client who already has a login keeps it; their login's time zone and unit follow
    the profile so that both sides see the same conventions.
    """
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown profile fields: {sorted(unknown)}")
    if "email" in changes:
        email = changes["email"].strip().lower() if changes["email"] else None
        if client.user is not None and email != client.user.email:
            raise Conflict("Email: this client already has a login; they change their email themselves.", "email")
        _check_email(session, client.trainer, email, exclude_client_id=client.id)
        changes = {**changes, "email": email}
    for name, value in changes.items():
        setattr(client, name, value)
    if client.user is not None:
        client.user.timezone = client.timezone
        client.user.unit = client.unit
        client.user.name = client.name
    session.commit()
    return client


def set_archived(session: Session, client: Client, archived: bool, *, now: datetime | None = None) -> Client:
    """Archive (hide from the roster and from the jobs) or restore a client. Commits.

    An archived client's login is deactivated and its login sessions end (``now``, default
    the current time, is when).
    """
    client.archived = archived
    if client.user is not None:
        client.user.active = not archived
        if archived:
            login_sessions.revoke_all(session, client.user.id, now=now or utcnow())
    session.commit()
    return client


def reissue_invitation(session: Session, client: Client, *, now: datetime, secret_key: str) -> str:
    """A fresh invitation link for a client who has no login yet (the old link stops working). Commits."""
    if client.user is not None:
        raise Conflict("This client already has a login.")
    if not client.email:
        raise Conflict("Email: add the client's email before inviting them.", field="email")
    token = invitations.issue_invitation(session, client, now=now, secret_key=secret_key).token
    session.commit()
    return token
