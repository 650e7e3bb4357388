"""A reader in a real headless Chromium: the seed story, then a quote's speaker."""

import pytest
from django.core.management import call_command

from tests.conftest import ARTIFACTS

# Serialized rollback keeps the data migrations' rows (the editorial groups) for the browser tests
# that follow: a plain transactional test would flush them away.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def seeded_site(live_server):
    # Before Playwright starts: with its event loop running, Django would open a second
    # connection for this thread and leave it open.
    call_command("load_seeds", verbosity=0)
    return live_server.url


@pytest.fixture
def browser_page(seeded_site, chromium):
    return chromium.new_page(viewport={"width": 1200, "height": 900})


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
