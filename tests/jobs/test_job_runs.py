"""Exactly-once job runs: the ledger, the lock, concurrent clock processes and crashed runs."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from trainer.jobs.locks import job_lock
from trainer.jobs.runner import run_job
from trainer.models import JobRun, Plan, PlanSession
from trainer.services import job_runs

FRIDAY_EVENING = datetime(2026, 11, 27, 18, 30, tzinfo=UTC)


def _env(app) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "test-secret",
        "LOG_LEVEL": "WARNING",
    }


def _plan_keys(session):
    return session.execute(select(Plan.client_id, Plan.week_start)).all()


def test_two_processes_running_the_job_at_once_make_exactly_one_plan_per_client_and_week(
    app, session, make_trainer, make_client
):
    trainer = make_trainer()
    clients = [make_client(trainer) for _ in range(40)]
    command = [
        sys.executable,
        "-m",
        "flask",
        "--app",
        "trainer",
        "jobs",
        "run",
        "weekly-plans",
        "--at",
        "2026-11-27T18:30Z",
    ]
    processes = [
        subprocess.Popen(command, env=_env(app), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    keys = _plan_keys(session)
    assert len(keys) == len(set(keys)) == 2 * len(clients)
    sessions_per_plan = session.execute(select(PlanSession.plan_id, func.count()).group_by(PlanSession.plan_id)).all()
    # 3 sessions next week; this week's catch-up keeps only Friday: no plan got its sessions twice
    assert {n for _, n in sessions_per_plan} == {1, 3}


def test_a_run_left_running_by_a_killed_process_is_taken_over(app_ctx, session, make_trainer, make_client):
    make_client(make_trainer())
    dialect = session.get_bind().dialect.name
    # PostgreSQL: the lock shows nobody holds the job, so even a fresh row is a crashed run;
    # SQLite: a row older than the stale limit is.
    started = datetime.now(UTC) - (timedelta(minutes=5) if dialect == "postgresql" else timedelta(hours=2))
    session.add(JobRun(job_id="weekly-plans", period_key="2026-11-27T18:00Z", started_at=started, status="running"))
    session.commit()
    outcome = run_job("weekly-plans", FRIDAY_EVENING)
    assert outcome.status == "succeeded" and outcome.counts["plans_created"] == 2
    run = session.scalars(select(JobRun)).one()
    assert run.status == "succeeded" and run.finished_at is not None


def test_a_fresh_running_row_on_sqlite_means_someone_else_is_at_work(app_ctx, session, make_trainer, make_client):
    if session.get_bind().dialect.name == "postgresql":
        # On PostgreSQL the advisory lock decides; see the lock test below.
        return
    make_client(make_trainer())
    session.add(JobRun(job_id="weekly-plans", period_key="2026-11-27T18:00Z", status="running"))
    session.commit()
    assert job_runs.claim(session, "weekly-plans", "2026-11-27T18:00Z", now=datetime.now(UTC)) is None


def test_the_advisory_lock_keeps_a_second_runner_out_on_postgresql(app_ctx, db, make_trainer, make_client):
    make_client(make_trainer())
    with job_lock(db.engine, "weekly-plans") as held:
        assert held
        if db.engine.dialect.name != "postgresql":
            return
        outcome = run_job("weekly-plans", FRIDAY_EVENING)
    assert outcome.status == "skipped" and "another process" in outcome.message
    assert _plan_keys(db.session) == []


def test_a_failing_job_is_recorded_as_failed_and_does_not_raise(app_ctx, session, monkeypatch):
    from trainer.services import plans

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(plans, "create_weekly_plans", broken)
    outcome = run_job("weekly-plans", FRIDAY_EVENING)
    assert outcome.status == "failed" and "database went away" in outcome.message
    run = session.scalars(select(JobRun)).one()
    assert run.status == "failed" and "database went away" in run.error
    monkeypatch.undo()
    assert run_job("weekly-plans", FRIDAY_EVENING).status == "succeeded"  # a failed period is retried


def test_jobs_list_shows_each_job_with_its_next_run(app_ctx):
    result = app_ctx.test_cli_runner().invoke(args=["jobs", "list"])
    assert result.exit_code == 0, result.output
    assert "weekly-plans" in result.output and "publish-plans" in result.output and "next 20" in result.output


def test_jobs_run_prints_a_summary(app_ctx, make_trainer, make_client):
    make_client(make_trainer())
    result = app_ctx.test_cli_runner().invoke(args=["jobs", "run", "weekly-plans", "--at", "2026-11-27T18:30Z"])
    assert result.exit_code == 0, result.output
    assert "succeeded: clients seen: 1, plans created: 2, skipped: 0, errors: 0" in result.output


def test_jobs_run_rejects_a_bad_time(app_ctx):
    result = app_ctx.test_cli_runner().invoke(args=["jobs", "run", "weekly-plans", "--at", "friday"])
    assert result.exit_code == 2 and "must be an ISO-8601 time" in result.output


def test_the_jobs_page_shows_schedules_runs_and_plan_counts(http, login_as, make_trainer, make_client):
    trainer = make_trainer()
    make_client(trainer)
    run_job("weekly-plans", datetime.now(UTC))
    login_as(trainer)
    page = http.get("/jobs").get_data(as_text=True)
    assert "weekly-plans" in page and "publish-plans" in page and "Succeeded" in page
    assert "Next run:" in page and "Active clients" in page
