"""The OpenAPI document: a valid 3.1 document, describing every API route, and matching the live answers.

``tests/api/conftest.py`` checks every answer of every API test against the document; the
walk here makes sure each operation is called for each answer the document lists.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from conftest import PASSWORD
from openapi_spec_validator import OpenAPIV31SpecValidator
from sqlalchemy import select

from trainer.models import Exercise, Plan, PlanItem, PlanSession, WeighIn
from trainer.web.api.openapi import openapi_document

PREFIX = "/api/v1"


def documented_operations() -> set[tuple[str, str]]:
    return {
        (path, method.upper())
        for path, item in openapi_document()["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }


def api_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX + "/"):
            template = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule[len(PREFIX) :])
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                yield template, method, app.view_functions[rule.endpoint]


def test_the_document_is_a_valid_openapi_3_1_document(api):
    response = api.get("/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    OpenAPIV31SpecValidator(document).validate()


def test_every_api_route_is_documented_and_every_documented_operation_is_routed(app):
    routed = {(template, method) for template, method, _ in api_rules(app)}
    assert routed == documented_operations()


def test_the_document_says_who_may_call_each_operation_as_the_views_do(app):
    paths = openapi_document()["paths"]
    for template, method, view in api_rules(app):
        operation = paths[template][method.lower()]
        roles = getattr(view, "access_role", None)
        if roles is None:
            assert operation["security"] == [], f"{method} {template} is public but the document asks for a token"
        else:
            assert operation["x-access-roles"] == list(roles), f"{method} {template}"
            assert "401" in operation["responses"]


def test_request_bodies_reject_unknown_fields_in_the_document_too():
    for name in ("ClientCreate", "ClientPatch", "WeighInCreate", "WorkoutCreate", "TokenRequest"):
        assert openapi_document()["components"]["schemas"][name]["additionalProperties"] is False


@pytest.fixture
def world(session, trainer, trainer_token, make_trainer, make_client, token_for):
    """Trainer A with a client (with a login), a weigh-in and a draft plan; trainer B; tokens for each."""
    client = make_client(trainer, with_login=True, email="client@example.com")
    exercise_id = session.scalars(select(Exercise.id).order_by(Exercise.id)).first()
    session.add(WeighIn(client_id=client.id, date=date(2026, 1, 5), weight_kg=70.0))
    item = PlanItem(exercise_id=exercise_id, sets=3, rep_min=8, rep_max=12, load_kg=None, reason="Body weight.")
    session.add(
        Plan(
            client_id=client.id, week_start=date(2026, 1, 5), sessions=[PlanSession(day=date(2026, 1, 5), items=[item])]
        )
    )
    session.commit()
    return {
        "trainer": trainer,
        "client": client,
        "exercise_id": exercise_id,
        "A": trainer_token,
        "B": token_for(make_trainer()),
        "C": token_for(client.user),
    }


def fill(template: str, w: dict, workout_id: int) -> str:
    return template.format(client_id=w["client"].id, on="2026-01-05", workout_id=workout_id, week_start="2026-01-05")


def walk_the_errors(api, w: dict, workout_id: int) -> None:
    """Every documented error of every operation, generically: 401, 404, 400, 413, 415, 422."""
    for template, method in sorted(documented_operations()):
        operation = openapi_document()["paths"][template][method.lower()]
        codes = set(operation["responses"])
        path = fill(template, w, workout_id)
        if "401" in codes:
            api.call(method, path)
        if "404" in codes:  # a client calling a trainer's operation; another trainer calling for A's client
            trainer_only = operation["x-access-roles"] == ["trainer"]
            api.call(method, path, token=w["C"] if trainer_only else w["B"])
        if "requestBody" in operation:
            token = w["A"]
            api.call(method, path, token=token, data="{not json", content_type="application/json")
            api.call(method, path, token=token, data="x" * (300 * 1024), content_type="application/json")
            api.call(method, path, token=token, data="email=a", content_type="application/x-www-form-urlencoded")
            api.call(method, path, token=token, json={"no_such_field": 1})
        elif "422" in codes:
            api.call(method, path + "?limit=0", token=w["A"])


def test_every_operation_gives_every_documented_answer_and_each_matches_the_document(app, api, world, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "8 per minute")  # the walk's own attempts fit under it
    w = world
    cid = w["client"].id
    sets = [{"exercise_id": w["exercise_id"], "reps": 10, "load_kg": 20, "rpe": 8}]
    workout = api.post(f"/clients/{cid}/workouts", json={"date": "2026-01-06", "sets": sets}, token=w["C"])
    walk_the_errors(api, w, workout.get_json()["id"])

    # Successes and conflicts, in an order where each call finds what it needs.
    assert api.get("/openapi.json").status_code == 200
    assert api.post("/tokens", json={"email": w["trainer"].email, "password": PASSWORD}).status_code == 201
    assert api.post("/tokens", json={"email": w["trainer"].email, "password": "wrong!"}).status_code == 401
    assert api.get("/me", token=w["C"]).status_code == 200
    new_client = {
        "name": "Ann",
        "email": "ann@example.com",
        "sex": "female",
        "birth_date": "1990-01-01",
        "height_cm": 170,
    }
    assert api.post("/clients", json=new_client, token=w["A"]).status_code == 201
    assert api.post("/clients", json=new_client, token=w["A"]).status_code == 409
    assert api.get("/clients", token=w["A"]).status_code == 200
    assert api.get(f"/clients/{cid}", token=w["C"]).status_code == 200
    assert api.patch(f"/clients/{cid}", json={"notes": "API"}, token=w["A"]).status_code == 200
    assert api.patch(f"/clients/{cid}", json={"email": "ann@example.com"}, token=w["A"]).status_code == 409
    assert api.get(f"/clients/{cid}/calories", token=w["C"]).status_code == 200
    assert api.get("/exercises", token=w["C"]).status_code == 200
    assert api.get(f"/clients/{cid}/weigh-ins", token=w["C"]).status_code == 200
    assert (
        api.post(f"/clients/{cid}/weigh-ins", json={"date": "2026-01-06", "weight_kg": 70}, token=w["C"]).status_code
        == 201
    )
    assert (
        api.post(f"/clients/{cid}/weigh-ins", json={"date": "2026-01-06", "weight_kg": 70}, token=w["C"]).status_code
        == 409
    )
    move = {"date": "2026-01-06", "weight_kg": 70}
    assert api.put(f"/clients/{cid}/weigh-ins/2026-01-05", json=move, token=w["C"]).status_code == 409
    assert api.put(f"/clients/{cid}/weigh-ins/2026-01-05", json={"weight_kg": 69}, token=w["C"]).status_code == 200
    assert api.delete(f"/clients/{cid}/weigh-ins/2026-01-05", token=w["C"]).status_code == 204
    workouts = f"/clients/{cid}/workouts"
    assert api.get(workouts, token=w["C"]).status_code == 200
    created = api.post(workouts, json={"date": "2026-01-07", "sets": sets}, token=w["A"])
    assert created.status_code == 201
    one = f"{workouts}/{created.get_json()['id']}"
    assert api.get(one, token=w["C"]).status_code == 200
    assert api.put(one, json={"date": "2026-01-08", "sets": sets * 2}, token=w["C"]).status_code == 200
    assert api.delete(one, token=w["C"]).status_code == 204
    assert api.get(f"/clients/{cid}/plans?week=2026-01-07", token=w["A"]).status_code == 200
    assert api.post(f"/clients/{cid}/plans/2026-01-07/publish", token=w["A"]).status_code == 422
    assert api.post(f"/clients/{cid}/plans/2026-01-05/publish", token=w["A"]).status_code == 200
    assert api.get(f"/clients/{cid}/plans", token=w["C"]).get_json()["items"][0]["status"] == "published"
    assert api.post(f"/clients/{cid}/archive", token=w["A"]).status_code == 200
    assert api.post(f"/clients/{cid}/restore", token=w["A"]).status_code == 200
    assert api.delete("/tokens/current", token=w["A"]).status_code == 204
    for _ in range(20):  # the token endpoint's throttle
        if api.post("/tokens", json={"email": "x@example.com", "password": "y"}).status_code == 429:
            break

    documented = {
        (template, method, int(status))
        for template, method in documented_operations()
        for status in openapi_document()["paths"][template][method.lower()]["responses"]
    }
    missing = sorted(documented - api.seen)
    assert not missing, f"documented answers never given in the walk: {missing}"


def test_the_document_is_the_same_object_each_time_and_serialises(api):
    assert json.loads(api.get("/openapi.json").get_data()) == json.loads(json.dumps(openapi_document()))
