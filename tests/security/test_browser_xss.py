"""In a real headless Chromium, with Content-Security-Policy off: an editor opens the admin
pages and a reader the public pages that show a world of payloads. Payloads call alert(),
prompt() or confirm(), or set a global flag; no dialog opens and the flag stays unset, also
after the admin's scripts (the prose editor, autocompletes) have run over the stored texts."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from tests.security import corpus, world
from tests.security.executable import executables

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FLAG_SETTERS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 1">',
    '<svg onload="window.__xss = 1"></svg>',
    '"><img src=x onerror=window.__xss=1>',
    "'><svg/onload=window.__xss=1>",
    "</textarea><script>window.__xss = 1</script>",
    "</title><script>window.__xss = 1</script>",
    "</script><script>window.__xss = 1</script>",
    '<iframe srcdoc="<script>parent.__xss = 1</script>"></iframe>',
    '<a href="javascript:window.__xss=1" id=xss-link>x</a>',
    "<details open ontoggle=window.__xss=1>",
    '<p style="animation-name:x" onanimationstart="window.__xss=1">x</p>',
]
# Dialog-calling payloads from the corpus that would run if printed raw.
CORPUS_PAYLOADS = 24


def browser_payloads():
    dialogs = [
        p
        for p in corpus.sample()
        if any(call in p for call in ("alert(", "prompt(", "confirm("))
        and executables(f"<div>{p}</div>", fragment=True)
    ]
    return FLAG_SETTERS + dialogs[:CORPUS_PAYLOADS]


@pytest.fixture
def payload_site(live_server, settings):
    """A world of payloads and an editor's session, made before Playwright starts."""
    settings.SECURE_CSP = {}
    settings.SECURE_CSP_REPORT_ONLY = {}
    editor = User.objects.create_user("eddie", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    built = world.build(browser_payloads(), number=1, by=editor)
    client = Client()
    client.force_login(editor)
    story, show, person = built.story, built.show, built.person
    first, second = built.revisions
    change = f"/admin/newsroom/story/{story.pk}"
    pages = {
        "reader": [
            story.get_absolute_url(),
            show.get_absolute_url(),
            person.get_absolute_url(),
            f"/search/?q={built.marker}",
        ],
        "editor": [
            f"{change}/change/",
            f"/admin/newsroom/story/?q={built.marker}",
            f"{change}/history/",
            f"{change}/history/compare/?older={first.pk}&newer={second.pk}",
            f"/admin/shows/show/{show.pk}/change/",
            f"/admin/people/person/{person.pk}/change/",
            f"/admin/newsroom/quote/?q={built.marker}",
        ],
    }
    return live_server.url, client.cookies["sessionid"].value, pages


def visit(browser, site, urls, session=None):
    # Whatever Content-Security-Policy the site sends, the browser ignores it here.
    context = browser.new_context(bypass_csp=True)
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": site}])
    page = context.new_page()
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    ran = []
    for url in urls:
        page.goto(site + url, wait_until="load")
        page.wait_for_timeout(300)
        if page.evaluate("() => window.__xss !== undefined"):
            ran.append(url)
    context.close()
    return dialogs, ran


def test_the_check_sees_a_payload_that_runs(chromium):
    """The control: the same listener and flag catch a page that does run a payload."""
    page = chromium.new_context(bypass_csp=True).new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content('<img src=x onerror="window.__xss = 1"><svg onload="alert(7)"></svg>')
    page.wait_for_timeout(300)

    assert page.evaluate("() => window.__xss") == 1
    assert dialogs == ["7"]


def test_no_payload_opens_a_dialog_or_sets_the_flag(payload_site, chromium):
    site, session, pages = payload_site
    reader = visit(chromium, site, pages["reader"])
    editor = visit(chromium, site, pages["editor"], session=session)

    assert reader == ([], [])
    assert editor == ([], [])
