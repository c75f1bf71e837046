"""Flags: what the automatic checks found for a trainer to review."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

FLAG_KINDS = ("rapid_loss", "weight_plateau", "strength_plateau", "low_adherence", "inactive")
FLAG_STATUSES = ("open", "acknowledged", "resolved")


class Flag(db.Model):
    """One finding about a client, with its evidence and a suggested action.

    ``open_key`` is set while the flag is not resolved and is unique, so there is at most
    one unresolved flag per client, kind and exercise on every database.
    """

    __tablename__ = "flags"
    __table_args__ = (CheckConstraint("status IN ('open', 'acknowledged', 'resolved')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    exercise_id: Mapped[int | None] = mapped_column(ForeignKey("exercises.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")
    open_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    evidence: Mapped[dict] = mapped_column(JSON, default=dict)
    explanation: Mapped[str] = mapped_column(Text, default="")
    suggestion: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    resolution: Mapped[str | None] = mapped_column(String(32))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
