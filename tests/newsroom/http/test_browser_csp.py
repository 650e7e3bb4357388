"""The Content-Security-Policy in a real headless Chromium: pages work and nothing is refused."""

import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from newsroom.models import Story
from tests.conftest import ARTIFACTS
from tests.newsroom.workflow.test_browser import PASSWORD, submit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STORY_URL = "/stories/ballard-renewed-season-2-prime-video/"
# Runs before any script of every page: keeps each violation the browser reports.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


@pytest.fixture
def site(live_server):
    # All database work before Playwright starts (see tests/newsroom/reader/test_browser.py).
    call_command("load_seeds", verbosity=0)
    User.objects.create_superuser("ada", password=PASSWORD)
    story = Story.objects.get(slug="ballard-renewed-season-2-prime-video")
    return live_server.url, story.pk


@pytest.fixture
def watched(chromium):
    """A page, and the list of what went wrong on it: violations, console errors, failures."""
    page = chromium.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    problems = []
    page.on("console", lambda message: problems.extend(console_error(message)))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    return page, problems


def console_error(message):
    # The admin links no favicon, so Chromium asks for /favicon.ico: a 404 with no policy in it.
    if message.type != "error" or message.location["url"].endswith("/favicon.ico"):
        return []
    return [f"{message.text} at {message.location['url']}"]


def visit(page, url):
    response = page.goto(url)
    assert "'nonce-" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return response


def violations(page):
    return page.evaluate("window.cspViolations")


def test_story_page_runs_nothing_refused_even_when_revalidated(site, watched):
    url, _ = site
    page, problems = watched
    first = visit(page, f"{url}{STORY_URL}")
    assert page.locator("h1").inner_text() == "‘Ballard’ renewed for Season 2 at Prime Video"
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "NewsArticle"
    assert violations(page) == []

    # A reload revalidates: the 304's policy (a new nonce) replaces the one the page came with.
    reload = page.reload()
    assert reload.request.all_headers()["if-none-match"] == first.headers["etag"]
    page.wait_for_load_state("networkidle")
    assert page.locator("blockquote").count() == 3
    assert violations(page) == []
    assert problems == []


def test_admin_prose_editor_changelist_and_share_page_work_under_the_policy(site, watched):
    url, story_id = site
    page, problems = watched
    visit(page, f"{url}/admin/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    submit(page, "input[type=submit]")
    page.wait_for_url(f"{url}/admin/")
    assert violations(page) == []

    visit(page, f"{url}/admin/newsroom/story/{story_id}/change/")
    editor = page.locator("#blocks-0 .ProseMirror")
    assert editor.is_visible()  # the editor's modules loaded through the nonce'd import map
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Typed in the editor under the policy.")
    page.locator("#blocks-0 .prose-menubar").wait_for()
    assert violations(page) == []
    page.screenshot(path=ARTIFACTS / "csp-admin-change-form.png", full_page=True)
    submit(page, "input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert "Typed in the editor under the policy." in editor.inner_text()
    assert violations(page) == []

    visit(page, f"{url}/admin/newsroom/story/?q=Ballard")
    assert page.locator("#result_list tbody tr").count() == 1
    page.locator("#result_list tbody input.action-select").check()  # actions.js at work
    assert page.locator(".action-counter").inner_text().startswith("1 of 1")
    assert violations(page) == []

    visit(page, f"{url}/admin/newsroom/story/{story_id}/share/")
    submit(page, "input[value='Make a preview link']")
    address = page.locator("input.preview-address")
    address.focus()  # share.js selects it whole, ready to copy
    start, end, length = page.evaluate(
        "[document.activeElement.selectionStart, document.activeElement.selectionEnd,"
        " document.activeElement.value.length]"
    )
    assert (start, end) == (0, length) and length > 0
    assert violations(page) == []

    visit(page, f"{url}{STORY_URL}")
    assert "Typed in the editor under the policy." in page.locator("article").inner_text()
    assert problems == []


def test_api_docs_render_the_operations_under_the_policy(site, watched):
    url, _ = site
    page, problems = watched
    visit(page, f"{url}/api/v1/docs/")
    page.locator(".opblock-summary-path", has_text="/api/v1/stories/").first.wait_for()
    assert page.locator(".opblock").count() > 10
    page.screenshot(path=ARTIFACTS / "csp-api-docs.png")
    assert violations(page) == []
    assert problems == []
