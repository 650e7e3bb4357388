"""Content-Security-Policy on every HTML response: a fresh nonce, and nothing inline without it.

Reader pages and the API docs are cached and revalidated, so their bodies never carry the nonce
(a stored nonce would go stale on a cache hit or a 304); the admin, which is never stored, puts
it on its scripts, styles and import map."""

import base64
import hashlib
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from newsroom.models import PreviewLink, Story
from newsroom.workflow import revisions
from tests.factories import make_story
from tests.newsroom.admin.test_matrix import admin_routes, url_for, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

INGEST_CASES = Path(__file__).parents[2] / "ingest_cases"
STORY_URL = "/stories/ballard-renewed-season-2-prime-video/"
READER_PAGES = [
    "/",
    STORY_URL,
    "/shows/ballard/",
    "/shows/ballard/seasons/2/",
    "/people/lauren-lancaster/",
    "/companies/prime-video/",
    "/franchises/bosch-universe/",
    "/tracker/",
    "/search/?q=ballard",
    "/no-such-page/",
]

NONCE_SOURCE = re.compile(r"^'nonce-([A-Za-z0-9_-]{16,})'$")
NONCE_ATTRIBUTE = re.compile(r'\snonce="([^"]*)"')
OPENING_TAG = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)
# An attribute that runs script or styles an element from the markup: refused by the policy.
INLINE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\s(on[a-z]+|style)\s*=", re.IGNORECASE)


@pytest.fixture
def seeded():
    call_command("load_seeds", verbosity=0)


def directives(response):
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split("; "))}


def strict_nonce(response):
    """The response's nonce, after checking its policy and that its body keeps to it."""
    policy = directives(response)
    (nonce,) = [m.group(1) for v in policy["script-src"] if (m := NONCE_SOURCE.match(v))]
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'", settings.TIPTAP_STYLE_HASH]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]

    html = response.content.decode()
    assert set(NONCE_ATTRIBUTE.findall(html)) <= {nonce}
    for tag, attributes in OPENING_TAG.findall(html):
        allowed = (
            f'nonce="{nonce}"' in attributes
            or (tag == "script" and " src=" in attributes)
            or 'type="application/ld+json"' in attributes  # data, never run
        )
        assert allowed, f"<{tag}{attributes}> runs without the nonce"
    assert not INLINE_ATTRIBUTE.search(html), INLINE_ATTRIBUTE.search(html).group(0)
    return nonce


def is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


