"""Previews: drafts and revisions on the real story page, and signed links for people without
an account that expire, can be revoked, and are never indexed or cached."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsroom.models import Block, PreviewLink, Story
from tests.factories import make_person, make_quote, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(writer):
    story = make_story("Secret renewal", published=False, created_by=writer, dek="Not yet.")
    quote = make_quote("We are thrilled.", speakers=[make_person("Cleo Hart")])
    Block.objects.create(story=story, kind="quote", quote=quote, position=1)
    return story


def assert_private_preview(response):
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'class="preview-banner"' in html
    assert '<link rel="canonical"' not in html
    return html


def test_writer_previews_a_draft_with_the_story_page_template(writer_client, draft):
    response = writer_client.get(f"/admin/newsroom/story/{draft.pk}/preview/")
    assert response.status_code == 200
    html = assert_private_preview(response)
    assert '<article class="story">' in html  # the reader's story page, not an admin page
    assert "<h1>Secret renewal</h1>" in html
    assert "<blockquote><p>We are thrilled.</p></blockquote>" in html
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_editor_previews_an_old_revision_as_it_was(editor_client, editor, draft):
    from newsroom.workflow import revisions

    old = revisions.record(story=draft, by=editor, note="Saved")
    draft.blocks.filter(kind="paragraph").update(body="<p>New text.</p>")
    Story.objects.filter(pk=draft.pk).update(headline="Renamed since")

    response = editor_client.get(f"/admin/newsroom/story/{draft.pk}/history/{old.pk}/preview/")

    html = assert_private_preview(response)
    assert "<h1>Secret renewal</h1>" in html
    assert "<p>Text.</p>" in html
    assert "New text." not in html
    assert "We are thrilled." in html


def share(client, story, hours=24):
    response = client.post(f"/admin/newsroom/story/{story.pk}/share/", {"hours": hours})
    assert response.status_code == 302
    return PreviewLink.objects.latest("pk")


def test_shared_link_shows_the_draft_to_anyone_privately(writer_client, draft):
    link = share(writer_client, draft)
    page = writer_client.get(f"/admin/newsroom/story/{draft.pk}/share/").content.decode()
    assert link.get_absolute_url() in page

    response = Client().get(link.get_absolute_url())

    assert response.status_code == 200
    html = assert_private_preview(response)
    assert "<h1>Secret renewal</h1>" in html
    assert response["Referrer-Policy"] == "no-referrer"


def test_shared_links_never_outlive_48_hours(writer_client, draft):
    link = share(writer_client, draft, hours=48)
    assert link.expires_at - link.created_at == timedelta(hours=48)
    stretched = PreviewLink.lasting(500, story=draft)
    assert stretched.expires_at - stretched.created_at == timedelta(hours=48)


def test_revoked_link_says_so_with_410(writer_client, draft):
    link = share(writer_client, draft)
    url = link.get_absolute_url()
    response = writer_client.post(f"/admin/newsroom/story/{draft.pk}/share/{link.pk}/revoke/")
    assert response.status_code == 302

    response = Client().get(url)

    assert response.status_code == 410
    assert "This preview link was revoked." in response.content.decode()
    assert "Secret renewal" not in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_link_expires_when_its_time_passes(draft, monkeypatch):
    link = PreviewLink.lasting(1, story=draft)
    url = link.get_absolute_url()
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = Client().get(url)
    assert response.status_code == 410
    assert "This preview link has expired." in response.content.decode()


@pytest.mark.parametrize("tamper", ["forged", "stretched"])
def test_forged_or_stretched_tokens_are_404(draft, tamper):
    link = PreviewLink.lasting(1, story=draft)
    if tamper == "forged":
        token = link.token[:-3] + "abc"
    else:
        link.expires_at += timedelta(days=30)
        token = link.token
    response = Client().get(f"/preview/{token}/")
    assert response.status_code == 404
    assert "Secret renewal" not in response.content.decode()


def test_writer_cannot_share_another_writers_story(draft):
    from tests.conftest import login
    from tests.factories import make_user_in

    other = login(make_user_in("Writers", username="other-writer"))
    assert other.post(f"/admin/newsroom/story/{draft.pk}/share/", {"hours": 1}).status_code == 403
    assert not PreviewLink.objects.exists()
