"""Story states change only through the workflow actions on the change form, by the right people."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, transaction
from django.test import Client
from django.utils import timezone

from newsroom.models import AuditEntry, Block, Correction, Story
from shows.models import StatusEvent
from tests.admin_forms import form_data
from tests.factories import make_season, make_show, make_story

pytestmark = pytest.mark.django_db


def act(client, story, action, **data):
    return client.post(f"/admin/newsroom/story/{story.pk}/act/{action}/", data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def renewal(writer):
    show = make_show("Night Desk")
    season = make_season(show, number=2)
    return make_story(
        "Night Desk renewed",
        published=False,
        kind="renewal",
        show=show,
        season=season,
        created_by=writer,
    )


def test_change_form_offers_the_actions_each_role_may_take(writer_client, editor_client, renewal):
    url = f"/admin/newsroom/story/{renewal.pk}/change/"
    writer_page = writer_client.get(url).content.decode()
    editor_page = editor_client.get(url).content.decode()

    assert "Submit for review" in writer_page
    assert "Publish now" not in writer_page
    assert "Schedule" not in writer_page
    for label in ("Submit for review", "Publish now", "Schedule", 'type="datetime-local"'):
        assert label in editor_page
    assert "Unpublish" not in editor_page


def test_writer_submits_and_editor_publishes_recording_the_declared_status(
    writer_client, editor_client, renewal, editor
):
    response = act(writer_client, renewal, "submit")
    assert "Submitted for review" in " ".join(messages_of(response))
    renewal.refresh_from_db()
    assert renewal.status == Story.Status.IN_REVIEW
    assert StatusEvent.objects.count() == 0

    response = act(editor_client, renewal, "publish")

    renewal.refresh_from_db()
    assert renewal.status == Story.Status.PUBLISHED
    assert renewal.first_published_at is not None
    event = StatusEvent.objects.get()
    assert (event.status, event.report.story) == ("renewed", renewal)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.story) == ("published", editor, renewal)
    assert "Unpublish" in response.content.decode()


def test_writer_cannot_publish_by_posting_the_action(writer_client, renewal):
    response = writer_client.post(f"/admin/newsroom/story/{renewal.pk}/act/publish/")
    assert response.status_code == 403
    renewal.refresh_from_db()
    assert renewal.status == Story.Status.DRAFT
    assert not AuditEntry.objects.exists()


def test_publishing_an_incomplete_story_is_refused_with_reasons_and_changes_nothing(
    editor_client, editor
):
    story = Story.objects.create(headline="Half done", slug="half-done", kind="renewal")
    before = Story.objects.values().get(pk=story.pk)

    response = act(editor_client, story, "publish")

    said = messages_of(response)
    assert "Write the body: a story needs at least one block." in said
    assert "Choose the show: a renewal story records the show's status." in said
    assert "Choose the season the show is renewed for." in said
    assert Story.objects.values().get(pk=story.pk) == before
    assert not story.revisions.exists()
    assert not AuditEntry.objects.exists()


def test_submitting_an_incomplete_draft_works_and_says_what_is_missing(writer_client, writer):
    story = Story.objects.create(
        headline="Idea", slug="idea", kind="cancellation", created_by=writer
    )
    said = messages_of(act(writer_client, story, "submit"))
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert (
        "Before an editor can publish it: Choose the show: a cancellation story records the "
        "show's status." in said
    )


def test_scheduled_story_appears_on_every_public_surface_at_its_time(
    editor_client, renewal, settings
):
    # The clock is moved by editing the publish time, which the page cache cannot see;
    # test_public_cache proves cached pages show a scheduled story on time.
    settings.PUBLIC_CACHE_ENABLED = False
    at = timezone.localtime() + timedelta(hours=2)
    act(editor_client, renewal, "schedule", publish_at=at.strftime("%Y-%m-%dT%H:%M"))
    renewal.refresh_from_db()
    assert renewal.status == Story.Status.SCHEDULED
    assert AuditEntry.objects.get().action == "scheduled"
    surfaces = [
        "/",
        renewal.get_absolute_url(),
        "/feeds/rss/",
        "/feeds/atom/",
        "/sitemap-stories.xml",
    ]
    assert all(renewal.get_absolute_url() not in page(surface) for surface in surfaces)
    assert Client().get(renewal.get_absolute_url()).status_code == 404

    # Time passes: the clock moves past the publish time; no job runs.
    Story.objects.filter(pk=renewal.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1),
        first_published_at=timezone.now() - timedelta(seconds=1),
    )

    assert all(renewal.get_absolute_url() in page(surface) for surface in surfaces)
    assert Client().get(renewal.get_absolute_url()).status_code == 200


def page(url):
    """What an anonymous reader gets at `url`."""
    return Client().get(url).content.decode()


def test_scheduling_in_the_past_is_refused(editor_client, renewal):
    past = timezone.localtime() - timedelta(hours=1)
    said = messages_of(
        act(editor_client, renewal, "schedule", publish_at=past.strftime("%Y-%m-%dT%H:%M"))
    )
    assert "Choose a time in the future to schedule, or publish now." in said
    renewal.refresh_from_db()
    assert renewal.status == Story.Status.DRAFT


def test_unscheduling_a_story_that_never_went_out_forgets_its_times(editor_client, renewal):
    renewal.publish(at=timezone.now() + timedelta(hours=1))
    act(editor_client, renewal, "unschedule")
    renewal.refresh_from_db()
    assert (renewal.status, renewal.publish_at, renewal.first_published_at) == ("draft", None, None)
    assert AuditEntry.objects.get().action == "unscheduled"


def test_unpublish_keeps_the_first_published_time_and_hides_the_story(editor_client, renewal):
    renewal.publish()
    first = renewal.first_published_at
    act(editor_client, renewal, "unpublish")
    renewal.refresh_from_db()
    assert renewal.status == Story.Status.UNPUBLISHED
    assert renewal.first_published_at == first
    assert editor_client.get(renewal.get_absolute_url()).status_code == 404
    act(editor_client, renewal, "publish")
    renewal.refresh_from_db()
    assert renewal.first_published_at == first


def test_status_field_is_not_editable_on_the_change_form(editor_client, renewal):
    url = f"/admin/newsroom/story/{renewal.pk}/change/"
    data = form_data(editor_client.get(url))
    assert "status" not in data
    data |= {"status": "published", "publish_at_0": "2020-01-01", "publish_at_1": "00:00"}
    assert editor_client.post(url, data).status_code == 302
    renewal.refresh_from_db()
    assert (renewal.status, renewal.publish_at) == ("draft", None)


def test_editor_adds_a_correction_shown_on_the_page_and_never_editable(
    editor_client, editor, renewal
):
    renewal.publish()
    url = f"/admin/newsroom/story/{renewal.pk}/correct/"
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, {"kind": "correction", "text": "Season 2, not 3."})
    assert response.status_code == 302

    note = Correction.objects.get()
    assert (note.noted_by, note.kind) == (editor, "correction")
    assert "Season 2, not 3." in page(renewal.get_absolute_url())
    assert AuditEntry.objects.get().action == "corrected"
    change = editor_client.get(f"/admin/newsroom/story/{renewal.pk}/change/").content.decode()
    assert 'name="corrections-0-text"' not in change
    assert "Season 2, not 3." in change


def test_corrections_are_refused_before_first_publication(editor_client, renewal):
    response = editor_client.post(
        f"/admin/newsroom/story/{renewal.pk}/correct/", {"kind": "update", "text": "x"}
    )
    assert response.status_code == 302
    assert not Correction.objects.exists()


def test_the_database_refuses_to_rewrite_a_correction(renewal):
    renewal.publish()
    note = Correction.objects.create(story=renewal, text="First wording.")
    with pytest.raises(DatabaseError), transaction.atomic():
        Correction.objects.filter(pk=note.pk).update(text="Quietly reworded.")
    note.refresh_from_db()
    assert note.text == "First wording."


def test_deleting_a_story_is_in_the_audit_log_with_its_content(editor_client, editor):
    story = make_story("Doomed", published=False)
    Block.objects.filter(story=story).update(body="<p>Last words.</p>")
    response = editor_client.post(f"/admin/newsroom/story/{story.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.story) == ("deleted", editor, None)
    assert entry.details["snapshot"]["blocks"][0]["body"] == "<p>Last words.</p>"
