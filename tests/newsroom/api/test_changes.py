"""The change feed: what partners fetch again or take down, in order, with a cursor."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.http import public_cache
from newsroom.models import Change, Story
from people.models import Person
from tests.factories import make_person, make_show, make_story

pytestmark = pytest.mark.django_db


def read_feed(client, since=None, **params):
    query = {"since": since, **params} if since else params
    response = client.get("/api/v1/changes/", query)
    assert response.status_code == 200, response.content
    return response.json()


def entries(page):
    return [(e["resource"], e["id"], e["action"]) for e in page["results"]]


def pass_time(minutes):
    """As if `minutes` went by: every stored time moves back instead, and the publication
    generation, which would have ended at the scheduled time, ends now."""
    delta = timedelta(minutes=minutes)
    for story in Story.objects.exclude(publish_at=None):
        Story.objects.filter(pk=story.pk).update(
            publish_at=story.publish_at - delta,
            first_published_at=story.first_published_at - delta,
        )
    for change in Change.objects.all():
        Change.objects.filter(pk=change.pk).update(visible_at=change.visible_at - delta)
    public_cache.content_changed()


def test_feed_lists_created_updated_corrected_and_withdrawn_stories_in_order(client):
    story = make_story()
    story.publish()  # an edit of a public story
    story.correct("The date was wrong.")
    story.unpublish()

    page = read_feed(client)
    assert entries(page) == [
        ("story", story.pk, "created"),
        ("story", story.pk, "updated"),
        ("story", story.pk, "corrected"),
        ("story", story.pk, "withdrawn"),
    ]
    tombstone = page["results"][-1]
    assert tombstone["tombstone"] is True
    assert tombstone["url"] == f"https://newsroom.example/api/v1/stories/{story.pk}/"
    assert client.get(tombstone["url"]).status_code == 404
    assert [e["tombstone"] for e in page["results"][:3]] == [False, False, False]


def test_drafts_never_enter_the_feed(client):
    draft = make_story(published=False)
    draft.headline = "Still a draft"
    draft.save()
    draft.unpublish(status=Story.Status.IN_REVIEW)
    assert read_feed(client)["results"] == []


def test_a_scheduled_story_enters_the_feed_only_when_its_time_comes(client):
    story = make_story(published=False)
    story.publish(at=timezone.now() + timedelta(minutes=5))
    page = read_feed(client)
    assert page["results"] == []

    pass_time(minutes=6)
    later = read_feed(client, since=page["since"])
    assert entries(later) == [("story", story.pk, "created")]


def test_a_rescheduled_or_withdrawn_scheduled_story_never_surfaces_at_its_old_time(client):
    moved = make_story(published=False)
    moved.publish(at=timezone.now() + timedelta(minutes=5))
    moved.publish(at=timezone.now() + timedelta(minutes=30))
    dropped = make_story(published=False)
    dropped.publish(at=timezone.now() + timedelta(minutes=5))
    dropped.unpublish(status=Story.Status.DRAFT)

    pass_time(minutes=10)
    assert read_feed(client)["results"] == []
    pass_time(minutes=30)
    assert entries(read_feed(client)) == [("story", moved.pk, "created")]


def test_the_cursor_continues_after_the_last_entry_and_is_kept_when_nothing_is_new(client):
    stories = [make_story() for _ in range(3)]
    first = read_feed(client, page_size=2)
    assert first["has_more"] is True
    assert [e["id"] for e in first["results"]] == [stories[0].pk, stories[1].pk]

    second = client.get(first["next"]).json()
    assert [e["id"] for e in second["results"]] == [stories[2].pk]
    assert second["has_more"] is False

    idle = read_feed(client, since=second["since"])
    assert idle["results"] == [] and idle["since"] == second["since"]
    newer = make_story()
    assert [e["id"] for e in read_feed(client, since=idle["since"])["results"]] == [newer.pk]


def test_shows_and_people_report_changes_once_committed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        show = make_show("Tidewater")
        person = make_person("Cal Crew")
        person.bio = "Writer."
        person.save()
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.get(pk=person.pk).delete()

    page = read_feed(client)
    assert entries(page) == [
        ("show", show.pk, "created"),
        ("person", person.pk, "created"),
        ("person", person.pk, "updated"),
        ("person", person.pk, "deleted"),
    ]
    assert page["results"][-1]["tombstone"] is True


def test_the_feed_filters_by_resource(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_show()
    story = make_story()
    assert entries(read_feed(client, resource="story")) == [("story", story.pk, "created")]


@pytest.mark.parametrize("since", ["yesterday", "1-", "999999999999999999-1", "1-1%00"])
def test_a_bad_cursor_is_400(client, since):
    response = client.get(f"/api/v1/changes/?since={since}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["since"]
