"""Weekly plans: one per client and week, made of sessions of prescribed items."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Float, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class Plan(db.Model):
    """A client's plan for one Monday-to-Sunday week (draft until published)."""

    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("client_id", "week_start"),
        CheckConstraint("status IN ('draft', 'published')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    week_start: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    notes: Mapped[str] = mapped_column(Text, default="")
    generated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    sessions: Mapped[list[PlanSession]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanSession.day", passive_deletes=True
    )


class PlanSession(db.Model):
    """One training day of a plan."""

    __tablename__ = "plan_sessions"
    __table_args__ = (UniqueConstraint("plan_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    day: Mapped[date]
    title: Mapped[str] = mapped_column(String(120), default="")
    #: Whether the client's logged sets complete this session (``domain.adherence.done_sessions``);
    #: None for a session without exercises, which does not count. Kept up to date by
    #: ``services.figures.refresh_attendance`` when workouts or the plan change.
    done: Mapped[bool | None] = mapped_column(default=False, server_default=false())

    plan: Mapped[Plan] = relationship(back_populates="sessions")
    items: Mapped[list[PlanItem]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="PlanItem.position", passive_deletes=True
    )


class PlanItem(db.Model):
    """One prescription: an exercise for sets of a rep range at a load, with its reason."""

    __tablename__ = "plan_items"
    __table_args__ = (
        CheckConstraint("sets BETWEEN 1 AND 10", name="sets"),
        CheckConstraint("rep_min BETWEEN 1 AND 100 AND rep_max BETWEEN rep_min AND 100", name="reps"),
        CheckConstraint("load_kg IS NULL OR load_kg BETWEEN 0 AND 1000", name="load"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("plan_sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id"))
    sets: Mapped[int]
    rep_min: Mapped[int]
    rep_max: Mapped[int]
    load_kg: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    #: On a deload week, the load to return to the week after.
    deload_from_kg: Mapped[float | None] = mapped_column(Float)

    session: Mapped[PlanSession] = relationship(back_populates="items")
    exercise: Mapped[Exercise] = relationship()  # noqa: F821


class MovementOverride(db.Model):
    """A trainer's standing decision for one movement of a client: hold its form, or switch it."""

    __tablename__ = "movement_overrides"
    __table_args__ = (
        UniqueConstraint("client_id", "movement"),
        CheckConstraint("action IN ('hold', 'switch')", name="action"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    movement: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(8))
    to_exercise_id: Mapped[int | None] = mapped_column(ForeignKey("exercises.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
