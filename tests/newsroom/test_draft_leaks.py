"""Unpublished stories leak nowhere: a crawl of every public surface finds none of their words."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsroom.models import Block, Story, StoryPerson
from people.models import Person
from shows.models import Season, StatusEvent
from tests.api_helpers import make_key
from tests.factories import make_quote
from tests.search_results import search_results

pytestmark = pytest.mark.django_db

STATES = ["draft", "in_review", "scheduled", "unpublished"]
START_URLS = [
    "/",
    "/tracker/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/robots.txt",
    "/search/?q=ballard",
    "/search/?q=maggie",
]
LINK = re.compile(r"""(?:href|src)="(/[^"]*)"|<loc>https?://[^/<]+(/[^<]*)</loc>""")


def canary_story(state, show, season, speaker):
    """A renewal in `state` whose headline, text, quote and declared status carry its canary."""
    canary = f"CANARY-{state.upper()}"
    story = Story.objects.create(
        headline=f"{canary} headline",
        slug=f"canary-{state.replace('_', '-')}",
        dek=f"{canary} dek",
        kind="renewal",
        show=show,
        season=season,
    )
    Block.objects.create(story=story, kind="paragraph", body=f"<p>{canary} body</p>")
    quote = make_quote(text=f"{canary} quote", speakers=[speaker], show=show)
    Block.objects.create(story=story, kind="quote", quote=quote, position=1)
    StoryPerson.objects.create(story=story, person=speaker)
    if state == "scheduled":
        story.publish(at=timezone.now() + timedelta(hours=3))
    elif state == "unpublished":
        story.publish(at=timezone.now() - timedelta(hours=3))
        story.status = Story.Status.UNPUBLISHED
        story.save()
    else:
        story.status = state
        story.save()
    return story


@pytest.fixture
def canaries():
    call_command("load_seeds", verbosity=0)
    ballard_season_3 = Season.objects.create(show_id=Season.objects.get(number=2).show_id, number=3)
    speaker = Person.objects.get(slug="maggie-q")
    return [
        canary_story(state, ballard_season_3.show, ballard_season_3, speaker) for state in STATES
    ]


def crawl(client):
    """Every public page reachable from the start URLs, with the feeds of what they link."""
    seen, queue, bodies = set(), list(START_URLS), {}
    while queue:
        url = queue.pop()
        if url in seen or url.startswith(("/admin/", "/static/", "/media/")):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        bodies[url] = body
        for match in LINK.finditer(body):
            queue.append((match.group(1) or match.group(2)).replace("&amp;", "&"))
    return bodies


def test_no_public_surface_shows_an_unpublished_story(client, canaries):
    bodies = crawl(client)

    assert len(bodies) > 30
    assert {"/feeds/shows/ballard/rss/", "/feeds/people/maggie-q/atom/"} <= set(bodies)
    assert "/sitemap-stories.xml" in bodies
    leaks = {url for url, body in bodies.items() if "CANARY" in body.upper()}
    assert leaks == set()


@pytest.mark.parametrize("words", ["canary", "canary headline", "CANARY-DRAFT body"])
def test_search_finds_nothing_of_unpublished_stories(client, canaries, words):
    response = client.get("/search/", {"q": words})
    assert response.status_code == 200
    assert "Nothing matches" in response.content.decode()
    assert search_results(client, words)["stories"] == []


def test_unpublished_stories_are_404_at_their_url(client, canaries):
    for story in canaries:
        assert client.get(f"/stories/{story.slug}/").status_code == 404


def test_declared_status_of_an_unpublished_story_stays_private(client, canaries):
    declared = StatusEvent.objects.filter(reported_in__in=canaries)
    assert declared.count() == 2  # the scheduled and the withdrawn renewals
    assert not StatusEvent.objects.published().filter(reported_in__in=canaries).exists()
    assert "season 3" not in client.get("/shows/ballard/").content.decode()


def test_scheduled_story_appears_everywhere_once_its_time_comes(client, canaries):
    scheduled = next(story for story in canaries if story.status == "scheduled")
    # As if its time had come: the story's publish time and its status event's, the same.
    due = timezone.now() - timedelta(seconds=1)
    Story.objects.filter(pk=scheduled.pk).update(publish_at=due)
    StatusEvent.objects.filter(reported_in=scheduled).update(public_from=due)

    assert client.get(f"/stories/{scheduled.slug}/").status_code == 200
    assert "CANARY-SCHEDULED headline" in client.get("/").content.decode()
    assert "CANARY-SCHEDULED headline" in client.get("/feeds/rss/").content.decode()
    assert "Renewed (season 3)" in client.get("/tracker/").content.decode()


API_LISTS = [
    "stories",
    "quotes",
    "changes",
    "shows",
    "seasons",
    "people",
    "companies",
    "franchises",
    "characters",
    "credits",
    "status-events",
]


@pytest.mark.parametrize("keyed", [False, True], ids=["anonymous", "partner"])
def test_no_api_resource_or_filter_shows_an_unpublished_story(client, canaries, keyed):
    headers = make_key("Leak test")[1] if keyed else {}
    show = Season.objects.get(number=3).show
    speaker = Person.objects.get(slug="maggie-q")
    urls = [f"/api/v1/{name}/?page_size=100" for name in API_LISTS]
    urls += [
        f"/api/v1/stories/?show={show.pk}&page_size=100",
        f"/api/v1/stories/?person={speaker.pk}&page_size=100",
        "/api/v1/stories/?q=canary",
        "/api/v1/stories/?kind=renewal&page_size=100",
        f"/api/v1/quotes/?speaker={speaker.pk}&page_size=100",
        "/api/v1/quotes/?q=canary",
        f"/api/v1/status-events/?show={show.pk}",
        f"/api/v1/shows/{show.pk}/",
        f"/api/v1/people/{speaker.pk}/",
        # Filters that name a status or an id: none may reach past published().
        *(f"/api/v1/stories/?status={status}&page_size=100" for status in Story.Status.values),
        *(f"/api/v1/stories/?id={story.pk}&ids={story.pk}" for story in canaries),
        f"/api/v1/stories/?season={Season.objects.get(number=3).pk}&page_size=100",
        "/api/v1/stories/?published_after=2000-01-01T00:00:00Z&page_size=100",
        "/api/v1/stories/?published_before=2999-01-01T00:00:00Z&page_size=100",
        "/api/v1/stories/?updated_since=2000-01-01T00:00:00Z&page_size=100",
        "/api/v1/stories/?ordering=-updated_at&page_size=100",
        "/api/v1/changes/?since=0-0&page_size=100",
        f"/api/v1/status-events/?status=renewed&show={show.pk}",
    ]
    for url in urls:
        response = client.get(url, **headers)
        assert response.status_code == 200, url
        assert "CANARY" not in response.content.decode().upper(), url
    for story in canaries:
        for url in (f"/api/v1/stories/{story.pk}/", f"/api/v1/stories/{story.pk}/ninjs/"):
            assert client.get(url, **headers).status_code == 404, url
    withheld = [
        *(
            f"status-events/{pk}"
            for pk in StatusEvent.objects.filter(reported_in__in=canaries).values_list(
                "pk", flat=True
            )
        ),
        *(
            f"quotes/{pk}"
            for pk in Block.objects.filter(story__in=canaries, quote__isnull=False).values_list(
                "quote", flat=True
            )
        ),
    ]
    assert len(withheld) == 6
    for path in withheld:
        assert client.get(f"/api/v1/{path}/", **headers).status_code == 404, path
