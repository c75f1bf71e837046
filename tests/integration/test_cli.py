"""The command-line tools, run through Flask's CLI test runner on the test database."""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from trainer.domain import flags, strength, trend
from trainer.jobs.schedule import SCHEDULE
from trainer.models import Client, Invitation, JobRun, Plan, SetLog, User, WeighIn, Workout
from trainer.services import demo

GOOD_PASSWORD = "a long enough password"


@pytest.fixture
def cli(app_ctx):
    """Run a ``flask --app trainer`` command: ``cli("create-trainer", ..., input=...)``."""
    runner = app_ctx.test_cli_runner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(args=list(args), input=input)

    return run


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_create_trainer_with_password_from_stdin(cli, session):
    result = cli(
        "create-trainer",
        "Coach@Example.com",
        "--name",
        "Casey Coach",
        "--timezone",
        "Europe/Madrid",
        "--unit",
        "lb",
        "--password-stdin",
        input=GOOD_PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User).where(User.email == "coach@example.com"))
    assert (user.role, user.name, user.timezone, user.unit) == ("trainer", "Casey Coach", "Europe/Madrid", "lb")
    assert check_password_hash(user.password_hash, GOOD_PASSWORD)
    assert "Created trainer Casey Coach <coach@example.com>" in result.output


def test_create_trainer_asks_for_the_password_twice(cli, session):
    result = cli("create-trainer", "coach@example.com", "--name", "Casey", input=f"{GOOD_PASSWORD}\n{GOOD_PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output
    user = session.scalar(select(User).where(User.email == "coach@example.com"))
    assert (user.timezone, user.unit) == ("UTC", "kg")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["not-an-email", "--name", "X"], GOOD_PASSWORD, "Invalid value for 'EMAIL': must be a valid email address"),
        (["a@example.com", "--name", "  "], GOOD_PASSWORD, "Invalid value for '--name': must not be empty"),
        (["a@example.com", "--name", "X" * 121], GOOD_PASSWORD, "Invalid value for '--name': must be at most 120"),
        (["a@example.com"], GOOD_PASSWORD, "Missing option '--name'"),
        (["a@example.com", "--name", "X"], "too short", "Invalid value for password: must be at least 12 characters."),
        (["a@example.com", "--name", "X", "--timezone", "Mars/Olympus"], GOOD_PASSWORD, "not an IANA time zone"),
        (["a@example.com", "--name", "X", "--unit", "stone"], GOOD_PASSWORD, "Invalid value for '--unit'"),
    ],
    ids=["email-format", "name-empty", "name-too-long", "name-missing", "password-short", "timezone", "unit"],
)
def test_create_trainer_rejects_bad_input_naming_the_field(cli, session, args, stdin, message):
    result = cli("create-trainer", *args, "--password-stdin", input=stdin + "\n")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert count(session, User) == 0


def test_create_trainer_rejects_a_taken_email_in_any_case(cli, session, make_trainer):
    make_trainer(email="taken@example.com")
    result = cli("create-trainer", "TAKEN@example.com", "--name", "X", "--password-stdin", input=GOOD_PASSWORD)
    assert result.exit_code == 2
    assert "Invalid value for EMAIL: an account with this email already exists" in result.output
    assert count(session, User) == 1


def test_seed_demo_creates_the_demo_and_prints_the_login(cli, session):
    result = cli("seed-demo")
    assert result.exit_code == 0, result.output
    assert f"{demo.DEMO_EMAIL} / {demo.DEMO_PASSWORD}" in result.output
    trainer = demo.find_demo_trainer(session)
    assert check_password_hash(trainer.password_hash, demo.DEMO_PASSWORD)
    clients = session.scalars(select(Client).where(Client.trainer_id == trainer.id)).all()
    assert len(clients) == 6
    assert {c.sex for c in clients} == {"female", "male"}
    assert {c.unit for c in clients} == {"kg", "lb"}
    assert [c.name for c in clients if c.archived] == ["Ken Tanaka"]
    assert any("back" in c.focus for c in clients)
    assert count(session, WeighIn) > 300
    assert count(session, SetLog) > 1000
    # The last weeks' plans are backfilled and published, so adherence and progression show at once.
    statuses = session.scalars(select(Plan.status).join(Client).where(Client.trainer_id == trainer.id)).all()
    assert len(statuses) >= 5 * 3 and set(statuses) == {"published"}


