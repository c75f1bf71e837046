"""The tables. Import models from here: ``from trainer.models import Client``."""

from .accounts import ROLES, UNITS, Invitation, OutboxEmail, User
from .api_tokens import ApiToken
from .clients import ACTIVITY_LEVELS, EQUIPMENT, EXPERIENCE_LEVELS, SEXES, WEEKLY_GOALS_LB, Client
from .flags import FLAG_KINDS, FLAG_STATUSES, Flag
from .jobs import JobRun
from .login_sessions import LoginSession
from .plans import MovementOverride, Plan, PlanItem, PlanSession
from .training import Exercise, SetLog, WeighIn, Workout
from .types import UTCDateTime, utcnow

__all__ = [
    "ACTIVITY_LEVELS",
    "EQUIPMENT",
    "EXPERIENCE_LEVELS",
    "FLAG_KINDS",
    "FLAG_STATUSES",
    "ROLES",
    "SEXES",
    "UNITS",
    "WEEKLY_GOALS_LB",
    "ApiToken",
    "Client",
    "Exercise",
    "Flag",
    "Invitation",
    "JobRun",
    "LoginSession",
    "MovementOverride",
    "OutboxEmail",
    "Plan",
    "PlanItem",
    "PlanSession",
    "SetLog",
    "UTCDateTime",
    "User",
    "WeighIn",
    "Workout",
    "utcnow",
]
