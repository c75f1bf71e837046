"""The account settings page: preferences and a password change."""

from __future__ import annotations

from conftest import PASSWORD


def test_a_trainer_changes_name_time_zone_and_unit(http, session, make_trainer, login_as):
    trainer = make_trainer()
    login_as(trainer)
    assert "Account settings" in http.get("/account").get_data(as_text=True)
    response = http.post("/account", data={"name": "Sam Coach", "timezone": "America/Chicago", "unit": "lb"})
    assert response.status_code == 302
    session.refresh(trainer)
    assert (trainer.name, trainer.timezone, trainer.unit) == ("Sam Coach", "America/Chicago", "lb")
    assert "Your settings were saved." in http.get("/account").get_data(as_text=True)


def test_a_clients_preferences_follow_onto_their_coaching_profile(http, session, make_trainer, make_client, login_as):
    client = make_client(make_trainer(), with_login=True)
    login_as(client.user)
    http.post("/account", data={"name": "Ana B", "timezone": "Asia/Tokyo", "unit": "lb"})
    session.refresh(client)
    assert (client.name, client.timezone, client.unit) == ("Ana B", "Asia/Tokyo", "lb")


def test_an_unknown_time_zone_is_refused_with_its_rule(http, session, make_trainer, login_as):
    trainer = make_trainer()
    login_as(trainer)
    response = http.post("/account", data={"name": "X", "timezone": "Mars/Base", "unit": "kg"})
    assert response.status_code == 422
    assert "Time zone: unknown time zone" in response.get_data(as_text=True)
    session.refresh(trainer)
    assert trainer.timezone != "Mars/Base"


def test_changing_the_password_keeps_this_session_and_ends_others(app, http, make_trainer, login_as):
    trainer = make_trainer()
    login_as(trainer)
    other = app.test_client()
    assert other.post("/login", data={"email": trainer.email, "password": PASSWORD}).status_code == 302
    new = "a much longer new password"
    response = http.post("/account/password", data={"current_password": PASSWORD, "password": new, "confirm": new})
    assert response.status_code == 302
    assert http.get("/clients").status_code == 200
    assert other.get("/clients").status_code == 302  # sent to the login page
    assert http.post("/logout").status_code == 302
    assert http.post("/login", data={"email": trainer.email, "password": new}).status_code == 302


def test_a_wrong_current_password_changes_nothing(http, make_trainer, login_as):
    trainer = make_trainer()
    login_as(trainer)
    new = "a much longer new password"
    response = http.post(
        "/account/password", data={"current_password": "wrong one!!!", "password": new, "confirm": new}
    )
    assert response.status_code == 422
    assert "Current password: is not your current password." in response.get_data(as_text=True)
    http.post("/logout")
    assert http.post("/login", data={"email": trainer.email, "password": PASSWORD}).status_code == 302


def test_a_short_or_mismatched_new_password_is_refused(http, make_trainer, login_as):
    login_as(make_trainer())
    page = http.post(
        "/account/password", data={"current_password": PASSWORD, "password": "short", "confirm": "other"}
    ).get_data(as_text=True)
    assert "New password: must be at least 12 characters." in page
    assert "Confirm new password: must match the new password." in page
