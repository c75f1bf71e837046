"""Helpers the browser tests share: signing in and checking a page at phone width."""

from __future__ import annotations

from conftest import PASSWORD
from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than its viewport (0 when nothing sticks out)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def at_phone_width(page: Page, screenshot, name: str) -> None:
    """Keep a 390 px wide screenshot of the page and check that nothing sticks out sideways."""
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-phone")
    assert horizontal_overflow(page) <= 0, f"{name} is wider than a 390 px phone screen"
    page.set_viewport_size(size or DESKTOP)


def log_in(page: Page, base_url: str, email: str) -> None:
    """Sign in through the login form with the test password."""
    page.goto(f"{base_url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
