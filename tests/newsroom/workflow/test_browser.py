"""In a real headless Chromium: a writer writes and submits, an editor publishes, a reader reads."""

import pytest
from django.contrib.auth.models import Group, User

from people.models import Person
from tests.conftest import ARTIFACTS

PASSWORD = "correct horse battery staple"


# Serialized rollback brings back the Writers and Editors groups that the migrations made, which
# an earlier transactional test's flush removed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def desk(live_server):
    # All database work before Playwright starts (see tests/newsroom/reader/test_browser.py).
    for username, group in (("wendy", "Writers"), ("eddie", "Editors")):
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    Person.objects.create(name="Cleo Hart", slug="cleo-hart")
    return live_server.url


def log_in(browser, site, username):
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    submit(page, "input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
    return page


def submit(page, selector):
    """Clicks once the page is quiet: the live server shares one SQLite connection between its
    threads, so an autocomplete request still running beside the POST would break it."""
    page.wait_for_load_state("networkidle")
    page.click(selector)
    page.wait_for_load_state("networkidle")


def pick(page, select_id, search):
    """Chooses in an admin autocomplete (Select2) by typing, as a person does."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", search)
    page.click(f".select2-results__option:has-text('{search}')")
    page.wait_for_load_state("networkidle")


def test_writer_submits_editor_publishes_reader_reads(desk, chromium):
    browser = chromium
    site = desk
    writer = log_in(browser, site, "wendy")

    writer.goto(f"{site}/admin/newsroom/quote/add/")
    writer.fill("#id_text", "We could not be happier to keep the lights on.")
    pick(writer, "id_speakers-0-person", "Cleo Hart")
    writer.fill("#id_speakers-0-title", "Co-showrunner")
    submit(writer, "input[name=_save]")
    writer.wait_for_url(f"{site}/admin/newsroom/quote/")

    writer.goto(f"{site}/admin/newsroom/story/add/")
    writer.fill("#id_headline", "Night Desk renewed for a second season")
    writer.click("#blocks-group .add-row a")
    writer.locator("#blocks-0 .ProseMirror").click()
    writer.keyboard.type("Northstar has renewed Night Desk.")
    writer.click("#blocks-group .add-row a")
    writer.select_option("#id_blocks-1-kind", "quote")
    writer.fill("#id_blocks-1-position", "1")
    pick(writer, "id_blocks-1-quote", "Cleo Hart")
    writer.screenshot(path=ARTIFACTS / "workflow-writer-form.png", full_page=True)
    submit(writer, "input[name=_continue]")
    writer.wait_for_selector("text=Submit for review")
    submit(writer, "button:has-text('Submit for review')")
    writer.wait_for_selector(".messagelist >> text=Submitted for review")
    assert "In review" in writer.locator("#workflow h2").inner_text()
    assert writer.locator("button:has-text('Publish now')").count() == 0
    writer.screenshot(path=ARTIFACTS / "workflow-writer-submitted.png", full_page=True)

    editor = log_in(browser, site, "eddie")
    editor.goto(f"{site}/admin/newsroom/story/?status__exact=in_review")
    editor.click("text=Night Desk renewed for a second season")
    submit(editor, "button:has-text('Publish now')")
    editor.wait_for_selector(".messagelist >> text=Published")
    editor.screenshot(path=ARTIFACTS / "workflow-editor-published.png", full_page=True)

    reader = browser.new_context().new_page()
    reader.goto(f"{site}/")
    reader.click("text=Night Desk renewed for a second season")
    assert reader.locator("h1").inner_text() == "Night Desk renewed for a second season"
    assert "Northstar has renewed Night Desk." in reader.locator("article").inner_text()
    quote = reader.locator("figure.quote").inner_text()
    assert "We could not be happier to keep the lights on." in quote
    assert "Cleo Hart, Co-showrunner" in quote
    reader.screenshot(path=ARTIFACTS / "workflow-reader.png", full_page=True)
