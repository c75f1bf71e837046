"""Workouts through the API: all sets or nothing, library exercises only, stable pages, owners only."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from trainer.models import Exercise, Plan, PlanSession, SetLog, Workout


@pytest.fixture
def client(trainer, make_client):
    return make_client(trainer, with_login=True)


@pytest.fixture
def client_token(client, token_for):
    return token_for(client.user)


@pytest.fixture
def exercises(session) -> list[int]:
    return list(session.scalars(select(Exercise.id).order_by(Exercise.id).limit(3)))


def url(client, suffix: str = "") -> str:
    return f"/clients/{client.id}/workouts{suffix}"


def counts(session) -> tuple[int, int]:
    return (
        session.scalar(select(func.count()).select_from(Workout)),
        session.scalar(select(func.count()).select_from(SetLog)),
    )


def body(exercises, on: str = "2026-01-05", **extra) -> dict:
    return {
        "date": on,
        "sets": [
            {"exercise_id": exercises[0], "reps": 10, "load_kg": 20, "rpe": 8},
            {"exercise_id": exercises[0], "reps": 8, "load_kg": 22.5, "rpe": None},
            {"exercise_id": exercises[1], "reps": 12},
        ],
        **extra,
    }


def test_a_client_logs_a_workout_with_all_its_sets(api, session, client, client_token, exercises):
    response = api.post(url(client), json=body(exercises, notes="Felt strong"), token=client_token)
    assert response.status_code == 201
    workout = response.get_json()
    assert response.headers["Location"].endswith(url(client, f"/{workout['id']}"))
    assert workout["date"] == "2026-01-05" and workout["notes"] == "Felt strong" and workout["plan_session_id"] is None
    assert [(s["exercise_id"], s["reps"], s["load_kg"], s["rpe"]) for s in workout["sets"]] == [
        (exercises[0], 10, 20.0, 8.0),
        (exercises[0], 8, 22.5, None),
        (exercises[1], 12, 0.0, None),
    ]
    assert workout["logged_by_id"] == client.user_id
    assert api.get(url(client, f"/{workout['id']}"), token=client_token).get_json() == workout


def test_a_trainer_logs_on_the_clients_behalf(api, trainer, client, trainer_token, exercises):
    workout = api.post(url(client), json=body(exercises), token=trainer_token).get_json()
    assert workout["logged_by_id"] == trainer.id


def test_a_workout_can_name_a_planned_session_of_the_client_only(
    api, session, trainer, client, client_token, exercises, make_client
):
    def planned(owner) -> int:
        plan = Plan(client_id=owner.id, week_start=date(2026, 1, 5), sessions=[PlanSession(day=date(2026, 1, 5))])
        session.add(plan)
        session.commit()
        return plan.sessions[0].id

    own, foreign = planned(client), planned(make_client(trainer))
    ok = api.post(url(client), json=body(exercises, plan_session_id=own), token=client_token)
    assert ok.status_code == 201 and ok.get_json()["plan_session_id"] == own
    bad = api.post(url(client), json=body(exercises, plan_session_id=foreign), token=client_token)
    assert bad.status_code == 422 and "plan_session_id" in bad.get_json()["errors"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sets": []}, "sets"),
        ({"sets": None}, "sets"),
        ({"sets": {"exercise_id": 1, "reps": 5}}, "sets"),
        ({"sets": [{"exercise_id": 999_999, "reps": 5}]}, "sets[0].exercise_id"),
        ({"sets": [{"exercise_id": 2**40, "reps": 5}]}, "sets[0].exercise_id"),
        ({"sets": [{"exercise_id": "1", "reps": 5}]}, "sets[0].exercise_id"),
        ({"sets": [{"exercise_id": 1, "reps": 0}]}, "sets[0].reps"),
        ({"sets": [{"exercise_id": 1, "reps": 101}]}, "sets[0].reps"),
        ({"sets": [{"exercise_id": 1, "reps": 5.5}]}, "sets[0].reps"),
        ({"sets": [{"exercise_id": 1, "reps": 5, "load_kg": -1}]}, "sets[0].load_kg"),
        ({"sets": [{"exercise_id": 1, "reps": 5, "load_kg": 1000.5}]}, "sets[0].load_kg"),
        ({"sets": [{"exercise_id": 1, "reps": 5, "rpe": 0.5}]}, "sets[0].rpe"),
        ({"sets": [{"exercise_id": 1, "reps": 5, "rpe": 11}]}, "sets[0].rpe"),
        ({"sets": [{"exercise_id": 1, "reps": 5, "tempo": "3-1-1"}]}, "sets[0].tempo"),
        ({"sets": [{"exercise_id": 1}]}, "sets[0].reps"),
        ({"date": "1899-01-01"}, "date"),
        ({"date": "2999-01-01"}, "date"),
        ({"date": None}, "date"),
        ({"notes": 5}, "notes"),
        ({"plan_session_id": 0}, "plan_session_id"),
        ({"duration_min": 60}, "duration_min"),
    ],
)
def test_a_bad_workout_is_422_naming_the_field_and_nothing_is_saved(
    api, session, client, client_token, exercises, change, field
):
    response = api.post(url(client), json={**body(exercises), **change}, token=client_token)
    assert response.status_code == 422
    assert field in response.get_json()["errors"], response.get_json()
    assert counts(session) == (0, 0)


def test_every_bad_set_is_reported_at_once(api, client, client_token, exercises):
    sets = [{"exercise_id": exercises[0], "reps": 5}, {"exercise_id": 999_999, "reps": 0, "rpe": 12}]
    errors = api.post(url(client), json={"date": "2026-01-05", "sets": sets}, token=client_token).get_json()["errors"]
    assert set(errors) == {"sets[1].exercise_id", "sets[1].reps", "sets[1].rpe"}
    assert errors["sets[1].exercise_id"] == ["no exercise with id 999999 in the library."]


def test_workouts_list_newest_first_and_page_stably_on_the_same_date(api, session, client, client_token, exercises):
    ids = []
    for on in ("2026-01-05", "2026-01-07", "2026-01-07", "2026-01-07", "2026-01-09"):
        ids.append(api.post(url(client), json=body(exercises, on), token=client_token).get_json()["id"])
    expected = [ids[4], ids[3], ids[2], ids[1], ids[0]]
    seen, cursor = [], None
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = api.get(url(client, query), token=client_token).get_json()
        seen += [w["id"] for w in page["items"]]
        assert all(len(w["sets"]) == 3 for w in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected
    ranged = api.get(url(client, "?from=2026-01-06&to=2026-01-08"), token=client_token).get_json()["items"]
    assert [w["id"] for w in ranged] == [ids[3], ids[2], ids[1]]


def test_put_replaces_the_date_sets_and_notes(api, session, client, client_token, exercises):
    workout = api.post(url(client), json=body(exercises, notes="old"), token=client_token).get_json()
    new = {"date": "2026-01-06", "sets": [{"exercise_id": exercises[2], "reps": 6, "load_kg": 40}], "notes": "new"}
    response = api.put(url(client, f"/{workout['id']}"), json=new, token=client_token)
    assert response.status_code == 200
    replaced = response.get_json()
    assert (replaced["date"], replaced["notes"], len(replaced["sets"])) == ("2026-01-06", "new", 1)
    assert counts(session) == (1, 1)


def test_a_bad_put_is_422_and_leaves_the_workout_as_it_was(api, session, client, client_token, exercises):
    workout = api.post(url(client), json=body(exercises), token=client_token).get_json()
    bad = {"date": "2026-01-06", "sets": [{"exercise_id": exercises[0], "reps": 5}, {"exercise_id": 1, "reps": 500}]}
    assert api.put(url(client, f"/{workout['id']}"), json=bad, token=client_token).status_code == 422
    assert (
        api.put(url(client, f"/{workout['id']}"), json={**bad, "plan_session_id": 1}, token=client_token).status_code
        == 422
    )
    assert api.get(url(client, f"/{workout['id']}"), token=client_token).get_json() == workout
    assert counts(session) == (1, 3)


def test_delete_removes_the_workout_and_its_sets(api, session, client, client_token, exercises):
    workout = api.post(url(client), json=body(exercises), token=client_token).get_json()
    assert api.delete(url(client, f"/{workout['id']}"), token=client_token).status_code == 204
    assert counts(session) == (0, 0)
    assert api.get(url(client, f"/{workout['id']}"), token=client_token).status_code == 404


def test_a_workout_of_another_client_is_404_even_under_ones_own_client(
    api, session, trainer, client, client_token, trainer_token, exercises, make_client, make_trainer, token_for
):
    sibling = make_client(trainer, with_login=True)
    theirs = api.post(url(sibling), json=body(exercises), token=trainer_token).get_json()["id"]
    assert api.get(url(client, f"/{theirs}"), token=client_token).status_code == 404
    assert api.put(url(client, f"/{theirs}"), json=body(exercises), token=client_token).status_code == 404
    assert api.delete(url(client, f"/{theirs}"), token=client_token).status_code == 404
    assert api.get(url(sibling, f"/{theirs}"), token=client_token).status_code == 404
    stranger = token_for(make_trainer())
    assert api.get(url(sibling), token=stranger).status_code == 404
    assert api.post(url(sibling), json=body(exercises), token=stranger).status_code == 404
    assert api.get(url(client, "/2147483648"), token=client_token).status_code == 404
    assert counts(session) == (1, 3)
