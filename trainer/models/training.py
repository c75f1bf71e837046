"""The exercise library and what clients log: weigh-ins, workouts and their sets."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class Exercise(db.Model):
    """An exercise of the library (loaded from ``trainer.domain.exercises.LIBRARY``)."""

    __tablename__ = "exercises"
    __table_args__ = (CheckConstraint("equipment IN ('bodyweight', 'dumbbells', 'gym')", name="equipment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    muscle_groups: Mapped[list[str]] = mapped_column(JSON)
    equipment: Mapped[str] = mapped_column(String(12))
    bodyweight: Mapped[bool]
    movement: Mapped[str] = mapped_column(String(60))
    weighted_form_id: Mapped[int | None] = mapped_column(ForeignKey("exercises.id"))

    weighted_form: Mapped[Exercise | None] = relationship(remote_side=[id])


class WeighIn(db.Model):
    """One body-weight reading of a client on a date (one per day)."""

    __tablename__ = "weigh_ins"
    __table_args__ = (
        UniqueConstraint("client_id", "date"),
        CheckConstraint("weight_kg BETWEEN 20 AND 400", name="weight"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    date: Mapped[date]
    weight_kg: Mapped[float] = mapped_column(Float)
    #: The smoothed trend after this weigh-in over the client's whole history (``domain.trend``), kept
    #: up to date by ``services.figures.refresh_trend`` whenever a weigh-in is added, changed or removed.
    trend_kg: Mapped[float | None] = mapped_column(Float)
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Workout(db.Model):
    """A training session a client logged, optionally against a planned session."""

    __tablename__ = "workouts"
    #: The roster, adherence and planning read a client's workouts by date range.
    __table_args__ = (Index("ix_workouts_client_id_date", "client_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(index=True)
    plan_session_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sessions.id", ondelete="SET NULL"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    import_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    sets: Mapped[list[SetLog]] = relationship(
        back_populates="workout", cascade="all, delete-orphan", order_by="SetLog.position", passive_deletes=True
    )


class SetLog(db.Model):
    """One set of one exercise within a workout: reps at a load, with an optional RPE."""

    __tablename__ = "set_logs"
    __table_args__ = (
        CheckConstraint("reps BETWEEN 1 AND 100", name="reps"),
        CheckConstraint("load_kg BETWEEN 0 AND 1000", name="load"),
        CheckConstraint("rpe IS NULL OR rpe BETWEEN 1 AND 10", name="rpe"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workout_id: Mapped[int] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"), index=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    reps: Mapped[int]
    load_kg: Mapped[float] = mapped_column(Float, default=0.0)
    rpe: Mapped[float | None] = mapped_column(Float)

    workout: Mapped[Workout] = relationship(back_populates="sets")
    exercise: Mapped[Exercise] = relationship()
