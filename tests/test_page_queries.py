"""Reader pages cost the same number of queries for a small show as for a big one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import Block, StoryPerson
from shows.models import Franchise
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


def build_world(size):
    """A show with `size` cast and crew credits and quotes, in a story that uses them all."""
    franchise = Franchise.objects.create(name=f"Universe {size}", slug=f"universe-{size}")
    network = make_company(f"Network {size}")
    studio = make_company(f"Studio {size}", kind="studio")
    show = make_show(f"Show {size}", network=network, franchise=franchise)
    make_show(f"Spinoff {size}", spinoff_of=show, franchise=franchise, network=network)
    seasons = [make_season(show, number) for number in (1, 2)]
    star = make_person(f"Star {size}")
    for index in range(size):
        credit = make_cast_credit(show, person=star if index == 0 else None, character=f"C{index}")
        credit.seasons.set(seasons[: index % 3])
        make_crew_credit(show, company=studio, person=star if index == 0 else None)
    story = make_story(f"Story {size}", show=show, season=seasons[1], kind="renewal")
    for _ in range(size):
        quote = make_quote(speakers=[(star, "Lead", studio), make_person()], show=show)
        add_block(story, Block.Kind.QUOTE, quote=quote)
        StoryPerson.objects.create(story=story, person=make_person())
    add_block(story, Block.Kind.CAST_LIST)
    add_block(story, Block.Kind.CREDITS, season=seasons[1])
    chosen = add_block(story, Block.Kind.CAST_LIST)
    chosen.choose_credits(list(show.credits.cast()))
    return {
        "story": story.get_absolute_url(),
        "show": show.get_absolute_url(),
        "season": seasons[1].get_absolute_url(),
        "person": star.get_absolute_url(),
        "company": studio.get_absolute_url(),
        "franchise": franchise.get_absolute_url(),
        "home": "/",
    }


@pytest.mark.parametrize(
    "page", ["story", "show", "season", "person", "company", "franchise", "home"]
)
def test_page_query_count_is_constant(client, page, django_assert_max_num_queries):
    small = build_world(2)[page]
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(small).status_code == 200

    large = build_world(25)[page]
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        response = client.get(large)
    assert response.status_code == 200
