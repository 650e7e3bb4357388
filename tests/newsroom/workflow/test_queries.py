"""The schedule and a story's history cost the same number of queries for 5 rows as for 60."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.workflow import revisions
from tests.factories import make_season, make_show, make_story, make_user_in

pytestmark = pytest.mark.django_db


def schedule_stories(count, author):
    for index in range(count):
        show = make_show()
        story = make_story(show=show, season=make_season(show), created_by=author, published=False)
        story.publish(at=timezone.now() + timedelta(hours=index + 1))


def test_schedule_lists_upcoming_stories_by_day_in_constant_queries(
    editor_client, editor, django_assert_max_num_queries
):
    schedule_stories(5, editor)
    with CaptureQueriesContext(connection) as small:
        response = editor_client.get("/admin/newsroom/story/schedule/")
    assert sum(len(stories) for _, stories in response.context["days"]) == 5

    schedule_stories(55, editor)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = editor_client.get("/admin/newsroom/story/schedule/")
    assert sum(len(stories) for _, stories in response.context["days"]) == 60
    assert "eddie-editor" in response.content.decode()


def test_history_lists_revisions_in_constant_queries(editor_client, django_assert_max_num_queries):
    story = make_story()
    users = [make_user_in("Writers") for _ in range(3)]

    def save(count):
        for index in range(count):
            revisions.record(story=story, by=users[index % 3], note="Saved")

    save(5)
    url = f"/admin/newsroom/story/{story.pk}/history/"
    with CaptureQueriesContext(connection) as small:
        editor_client.get(url)
    save(55)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = editor_client.get(url)
    assert response.content.decode().count('name="older"') == 60
