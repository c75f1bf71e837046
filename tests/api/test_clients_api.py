"""Clients, exercises and calories through the API: the trainer's own only, checked input, stable pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from querycount import count_queries
from sqlalchemy import func, select

from trainer import clock
from trainer.domain.exercises import LIBRARY
from trainer.models import Client, Invitation, WeighIn
from trainer.services.calories import calorie_panel
from trainer.services.invitations import issue_invitation

NEW = {
    "name": "Maria Lopez",
    "email": "Maria@Example.com",
    "sex": "female",
    "birth_date": "1988-04-02",
    "height_cm": 165,
    "activity_level": "moderate",
    "weekly_goal_lb": -1,
    "experience": "beginner",
    "days_per_week": 3,
    "equipment": "dumbbells",
    "focus": ["back", "core"],
    "timezone": "Europe/Madrid",
    "unit": "kg",
    "notes": "Wants to fix posture.",
}


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


# Create ---------------------------------------------------------------------------------


def test_a_trainer_adds_a_client_and_gets_the_invitation_link(api, session, trainer, trainer_token):
    response = api.post("/clients", json=NEW, token=trainer_token)
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/clients/{body['id']}")
    assert body["email"] == "maria@example.com" and body["height_cm"] == 165.0 and body["weekly_goal_lb"] == -1.0
    assert body["focus"] == ["back", "core"] and body["archived"] is False and body["has_login"] is False
    assert "/invite/" in body["invite_url"]
    client = session.get(Client, body["id"])
    assert client.trainer_id == trainer.id and client.started_on == clock.today_in("Europe/Madrid")
    assert count(session, Invitation) == 1
    invite_path = body["invite_url"].split("localhost", 1)[1]
    assert api.http.get(invite_path).status_code == 200
    assert api.get(f"/clients/{body['id']}", token=trainer_token).get_json()["invite_url"] == body["invite_url"]


def test_a_client_without_email_gets_no_invitation_and_the_trainers_zone_and_unit(api, trainer, trainer_token):
    body = {k: v for k, v in NEW.items() if k not in ("email", "timezone", "unit")}
    created = api.post("/clients", json=body, token=trainer_token).get_json()
    assert created["invite_url"] is None and created["email"] is None
    assert (created["timezone"], created["unit"]) == (trainer.timezone, trainer.unit)


def test_days_outside_the_guideline_carry_a_note(api, trainer_token):
    created = api.post("/clients", json={**NEW, "days_per_week": 5}, token=trainer_token).get_json()
    assert "above the 3-4" in created["days_per_week_note"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"height_cm": 99.9}, "height_cm"),
        ({"height_cm": 250.1}, "height_cm"),
        ({"height_cm": "165"}, "height_cm"),
        ({"days_per_week": 6}, "days_per_week"),
        ({"days_per_week": True}, "days_per_week"),
        ({"days_per_week": 3.5}, "days_per_week"),
        ({"weekly_goal_lb": 0.7}, "weekly_goal_lb"),
        ({"sex": "other"}, "sex"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"email": "not-an-email"}, "email"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"name": "nul\x00byte"}, "name"),
        ({"birth_date": "1899-12-31"}, "birth_date"),
        ({"birth_date": "02/04/1988"}, "birth_date"),
        ({"birth_date": "2026-02-30"}, "birth_date"),
        ({"birth_date": "１９８８-04-02"}, "birth_date"),
        ({"focus": ["back", "back"]}, "focus"),
        ({"focus": ["glutes"]}, "focus[0]"),
        ({"focus": "back"}, "focus"),
        ({"notes": None}, "notes"),
        ({"nickname": "Mia"}, "nickname"),
    ],
)
def test_a_client_with_a_bad_field_is_422_naming_it_and_nothing_is_saved(api, session, trainer_token, change, field):
    response = api.post("/clients", json={**NEW, **change}, token=trainer_token)
    assert response.status_code == 422
    assert field in response.get_json()["errors"], response.get_json()
    assert count(session, Client) == count(session, Invitation) == 0


def test_a_birth_date_after_today_is_422(api, trainer_token):
    tomorrow = (clock.today_in("Pacific/Kiritimati") + timedelta(days=1)).isoformat()
    response = api.post(
        "/clients", json={**NEW, "birth_date": tomorrow, "timezone": "Pacific/Kiritimati"}, token=trainer_token
    )
    assert response.status_code == 422 and "after today" in response.get_json()["errors"]["birth_date"][0]


def test_missing_required_fields_are_each_named(api, trainer_token):
    errors = api.post("/clients", json={}, token=trainer_token).get_json()["errors"]
    assert set(errors) == {"name", "sex", "birth_date", "height_cm"}
    assert errors["name"] == ["is required."]


def test_an_email_another_client_uses_is_409(api, session, trainer, trainer_token, make_client):
    make_client(trainer, email="maria@example.com")
    response = api.post("/clients", json=NEW, token=trainer_token)
    assert response.status_code == 409
    assert response.get_json()["field"] == "email"
    assert count(session, Client) == 1


def test_a_client_cannot_add_clients(api, trainer, make_client, token_for):
    client = make_client(trainer, with_login=True)
    assert api.post("/clients", json=NEW, token=token_for(client.user)).status_code == 404


# Read -----------------------------------------------------------------------------------


def test_a_trainer_lists_only_their_own_active_clients(api, trainer, trainer_token, make_trainer, make_client):
    mine = [make_client(trainer) for _ in range(3)]
    make_client(trainer, archived=True)
    make_client(make_trainer())
    items = api.get("/clients", token=trainer_token).get_json()["items"]
    assert [c["id"] for c in items] == [c.id for c in mine]
    archived = api.get("/clients?archived=true", token=trainer_token).get_json()["items"]
    assert [c["archived"] for c in archived] == [True]


def test_client_pages_follow_the_cursor_in_a_stable_order(api, trainer, trainer_token, make_client):
    ids = [make_client(trainer).id for _ in range(7)]
    seen, cursor, pages = [], None, 0
    while True:
        query = "?limit=3" + (f"&cursor={cursor}" if cursor else "")
        body = api.get(f"/clients{query}", token=trainer_token).get_json()
        seen += [c["id"] for c in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == ids and pages == 3


@pytest.mark.parametrize(
    "query", ["limit=1001", "limit=0", "limit=-1", "limit=ten", "cursor=%%%", "cursor=WyJ4Il0", "archived=maybe"]
)
def test_bad_list_parameters_are_422(api, trainer_token, query):
    response = api.get(f"/clients?{query}", token=trainer_token)
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) <= {"limit", "cursor", "archived"}


def test_a_cursor_of_another_list_is_refused(api, trainer, trainer_token):
    cursor = api.get("/exercises?limit=1", token=trainer_token).get_json()["next_cursor"]
    assert api.get(f"/clients?cursor={cursor}", token=trainer_token).status_code == 422


def test_limit_1000_is_allowed(api, trainer_token):
    assert api.get("/clients?limit=1000", token=trainer_token).status_code == 200


def test_a_client_reads_their_own_profile_but_no_other(api, trainer, make_client, token_for):
    client = make_client(trainer, with_login=True)
    other = make_client(trainer, with_login=True)
    token = token_for(client.user)
    body = api.get(f"/clients/{client.id}", token=token).get_json()
    assert body["id"] == client.id and body["has_login"] is True and body["invite_url"] is None
    assert api.get(f"/clients/{other.id}", token=token).status_code == 404
    assert api.get("/clients", token=token).status_code == 404


@pytest.mark.parametrize("client_id", ["other", "missing", "2147483648", "99999999999999999999"])
def test_any_client_that_is_not_the_trainers_is_404(api, trainer_token, make_trainer, make_client, client_id):
    ids = {"other": make_client(make_trainer()).id, "missing": 999_999}
    response = api.get(f"/clients/{ids.get(client_id, client_id)}", token=trainer_token)
    assert response.status_code == 404


# Change ---------------------------------------------------------------------------------


def test_a_trainer_changes_some_fields_and_the_rest_stay(api, session, trainer, trainer_token, make_client):
    client = make_client(trainer, with_login=True)
    response = api.patch(
        f"/clients/{client.id}", json={"height_cm": 170.5, "focus": ["legs", "back"], "unit": "lb"}, token=trainer_token
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["height_cm"] == 170.5 and body["focus"] == ["back", "legs"] and body["name"] == client.name
    session.refresh(client)
    assert client.user.unit == "lb"


def test_an_empty_patch_changes_nothing(api, trainer, trainer_token, make_client):
    client = make_client(trainer)
    before = api.get(f"/clients/{client.id}", token=trainer_token).get_json()
    assert api.patch(f"/clients/{client.id}", json={}, token=trainer_token).get_json() == before


def test_a_bad_patch_is_422_and_changes_nothing(api, session, trainer, trainer_token, make_client):
    client = make_client(trainer)
    response = api.patch(f"/clients/{client.id}", json={"name": "New", "height_cm": 400}, token=trainer_token)
    assert response.status_code == 422 and list(response.get_json()["errors"]) == ["height_cm"]
    session.expire_all()
    assert session.get(Client, client.id).name == client.name


def test_patching_a_taken_email_is_409(api, trainer, trainer_token, make_client):
    make_client(trainer, email="taken@example.com")
    client = make_client(trainer)
    response = api.patch(f"/clients/{client.id}", json={"email": "TAKEN@example.com"}, token=trainer_token)
    assert response.status_code == 409 and response.get_json()["field"] == "email"


def test_only_the_trainer_patches_archives_or_restores(api, trainer, make_trainer, make_client, token_for):
    client = make_client(trainer, with_login=True)
    for token in (token_for(client.user), token_for(make_trainer())):
        assert api.patch(f"/clients/{client.id}", json={"name": "X"}, token=token).status_code == 404
        assert api.post(f"/clients/{client.id}/archive", token=token).status_code == 404
        assert api.post(f"/clients/{client.id}/restore", token=token).status_code == 404


def test_archiving_disables_the_clients_login_and_restoring_brings_it_back(
    api, trainer, trainer_token, make_client, token_for
):
    client = make_client(trainer, with_login=True)
    client_token = token_for(client.user)
    archived = api.post(f"/clients/{client.id}/archive", token=trainer_token)
    assert archived.status_code == 200 and archived.get_json()["archived"] is True
    assert api.get("/me", token=client_token).status_code == 401
    restored = api.post(f"/clients/{client.id}/restore", token=trainer_token)
    assert restored.get_json()["archived"] is False
    assert api.get("/me", token=client_token).status_code == 200


# Calories and exercises -----------------------------------------------------------------


def test_calories_need_a_weigh_in_first(api, trainer, trainer_token, make_client):
    client = make_client(trainer)
    body = api.get(f"/clients/{client.id}/calories", token=trainer_token).get_json()
    assert body["available"] is False and body["bmr"] is None and "weigh-in" in body["explanation"]


def test_calories_are_the_pages_figures(api, session, trainer, trainer_token, make_client, token_for):
    client = make_client(trainer, with_login=True, weekly_goal_lb=-2.0)
    session.add(WeighIn(client_id=client.id, date=date(2026, 1, 5), weight_kg=60.0))
    session.commit()
    panel = calorie_panel(session, client, today=clock.today_in(client.timezone))
    for token in (trainer_token, token_for(client.user)):
        body = api.get(f"/clients/{client.id}/calories", token=token).get_json()
        assert body["available"] is True
        expected = (panel.targets.bmr, panel.targets.maintenance, panel.targets.target, panel.targets.floor_applied)
        assert (body["bmr"], body["maintenance"], body["target"], body["floor_applied"]) == expected
        assert body["explanation"] == panel.targets.explanation and body["weighed_on"] == "2026-01-05"


def test_calories_of_someone_elses_client_are_404(api, make_trainer, make_client, trainer_token):
    client = make_client(make_trainer())
    assert api.get(f"/clients/{client.id}/calories", token=trainer_token).status_code == 404


def test_the_exercise_library_pages_through_every_exercise_once(api, trainer_token):
    seen, cursor = [], None
    while True:
        body = api.get("/exercises?limit=5" + (f"&cursor={cursor}" if cursor else ""), token=trainer_token).get_json()
        seen += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(e["slug"] for e in seen) == sorted(spec.slug for spec in LIBRARY)
    assert [e["id"] for e in seen] == sorted(e["id"] for e in seen)
    push_up = next(e for e in seen if e["slug"] == "push-up")
    chest_press = next(e for e in seen if e["slug"] == "chest-press")
    assert push_up["bodyweight"] is True and push_up["weighted_form_id"] == chest_press["id"]
    assert push_up["muscle_groups"] == ["chest", "triceps"]


def test_the_client_list_runs_the_same_queries_for_3_or_30_clients(
    app, api, session, trainer, trainer_token, make_client
):
    """Each client's open invitation is read for the whole page at once, not one query per client."""

    def listed(how_many: int) -> tuple[list[str], list[dict]]:
        while session.scalar(select(func.count()).select_from(Client)) < how_many:
            n = session.scalar(select(func.count()).select_from(Client))
            client = make_client(trainer, with_login=n % 2 == 1)
            if client.user_id is None:
                issue_invitation(session, client, now=clock.now(), secret_key=app.secret_key)
                session.commit()
        api.get("/clients", token=trainer_token)  # warm up: the first call records the token's use
        session.expire_all()
        with count_queries(app.extensions["sqlalchemy"].engine) as statements:
            items = api.get("/clients", token=trainer_token).get_json()["items"]
        return statements, items

    few, few_items = listed(3)
    many, many_items = listed(30)
    assert len(few_items) == 3 and len(many_items) == 30
    assert len(few) == len(many), many
    invited = [c for c in many_items if not c["has_login"]]
    assert len(invited) == 15 and all("/invite/" in c["invite_url"] for c in invited)
    assert all(c["invite_url"] is None for c in many_items if c["has_login"])
