"""The JSON API v1: bearer-token auth, JSON errors, and JSON bodies checked before any service runs.

- Every call but ``POST /tokens`` and ``GET /openapi.json`` sends ``Authorization: Bearer <token>``;
  without a valid one the answer is 401 with ``WWW-Authenticate: Bearer``.
- Objects that are not the caller's answer 404 (the pages' rule: ``can_access_client``).
- Bad input answers 422 ``{"errors": {field: [messages]}}``; conflicts 409; bodies over
  ``API_MAX_CONTENT_LENGTH`` (256 KB) 413 before they are read; a body that is not JSON 415 or 400.
- CSRF protection is off for this blueprint only: it reads no cookies, so a forged
  cross-site request carries no credentials.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request
from sqlalchemy import bindparam, select
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, Unauthorized, UnsupportedMediaType

from ... import clock
from ...extensions import csrf, db
from ...models import Client, User
from ...services import api_tokens
from ...services.errors import Conflict, InvalidInput, NotFound
from ..access import reaches_client
from ..errors import TITLES
from .fields import Object

API_MAX_CONTENT_LENGTH = 256 * 1024
TITLES = {**TITLES, 409: "Conflict", 415: "Unsupported media type"}
REALM = 'Bearer realm="trainer"'

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


class TokenRequired(Unauthorized):
    """401 for a missing, unknown, expired or revoked token (``invalid`` when one was sent)."""

    def __init__(self, description: str, *, invalid: bool):
        super().__init__(description)
        self.challenge = f'{REALM}, error="invalid_token"' if invalid else REALM


# Request hooks and helpers -------------------------------------------------------------


def limit_body() -> None:
    """Refuse a body larger than the API's limit before reading it (and while reading a chunked one)."""
    limit = current_app.config.get("API_MAX_CONTENT_LENGTH", API_MAX_CONTENT_LENGTH)
    request.max_content_length = limit
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge(f"The body is larger than the API's limit of {limit // 1024} KB.")


@bp.before_request
def _start() -> None:
    g.pop("api_bearer", None)
    g.pop("api_user", None)
    limit_body()


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def json_body(spec: Object) -> dict:
    """The request's JSON body checked against ``spec``: 415, 400 or 422 when it is not right."""
    if not request.is_json:
        raise UnsupportedMediaType("Send a JSON body with the header Content-Type: application/json.")
    try:
        data = json.loads(request.get_data(cache=True), parse_constant=_no_constants)
    except (ValueError, RecursionError):
        raise InvalidJson() from None
    return spec.parse(data)


class InvalidJson(HTTPException):
    code = 400
    description = "The body is not valid JSON (UTF-8, no NaN or Infinity)."


def api_bearer() -> api_tokens.Bearer:
    """Who the token that authenticated this request speaks for (ids and role, no database read)."""
    return g.api_bearer


def api_user() -> User:
    """The user whose token authenticated this request (loaded on first use)."""
    user = g.get("api_user")
    if user is None:
        user = g.api_user = db.session.get(User, g.api_bearer.user_id)
        if user is None:  # deleted since the token was checked
            raise TokenRequired("The token is unknown, expired or revoked; ask for a new one.", invalid=True)
    return user


def _reads_without_transaction() -> bool:
    """On PostgreSQL, run this request's statements outside a transaction (for reads only); whether it does.

    Each statement still sees what is committed when it starts, as under READ COMMITTED, and
    the BEGIN and ROLLBACK round trips are spared. (SQLite starts no transaction for reads
    anyway, and switching its connection's mode costs more than it saves.)
    """
    if db.engine.dialect.name != "postgresql" or db.session().in_transaction():
        return False
    db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return True


def token_required(*roles: str) -> Callable:
    """Decorate a view so that only a bearer of a valid token of a user with one of ``roles`` reaches it.

    Others: 401 without a valid token, 404 with the wrong role. ``access_role`` records the
    roles for the authorization-matrix test, as ``trainer.web.access.role_required`` does.
    """

    def decorator(view: Callable) -> Callable:
        def call(token: str, args, kwargs):
            bearer = api_tokens.find_token(db.session, token, now=clock.now(), client_id=kwargs.get("client_id"))
            if bearer is None:
                raise TokenRequired("The token is unknown, expired or revoked; ask for a new one.", invalid=True)
            g.api_bearer = bearer
            if bearer.role not in roles:
                raise_not_found()
            return view(*args, **kwargs)

        @wraps(view)
        def wrapped(*args, **kwargs):
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise TokenRequired("Send a token: Authorization: Bearer <token> (POST /api/v1/tokens).", invalid=False)
            if request.method != "GET" or not _reads_without_transaction():
                return call(token.strip(), args, kwargs)
            try:
                return call(token.strip(), args, kwargs)
            finally:
                db.session.rollback()  # hands the connection back to the pool, in its usual mode

        wrapped.access_role = roles  # read by the authorization-matrix test
        return wrapped

    return decorator


def raise_not_found() -> None:
    raise NotFound("There is nothing here, or it is not yours to see.")


def client_for(client_id: int, *, trainer_only: bool = False) -> Client:
    """The client with this id if the caller may reach it (the pages' rule); 404 otherwise."""
    bearer = api_bearer()
    client = db.session.get(Client, client_id)
    if client is None or not reaches_client(bearer.role, bearer.user_id, client.trainer_id, client.user_id):
        raise_not_found()
    if trainer_only and bearer.role != "trainer":
        raise_not_found()
    return client


_OWNERS = select(Client.trainer_id, Client.user_id, Client.created_at, Client.weigh_ins_version).where(
    Client.id == bindparam("client_id")
)


def reachable_client(client_id: int) -> api_tokens.ClientReach:
    """The client's owners and weigh-ins version if the caller may reach it (as ``client_for``, without
    loading it; read with the token when the route names the client); 404 otherwise."""
    bearer = api_bearer()
    reach = bearer.client
    if reach is None or reach.id != client_id:
        row = db.session.connection().execute(_OWNERS, {"client_id": client_id}).first()
        reach = api_tokens.ClientReach(client_id, *row) if row else None
    if reach is None or not reaches_client(bearer.role, bearer.user_id, reach.trainer_id, reach.user_id):
        raise_not_found()
    return reach


def created(body: dict, location: str) -> tuple[Response, int, dict]:
    return jsonify(body), 201, {"Location": location}


# Errors --------------------------------------------------------------------------------


def _error(code: int, message: str, **extra: Any) -> Response:
    response = jsonify({"error": TITLES.get(code, "Error"), "message": message, **extra})
    response.status_code = code
    return response


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    if error.code == 404:
        return _error(404, "There is nothing here, or it is not yours to see.")
    response = _error(error.code or 500, error.description or "")
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    if isinstance(error, TokenRequired):
        response.headers["WWW-Authenticate"] = error.challenge
    return response


@bp.errorhandler(InvalidInput)
def _invalid(error: InvalidInput) -> Response:
    db.session.rollback()
    return _error(422, "Some fields are not right; see errors.", errors=error.errors)


@bp.errorhandler(Conflict)
def _conflict(error: Conflict) -> Response:
    db.session.rollback()
    message = str(error)
    if error.field and message.lower().startswith(f"{error.field.lower()}: "):
        message = message[len(error.field) + 2 :]
    return _error(409, message, field=error.field)


@bp.errorhandler(NotFound)
def _not_found(error: NotFound) -> Response:
    db.session.rollback()
    return _error(404, "There is nothing here, or it is not yours to see.")


from . import logbook, plans, tokens, views  # noqa: E402, F401  (the routes)
