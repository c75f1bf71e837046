"""The schedule, as data: which job runs when, and what it calls.

Each job is a thin function in ``trainer.jobs.tasks`` that calls one service. Triggers
are plain dictionaries turned into APScheduler triggers by ``trainer.jobs.clock``; all
times are UTC. The jobs look at each client's own time zone themselves, so an hourly
run reaches every zone within the hour.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class JobSpec:
    """One scheduled job: its id, the task it runs, when, and what it does in words."""

    id: str
    task: str
    trigger: dict = field(default_factory=dict)
    description: str = ""


SCHEDULE: tuple[JobSpec, ...] = (
    JobSpec(
        id="weekly-plans",
        task="trainer.jobs.tasks:weekly_plans",
        trigger={"type": "cron", "minute": 5},
        description="Drafts next week's plan for every active client whose local time is past Friday 18:00 "
        "(and this week's, if a client has none).",
    ),
    JobSpec(
        id="publish-plans",
        task="trainer.jobs.tasks:publish_plans",
        trigger={"type": "cron", "minute": 15},
        description="Publishes drafts the trainer has not touched once the client's week has begun.",
    ),
    JobSpec(
        id="prune-sessions",
        task="trainer.jobs.tasks:prune_login_sessions",
        trigger={"type": "cron", "hour": 3, "minute": 25},
        description="Deletes sign-in sessions that can never be used again: logged out over 30 days ago, "
        "or unseen for longer than a session cookie lasts (31 days).",
    ),
)

JOBS: dict[str, JobSpec] = {job.id: job for job in SCHEDULE}


def period_key(job: JobSpec, at) -> str:
    """The ledger period a run at ``at`` (aware UTC) belongs to: its UTC hour."""
    return at.strftime("%Y-%m-%dT%H:00Z")
