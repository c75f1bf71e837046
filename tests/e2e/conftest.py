"""Browser tests: the test app served on a real port, driven by Debian's Chromium.

- ``live_server`` serves the session's ``app`` (same test database) from a background
  thread on a free port of 127.0.0.1; ``live_app`` turns CSRF on and points external
  URLs at that server for one test, then restores the settings and empties the tables.
- Playwright launches ``/usr/bin/chromium`` (``CHROMIUM_PATH`` to override), never a
  downloaded browser. Without it the tests skip with the reason, unless
  ``REQUIRE_BROWSER=1`` (CI), where they fail.
- ``screenshot`` saves numbered full-page PNGs under ``test-artifacts/<test name>/``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (``-m "not browser"`` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class LiveServer:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[LiveServer]:
    """The test app on a free port of 127.0.0.1, served by a background thread."""
    werkzeug_log = logging.getLogger("werkzeug")
    level = werkzeug_log.level
    werkzeug_log.setLevel(logging.WARNING)  # no line per request in the test output
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer("127.0.0.1", server.server_port)
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    werkzeug_log.setLevel(level)


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Pages open relative to the live server (replaces pytest-playwright's ``--base-url`` fixture)."""
    return live_server.url


@pytest.fixture
def live_app(live_server, app_ctx) -> Iterator[LiveServer]:
    """The live server for one test, with CSRF on and links built for its address."""
    overrides = {"WTF_CSRF_ENABLED": True, "SERVER_NAME": f"{live_server.host}:{live_server.port}"}
    saved = {key: app_ctx.config.get(key) for key in overrides}
    app_ctx.config.update(overrides)
    yield live_server
    app_ctx.config.update(saved)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium (Playwright cannot download browsers here), or skip."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        reason = f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}; REQUIRE_BROWSER=1 requires the browser tests to run")
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "en-GB"}


@pytest.fixture
def screenshot(request) -> Iterator:
    """``screenshot(page, "name")`` saves ``test-artifacts/<test>/<nn>-<name>.png`` and returns the path."""
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    counter = iter(range(1, 1000))

    def take(page, name: str) -> Path:
        path = folder / f"{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    yield take


@pytest.fixture
def console_errors() -> Iterator:
    """``watch(page)`` records the page's console errors and uncaught exceptions in the yielded list."""
    errors: list[str] = []

    def watch(page) -> None:
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))

    watch.errors = errors
    yield watch
