"""Command-line tools: ``flask --app trainer COMMAND``.

- ``create-trainer EMAIL --name NAME``: add a trainer account.
- ``seed-demo``: add the demo trainer, clients and history (once).
- ``demo``: upgrade the database, seed it if empty and serve the app locally.
- ``jobs list`` / ``jobs run JOB``: the scheduled jobs, by hand.
- ``clock``: the scheduler process of the Procfile (``jobs.py``).

``db`` (upgrade, migrate, ...) comes from Flask-Migrate.
"""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    """Add the project's commands to ``app.cli``."""
    from .accounts import create_trainer_command
    from .demo import demo_command, seed_demo_command
    from .jobs import clock_command, jobs_group

    for command in (create_trainer_command, seed_demo_command, demo_command, clock_command, jobs_group):
        app.cli.add_command(command)
