"""The API's views for weekly plans: list a client's plans, publish one (thin: check, call, answer).

Who sees what (the pages' rule):
- the trainer sees every plan of their own clients, drafts and published ones, and publishes;
- a client sees only their own *published* plans (a draft stays the trainer's until then)
  and cannot publish (404, as for any trainer-only call);
- anyone else gets 404.

``?week=YYYY-MM-DD`` picks the plan of the week containing that date (any weekday stands for
its Monday). A plan URL names its week by its Monday: anything else there is 422, checked
after the client is found to be the caller's (so nothing leaks to others).
"""

from __future__ import annotations

from datetime import date

from flask import Response, jsonify, request

from ... import clock
from ...domain import weeks
from ...extensions import db
from ...services import plan_queries, plan_review
from ...services.errors import InvalidInput
from . import api_user, bp, client_for, pagination, schemas, token_required
from .fields import Date, Invalid
from .views import ID

PLANS = f"/clients/<{ID}:client_id>/plans"


def _week_arg() -> date | None:
    """``?week=`` as a date (any day of the wanted week), or None when absent."""
    if "week" not in request.args:
        return None
    errors: dict[str, list[str]] = {}
    day = Date().parse_at(request.args["week"], "week", errors)
    if errors:
        raise InvalidInput(errors)
    return day


def _monday(week_start: str) -> date:
    """The Monday a plan URL names; 422 for anything that is not the ISO date of a Monday."""
    try:
        day = Date().check(week_start)
    except Invalid as error:
        raise InvalidInput.one("week_start", str(error)) from None
    if day.weekday() != 0:
        monday = weeks.week_start(day).isoformat()
        raise InvalidInput.one("week_start", f"must be the Monday a plan week starts on (that week's is {monday}).")
    return day


@bp.get(PLANS)
@token_required("trainer", "client")
def list_plans(client_id: int) -> Response:
    """The client's plans with their sessions and items, newest week first (clients: published ones only)."""
    client = client_for(client_id)
    page = pagination.page_request(request.args, "plans", ("date",))
    rows = plan_queries.client_plans_page(
        db.session,
        client,
        limit=page.limit + 1,
        published_only=not api_user().is_trainer,
        week=_week_arg(),
        before=page.after[0] if page.after else None,
    )
    return jsonify(pagination.page(rows, page, "plans", lambda p: (p.week_start,), schemas.plan_json))


@bp.post(PLANS + "/<week_start>/publish")
@token_required("trainer")
def publish_plan(client_id: int, week_start: str) -> Response:
    """Publish the client's plan of a week so the client sees it (publishing it again changes nothing)."""
    client = client_for(client_id, trainer_only=True)
    plan = plan_review.plan_for(db.session, client, _monday(week_start))
    plan_review.publish(db.session, plan, now=clock.now())
    return jsonify(schemas.plan_json(plan_queries.plan_with_items(db.session, plan.id)))
