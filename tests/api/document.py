"""Checks a live API answer against the OpenAPI document: documented path, method and status, matching body."""

from __future__ import annotations

import re
from functools import cache

from openapi_schema_validator import OAS31Validator, oas31_format_checker

from trainer.web.api.openapi import openapi_document

PREFIX = "/api/v1"


@cache
def _templates() -> list[tuple[re.Pattern, str]]:
    paths = openapi_document()["paths"]
    return [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path) for path in paths]


def operation_for(path: str, method: str) -> tuple[str, dict] | None:
    """The documented (template, operation) a request path and method fall under, if any."""
    path = path.split("?", 1)[0]
    if not path.startswith(PREFIX):
        return None
    for pattern, template in _templates():
        if pattern.match(path[len(PREFIX) :]):
            return template, openapi_document()["paths"][template].get(method.lower())
    return None


def _resolve(obj: dict) -> dict:
    while "$ref" in obj and obj["$ref"].startswith("#/components/responses/"):
        obj = openapi_document()["components"]["responses"][obj["$ref"].rsplit("/", 1)[1]]
    return obj


@cache
def _validator(template: str, method: str, status: str) -> OAS31Validator:
    content = _resolve(openapi_document()["paths"][template][method]["responses"][status])["content"]
    schema = {**content["application/json"]["schema"], "components": openapi_document()["components"]}
    return OAS31Validator(schema, format_checker=oas31_format_checker)


def check_against_document(method: str, path: str, response) -> tuple[str, str, int] | None:
    """Fail unless ``response`` is a documented answer of that operation with a body matching its schema.

    Returns the (path template, method, status) it was, or None for a path outside the document.
    """
    found = operation_for(path, method)
    if found is None:  # not an API path the document knows: only a JSON 404 is right
        assert response.status_code in (404, 405), f"{method} {path}: {response.status_code} for an unknown path"
        return None
    template, operation = found
    if operation is None:
        assert response.status_code == 405, f"{method} {path}: {response.status_code} for an undocumented method"
        return None
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, (
        f"{method} {template} answered {response.status_code}, which the document does not list: "
        f"{sorted(operation['responses'])}; body {response.get_data(as_text=True)[:300]}"
    )
    seen = (template, method.upper(), response.status_code)
    documented = _resolve(documented)
    content = documented.get("content", {}).get("application/json")
    if content is None:
        assert response.get_data() == b"", f"{method} {template}: expected no body"
        return seen
    assert response.mimetype == "application/json", f"{method} {template}: {response.mimetype}"
    _validator(template, method.lower(), str(response.status_code)).validate(response.get_json())
    if response.status_code == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer"), "401 without WWW-Authenticate: Bearer"
    return seen
