"""The API's views for the caller, clients, the exercise library and calorie targets (thin: check, call, answer)."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Response, current_app, jsonify, request, url_for

from ... import clock
from ...extensions import db
from ...models import Client, Invitation
from ...services import clients as client_service
from ...services import invitations
from ...services.calories import calorie_panel
from ...services.errors import InvalidInput
from . import api_user, bp, client_for, created, json_body, pagination, schemas, token_required
from .openapi import openapi_document

ID = "int(min=1, max=2147483647)"


def _invitable(client: Client) -> bool:
    """Whether the caller may see the client's invitation link: their trainer, while the client has no login."""
    return api_user().is_trainer and client.user_id is None and bool(client.email)


def _open_invitations(clients: Sequence[Client]) -> dict[int, Invitation]:
    """The open invitations of those clients whose link the caller may see (one query for them all)."""
    ids = [client.id for client in clients if _invitable(client)]
    return invitations.open_invitations(db.session, ids, now=clock.now()) if ids else {}


def _invite_url(invitation: Invitation | None) -> str | None:
    if invitation is None:
        return None
    token = invitations.token_for(invitation, secret_key=current_app.secret_key)
    return url_for("auth.accept_invitation", token=token, _external=True)


def _client_json(client: Client, found: dict[int, Invitation] | None = None) -> dict:
    """The client, with its open invitation link for the trainer (from ``found`` when given, else looked up)."""
    if found is None:
        found = _open_invitations([client])
    return schemas.client_json(client, _invite_url(found.get(client.id)))


def _archived_arg() -> bool:
    value = request.args.get("archived", "false")
    if value not in ("true", "false"):
        raise InvalidInput.one("archived", "must be true or false.")
    return value == "true"


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 document of this API."""
    return jsonify(openapi_document())


@bp.get("/me")
@token_required("trainer", "client")
def me() -> Response:
    """Who the token belongs to."""
    return jsonify(schemas.me_json(api_user()))


@bp.get("/clients")
@token_required("trainer")
def list_clients() -> Response:
    """The trainer's clients by id (``?archived=true`` for the archived ones)."""
    page = pagination.page_request(request.args, "clients", ("id",))
    rows = pagination.clients(db.session, api_user(), page, archived=_archived_arg())
    found = _open_invitations(rows[: page.limit])
    return jsonify(pagination.page(rows, page, "clients", lambda c: (c.id,), lambda c: _client_json(c, found)))


@bp.post("/clients")
@token_required("trainer")
def create_client():
    """Add a client; with an email, the answer carries the invitation link to pass on."""
    values = json_body(schemas.CLIENT_CREATE)
    today = clock.today_in(values.get("timezone") or api_user().timezone)
    profile = schemas.client_profile(values, api_user(), today)
    made = client_service.create_client(
        db.session, api_user(), profile, now=clock.now(), secret_key=current_app.secret_key
    )
    return created(_client_json(made.client), url_for(".get_client", client_id=made.client.id))


@bp.get(f"/clients/<{ID}:client_id>")
@token_required("trainer", "client")
def get_client(client_id: int) -> Response:
    """One client: the trainer's own, or the client themselves."""
    return jsonify(_client_json(client_for(client_id)))


@bp.patch(f"/clients/<{ID}:client_id>")
@token_required("trainer")
def update_client(client_id: int) -> Response:
    """Change some profile fields of one of the trainer's clients."""
    client = client_for(client_id, trainer_only=True)
    changes = json_body(schemas.CLIENT_PATCH)
    schemas.check_birth_date(changes, clock.today_in(changes.get("timezone") or client.timezone))
    if "focus" in changes:
        changes["focus"] = sorted(changes["focus"])
    client_service.update_client(db.session, client, changes)
    return jsonify(_client_json(client))


@bp.post(f"/clients/<{ID}:client_id>/archive")
@token_required("trainer")
def archive_client(client_id: int) -> Response:
    """Archive a client (off the roster and the jobs; their data and login are kept, the login disabled)."""
    client = client_service.set_archived(db.session, client_for(client_id, trainer_only=True), True)
    return jsonify(_client_json(client))


@bp.post(f"/clients/<{ID}:client_id>/restore")
@token_required("trainer")
def restore_client(client_id: int) -> Response:
    """Bring an archived client back."""
    client = client_service.set_archived(db.session, client_for(client_id, trainer_only=True), False)
    return jsonify(_client_json(client))


@bp.get(f"/clients/<{ID}:client_id>/calories")
@token_required("trainer", "client")
def calories(client_id: int) -> Response:
    """BMR, maintenance and daily target from the profile and the latest weigh-in."""
    client = client_for(client_id)
    panel = calorie_panel(db.session, client, today=clock.today_in(client.timezone))
    return jsonify(schemas.calories_json(panel))


@bp.get("/exercises")
@token_required("trainer", "client")
def list_exercises() -> Response:
    """The exercise library, by id."""
    page = pagination.page_request(request.args, "exercises", ("id",))
    rows = pagination.exercises(db.session, page)
    return jsonify(pagination.page(rows, page, "exercises", lambda e: (e.id,), schemas.exercise_json))
