"""The public story page is rendered from rows (newsroom/reader/story_page.py), editors'
previews from model instances, through the same templates: both must show a story the same way."""

import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsroom.models import Block, Correction, Story
from shows.models import Credit, Season, StatusEvent
from tests.factories import (
    add_block,
    make_cast_credit,
    make_company,
    make_crew_credit,
    make_quote,
    make_reported_event,
    make_story,
)

pytestmark = pytest.mark.django_db

SEED_STORY = "ballard-renewed-season-2-prime-video"


@pytest.fixture
def story():
    """The seed story, with every kind of block and list the page can show added to it."""
    call_command("load_seeds", verbosity=0)
    story = Story.objects.get(slug=SEED_STORY)
    show = story.show
    season_two = Season.objects.get(show=show, number=2)
    Season.objects.filter(pk=season_two.pk).update(
        premiere_date=date(2026, 7, 1), premiere_precision=Season.Precision.MONTH
    )
    studio = make_company("Hollow Oak Studios", kind="studio")
    limited = make_cast_credit(show, character="Night clerk", tier=Credit.Tier.RECURRING)
    limited.seasons.add(season_two)
    writer = make_crew_credit(show, job=Credit.Job.WRITER, company=studio)
    add_block(story, Block.Kind.CAST_LIST, season=season_two)
    add_block(story, Block.Kind.CREDITS, job=Credit.Job.WRITER)
    chosen = add_block(story, Block.Kind.CREDITS)
    chosen.choose_credits([writer, limited])
    statement = make_quote("We are thrilled.", speakers=[(None, "", studio)])
    add_block(story, Block.Kind.QUOTE, quote=statement)
    add_block(story, Block.Kind.UPDATE_NOTE, body="<p>Adds the premiere month.</p>")
    Correction.objects.create(story=story, kind="update", text="Added the premiere month.")
    # An event reported by a story that is not out yet stays off the show box until it is.
    scheduled = make_story("Ballard ends", published=False, show=show)
    scheduled.publish(at=timezone.now() + timedelta(days=1))
    make_reported_event(scheduled, show=show, status="ending", occurred_on=date(2099, 1, 1))
    return story


def shown(html):
    """The story and its show box, without the preview's banner."""
    article = re.search(r"<article class=\"story\">.*?</article>", html, re.S).group(0)
    box = re.search(r"<aside class=\"show-box\".*?</aside>", html, re.S).group(0)
    return article, box


def test_public_page_shows_what_the_editors_preview_shows(client, admin_client, story):
    public = client.get(f"/stories/{SEED_STORY}/").content.decode()
    preview = admin_client.get(f"/admin/newsroom/story/{story.pk}/preview/").content.decode()
    assert shown(public) == shown(preview)
    article, box = shown(public)
    # What the added blocks and lists must bring, so that an empty page cannot pass.
    assert "Cast of season 2" in article
    assert 'as Night clerk <span class="tier">(recurring, season 2)</span>' in article
    assert "Writer" in article and 'for <a href="/companies/hollow-oak-studios/">' in article
    assert '<a href="/companies/hollow-oak-studios/">Hollow Oak Studios</a></figcaption>' in article
    assert "Added the premiere month." in article and "· Updated <time" in article
    assert "(July 2026)" in box
    assert "Ending" not in box and "Renewed" in box


def test_scheduled_status_event_shows_once_its_story_is_out(client, story):
    # As if its time had come: the story's publish time and its event's, which is the same.
    now = timezone.now()
    Story.objects.filter(slug="ballard-ends").update(publish_at=now)
    StatusEvent.objects.filter(reported_in__slug="ballard-ends").update(public_from=now)
    box = shown(client.get(f"/stories/{SEED_STORY}/").content.decode())[1]
    assert "<dt>Status</dt><dd>Ending" in box


def test_a_story_without_a_show_reads_the_same_both_ways(client, admin_client):
    story = make_story("Desk note on a merger")
    studio = make_company("Merged Studios", kind="studio")
    add_block(
        story, Block.Kind.QUOTE, quote=make_quote("No comment.", speakers=[(None, "", studio)])
    )
    Correction.objects.create(story=story, kind="correction", text="Named the right studio.")
    public = client.get(story.get_absolute_url()).content.decode()
    preview = admin_client.get(f"/admin/newsroom/story/{story.pk}/preview/").content.decode()
    article = re.search(r"<article class=\"story\">.*?</article>", public, re.S).group(0)
    assert article in preview
    assert "Named the right studio." in article and "No comment." in article
    assert 'class="show-box"' not in public
