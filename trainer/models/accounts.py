"""People who sign in, and the messages and links that let them in."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

ROLES = ("trainer", "client")
UNITS = ("kg", "lb")


class User(UserMixin, db.Model):
    """A trainer or a client who can sign in."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('trainer', 'client')", name="role"),
        CheckConstraint("unit IN ('kg', 'lb')", name="unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    unit: Mapped[str] = mapped_column(String(2), default="kg")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    client_profile: Mapped[Client | None] = relationship(  # noqa: F821
        back_populates="user", foreign_keys="Client.user_id", uselist=False
    )

    @property
    def is_trainer(self) -> bool:
        return self.role == "trainer"

    @property
    def is_client(self) -> bool:
        return self.role == "client"

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:
        # The session remembers the user and a fragment of the password hash: besides the
        # revoked login sessions, a password change (or reset) ends every other session this way too.
        return f"{self.id}:{(self.password_hash or '')[-12:]}"


class Invitation(db.Model):
    """A one-time link that lets a client set a password (signed, expires, single use)."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    nonce: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    client: Mapped[Client] = relationship(back_populates="invitations")  # noqa: F821


class OutboxEmail(db.Model):
    """An email the app sent (or would send when no SMTP server is configured)."""

    __tablename__ = "outbox_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
