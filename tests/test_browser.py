"""A reader in a real headless Chromium: the seed story, then a quote's speaker."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Without these, Chromium keeps calling home over a network the test machines do not have.
QUIET_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def seeded_site(transactional_db, live_server):
    # Before Playwright starts: with its event loop running, Django would open a second
    # connection for this thread and leave it open.
    call_command("load_seeds", verbosity=0)
    return live_server.url


@pytest.fixture
def browser_page(seeded_site, monkeypatch):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: .ci/run installs it.")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the test touches the database only before.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_CHROMIUM)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        yield page
        browser.close()


def test_reader_opens_the_story_and_follows_a_speaker(seeded_site, browser_page):
    page = browser_page
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed request {request.url}"))

    page.goto(f"{seeded_site}/stories/ballard-renewed-season-2-prime-video/")
    assert page.locator("h1").inner_text() == "‘Ballard’ renewed for Season 2 at Prime Video"
    assert page.locator("blockquote").count() == 3
    page.screenshot(path=ARTIFACTS / "story.png", full_page=True)

    page.get_by_role("link", name="Lauren Lancaster").click()
    page.wait_for_url("**/people/lauren-lancaster/")
    assert page.locator("h1").inner_text() == "Lauren Lancaster"
    assert "Head of US SVOD TV Development" in page.locator("figure.quote").inner_text()
    page.screenshot(path=ARTIFACTS / "person.png", full_page=True)

    assert problems == []
