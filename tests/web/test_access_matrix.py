"""The authorization matrix: every route, every method, as five kinds of visitor.

Visitors: anonymous, trainer A, trainer B, a client of A (signed in) and a client of B.
URL parameters name objects that belong to trainer A and A's client, so that:

- a view decorated with ``role_required`` (its ``access_role``) is reached by its roles only;
  anonymous visitors are sent to the sign-in page (401 under ``/api/``), other roles get 404;
- a route naming one of A's objects (a client, a workout, a plan...) is 404 for trainer B
  and for the client of B, and reached by A's side;
- the few public views (``PUBLIC_ENDPOINTS``, ``PUBLIC_BLUEPRINTS``) answer anyone;
- nobody ever gets a 500.

A view that is neither public nor decorated, or a URL parameter this file does not know,
fails the test: add the view to the allow-list (if it really is public) or decorate it;
add the parameter to ``PARAMETERS`` (and to ``OWNED`` when it names someone's object).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import PASSWORD, password_hash
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from werkzeug.routing import Rule

from trainer import clock
from trainer.extensions import db, limiter
from trainer.models import (
    ApiToken,
    Client,
    Exercise,
    Flag,
    JobRun,
    LoginSession,
    Plan,
    PlanItem,
    PlanSession,
    SetLog,
    User,
    WeighIn,
    Workout,
)
from trainer.services.api_tokens import token_hash
from trainer.services.invitations import issue_invitation

#: Views anyone may reach, signed in or not. Keep this list short and explicit.
PUBLIC_ENDPOINTS = {
    "pages.home",
    "pages.plotly_js",
    "health.healthz",
    "static",
    "api.openapi",  # the API's description
    "api.create_token",  # the API's sign-in: email and password for a bearer token
}
PUBLIC_BLUEPRINTS = {"auth"}

#: Tables the matrix never empties between calls (users are restored field by field, and the
#: visitors' login sessions reopened, so that a call archiving a client does not sign its user out for good).
KEEP_TABLES = {"users", "login_sessions", "exercises", "alembic_version"}

#: URL parameter -> the value naming trainer A's (or A's client's) object, from the world.
PARAMETERS: dict[str, Callable[[World], Any]] = {
    "client_id": lambda w: w.client_a.id,
    "workout_id": lambda w: w.objects["workout"].id,
    "set_id": lambda w: w.objects["set"].id,
    "weigh_in_id": lambda w: w.objects["weigh_in"].id,
    "date": lambda w: w.objects["weigh_in"].date,
    "on": lambda w: w.objects["weigh_in"].date,
    "week_start": lambda w: w.objects["plan"].week_start,
    "plan_id": lambda w: w.objects["plan"].id,
    "session_id": lambda w: w.objects["session"].id,
    "item_id": lambda w: w.objects["item"].id,
    "flag_id": lambda w: w.objects["flag"].id,
    "invitation_id": lambda w: w.objects["invitation"].id,
    "token": lambda w: w.objects["invitation_token"],
    "exercise_id": lambda w: w.objects["exercise"].id,
    "job_id": lambda w: w.objects["job_run"].job_id,
    "run_id": lambda w: w.objects["job_run"].id,
}
#: Parameters that name an object belonging to trainer A / A's client: B's side must get 404.
OWNED = {
    "client_id",
    "workout_id",
    "set_id",
    "weigh_in_id",
    "plan_id",
    "session_id",
    "item_id",
    "flag_id",
    "invitation_id",
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def walked_rules(app: Flask) -> list[Rule]:
    return sorted((r for r in app.url_map.iter_rules() if r.endpoint != "static"), key=lambda r: (r.rule, r.endpoint))


def allowed_roles(app: Flask, endpoint: str) -> set[str] | None:
    """The roles a view admits (from ``role_required``), or None for a view with no decorator."""
    roles = getattr(app.view_functions[endpoint], "access_role", None)
    if roles is None:
        return None
    return {roles} if isinstance(roles, str) else set(roles)


def is_public(endpoint: str) -> bool:
    return endpoint in PUBLIC_ENDPOINTS or endpoint.partition(".")[0] in PUBLIC_BLUEPRINTS


# --- The world: two trainers, their clients, and A's client's records -----------------


@dataclass
class Visitor:
    name: str
    user: User | None
    side: str  # "A", "B" or "" (anonymous)
    browser: FlaskClient
    api_token: str | None = None

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None

    def log_in(self) -> None:
        response = self.browser.post("/login", data={"email": self.user.email, "password": PASSWORD})
        assert response.status_code == 302, f"{self.name} could not log in: {response.status_code}"

    def is_signed_in(self) -> bool:
        with self.browser.session_transaction() as s:
            return "_user_id" in s


@dataclass
class World:
    trainer_a: User
    trainer_b: User
    user_a: User
    user_b: User
    client_a: Client | None = None
    client_b: Client | None = None
    objects: dict[str, Any] = field(default_factory=dict)


def make_users(session) -> World:
    def user(role: str, name: str) -> User:
        u = User(
            email=f"{name}@example.com",
            name=name,
            role=role,
            password_hash=password_hash(),
            timezone="Europe/London",
            unit="kg",
        )
        session.add(u)
        return u

    world = World(
        user("trainer", "trainer-a"),
        user("trainer", "trainer-b"),
        user("client", "client-a"),
        user("client", "client-b"),
    )
    session.commit()
    return world


def records_for(session, client: Client, today: date) -> dict[str, Any]:
    """A workout with a set, a weigh-in, this week's plan (a session, an item) and an open flag."""
    exercise = session.scalars(select(Exercise).order_by(Exercise.id)).first()
    yesterday = today - timedelta(days=1)
    monday = today - timedelta(days=today.weekday())
    workout = Workout(client_id=client.id, date=yesterday, notes="")
    workout.sets = [SetLog(exercise_id=exercise.id, position=0, reps=10, load_kg=20.0)]
    weigh_in = WeighIn(client_id=client.id, date=yesterday, weight_kg=70.0)
    item = PlanItem(exercise_id=exercise.id, position=0, sets=3, rep_min=8, rep_max=12, load_kg=20.0, reason="")
    plan_session = PlanSession(day=monday, title="Full body A", items=[item])
    plan = Plan(client_id=client.id, week_start=monday, status="draft", sessions=[plan_session])
    flag = Flag(
        client_id=client.id,
        kind="weight_plateau",
        status="open",
        open_key=f"{client.id}:weight_plateau",
        evidence={},
        explanation="No change in three weeks.",
        suggestion="Review calories.",
    )
    session.add_all([workout, weigh_in, plan, flag])
    session.flush()
    return {
        "exercise": exercise,
        "workout": workout,
        "set": workout.sets[0],
        "weigh_in": weigh_in,
        "plan": plan,
        "session": plan_session,
        "item": item,
        "flag": flag,
    }


