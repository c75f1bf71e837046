"""Tokens: sign in to the API with an email and password; sign out by revoking the token used.

Asking for a token is throttled like the login page: ``LOGIN_RATE_LIMIT`` per IP address
and per account (the email posted); past it the answer is 429.
"""

from __future__ import annotations

import json

from flask import Response, current_app, jsonify, request

from ... import clock
from ...extensions import db, limiter
from ...models import ApiToken
from ...services import accounts, api_tokens
from . import TokenRequired, api_bearer, bp, json_body, limit_body, schemas, token_required

TOO_MANY_ATTEMPTS = "Too many attempts in a short time. Please wait a minute, then try again."
WRONG_CREDENTIALS = "The email or password is not right (or the account is not active)."


def _attempt_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_key() -> str:
    """The rate-limit key of the account named in the posted JSON (its normalised email)."""
    limit_body()  # the limiter reads the body before the blueprint's own hook runs
    try:
        data = json.loads(request.get_data(cache=True)) if request.is_json else None
    except (ValueError, RecursionError):
        data = None
    email = data.get("email") if isinstance(data, dict) else None
    return "api-account:" + (accounts.normalise_email(email) if isinstance(email, str) else "")


@bp.post("/tokens")
@limiter.limit(_attempt_limit, error_message=TOO_MANY_ATTEMPTS)
@limiter.limit(_attempt_limit, key_func=_account_key, error_message=TOO_MANY_ATTEMPTS)
def create_token() -> tuple[Response, int]:
    """Exchange an email and password for a bearer token (shown once)."""
    values = json_body(schemas.TOKEN_REQUEST)
    issued = api_tokens.issue_token(
        db.session, values["email"], values["password"], now=clock.now(), name=values.get("name")
    )
    if issued is None:
        raise TokenRequired(WRONG_CREDENTIALS, invalid=False)
    return jsonify(schemas.token_json(issued.token, issued.api_token.expires_at)), 201


@bp.delete("/tokens/current")
@token_required("trainer", "client")
def revoke_current_token() -> tuple[str, int]:
    """Revoke the token this request was sent with."""
    api_token = db.session.get(ApiToken, api_bearer().token_id)
    api_tokens.revoke_token(db.session, api_token, now=clock.now())
    return "", 204
