"""A 405 keeps its ``Allow`` header, under /api/ (JSON) and on the pages (HTML)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/me", {"GET"}),
        ("PUT", "/clients", {"GET", "POST"}),
        ("DELETE", "/clients/1/plans", {"GET"}),
        ("GET", "/clients/1/plans/2026-12-07/publish", {"POST"}),
    ],
)
def test_an_api_405_says_which_methods_are_allowed_in_json(api, trainer_token, method, path, allowed):
    response = api.call(method, path, token=trainer_token)
    assert response.status_code == 405 and response.mimetype == "application/json"
    assert response.get_json()["error"] == "Method not allowed"
    assert {m.strip() for m in response.headers["Allow"].split(",")} - {"HEAD", "OPTIONS"} == allowed


def test_a_page_405_says_which_methods_are_allowed_in_html(http):
    response = http.put("/login")
    assert response.status_code == 405 and response.mimetype == "text/html"
    assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}
