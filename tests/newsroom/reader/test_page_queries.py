"""Public pages cost the same number of queries for a small show as for a big one, and no more
than their budget: six at most for every reader page, feed and sitemap."""

import pytest
from django.db import connection
from django.template import engines
from django.template.loaders import cached
from django.test.utils import CaptureQueriesContext

from newsroom.models import Block, StoryPerson
from shows.models import Franchise, StatusEvent
from tests.factories import (
    add_block,
    make_cast_credit,
    make_company,
    make_crew_credit,
    make_person,
    make_quote,
    make_season,
    make_show,
    make_story,
)

pytestmark = pytest.mark.django_db


def build_world(label, cast, quotes):
    """A show with `cast` cast and crew credits, and a story quoting `quotes` times."""
    franchise = Franchise.objects.create(name=f"Universe {label}", slug=f"universe-{label}")
    network = make_company(f"Network {label}")
    studio = make_company(f"Studio {label}", kind="studio")
    show = make_show(f"Show {label}", network=network, franchise=franchise)
    make_show(f"Spinoff {label}", spinoff_of=show, franchise=franchise, network=network)
    seasons = [make_season(show, number) for number in (1, 2)]
    star = make_person(f"Star {label}")
    for index in range(cast):
        credit = make_cast_credit(show, person=star if index == 0 else None, character=f"C{index}")
        credit.seasons.set(seasons[: index % 3])
        make_crew_credit(show, company=studio, person=star if index == 0 else None)
    story = make_story(f"Story {label}", show=show, season=seasons[1], kind="renewal")
    make_story(f"Older story {label}", show=show, kind="news")
    for _ in range(quotes):
        quote = make_quote(speakers=[(star, "Lead", studio), make_person()], show=show)
        add_block(story, Block.Kind.QUOTE, quote=quote)
        StoryPerson.objects.create(story=story, person=make_person())
    StoryPerson.objects.create(story=story, person=star)
    add_block(story, Block.Kind.CAST_LIST)
    add_block(story, Block.Kind.CREDITS, season=seasons[1])
    add_block(story, Block.Kind.CAST_LIST).choose_credits(list(show.credits.cast()))
    StatusEvent.objects.create(show=show, status="ordered", occurred_on="2024-01-01")
    return {
        "story": story.get_absolute_url(),
        "show": show.get_absolute_url(),
        "season": seasons[1].get_absolute_url(),
        "person": star.get_absolute_url(),
        "company": studio.get_absolute_url(),
        "franchise": franchise.get_absolute_url(),
        "home": "/",
        "tracker": "/tracker/",
        "tracker of a network": f"/tracker/?network={network.slug}",
        "tracker group": "/tracker/?group=awaiting",
        "search": f"/search/?q=Show+{label}",
        "feed": "/feeds/rss/",
        "atom feed": "/feeds/atom/",
        "show feed": f"/feeds/shows/{show.slug}/rss/",
        "person feed": f"/feeds/people/{star.slug}/atom/",
        "company feed": f"/feeds/companies/{studio.slug}/rss/",
        "sitemap index": "/sitemap.xml",
        "story sitemap": "/sitemap-stories.xml",
        "show sitemap": "/sitemap-shows.xml",
        "people sitemap": "/sitemap-people.xml",
        "news sitemap": "/news-sitemap.xml",
    }


# Each count includes the page cache's one query per publication generation (a new world is a
# new generation); the rest is the page's own reading.
BUDGETS = {
    "story": 5,
    "show": 5,
    "season": 4,
    "person": 5,
    "company": 3,
    "franchise": 3,
    "home": 6,
    "tracker": 6,
    "tracker of a network": 6,
    "tracker group": 6,
    "search": 4,
    "feed": 3,
    "atom feed": 3,
    "show feed": 4,
    "person feed": 4,
    "company feed": 3,
    "sitemap index": 6,
    "story sitemap": 3,
    "show sitemap": 3,
    "people sitemap": 3,
    "news sitemap": 3,
}


@pytest.mark.parametrize("page", BUDGETS)
def test_page_query_count_is_constant_and_within_budget(
    client, page, django_assert_max_num_queries
):
    # The database backend checks its JSON support once per connection, not per page.
    assert connection.features.supports_json_field
    small = build_world("small", cast=2, quotes=1)[page]
    with django_assert_max_num_queries(BUDGETS[page]) as baseline:
        assert client.get(small).status_code == 200

    large = build_world("large", cast=50, quotes=10)[page]
    with CaptureQueriesContext(connection) as measured:
        response = client.get(large)
    assert response.status_code == 200
    assert len(measured.captured_queries) == len(baseline.captured_queries)


def test_templates_are_compiled_once_per_process():
    # Reader pages: Jinja2 keeps each compiled template and, outside DEBUG, never rereads the file.
    reader = engines["jinja2"].env
    assert not reader.auto_reload
    assert reader.get_template("newsroom/story.html") is reader.get_template("newsroom/story.html")
    # The admin's: no `loaders` option, so Django wraps its loaders in the cached loader.
    loader = engines["django"].engine.template_loaders[0]
    assert isinstance(loader, cached.Loader)
    loader.get_template("admin/newsroom/story/change_form.html")
    assert any("change_form.html" in key for key in loader.get_template_cache)
