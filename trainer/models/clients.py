"""Clients: the people a trainer coaches, and their profile."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

SEXES = ("female", "male")
ACTIVITY_LEVELS = ("sedentary", "light", "moderate", "very", "extra")
WEEKLY_GOALS_LB = (-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0)
EXPERIENCE_LEVELS = ("beginner", "intermediate", "advanced")
EQUIPMENT = ("bodyweight", "dumbbells", "gym")


class Client(db.Model):
    """A person coached by one trainer, with or without a login of their own."""

    __tablename__ = "clients"
    __table_args__ = (
        CheckConstraint("sex IN ('female', 'male')", name="sex"),
        CheckConstraint("activity_level IN ('sedentary', 'light', 'moderate', 'very', 'extra')", name="activity"),
        CheckConstraint("experience IN ('beginner', 'intermediate', 'advanced')", name="experience"),
        CheckConstraint("equipment IN ('bodyweight', 'dumbbells', 'gym')", name="equipment"),
        CheckConstraint("days_per_week BETWEEN 2 AND 5", name="days_per_week"),
        CheckConstraint("weekly_goal_lb BETWEEN -2 AND 2", name="weekly_goal"),
        CheckConstraint("height_cm BETWEEN 100 AND 250", name="height"),
        CheckConstraint("unit IN ('kg', 'lb')", name="unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    sex: Mapped[str] = mapped_column(String(6))
    birth_date: Mapped[date]
    height_cm: Mapped[float] = mapped_column(Float)
    activity_level: Mapped[str] = mapped_column(String(12), default="light")
    weekly_goal_lb: Mapped[float] = mapped_column(Float, default=0.0)
    experience: Mapped[str] = mapped_column(String(12), default="beginner")
    days_per_week: Mapped[int] = mapped_column(default=3)
    equipment: Mapped[str] = mapped_column(String(12), default="bodyweight")
    focus: Mapped[list[str]] = mapped_column(JSON, default=list)
    injuries: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    unit: Mapped[str] = mapped_column(String(2), default="kg")
    started_on: Mapped[date]
    archived: Mapped[bool] = mapped_column(default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    #: Counts the changes to this client's weigh-ins (a date or weight added, changed or removed).
    #: Database triggers (migration 0007) bump it on every such write, whatever path made it; the
    #: app only reads it, to tell whether a weigh-ins list it answered before is still current.
    weigh_ins_version: Mapped[int] = mapped_column(default=0, server_default="0")

    trainer: Mapped[User] = relationship(foreign_keys=[trainer_id])  # noqa: F821
    user: Mapped[User | None] = relationship(  # noqa: F821
        back_populates="client_profile", foreign_keys=[user_id]
    )
    invitations: Mapped[list[Invitation]] = relationship(  # noqa: F821
        back_populates="client", cascade="all, delete-orphan", passive_deletes=True
    )
