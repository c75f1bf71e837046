"""In real Chromium: a trainer signs up, adds a client, and the client accepts the invitation."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from .pages import DESKTOP, PHONE, at_phone_width, horizontal_overflow

PASSWORD = "correct horse battery staple"
CLIENT_PASSWORD = "a client's own long password"


def test_trainer_signs_up_invites_a_client_who_sets_a_password(
    live_app, page: Page, new_context, screenshot, console_errors
):
    console_errors(page)
    page.set_viewport_size(DESKTOP)

    # The trainer signs up.
    page.goto("/signup")
    expect(page.get_by_role("heading", name="Start as a trainer")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Robin Trainer")
    page.get_by_label("Email").fill("robin@example.com")
    page.get_by_label("Time zone").select_option("Europe/London")
    page.get_by_label("Weight unit").select_option("kg")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    screenshot(page, "signup-filled")
    at_phone_width(page, screenshot, "signup")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("Your trainer account is ready")).to_be_visible()
    screenshot(page, "roster-empty")
    at_phone_width(page, screenshot, "roster")

    # The trainer adds a client with an email, and gets the invitation link.
    page.goto("/clients/new")
    page.get_by_label("Name", exact=True).fill("Sam Client")
    page.get_by_label("Email").fill("sam@example.com")
    page.get_by_label("Sex").select_option(label="Female")
    page.get_by_label("Birth date").fill("1991-04-12")
    page.get_by_label("Height (cm)").fill("168")
    page.get_by_label("Weekly goal").select_option("-1.0")
    page.get_by_label("Coaching started on").fill(date.today().isoformat())
    screenshot(page, "new-client-filled")
    at_phone_width(page, screenshot, "new-client")
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_role("heading", name="Sam Client")).to_be_visible()
    invite_url = page.get_by_label("Invitation link").input_value()
    assert invite_url.startswith(f"{live_app.url}/invite/")
    screenshot(page, "client-detail-with-invitation")
    at_phone_width(page, screenshot, "client-detail")

    # The client opens the link on a phone, in a browser of their own, and sets a password.
    client_page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    console_errors(client_page)
    client_page.goto(invite_url)
    expect(client_page.get_by_role("heading", name="Welcome, Sam Client")).to_be_visible()
    client_page.get_by_label("Password", exact=True).fill(CLIENT_PASSWORD)
    client_page.get_by_label("Confirm password").fill(CLIENT_PASSWORD)
    screenshot(client_page, "invitation-filled-phone")
    assert horizontal_overflow(client_page) <= 0
    client_page.get_by_role("button", name="Set my password").click()

    # ... and lands on their own home page, signed in.
    expect(client_page.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    expect(client_page.get_by_text("Coached by Robin Trainer")).to_be_visible()
    screenshot(client_page, "client-home-phone")
    assert horizontal_overflow(client_page) <= 0

    # The trainer now sees that the client has a login.
    page.reload()
    expect(page.get_by_text("Sam Client logs in as sam@example.com")).to_be_visible()
    screenshot(page, "client-detail-login-active")

    assert console_errors.errors == []

    # The invitation works once: opened again, it answers 410 Gone and says why.
    response = client_page.goto(invite_url)
    assert response is not None and response.status == 410
    expect(client_page.get_by_text("already")).to_be_visible()
    screenshot(client_page, "invitation-used-phone")
