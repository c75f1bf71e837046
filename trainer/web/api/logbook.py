"""The API's views for weigh-ins and workouts: both sides may log (a trainer on a client's behalf).

The logbook service checks every range and date (not after today in the client's zone);
these views only read the JSON, find the client and answer.
"""

from __future__ import annotations

from datetime import date

from flask import Response, current_app, jsonify, request, url_for

from ... import clock
from ...extensions import db
from ...models import Client
from ...services import logbook
from ...services.errors import InvalidInput
from . import (
    api_user,
    bp,
    client_for,
    created,
    json_body,
    pagination,
    raise_not_found,
    reachable_client,
    schemas,
    token_required,
)
from .body_cache import body_cache
from .fields import Date, Invalid
from .views import ID

WEIGH_INS = f"/clients/<{ID}:client_id>/weigh-ins"
WORKOUTS = f"/clients/<{ID}:client_id>/workouts"


def _today(client: Client) -> date:
    return clock.today_in(client.timezone)


def _date_range() -> tuple[date | None, date | None]:
    """``?from=&to=`` (both optional, both included)."""
    errors: dict[str, list[str]] = {}
    start, end = (Date().parse_at(request.args[n], n, errors) if n in request.args else None for n in ("from", "to"))
    if not errors and start and end and start > end:
        errors["from"] = ["must not be after to."]
    if errors:
        raise InvalidInput(errors)
    return start, end


def _path_date(on: str) -> date:
    """The date a weigh-in URL names; 404 for anything that is not a date."""
    try:
        return Date().check(on)
    except Invalid:
        raise_not_found()


def _weigh_in_or_404(client: Client, on: str):
    weigh_in = logbook.weigh_in_on(db.session, client, _path_date(on))
    if weigh_in is None:
        raise_not_found()
    return weigh_in


def _sets(values: dict) -> list[logbook.SetEntry]:
    return [logbook.SetEntry(**entry) for entry in values["sets"]]


# Weigh-ins -----------------------------------------------------------------------------


@bp.get(WEIGH_INS)
@token_required("trainer", "client")
def list_weigh_ins(client_id: int) -> Response:
    """The client's weigh-ins, newest first (``?from=&to=``); an answer is reused while they are unchanged."""
    client = reachable_client(client_id)
    page = pagination.page_request(request.args, "weigh-ins", ("date",))
    start, end = _date_range()
    # The parsed request, not its raw text: other parameters change nothing and must not fill the cache.
    key = ("weigh-ins", client_id, client.created_at, client.weigh_ins_version, page.limit, page.after, start, end)
    cache = body_cache()
    if (body := cache.get(key)) is not None:
        return current_app.response_class(body, mimetype=current_app.json.mimetype)
    rows = pagination.weigh_ins(db.session, client_id, page, start, end)
    response = jsonify(pagination.page(rows, page, "weigh-ins", lambda w: (w.date,), items=schemas.weigh_in_rows_json))
    cache.put(key, response.get_data())
    return response


@bp.post(WEIGH_INS)
@token_required("trainer", "client")
def add_weigh_in(client_id: int):
    """Record a weigh-in; a second one on the same date is 409 (PUT that date to change it)."""
    client = client_for(client_id)
    values = json_body(schemas.WEIGH_IN_CREATE)
    weigh_in = logbook.add_weigh_in(
        db.session, client, values["date"], values["weight_kg"], by=api_user(), today=_today(client)
    )
    location = url_for(".update_weigh_in", client_id=client.id, on=weigh_in.date.isoformat())
    return created(schemas.weigh_in_json(weigh_in), location)


@bp.put(WEIGH_INS + "/<on>")
@token_required("trainer", "client")
def update_weigh_in(client_id: int, on: str) -> Response:
    """Change the weight (and optionally the date) of the weigh-in of a date."""
    client = client_for(client_id)
    weigh_in = _weigh_in_or_404(client, on)
    values = json_body(schemas.WEIGH_IN_UPDATE)
    new_date = values.get("date") or weigh_in.date
    logbook.move_weigh_in(db.session, weigh_in, new_date, values["weight_kg"], by=api_user(), today=_today(client))
    return jsonify(schemas.weigh_in_json(weigh_in))


@bp.delete(WEIGH_INS + "/<on>")
@token_required("trainer", "client")
def delete_weigh_in(client_id: int, on: str) -> tuple[str, int]:
    """Remove the weigh-in of a date."""
    logbook.delete_weigh_in(db.session, _weigh_in_or_404(client_for(client_id), on))
    return "", 204


# Workouts ------------------------------------------------------------------------------


@bp.get(WORKOUTS)
@token_required("trainer", "client")
def list_workouts(client_id: int) -> Response:
    """The client's workouts with their sets, newest first (``?from=&to=``)."""
    client = client_for(client_id)
    page = pagination.page_request(request.args, "workouts", ("date", "id"))
    rows = pagination.workouts(db.session, client, page, *_date_range())
    return jsonify(pagination.page(rows, page, "workouts", lambda w: (w.date, w.id), schemas.workout_json))


@bp.post(WORKOUTS)
@token_required("trainer", "client")
def log_workout(client_id: int):
    """Record a workout and all its sets at once (nothing is saved if any set is wrong)."""
    client = client_for(client_id)
    values = json_body(schemas.WORKOUT_CREATE)
    workout = logbook.log_workout(
        db.session,
        client,
        values["date"],
        _sets(values),
        by=api_user(),
        today=_today(client),
        plan_session_id=values.get("plan_session_id"),
        notes=values.get("notes") or "",
    )
    location = url_for(".get_workout", client_id=client.id, workout_id=workout.id)
    return created(schemas.workout_json(workout), location)


@bp.get(WORKOUTS + f"/<{ID}:workout_id>")
@token_required("trainer", "client")
def get_workout(client_id: int, workout_id: int) -> Response:
    """One workout with its sets."""
    return jsonify(schemas.workout_json(logbook.workout_of(db.session, client_for(client_id), workout_id)))


@bp.put(WORKOUTS + f"/<{ID}:workout_id>")
@token_required("trainer", "client")
def replace_workout(client_id: int, workout_id: int) -> Response:
    """Replace a workout's date, sets (and notes, when given)."""
    client = client_for(client_id)
    workout = logbook.workout_of(db.session, client, workout_id)
    values = json_body(schemas.WORKOUT_REPLACE)
    logbook.replace_workout(
        db.session,
        workout,
        values["date"],
        _sets(values),
        by=api_user(),
        today=_today(client),
        notes=values.get("notes"),
    )
    return jsonify(schemas.workout_json(workout))


@bp.delete(WORKOUTS + f"/<{ID}:workout_id>")
@token_required("trainer", "client")
def delete_workout(client_id: int, workout_id: int) -> tuple[str, int]:
    """Remove a workout and its sets."""
    logbook.delete_workout(db.session, logbook.workout_of(db.session, client_for(client_id), workout_id))
    return "", 204
