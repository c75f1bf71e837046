"""Error pages that leak nothing: HTML for pages, JSON for the API."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger("trainer.errors")

TITLES = {
    400: "Bad request",
    401: "Please sign in",
    403: "Not allowed",
    404: "Page not found",
    405: "Method not allowed",
    413: "Too large",
    422: "Invalid input",
    429: "Too many attempts",
    500: "Something went wrong",
    503: "Temporarily unavailable",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _render(code: int, description: str, headers: list[tuple[str, str]] | None = None):
    if _wants_json():
        return jsonify({"error": TITLES.get(code, "Error"), "message": description}), code, headers or []
    page = render_template("error.html", code=code, title=TITLES.get(code, "Error"), message=description)
    return page, code, headers or []


def _headers_of(error: HTTPException) -> list[tuple[str, str]]:
    """The error's own headers (``Allow`` of a 405, ``Retry-After``...) but its body's type."""
    return [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]


def _handle_http(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    description = error.description if error.code not in (404, 500) else _default_message(error.code)
    return _render(error.code, description, _headers_of(error))


def _default_message(code: int) -> str:
    if code == 404:
        return "There is nothing here, or it is not yours to see."
    return "We have been told and will look into it. Please try again in a moment."


def _handle_unexpected(error: Exception):
    log.exception("unhandled error")
    return _render(500, _default_message(500))


def init_app(app: Flask) -> None:
    """Register the handlers for HTTP errors and for anything unexpected."""
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(InternalServerError, _handle_http)
    app.register_error_handler(Exception, _handle_unexpected)
