"""``seed-demo`` (demo data, once) and ``demo`` (a one-step local start)."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, inspect, select

from .. import clock
from ..extensions import db
from ..models import User
from ..services import demo


def _require_schema() -> None:
    if not inspect(db.engine).has_table("users"):
        raise click.ClickException("the database has no tables yet: run `flask --app trainer db upgrade` first.")


def _seed() -> demo.DemoResult:
    """Seed the demo data with a progress bar, one step per client."""
    with click.progressbar(length=len(demo.CLIENTS), label="Seeding demo clients", show_pos=True) as bar:

        def advance(name: str) -> None:
            bar.label = f"Seeded {name:<12}"
            bar.update(1)

        now = clock.now()
        result = demo.seed_demo(db.session, now.date(), now=now, progress=advance)
    click.echo("Drafting and publishing the last weeks' plans ...")
    demo.backfill_plans(db.session, clock.now())
    return result


def _echo_login() -> None:
    """Print the demo logins."""
    click.echo(f"Demo trainer login: {demo.DEMO_EMAIL} / {demo.DEMO_PASSWORD}")
    client = next(c for c in demo.CLIENTS if c.with_login)
    click.echo(f"Demo client login:  {client.email} / {demo.DEMO_PASSWORD}")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Add a demo trainer with six clients and ten weeks of history (does nothing if present)."""
    _require_schema()
    if demo.find_demo_trainer(db.session) is not None:
        click.echo(f"Demo data already present ({demo.DEMO_EMAIL}); nothing added.")
        _echo_login()
        return
    result = _seed()
    click.echo(
        f"Added {result.clients} clients, {result.weigh_ins} weigh-ins, {result.workouts} workouts "
        f"and {result.sets} sets."
    )
    _echo_login()


def start_background_jobs(app: Flask):
    """Start the scheduler inside this single-process local demo, so plans appear on their own.

    Production runs the scheduler in the Procfile's ``clock`` process instead; never both,
    and never in a web worker (each worker would run every job again).
    """
    from ..jobs.clock import build_scheduler, catch_up

    catch_up(app)
    scheduler = build_scheduler(app, background=True)
    scheduler.start()
    click.echo("Scheduler running in this process: " + ", ".join(job.id for job in scheduler.get_jobs()))
    return scheduler


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to serve on.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Port to serve on.")
@with_appcontext
def demo_command(host: str, port: int) -> None:
    """Upgrade the database, add demo data if it has no users, and serve the app locally."""
    from flask_migrate import upgrade
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()
    click.echo(f"Upgrading the database ({db.engine.url.render_as_string(hide_password=True)}) ...")
    upgrade()
    if db.session.scalar(select(func.count(User.id))) == 0:
        result = _seed()
        click.echo(f"Added demo data: {result.clients} clients, {result.workouts} workouts.")
    else:
        click.echo("The database has users already; no demo data added.")
    if demo.find_demo_trainer(db.session) is not None:
        _echo_login()
    db.session.remove()
    start_background_jobs(app)
    if not app.debug:
        click.echo("Note: without --debug, cookies are marked Secure; over plain http use --debug.")
    click.echo(f"Serving on http://{host}:{port}/  (Ctrl+C to stop)")
    run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)
