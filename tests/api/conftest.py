"""Fixtures for the JSON API: tokens, and a test client that checks every live answer against the OpenAPI document.

Every response an API test receives through ``api`` must be documented (path, method and
status) and its body must match the documented schema (``document.py``), so the document
cannot drift from what the API really answers.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import pytest

from trainer import clock
from trainer.models import ApiToken, User
from trainer.services.api_tokens import token_hash

from .document import PREFIX, check_against_document


class Api:
    """The test client for ``/api/v1``: a token per call, JSON bodies, every answer checked against the document."""

    def __init__(self, http):
        self.http = http
        #: (path template, method, status) of every answer this client received.
        self.seen: set[tuple[str, str, int]] = set()

    def call(self, method: str, path: str, *, token: str | None = None, headers: dict | None = None, **kwargs):
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        url = path if path.startswith(PREFIX) else PREFIX + path
        response = self.http.open(url, method=method, headers=headers, **kwargs)
        seen = check_against_document(method, url, response)
        if seen:
            self.seen.add(seen)
        return response

    def get(self, path: str, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.call("POST", path, **kwargs)

    def put(self, path: str, **kwargs):
        return self.call("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs):
        return self.call("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs):
        return self.call("DELETE", path, **kwargs)


@pytest.fixture
def api(http) -> Api:
    return Api(http)


@pytest.fixture
def token_for(session):
    """A valid API token for ``user``, made directly (no password hashing, no rate limit)."""

    def make(user: User, **fields: Any) -> str:
        token = secrets.token_urlsafe(32)
        fields.setdefault("expires_at", clock.now() + timedelta(days=30))
        session.add(ApiToken(user_id=user.id, token_hash=token_hash(token), **fields))
        session.commit()
        return token

    return make


@pytest.fixture
def trainer(make_trainer) -> User:
    return make_trainer(timezone="Europe/London")


@pytest.fixture
def trainer_token(trainer, token_for) -> str:
    return token_for(trainer)
