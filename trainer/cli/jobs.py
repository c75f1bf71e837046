"""``flask --app trainer jobs list|run`` and the ``clock`` process."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from .. import clock as app_clock
from ..extensions import db
from ..jobs.clock import build_scheduler, build_trigger, catch_up
from ..jobs.runner import run_job
from ..jobs.schedule import JOBS, SCHEDULE
from ..services import job_runs


def _parse_at(ctx, param, value: str | None) -> datetime:
    if value is None:
        return app_clock.now()
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"must be an ISO-8601 time such as 2026-11-27T18:30Z (got {value!r}).") from None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


@click.group("jobs")
def jobs_group() -> None:
    """List and run the scheduled jobs."""


@jobs_group.command("list")
@with_appcontext
def list_command() -> None:
    """Each job, its trigger, its next run time (UTC) and its last run."""
    now = app_clock.now()
    last = {}
    for run in job_runs.recent_runs(db.session, limit=200):
        last.setdefault(run.job_id, run)
    for spec in SCHEDULE:
        trigger = build_trigger(spec.trigger)
        next_run = trigger.get_next_fire_time(None, now)
        run = last.get(spec.id)
        ran = f"{run.status} at {run.started_at:%Y-%m-%d %H:%M}Z" if run else "never run"
        click.echo(f"{spec.id:15} {trigger!s:45} next {next_run:%Y-%m-%d %H:%M}Z  last: {ran}")
        click.echo(f"{'':15} {spec.description}")


@jobs_group.command("run")
@click.argument("job_id", type=click.Choice(sorted(JOBS)))
@click.option("--at", "at", callback=_parse_at, help="Run as if at this ISO-8601 time (UTC unless a zone is given).")
@with_appcontext
def run_command(job_id: str, at: datetime) -> None:
    """Run one job now, as if at --at, with a progress bar and a summary."""
    with click.progressbar(length=1, label=f"{job_id} as of {at:%Y-%m-%d %H:%M}Z", show_pos=True) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        outcome = run_job(job_id, at, force=True, progress=progress)
    counts = {k: v for k, v in outcome.counts.items() if k != "error_details"}
    summary = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items())
    click.echo(f"{outcome.status}: {summary or outcome.message}")
    for detail in outcome.counts.get("error_details", []):
        click.echo(f"  client {detail['client_id']} ({detail['week']}): {detail['error']}", err=True)
    if outcome.status == "failed":
        raise click.ClickException(outcome.message)


@click.command("clock")
@click.option("--no-catch-up", is_flag=True, help="Skip running every job once at start.")
@with_appcontext
def clock_command(no_catch_up: bool) -> None:
    """The scheduler process: run the schedule in UTC until stopped (Procfile ``clock``)."""
    app = current_app._get_current_object()
    scheduler = build_scheduler(app)
    click.echo("clock: catching up on every job once" if not no_catch_up else "clock: no catch-up")
    if not no_catch_up:
        catch_up(app)
    for job in scheduler.get_jobs() if hasattr(scheduler, "get_jobs") else []:
        click.echo(f"clock: scheduled {job.id}")
    click.echo("clock: running (Ctrl+C to stop)")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        click.echo("clock: stopped")
