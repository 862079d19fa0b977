"""Browser tests: Playwright driving Debian's Chromium against a live citybridge server.

Chromium comes from the system (`apt-get install chromium`, done by .ci/run), never downloaded by
Playwright. Without it the tests skip on a developer's machine, and fail in CI (CI=true), so a
broken CI set-up cannot pass by skipping them. Each test writes screenshots of the pages it visits
to artefacts/screenshots/ (CITYBRIDGE_ARTEFACTS overrides the folder).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARTEFACTS = Path(os.environ.get("CITYBRIDGE_ARTEFACTS", Path(__file__).resolve().parents[3] / "artefacts"))
PHONE = {"width": 390, "height": 844}  # an ordinary phone, portrait
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CITYBRIDGE_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Chromium is missing: apt-get install chromium (the CI script installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # synchronous and safe, so Django's guard against ORM calls inside an event loop is lifted.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def screenshot():
    """screenshot(page, "participant-form-uz-cyrl") -> the PNG's path under artefacts/screenshots."""
    folder = ARTEFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def signed_in(browser, transactional_db, live_server, people):
    """signed_in("organiser", viewport) -> a page logged in through the login form."""
    from tests.web.conftest import PASSWORD

    contexts = []

    def open_as(role: str, viewport: dict = DESKTOP):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", people[role].username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    yield open_as
    for context in contexts:
        context.close()