def build_world(app: Flask, session, world: World, snapshot: list[dict]) -> None:
    """Empty every table but the users and their login sessions (restored as they were) and lay the
    objects anew (flushed)."""
    session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        if table.name not in KEEP_TABLES:
            session.execute(table.delete())
    session.execute(update(LoginSession).values(revoked_at=None))
    for values in snapshot:
        user = session.get(User, values["id"]) or User(id=values["id"])
        for name, value in values.items():
            setattr(user, name, value)
        session.add(user)
    session.flush()
    now = clock.now()
    today = clock.today_in("Europe/London")

    def client(trainer: User, user: User | None, name: str) -> Client:
        c = Client(
            trainer_id=trainer.id,
            user_id=user.id if user else None,
            name=name,
            email=user.email if user else f"{name}@example.com",
            sex="female",
            birth_date=date(1990, 5, 17),
            height_cm=168.0,
            days_per_week=3,
            equipment="dumbbells",
            timezone="Europe/London",
            unit="kg",
            started_on=today - timedelta(days=28),
        )
        session.add(c)
        session.flush()
        return c

    world.client_a = client(world.trainer_a, world.user_a, "client-a")
    world.client_b = client(world.trainer_b, world.user_b, "client-b")
    invited = client(world.trainer_a, None, "invited-a")
    records_for(session, world.client_b, today)  # the same dates exist on B's side
    world.objects = records_for(session, world.client_a, today)
    issued = issue_invitation(session, invited, now=now, secret_key=app.secret_key)
    world.objects.update(invitation=issued.invitation, invitation_token=issued.token)
    world.objects["job_run"] = JobRun(job_id="weekly_plans", period_key="2026-W01", status="succeeded", counts={})
    session.add(world.objects["job_run"])
    session.flush()


def add_api_tokens(session, visitors: list[Visitor]) -> None:
    for visitor in visitors:
        if visitor.user is not None:
            visitor.api_token = secrets.token_urlsafe(32)
            session.add(
                ApiToken(
                    user_id=visitor.user.id,
                    token_hash=token_hash(visitor.api_token),
                    expires_at=clock.now() + timedelta(days=1),
                )
            )


# --- Expectations ----------------------------------------------------------------------


def expectation(app: Flask, rule: Rule, visitor: Visitor) -> str:
    """What ``visitor`` must get: "any" (<500), "login", "401", "404" or "through"."""
    roles = allowed_roles(app, rule.endpoint)
    if roles is None:
        return "any"  # public (the other test fails any undecorated view that is not allow-listed)
    if visitor.user is None:
        return "401" if rule.rule.startswith("/api/") else "login"
    if visitor.role not in roles:
        return "404"
    if visitor.side == "B" and rule.arguments & OWNED:
        return "404"
    return "through"


