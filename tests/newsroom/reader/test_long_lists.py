"""Long reader lists: deep pages of the story list and the tracker's groups stay cheap and small."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import Story
from shows.models import StatusEvent
from tests.factories import make_company, make_season, make_show, make_story

pytestmark = pytest.mark.django_db


def publish_stories(count):
    """`count` public stories, one minute apart, newest first by number."""
    now = timezone.now()
    for number in range(count):
        make_story(f"Story number {number}")
    for number, story in enumerate(Story.objects.order_by("pk")):
        Story.objects.filter(pk=story.pk).update(publish_at=now - timedelta(minutes=number))


def test_a_deep_page_of_the_story_list_costs_what_the_first_does(
    client, settings, django_assert_max_num_queries
):
    settings.PUBLIC_CACHE_ENABLED = False
    publish_stories(65)
    pages = {}
    for page in ("1", "4", "last"):
        with django_assert_max_num_queries(6) as queries:
            response = client.get("/", {"page": page})
        assert response.status_code == 200
        pages[page] = (len(queries.captured_queries), response.content.decode())
    assert pages["1"][0] == pages["4"][0] == pages["last"][0]
    # Newest first: page 1 starts with story 0, page 4 (61–80) holds the oldest five.
    assert "Story number 0<" in pages["1"][1]
    assert "Story number 19<" in pages["1"][1]
    assert "Story number 20<" not in pages["1"][1]
    assert "Story number 60<" in pages["4"][1]
    assert "Story number 64<" in pages["4"][1]
    assert "Page 4 of 4" in pages["last"][1]


@pytest.mark.parametrize("page", ["5", "0", "-1", "two", "99999999999999999999", "1.5"])
def test_a_story_list_page_that_does_not_exist_is_a_404(client, page):
    publish_stories(25)
    assert client.get("/", {"page": page}).status_code == 404


def awaiting_show(title, network, days):
    show = make_show(title, network=network)
    premiere = timezone.localdate() - timedelta(days=days)
    make_season(show, 1, premiere_date=premiere, premiere_precision="day")
    return show


def test_the_tracker_lists_the_first_of_each_group_and_links_to_all_of_it(
    client, django_assert_max_num_queries
):
    network = make_company("Northstar")
    for number in range(30):
        awaiting_show(f"Waiting show {number:02}", network, days=10 + number)
    with django_assert_max_num_queries(6):
        html = client.get("/tracker/").content.decode()
    awaiting = html.split('id="awaiting-heading"')[1].split("</section>")[0]
    assert "(30)" in awaiting
    # Longest wait first: the 25 shows waiting longest, not the five most recent premieres.
    assert "Waiting show 29" in awaiting
    assert "Waiting show 05" in awaiting
    assert "Waiting show 04" not in awaiting
    assert 'href="?group=awaiting">All 30 shows: awaiting decision</a>' in awaiting

    whole = client.get("/tracker/", {"group": "awaiting"}).content.decode()
    assert "Waiting show 04" in whole
    assert "Waiting show 00" in whole
    assert 'id="renewed-heading"' not in whole


def test_a_tracker_group_is_paginated_and_decided_shows_come_newest_first(client):
    today = timezone.localdate()
    for number in range(105):
        show = make_show(f"Renewed show {number:03}")
        StatusEvent.objects.create(
            show=show, status="renewed", occurred_on=today - timedelta(days=number)
        )
    first = client.get("/tracker/", {"group": "renewed"}).content.decode()
    assert first.index("Renewed show 000") < first.index("Renewed show 001")
    assert "Renewed show 100" not in first
    assert "Page 1 of 2" in first
    second = client.get("/tracker/", {"group": "renewed", "page": "2"}).content.decode()
    assert "Renewed show 104" in second
    assert "Renewed show 000" not in second


@pytest.mark.parametrize(
    "query", [{"group": "nonsense"}, {"group": "renewed", "page": "3"}, {"page": "0"}]
)
def test_an_unknown_tracker_group_or_page_is_a_404(client, query):
    make_show("Lonely show")
    assert client.get("/tracker/", query).status_code == 404
