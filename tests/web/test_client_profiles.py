"""The trainer's client pages: add, view, edit, archive, restore, invite, and the roster."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from querycount import count_queries
from sqlalchemy import func, select

from trainer.models import Client, Invitation, Plan, WeighIn, Workout

VALID = {
    "name": "Maria Lopez",
    "email": "maria@example.com",
    "sex": "female",
    "birth_date": "1988-04-02",
    "height_unit": "cm",
    "height_cm": "165",
    "unit": "kg",
    "timezone": "Europe/Madrid",
    "weekly_goal_lb": "-1.0",
    "activity_level": "moderate",
    "experience": "beginner",
    "days_per_week": "3",
    "equipment": "dumbbells",
    "focus": ["back"],
    "started_on": "2026-10-05",
    "injuries": "",
    "notes": "Wants to fix posture.",
}


@pytest.fixture
def trainer(make_trainer, login_as):
    user = make_trainer()
    login_as(user)
    return user


def test_adding_a_client_saves_every_field_and_shows_an_invitation_link(http, session, trainer):
    response = http.post("/clients/new", data=VALID)
    assert response.status_code == 302
    client = session.scalars(select(Client)).one()
    assert (client.name, client.email, client.trainer_id) == ("Maria Lopez", "maria@example.com", trainer.id)
    assert (client.height_cm, client.weekly_goal_lb, client.focus) == (165.0, -1.0, ["back"])
    assert (client.timezone, client.equipment, client.started_on) == ("Europe/Madrid", "dumbbells", date(2026, 10, 5))
    page = http.get(response.location).get_data(as_text=True)
    assert "was added to your clients" in page
    assert "/invite/" in page
    assert session.scalar(select(func.count()).select_from(Invitation)) == 1


def test_height_in_feet_and_inches_is_stored_in_centimetres(http, session, trainer):
    data = {**VALID, "height_unit": "ft_in", "height_cm": "", "height_ft": "5", "height_in": "6"}
    assert http.post("/clients/new", data=data).status_code == 302
    # 5 ft 6 in = 66 in x 2.54 = 167.64 cm, stored to one decimal
    assert session.scalars(select(Client)).one().height_cm == 167.6


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"height_cm": "260"}, "Height (cm): must be between 100 and 250 cm."),
        ({"birth_date": "1899-12-31"}, "Birth date: must not be before 1900."),
        ({"days_per_week": "6"}, "Training days per week: must be from 2 to 5 days"),
        ({"timezone": "Mars/Olympus"}, "Time zone: Not a valid choice"),
        ({"email": "not-an-email"}, "Email: enter a valid email address"),
        ({"name": ""}, "Name: This field is required."),
        ({"weekly_goal_lb": "-3"}, "Weekly goal: Not a valid choice"),
    ],
)
def test_bad_profile_input_names_the_field_and_saves_nothing(http, session, trainer, changes, message):
    response = http.post("/clients/new", data={**VALID, **changes})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(Client)) == 0


def test_an_email_already_used_by_another_client_is_refused(http, session, trainer, make_client):
    make_client(trainer, email="maria@example.com")
    response = http.post("/clients/new", data=VALID)
    assert "another of your clients already uses this email" in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(Client)) == 1


def test_editing_a_client_changes_the_profile(http, session, trainer, make_client):
    client = make_client(trainer)
    form = http.get(f"/clients/{client.id}/edit").get_data(as_text=True)
    assert client.name in form
    response = http.post(f"/clients/{client.id}/edit", data={**VALID, "email": client.email, "days_per_week": "5"})
    assert response.status_code == 302
    session.refresh(client)
    assert (client.name, client.days_per_week) == ("Maria Lopez", 5)
    page = http.get(response.location).get_data(as_text=True)
    assert "profile was saved" in page
    assert "above the 3-4 full-body sessions the guideline recommends" in page


def test_archiving_hides_a_client_from_the_roster_and_restoring_brings_them_back(http, session, trainer, make_client):
    client = make_client(trainer, name="Ann Archer")
    response = http.post(f"/clients/{client.id}/archive", follow_redirects=True)
    assert "Ann Archer was archived" in response.get_data(as_text=True)
    assert "Ann Archer" not in http.get("/clients").get_data(as_text=True)
    assert "Ann Archer" in http.get("/clients?archived=1").get_data(as_text=True)
    http.post(f"/clients/{client.id}/restore")
    assert "Ann Archer" in http.get("/clients").get_data(as_text=True)


def test_a_new_invitation_link_replaces_the_old_one(http, session, trainer):
    http.post("/clients/new", data=VALID)
    client = session.scalars(select(Client)).one()
    http.post(f"/clients/{client.id}/invitation")
    invitations = session.scalars(select(Invitation).order_by(Invitation.id)).all()
    assert len(invitations) == 2
    assert invitations[0].revoked_at is not None and invitations[1].revoked_at is None


def test_the_calorie_panel_explains_the_target(http, session, trainer, make_client):
    # Female, 165 cm, born 1988-04-02 (38 on 2026-11-25), 70 kg, moderate, lose 1 lb/week:
    # BMR = 700 + 1031.25 - 190 - 161 = 1380.25; maintenance = 1380.25 x 1.55 = 2139.4 -> 2139;
    # target = 2139 - 500 = 1639 kcal.
    client = make_client(trainer, sex="female", height_cm=165.0, birth_date=date(1988, 4, 2), activity_level="moderate")
    session.add(WeighIn(client_id=client.id, date=date(2026, 11, 20), weight_kg=70.0))
    session.commit()
    page = http.get(f"/clients/{client.id}").get_data(as_text=True)
    assert "1,639 kcal" in page and "2,139 kcal" in page and "starting point" in page


def test_the_roster_shows_each_clients_figures(http, session, trainer, make_client):
    client = make_client(trainer, name="Zed Weigher", unit="lb")
    session.add_all(
        [
            WeighIn(client_id=client.id, date=date.today() - timedelta(days=d), weight_kg=80.0 + d * 0.1)
            for d in range(0, 15)
        ]
        + [Workout(client_id=client.id, date=date.today() - timedelta(days=2))]
    )
    session.commit()
    page = http.get("/clients").get_data(as_text=True)
    assert "Zed Weigher" in page
    assert "176.4 lb" in page  # 80.0 kg / 0.45359237 = 176.37 lb
    assert "No plan" in page


def test_roster_search_and_sort(http, trainer, make_client):
    for name in ("Carla", "Bob", "Alice"):
        make_client(trainer, name=name)
    page = http.get("/clients?sort=name&dir=desc").get_data(as_text=True)
    assert page.index("Carla") < page.index("Bob") < page.index("Alice")
    page = http.get("/clients?q=bo").get_data(as_text=True)
    assert "Bob" in page and "Carla" not in page
    assert "No client matches" in http.get("/clients?q=zzz").get_data(as_text=True)


def test_an_empty_roster_says_what_to_do_next(http, trainer):
    assert "Your roster is empty" in http.get("/clients").get_data(as_text=True)


def _roster_queries(http, db) -> int:
    with count_queries(db.engine) as statements:
        assert http.get("/clients").status_code == 200
    return len(statements)


def test_the_roster_runs_a_fixed_number_of_queries_whatever_the_number_of_clients(http, db, trainer, make_client):
    def add(n: int) -> None:
        for _ in range(n):
            client = make_client(trainer)
            db.session.add_all(
                [
                    WeighIn(client_id=client.id, date=date.today(), weight_kg=70.0),
                    Workout(client_id=client.id, date=date.today()),
                    Plan(client_id=client.id, week_start=date.today() - timedelta(days=date.today().weekday())),
                ]
            )
        db.session.commit()

    add(5)
    with_five = _roster_queries(http, db)
    add(195)
    assert _roster_queries(http, db) == with_five
