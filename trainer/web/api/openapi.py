"""The OpenAPI 3.1 document of the API, built from the same field definitions the views check bodies with.

Later issues add their paths here (progress, flags); a test checks that every API
route is described and that live responses match the document.
"""

from __future__ import annotations

from functools import cache

from . import schemas
from .pagination import DEFAULT_LIMIT, MAX_LIMIT

BOTH = ("trainer", "client")
TRAINER = ("trainer",)

_ERRORS = {
    400: ("BadRequest", "The body is not valid JSON.", "Error"),
    401: ("Unauthorized", "No valid token (missing, unknown, expired, revoked) or wrong credentials.", "Error"),
    404: ("NotFound", "Nothing there, or not the caller's to see (any other client's data, any wrong role).", "Error"),
    409: ("Conflict", "The request clashes with what exists (a weigh-in on that date, a taken email).", "Error"),
    413: ("TooLarge", "The body is over the API's limit (256 KB).", "Error"),
    415: ("UnsupportedMediaType", "The body is not sent as application/json.", "Error"),
    422: ("InvalidInput", "Some fields are wrong; `errors` maps each field to messages naming the rule.", "Invalid"),
    429: ("TooManyRequests", "Too many attempts; wait a minute.", "Error"),
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _param(name: str, where: str, schema: dict, description: str, *, required: bool = False) -> dict:
    return {
        "name": name,
        "in": where,
        "required": required or where == "path",
        "schema": schema,
        "description": description,
    }


CLIENT_ID = _param("client_id", "path", {"type": "integer", "minimum": 1}, "A client's id.")
WORKOUT_ID = _param("workout_id", "path", {"type": "integer", "minimum": 1}, "A workout's id.")
DAY = _param("on", "path", {"type": "string", "format": "date"}, "The weigh-in's date, YYYY-MM-DD.")
PAGE = [
    _param(
        "limit",
        "query",
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        "Page size.",
    ),
    _param("cursor", "query", {"type": "string"}, "The `next_cursor` of the previous page."),
]
DATES = [
    _param("from", "query", {"type": "string", "format": "date"}, "Earliest date, included."),
    _param("to", "query", {"type": "string", "format": "date"}, "Latest date, included."),
]
WEEK = _param(
    "week",
    "query",
    {"type": "string", "format": "date"},
    "Only the plan of the week containing this date, YYYY-MM-DD (any weekday stands for its Monday).",
)
WEEK_START = _param(
    "week_start",
    "path",
    {"type": "string", "format": "date"},
    "The Monday the plan week starts on, YYYY-MM-DD (any other value is 422).",
)
ARCHIVED = _param("archived", "query", {"type": "boolean", "default": False}, "List archived clients instead.")


def _op(
    summary: str,
    roles: tuple[str, ...] | None,
    status: int,
    result: str | None = None,
    *,
    body: str | None = None,
    params: list | tuple = (),
    errors: tuple[int, ...] = (),
) -> dict:
    """One operation: who may call it, what it takes, every answer it can give."""
    codes = set(errors)
    if roles:
        codes.add(401)
    if roles and (roles != BOTH or any(p["in"] == "path" for p in params)):
        codes.add(404)  # someone else's object, or a role that may not call it
    if body:
        codes |= {400, 413, 415, 422}
    ok = {"description": "Done; no body."} if result is None else _json(_ref(result), summary)
    operation: dict = {
        "summary": summary,
        "parameters": list(params),
        "responses": {str(status): ok}
        | {str(code): {"$ref": f"#/components/responses/{_ERRORS[code][0]}"} for code in sorted(codes)},
    }
    if body:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(body)}}}
    if roles:
        operation["x-access-roles"] = list(roles)
    else:
        operation["security"] = []
    return operation