def outcome_problem(expected: str, response) -> str | None:
    status = response.status_code
    location = urlsplit(response.headers.get("Location", "")).path
    to_login = status == 302 and location == "/login"
    if status >= 500:
        return f"got {status}"
    if expected == "login" and not to_login:
        return f"expected a redirect to /login, got {status} {location}"
    if expected == "401" and status != 401:
        return f"expected 401, got {status}"
    if expected == "404" and status != 404:
        return f"expected 404, got {status}"
    if expected == "through" and (status in (401, 403, 404, 405) or to_login):
        return f"expected to get through, got {status} {location}"
    return None


def call(visitor: Visitor, method: str, path: str):
    api = path.startswith("/api/")
    headers = {"Authorization": f"Bearer {visitor.api_token}"} if api and visitor.api_token else {}
    body: dict[str, Any] = {}
    if method in ("POST", "PUT", "PATCH"):
        body = {"json": {}} if api else {"data": {}}
    return visitor.browser.open(path, method=method, headers=headers, **body)


def rejected(expected: str) -> bool:
    return expected in ("login", "401", "404")


# --- Tests -----------------------------------------------------------------------------


def test_every_view_is_public_by_name_or_decorated_with_its_roles(app):
    undecorated = sorted(
        f"{rule.endpoint} ({rule.rule})"
        for rule in walked_rules(app)
        if allowed_roles(app, rule.endpoint) is None and not is_public(rule.endpoint)
    )
    assert not undecorated, (
        "These views have no @role_required (trainer.web.access) and are not in the public allow-list of "
        f"tests/web/test_access_matrix.py: {', '.join(undecorated)}"
    )


def test_every_url_parameter_has_a_value_in_the_matrix(app):
    unknown = sorted(
        {f"{name} (in {rule.rule})" for rule in walked_rules(app) for name in rule.arguments - set(PARAMETERS)}
    )
    assert not unknown, (
        "The authorization matrix does not know these URL parameters: "
        f"{', '.join(unknown)}. Add each to PARAMETERS in tests/web/test_access_matrix.py (an object of trainer A "
        "or A's client, made in build_world) and to OWNED when it names someone's object."
    )


@pytest.fixture
def visitors_and_world(app, session):
    world = make_users(session)
    snapshot = [
        {c.key: getattr(u, c.key) for c in User.__table__.columns}
        for u in (world.trainer_a, world.trainer_b, world.user_a, world.user_b)
    ]
    build_world(app, session, world, snapshot)
    session.commit()
    visitors = []
    for n, (name, user, side) in enumerate(
        [
            ("anonymous", None, ""),
            ("trainer B", world.trainer_b, "B"),
            ("client of B", world.user_b, "B"),
            ("client of A", world.user_a, "A"),
            ("trainer A", world.trainer_a, "A"),
        ]
    ):
        browser = app.test_client()
        browser.environ_base["REMOTE_ADDR"] = f"192.0.2.{n + 1}"
        visitors.append(Visitor(name, user, side, browser))
    for visitor in visitors[1:]:
        visitor.log_in()

    def rebuild() -> dict[str, Any]:
        """A fresh world; the URL parameter values that name its objects."""
        build_world(app, session, world, snapshot)
        add_api_tokens(session, visitors)
        ids = {name: value(world) for name, value in PARAMETERS.items()}  # read before commit expires them
        session.commit()
        limiter.reset()
        return ids

    return visitors, rebuild


def test_every_route_answers_each_visitor_as_its_access_rule_says(app, visitors_and_world):
    visitors, rebuild = visitors_and_world
    missing = {name for rule in walked_rules(app) for name in rule.arguments - set(PARAMETERS)}
    assert not missing, "unknown URL parameters; see test_every_url_parameter_has_a_value_in_the_matrix"
    problems: list[str] = []
    ids, dirty = rebuild(), False
    for rule in walked_rules(app):
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):  # Flask answers those two itself
            # Rejected visitors first, the ones who get through last (their calls may change data).
            for visitor in sorted(visitors, key=lambda v: not rejected(expectation(app, rule, v))):
                if dirty:
                    ids, dirty = rebuild(), False
                values = {**(rule.defaults or {}), **{name: ids[name] for name in rule.arguments}}
                path = rule.build(values, append_unknown=False)[1]
                expected = expectation(app, rule, visitor)
                response = call(visitor, method, path)
                response.close()  # a streamed file (plotly.js) holds an open handle until closed
                problem = outcome_problem(expected, response)
                if problem:
                    problems.append(f"{method} {path} [{rule.endpoint}] as {visitor.name}: {problem}")
                if response.status_code >= 500:
                    db.session.rollback()  # so that one broken view does not fail the next ones
                # A refused or invalid call (4xx), or an empty form posted to a public page, changed
                # nothing; anything else may have.
                dirty = dirty or (method not in SAFE_METHODS and response.status_code < 400 and expected != "any")
                if visitor.user is not None and not visitor.is_signed_in():
                    visitor.log_in()  # e.g. after POST /logout
    assert not problems, "Authorization matrix failures:\n" + "\n".join(problems)
