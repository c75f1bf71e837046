"""Errors a service raises for its callers (pages, API, CLI) to turn into messages."""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: something the caller asked for cannot be done."""


class InvalidInput(ServiceError):
    """Input broke a rule; ``errors`` maps each field to messages naming the rule."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items()))
        self.errors = errors

    @classmethod
    def one(cls, field: str, message: str) -> InvalidInput:
        return cls({field: [message]})


class Conflict(ServiceError):
    """The request clashes with what exists (a second weigh-in on a date, a taken email)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotFound(ServiceError):
    """The thing does not exist, or it is not the caller's to see."""
