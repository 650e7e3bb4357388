"""Admin changelists cost the same number of queries for 5 rows as for 60."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import AuditEntry
from tests.factories import (
    make_cast_credit,
    make_company,
    make_crew_credit,
    make_person,
    make_quote,
    make_season,
    make_show,
    make_story,
    make_user_in,
)

pytestmark = pytest.mark.django_db


def add_stories(count):
    network = make_company()
    for _ in range(count):
        show = make_show(network=network)
        make_story(show=show, season=make_season(show), created_by=None)


def add_people(count):
    for _ in range(count):
        make_person()


def add_shows(count):
    network = make_company()
    for _ in range(count):
        show = make_show(network=network)
        make_story(show=show, kind="renewal")


def add_credits(count):
    show = make_show()
    for index in range(count):
        if index % 2:
            make_cast_credit(show, character=f"Character {index}")
        else:
            make_crew_credit(show, company=make_company(kind="production_company"))


def add_quotes(count):
    studio = make_company(kind="studio")
    show = make_show()
    for _ in range(count):
        make_quote(speakers=[(make_person(), "Head", studio), make_person()], show=show)


def add_audit_entries(count):
    actor = make_user_in("Editors")
    for _ in range(count):
        story = make_story()
        AuditEntry.objects.record(actor=actor, action="published", subject=story, story=story)


CHANGELISTS = {
    "/admin/newsroom/story/": add_stories,
    "/admin/people/person/": add_people,
    "/admin/shows/show/": add_shows,
    "/admin/shows/credit/": add_credits,
    "/admin/newsroom/quote/": add_quotes,
    "/admin/newsroom/auditentry/": add_audit_entries,
}


@pytest.mark.parametrize("url", CHANGELISTS)
def test_changelist_query_count_does_not_grow_with_rows(client, url, django_assert_max_num_queries):
    client.force_login(make_user_in("Editors"))
    CHANGELISTS[url](5)
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 5

    CHANGELISTS[url](55)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["cl"].result_count == 60
    assert len(response.context["cl"].result_list) == 60