def test_seed_demo_history_shows_what_a_trainer_should_notice(session):
    today = date(2026, 11, 25)
    result = demo.seed_demo(session, today)
    found: dict[str, set[str]] = {}
    for client in session.scalars(select(Client).where(Client.trainer_id == result.trainer.id)):
        weigh_ins = [
            trend.WeighIn(w.date, w.weight_kg) for w in session.scalars(select(WeighIn).filter_by(client_id=client.id))
        ]
        sets = [
            strength.LoggedSet(workout.date, s.exercise.slug, s.reps, s.load_kg or None)
            for workout in session.scalars(select(Workout).filter_by(client_id=client.id))
            for s in workout.sets
        ]
        end = today - timedelta(weeks=4) if client.archived else today
        detections = flags.detect_flags(
            today=end, weigh_ins=weigh_ins, sets=sets, weekly_goal_lb=client.weekly_goal_lb, unit=client.unit
        )
        found[client.name] = {f"{d.kind}:{d.exercise_id}" if d.exercise_id else str(d.kind) for d in detections}
    assert "rapid_loss" in found["Tom Becker"]
    assert "strength_plateau:overhead-press" in found["Tom Becker"]
    assert "weight_plateau" in found["Priya Shah"]
    assert "strength_plateau:bench-press" in found["Jake Miller"]
    assert not {"rapid_loss", "weight_plateau"} & found["Maya Lopez"]
    assert not {"rapid_loss", "weight_plateau"} & found["Jake Miller"]
    invited = session.scalars(select(Client.name).join(Invitation)).all()
    assert sorted(invited) == ["Jake Miller", "Priya Shah", "Sofia Rossi", "Tom Becker"]


def test_seed_demo_twice_adds_nothing_the_second_time(cli, session):
    assert cli("seed-demo").exit_code == 0
    counts = [count(session, m) for m in (User, Client, WeighIn, Workout, SetLog)]
    again = cli("seed-demo")
    assert again.exit_code == 0, again.output
    assert "already present" in again.output
    assert [count(session, m) for m in (User, Client, WeighIn, Workout, SetLog)] == counts


def test_demo_upgrades_seeds_and_serves(cli, session, monkeypatch):
    served = {}
    monkeypatch.setattr(
        "werkzeug.serving.run_simple", lambda host, port, app, **kw: served.update(host=host, port=port, **kw)
    )
    monkeypatch.setattr("trainer.cli.demo.start_background_jobs", lambda app: served.update(scheduler=True))
    result = cli("demo", "--port", "5055")
    assert result.exit_code == 0, result.output
    assert served == {
        "host": "127.0.0.1",
        "port": 5055,
        "use_reloader": False,
        "use_debugger": False,
        "threaded": True,
        "scheduler": True,
    }
    assert "http://127.0.0.1:5055/" in result.output
    assert f"{demo.DEMO_EMAIL} / {demo.DEMO_PASSWORD}" in result.output
    assert demo.find_demo_trainer(session) is not None


def test_demo_leaves_a_database_with_users_alone(cli, session, make_trainer, monkeypatch):
    make_trainer()
    monkeypatch.setattr("werkzeug.serving.run_simple", lambda *args, **kw: None)
    monkeypatch.setattr("trainer.cli.demo.start_background_jobs", lambda app: None)
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "no demo data added" in result.output
    assert demo.find_demo_trainer(session) is None


def test_clock_schedules_every_job_and_stops_cleanly(cli, monkeypatch):
    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("apscheduler.schedulers.blocking.BlockingScheduler.start", interrupted)
    result = cli("clock", "--no-catch-up")
    assert result.exit_code == 0, result.output
    for job in SCHEDULE:
        assert f"clock: scheduled {job.id}" in result.output
    assert "clock: stopped" in result.output


def test_ci_runs_the_readme_quick_start_test_command_literally():
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text()
    commands = re.findall(r"<!-- quickstart:(\S+) -->\n```sh\n(.+)\n```", readme)
    venv = "python3 -m venv .venv && .venv/bin/pip install"
    assert commands == [
        ("start-app", f"{venv} -e . && .venv/bin/flask --app trainer --debug demo"),
        ("test", f"{venv} -e '.[test]' && .venv/bin/pytest"),
    ]
    script = (root / ".ci" / "run").read_text()
    extractor = re.search(r"^readme_test_command\(\) \{\n.*?^\}\n", script, re.S | re.M).group(0)
    extracted = subprocess.run(
        ["bash", "-c", f"{extractor}readme_test_command"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert extracted == commands[1][1]
    assert "run_readme_tests" in script


def test_the_demo_process_runs_the_scheduler_with_every_job(app_ctx, make_trainer, make_client):
    from trainer.cli.demo import start_background_jobs
    from trainer.jobs.schedule import SCHEDULE

    make_client(make_trainer())
    scheduler = start_background_jobs(app_ctx)
    try:
        assert scheduler.running
        assert sorted(job.id for job in scheduler.get_jobs()) == sorted(spec.id for spec in SCHEDULE)
    finally:
        scheduler.shutdown(wait=False)
    assert count(app_ctx.extensions["sqlalchemy"].session, JobRun) == len(SCHEDULE)  # the catch-up ran each job once