PATHS = {
    "/tokens": {
        "post": _op(
            "Exchange an email and password for a token.", None, 201, "Token", body="TokenRequest", errors=(401, 429)
        )
    },
    "/tokens/current": {"delete": _op("Revoke the token this request is sent with.", BOTH, 204)},
    "/openapi.json": {"get": _op("This document.", None, 200, "OpenApiDocument")},
    "/me": {"get": _op("Who the token belongs to.", BOTH, 200, "Me")},
    "/clients": {
        "get": _op(
            "The trainer's clients, by id.", TRAINER, 200, "ClientPage", params=[*PAGE, ARCHIVED], errors=(422,)
        ),
        "post": _op(
            "Add a client (with an invitation link when an email is given).",
            TRAINER,
            201,
            "Client",
            body="ClientCreate",
            errors=(409,),
        ),
    },
    "/clients/{client_id}": {
        "get": _op(
            "One client (the trainer's own, or the client themselves).", BOTH, 200, "Client", params=[CLIENT_ID]
        ),
        "patch": _op(
            "Change some profile fields.", TRAINER, 200, "Client", body="ClientPatch", params=[CLIENT_ID], errors=(409,)
        ),
    },
    "/clients/{client_id}/archive": {"post": _op("Archive a client.", TRAINER, 200, "Client", params=[CLIENT_ID])},
    "/clients/{client_id}/restore": {
        "post": _op("Restore an archived client.", TRAINER, 200, "Client", params=[CLIENT_ID])
    },
    "/clients/{client_id}/calories": {
        "get": _op("BMR, maintenance and daily target.", BOTH, 200, "Calories", params=[CLIENT_ID])
    },
    "/exercises": {"get": _op("The exercise library, by id.", BOTH, 200, "ExercisePage", params=PAGE, errors=(422,))},
    "/clients/{client_id}/weigh-ins": {
        "get": _op(
            "Weigh-ins, newest first.", BOTH, 200, "WeighInPage", params=[CLIENT_ID, *DATES, *PAGE], errors=(422,)
        ),
        "post": _op(
            "Record a weigh-in (one a day).",
            BOTH,
            201,
            "WeighIn",
            body="WeighInCreate",
            params=[CLIENT_ID],
            errors=(409,),
        ),
    },
    "/clients/{client_id}/weigh-ins/{on}": {
        "put": _op(
            "Change the weigh-in of a date.",
            BOTH,
            200,
            "WeighIn",
            body="WeighInUpdate",
            params=[CLIENT_ID, DAY],
            errors=(409,),
        ),
        "delete": _op("Remove the weigh-in of a date.", BOTH, 204, params=[CLIENT_ID, DAY]),
    },
    "/clients/{client_id}/workouts": {
        "get": _op(
            "Workouts with their sets, newest first.",
            BOTH,
            200,
            "WorkoutPage",
            params=[CLIENT_ID, *DATES, *PAGE],
            errors=(422,),
        ),
        "post": _op("Record a workout and its sets.", BOTH, 201, "Workout", body="WorkoutCreate", params=[CLIENT_ID]),
    },
    "/clients/{client_id}/workouts/{workout_id}": {
        "get": _op("One workout.", BOTH, 200, "Workout", params=[CLIENT_ID, WORKOUT_ID]),
        "put": _op(
            "Replace a workout's date and sets.",
            BOTH,
            200,
            "Workout",
            body="WorkoutReplace",
            params=[CLIENT_ID, WORKOUT_ID],
        ),
        "delete": _op("Remove a workout and its sets.", BOTH, 204, params=[CLIENT_ID, WORKOUT_ID]),
    },
    "/clients/{client_id}/plans": {
        "get": _op(
            "Weekly plans with their sessions and items, newest week first.",
            BOTH,
            200,
            "PlanPage",
            params=[CLIENT_ID, WEEK, *PAGE],
            errors=(422,),
        )
        | {
            "description": "The trainer sees drafts and published plans of their own clients; a client sees only "
            "their own published plans (a draft stays the trainer's until it is published)."
        },
    },
    "/clients/{client_id}/plans/{week_start}/publish": {
        "post": _op(
            "Publish the plan of a week so the client sees it.",
            TRAINER,
            200,
            "Plan",
            params=[CLIENT_ID, WEEK_START],
            errors=(422,),
        )
        | {
            "description": "Publishing a plan that is already published changes nothing and answers it as it is. "
            "404 when the client has no plan that week (or is not the caller's); 422 when `week_start` is not "
            "the ISO date of a Monday."
        },
    },
}


def _page_schema(item: str) -> dict:
    return {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": _ref(item)},
            "next_cursor": {"type": ["string", "null"], "description": "Pass as `cursor` for the next page."},
        },
        "required": ["items", "next_cursor"],
        "additionalProperties": False,
    }


def _components() -> dict:
    error = {
        "type": "object",
        "properties": {
            "error": {"type": "string"},
            "message": {"type": "string"},
            "field": {"type": ["string", "null"], "description": "The field a conflict is about, if any."},
        },
        "required": ["error", "message"],
        "additionalProperties": False,
    }
    invalid = {
        "type": "object",
        "properties": {
            "error": {"type": "string"},
            "message": {"type": "string"},
            "errors": {
                "type": "object",
                "description": "Field (e.g. `sets[2].reps`) to the rules it broke, in words.",
                "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            },
        },
        "required": ["error", "message", "errors"],
        "additionalProperties": False,
    }
    found = {name: field.schema() for name, field in {**schemas.RESOURCES, **schemas.REQUESTS}.items()}
    pages = {f"{item}Page": _page_schema(item) for item in ("Client", "Exercise", "WeighIn", "Workout", "Plan")}
    responses = {
        name: _json(_ref(schema), description)
        | ({"headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}} if code == 401 else {})
        for code, (name, description, schema) in _ERRORS.items()
    }
    return {
        "schemas": found | pages | {"Error": error, "Invalid": invalid, "OpenApiDocument": {"type": "object"}},
        "responses": responses,
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "POST /tokens gives one."}},
    }


@cache
def openapi_document() -> dict:
    """The whole document (built once; callers must not change it)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Trainer API",
            "version": "1.0.0",
            "description": (
                "Personal training data for trainers and their clients. Units are SI (kg, cm), dates ISO-8601 "
                "(YYYY-MM-DD). Send `Authorization: Bearer <token>` (POST /tokens). Lists answer "
                '`{"items", "next_cursor"}`; pass `cursor` for the next page.'
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "paths": PATHS,
        "components": _components(),
    }
