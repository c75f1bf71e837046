"""In real Chromium: a trainer reviews next week's draft, edits a load and publishes it; on Monday the
client sees it on their home, starts the session, logs it from the pre-filled form and sees it ticked."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from trainer import clock
from trainer.services import plans

from .pages import DESKTOP, PHONE, at_phone_width, horizontal_overflow, log_in

FRIDAY_EVENING = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)  # next week's drafts exist in London
MONDAY_MORNING = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def set_clock(monkeypatch):
    """Move the app's clock (the live server runs in this process, so it sees the change)."""

    def set_to(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)

    return set_to


def test_a_trainer_reviews_and_publishes_and_the_client_logs_the_planned_session(
    live_app, page: Page, new_context, session, make_trainer, make_client, set_clock, screenshot, console_errors
):
    trainer = make_trainer(name="Robin Coach", email="robin@example.com")
    client = make_client(
        trainer, with_login=True, name="Sam Lee", experience="intermediate", equipment="dumbbells", unit="kg"
    )
    set_clock(FRIDAY_EVENING)
    plans.create_weekly_plans(session, now=FRIDAY_EVENING)

    # The trainer finds next week's draft in "Plans to review" and opens it.
    console_errors(page)
    page.set_viewport_size(DESKTOP)
    log_in(page, live_app.url, trainer.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plans to review").click()
    expect(page.get_by_role("heading", name="Plans to review")).to_be_visible()
    expect(page.get_by_text("Untouched: publishes itself on Monday")).to_be_visible()
    screenshot(page, "review-list")
    at_phone_width(page, screenshot, "review-list")
    page.get_by_role("link", name="Review Sam Lee's plan").click()
    expect(page.get_by_role("heading", name="Week of Mon 30 Nov 2026")).to_be_visible()
    expect(page.get_by_role("heading", name="What changed since last week")).to_be_visible()
    screenshot(page, "editor-draft")
    at_phone_width(page, screenshot, "editor-draft")

    # The trainer sets Monday's goblet squat to 20 kg in every session.
    page.get_by_role("link", name="Edit Goblet squat on Mon 30 Nov").click()
    expect(page.get_by_role("heading", name="Edit Goblet squat")).to_be_visible()
    page.get_by_label("Load (kg)").fill("2000")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Load (kg): must be between 0 and 1000 kg")).to_be_visible()
    screenshot(page, "item-form-error")
    at_phone_width(page, screenshot, "item-form-error")
    page.get_by_label("Load (kg)").fill("20")
    page.get_by_label("Note for the client (optional)").fill("Hold the dumbbell close to your chest.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved Goblet squat for every session. The plan stays a draft")).to_be_visible()
    squat = page.locator(".plan-item", has_text="Goblet squat").first
    expect(squat).to_contain_text("20 kg")
    expect(squat).to_contain_text("Set by your trainer")
    screenshot(page, "editor-edited")

    # ... and publishes it.
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published. Sam Lee now sees the plan for the week of Mon 30 Nov 2026.")).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    screenshot(page, "editor-published")
    at_phone_width(page, screenshot, "editor-published")

    # On Monday morning the client sees the week on their phone, Monday highlighted.
    set_clock(MONDAY_MORNING)
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    console_errors(phone)
    log_in(phone, live_app.url, client.user.email)
    expect(phone.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    today = phone.locator(".plan-day.is-today")
    expect(today).to_contain_text("Mon 30 Nov")
    expect(today).to_contain_text("Goblet squat")
    expect(today).to_contain_text("20 kg")
    expect(today).to_contain_text("Hold the dumbbell close to your chest.")
    expect(phone.get_by_text("0 of 3 sessions done")).to_be_visible()
    screenshot(phone, "client-home-phone")
    assert horizontal_overflow(phone) <= 0

    # "Start this session" opens the workout log pre-filled from the plan; the client logs it.
    today.get_by_role("link", name="Start this session").click()
    expect(phone.get_by_role("heading", name="Log a workout")).to_be_visible()
    first = phone.locator("[data-set-row]").first
    expect(first.locator("select")).to_have_value(re.compile(r"\d+"))
    expect(first.get_by_label(re.compile("^Reps"))).to_have_value("8")
    screenshot(phone, "workout-prefilled-phone")
    assert horizontal_overflow(phone) <= 0
    phone.get_by_role("button", name="Save workout").click()
    expect(phone.get_by_text(re.compile(r"Workout of Mon 30 Nov 2026 saved"))).to_be_visible()

    # Back on the home page, Monday's session is ticked and has no start button any more.
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="My week").click()
    monday = phone.locator(".plan-day", has_text="Mon 30 Nov")
    expect(monday).to_have_class(re.compile(r"\bis-done\b"))
    expect(monday.get_by_text("Done")).to_be_visible()
    expect(monday.get_by_role("link", name="Start this session")).to_have_count(0)
    expect(phone.get_by_text("1 of 3 sessions done")).to_be_visible()
    screenshot(phone, "client-home-ticked-phone")
    phone.set_viewport_size(DESKTOP)
    screenshot(phone, "client-home-ticked-desktop")

    # The trainer sees the tick on the client's plans page too.
    page.goto(f"{live_app.url}/clients/{client.id}/plans")
    expect(page.locator(".plan-day.is-done")).to_contain_text("Mon 30 Nov")
    screenshot(page, "client-plans")
    at_phone_width(page, screenshot, "client-plans")

    assert [e for e in console_errors.errors if "status of 422" not in e] == []
