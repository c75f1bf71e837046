"""In real Chromium: a client logs a weigh-in and a workout and finds them in their history."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from trainer import clock

from .pages import DESKTOP, PHONE, at_phone_width, horizontal_overflow, log_in


def unexpected(errors: list[str]) -> list[str]:
    """Console errors other than Chromium's note of the 422 that answers an invalid form (by design)."""
    return [e for e in errors if "status of 422" not in e]


def set_row(page: Page, n: int):
    """The n-th row (from 1) of the sets table."""
    return page.locator("[data-set-row]").nth(n - 1)


def test_a_client_logs_a_weigh_in_and_a_workout_and_sees_them_in_history(
    live_app, page: Page, make_trainer, make_client, screenshot, console_errors
):
    trainer = make_trainer(name="Robin Coach")
    client = make_client(trainer, with_login=True, name="Sam Client", timezone="Europe/London", unit="kg")
    today = clock.today_in("Europe/London")
    console_errors(page)
    page.set_viewport_size(DESKTOP)
    log_in(page, live_app.url, client.user.email)
    expect(page.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    screenshot(page, "home")

    # A weigh-in: the date starts on today; a typo is caught and named; then it is saved.
    page.get_by_role("link", name="Log a weigh-in").click()
    expect(page.get_by_label("Date")).to_have_value(today.isoformat())
    page.get_by_label("Weight (kg)").fill("725")
    page.get_by_role("button", name="Save weigh-in").click()
    expect(page.get_by_text("Weight (kg): must be between 20 and 400 kg.")).to_be_visible()
    screenshot(page, "weigh-in-error")
    at_phone_width(page, screenshot, "weigh-in-error")
    page.get_by_label("Weight (kg)").fill("72.5")
    page.get_by_role("button", name="Save weigh-in").click()
    expect(page.get_by_text(re.compile(r"Weigh-in saved: 72\.5 kg on"))).to_be_visible()
    expect(page.get_by_role("cell", name="72.5 kg")).to_be_visible()
    screenshot(page, "weigh-ins")
    at_phone_width(page, screenshot, "weigh-ins")

    # A workout: the empty history invites the first one.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workouts").click()
    expect(page.get_by_text("No workouts yet — log your first one")).to_be_visible()
    screenshot(page, "workouts-empty")
    page.get_by_role("link", name="Log a workout").first.click()
    expect(page.get_by_role("heading", name="Log a workout")).to_be_visible()
    expect(page.locator("[data-set-row]")).to_have_count(1)  # with JavaScript, one row and an "Add" button

    add = page.get_by_role("button", name="+ Add another set")
    set_row(page, 1).get_by_label("Exercise").select_option(label="Goblet squat")
    set_row(page, 1).get_by_label("Reps").fill("10")
    set_row(page, 1).get_by_label("Load (kg)").fill("16")
    add.click()  # a copy of the set above
    add.click()
    set_row(page, 3).get_by_label("Reps").fill("8")
    set_row(page, 3).get_by_label("RPE").fill("9")
    add.click()
    set_row(page, 4).get_by_label("Exercise").select_option(label="Push-up")
    set_row(page, 4).get_by_label("Reps").fill("12")
    set_row(page, 4).get_by_label("Load (kg)").fill("")
    add.click()
    add.click()
    expect(page.locator("[data-set-row]")).to_have_count(6)
    set_row(page, 6).get_by_role("button", name="Remove set 6").click()
    expect(page.locator("[data-set-row]")).to_have_count(5)
    expect(set_row(page, 5).get_by_label("Exercise")).to_have_value(
        set_row(page, 4).get_by_label("Exercise").input_value()
    )
    screenshot(page, "workout-filled")
    at_phone_width(page, screenshot, "workout-filled")
    page.get_by_role("button", name="Save workout").click()

    expect(page.get_by_text(re.compile(r"Workout of .* saved: 5 sets of 2 exercises\."))).to_be_visible()
    expect(page.get_by_role("heading", name="This week")).to_be_visible()
    expect(page.get_by_text("Goblet squat: 2 x 10 @ 16 kg, 1 x 8 @ 16 kg, RPE 9")).to_be_visible()
    expect(page.get_by_text("Push-up: 2 x 12")).to_be_visible()
    screenshot(page, "workouts")
    at_phone_width(page, screenshot, "workouts")

    # Editing shows the sets again, the copy of a row keeps its exercise, and a set can go.
    page.get_by_role("link", name=re.compile("Edit")).first.click()
    expect(page.locator("[data-set-row]")).to_have_count(5)
    screenshot(page, "workout-edit")
    set_row(page, 2).get_by_role("button", name="Remove set 2").click()
    page.get_by_role("button", name="Save workout").click()
    expect(page.get_by_text("Goblet squat: 1 x 10 @ 16 kg, 1 x 8 @ 16 kg, RPE 9")).to_be_visible()
    assert unexpected(console_errors.errors) == []


def test_without_javascript_the_workout_form_offers_blank_rows(
    live_app, new_context, make_trainer, make_client, screenshot, console_errors
):
    trainer = make_trainer(name="Robin Coach")
    client = make_client(trainer, with_login=True, name="Lee Pounds", unit="lb")
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    log_in(page, live_app.url, client.user.email)
    page.goto(f"{live_app.url}/clients/{client.id}/workouts/new")
    expect(page.locator("[data-set-row]")).to_have_count(8)
    expect(page.get_by_role("button", name="+ Add another set")).to_be_hidden()
    set_row(page, 1).get_by_label("Exercise").select_option(label="Dumbbell biceps curl")
    set_row(page, 1).get_by_label("Reps").fill("12")
    set_row(page, 1).get_by_label("Load (lb)").fill("25")
    set_row(page, 2).get_by_label("Exercise").select_option(label="Dumbbell biceps curl")
    set_row(page, 2).get_by_label("Reps").fill("120")
    page.get_by_role("button", name="Save workout").click()
    expect(page.get_by_text("Set 2 — Reps: must be a whole number from 1 to 100.")).to_be_visible()
    screenshot(page, "workout-error")
    assert horizontal_overflow(page) <= 0
    set_row(page, 2).get_by_label("Reps").fill("10")
    set_row(page, 2).get_by_label("Load (lb)").fill("25")
    page.get_by_role("button", name="Save workout").click()
    expect(page.get_by_text("Dumbbell biceps curl: 1 x 12 @ 25 lb, 1 x 10 @ 25 lb")).to_be_visible()
    screenshot(page, "workouts")


def test_a_trainer_logs_a_weigh_in_on_a_clients_behalf(
    live_app, page: Page, make_trainer, make_client, screenshot, console_errors
):
    trainer = make_trainer(name="Robin Coach")
    client = make_client(trainer, with_login=True, name="Sam Client", unit="lb")
    console_errors(page)
    page.set_viewport_size(DESKTOP)
    log_in(page, live_app.url, trainer.email)
    page.goto(f"{live_app.url}/clients/{client.id}")
    logbook = page.get_by_role("region", name="Logbook")
    screenshot(page, "client-detail")
    logbook.get_by_role("link", name="Log a weigh-in").click()
    expect(page.get_by_text("You are logging for Sam Client.")).to_be_visible()
    page.get_by_label("Weight (lb)").fill("160.5")
    screenshot(page, "weigh-in-filled")
    page.get_by_role("button", name="Save weigh-in").click()
    expect(page.get_by_text("logged by Robin Coach")).to_be_visible()
    screenshot(page, "weigh-ins")
    at_phone_width(page, screenshot, "weigh-ins")
    assert unexpected(console_errors.errors) == []