@pytest.mark.parametrize("url", READER_PAGES)
def test_reader_pages_carry_a_fresh_nonce_and_no_inline_script(
    client, seeded, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        first = client.get(url)
    assert is_html(first)
    nonce = strict_nonce(first)
    # The body does not depend on the nonce, so the cached copy and a 304 stay valid.
    assert "nonce=" not in first.content.decode()

    with django_assert_max_num_queries(40):
        second = client.get(url)
    assert strict_nonce(second) != nonce


def test_a_cache_hit_gets_a_new_nonce_and_the_same_body_and_etag(
    client, seeded, django_assert_num_queries
):
    first = client.get(STORY_URL)
    with django_assert_num_queries(0):  # served from the page cache
        hit = client.get(STORY_URL)
        revalidated = client.get(STORY_URL, HTTP_IF_NONE_MATCH=first["ETag"])

    assert strict_nonce(hit) != strict_nonce(first)
    assert hit.content == first.content
    assert hit["ETag"] == first["ETag"]
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == first["ETag"]


def test_json_ld_needs_no_nonce_and_still_cannot_close_its_script(client, seeded):
    Story.objects.update(headline="</script><script>alert(1)</script>")
    response = client.get(STORY_URL)
    strict_nonce(response)
    html = response.content.decode()
    assert html.count('<script type="application/ld+json">') == 1
    assert "<script>alert(1)" not in html
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in html


def test_shared_preview_carries_the_policy(client, editor):
    story = make_story("Night Desk renewed", published=False)
    link = PreviewLink.lasting(24, story=story, created_by=editor)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    strict_nonce(response)


@pytest.mark.urls("tests.failing_urls")
@pytest.mark.parametrize(("url", "status"), [("/fails/", 500), ("/database-down/", 503)])
def test_error_pages_carry_the_policy(client, url, status):
    client.raise_request_exception = False  # answer as the server would
    response = client.get(url)
    assert response.status_code == status
    strict_nonce(response)


def test_every_admin_page_carries_a_fresh_nonce_that_its_body_uses(client, world):  # noqa: F811
    admin = User.objects.create_superuser("ada", password="x")
    client.force_login(admin)
    checked = set()
    for name, model, params in admin_routes():
        for url in url_for(name, model, params, world):
            response = client.get(url)
            if response.status_code == 200 and is_html(response):
                strict_nonce(response)
                checked.add(name)
    # The custom story views among them, and Django's own.
    assert {
        "index",
        "newsroom_story_changelist",
        "newsroom_story_change",
        "newsroom_story_history",
        "newsroom_story_preview",
        "newsroom_story_revision_preview",
        "newsroom_story_share",
        "newsroom_story_schedule",
        "newsroom_story_ingest",
        "auth_user_password_change",
    } <= checked


def test_admin_scripts_stylesheets_and_import_map_carry_the_nonce(editor_client):
    story = make_story("Night Desk renewed", published=False)
    url = reverse("admin:newsroom_story_change", args=[story.pk])
    change_form = editor_client.get(url)
    nonce = strict_nonce(change_form)
    html = change_form.content.decode()
    # The prose editor's modules resolve through an inline import map: it must carry the nonce.
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert html.count(f'nonce="{nonce}"') > 10
    assert strict_nonce(editor_client.get(url)) != nonce


def test_revision_diff_and_correction_pages_carry_the_policy(editor, editor_client):
    story = make_story("Night Desk renewed")
    older = revisions.record(story=story, by=editor, note="Saved")
    Story.objects.filter(pk=story.pk).update(headline="Night Desk renewed for season 2")
    newer = revisions.record(story=story, by=editor, note="Saved")

    compare = editor_client.get(
        reverse("admin:newsroom_story_compare", args=[story.pk]),
        {"older": older.pk, "newer": newer.pk},
    )
    assert "<ins>" in compare.content.decode()
    strict_nonce(compare)
    correct = editor_client.get(reverse("admin:newsroom_story_correct", args=[story.pk]))
    assert correct.status_code == 200
    strict_nonce(correct)


def test_the_style_hash_is_that_of_the_prose_editors_own_stylesheet():
    """Tiptap injects one constant stylesheet; an upgrade that changes it must change the hash."""
    editor_js = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    source = editor_js.read_text(encoding="utf-8")
    (stylesheet,) = re.findall(r"`(\.ProseMirror \{\n  position: relative;[^`]*)`", source)
    digest = hashlib.sha256(stylesheet.encode()).digest()
    assert settings.TIPTAP_STYLE_HASH.strip("'") == "sha256-" + base64.b64encode(digest).decode()


def test_ingest_review_carries_the_policy(editor_client):
    release = (INGEST_CASES / "abc-harbor-general-renewal.txt").read_text()
    response = editor_client.post(reverse("admin:newsroom_story_ingest"), {"text": release})
    assert response.status_code == 200
    assert "Create draft" in response.content.decode()
    strict_nonce(response)


def test_login_page_carries_the_policy(client):
    strict_nonce(client.get(reverse("admin:login")))


def test_api_docs_need_no_nonce_so_their_etag_holds(client):
    first = client.get(reverse("api:docs"))
    nonce = strict_nonce(first)
    html = first.content.decode()
    assert "nonce=" not in html
    assert '<div id="swagger-ui">' in html
    (script_url,) = re.findall(r'<script src="([^"]*script=[^"]*)"', html)
    script = client.get(script_url.replace("&amp;", "&"))
    assert script["Content-Type"] == "application/javascript"
    assert "SwaggerUIBundle(" in script.content.decode()

    second = client.get(reverse("api:docs"))
    assert strict_nonce(second) != nonce
    assert second["ETag"] == first["ETag"]
    assert client.get(reverse("api:docs"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_api_json_is_not_given_a_nonce(client):
    response = client.get("/api/v1/shows/")
    assert response["Content-Type"] == "application/json"
    assert "'nonce-" not in response["Content-Security-Policy"]
