"""The seed story as a reader gets it: every fact rendered from records, drafts nowhere."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsroom.models import Correction, Story
from tests.factories import make_story

pytestmark = pytest.mark.django_db

STORY_URL = "/stories/ballard-renewed-season-2-prime-video/"


@pytest.fixture
def seeded():
    call_command("load_seeds", verbosity=0)


def test_seed_story_page_renders_quotes_cast_credits_and_show_box(client, seeded):
    response = client.get(STORY_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>‘Ballard’ renewed for Season 2 at Prime Video</h1>" in html
    assert '<a href="/people/lauren-lancaster/">Lauren Lancaster</a>, <span class="role">' in html
    assert "Head of US SVOD TV Development and Series – Co-Productions, Amazon MGM Studios" in html
    assert (
        '<a href="/people/michael-alaimo/">Michael Alaimo</a>, <span class="role">'
        "Co-showrunner and executive producer</span> and "
        '<a href="/people/kendall-sherwood/">Kendall Sherwood</a>'
    ) in html
    assert '<a href="/people/maggie-q/">Maggie Q</a> as Renée Ballard' in html
    assert 'Harry Bosch <span class="tier">(guest, season 1)</span>' in html
    assert (
        '<a href="/people/theresa-snider/">Theresa Snider</a> for '
        '<a href="/companies/hieronymus-pictures/">Hieronymus Pictures</a>'
    ) in html
    assert "Renewed for season 2" in html
    assert '<a href="/shows/bosch/">Bosch</a>' in html
    assert "Updated" not in html


def test_every_link_on_the_seed_story_page_answers(client, seeded):
    html = client.get(STORY_URL).content.decode()
    links = {part.split('"')[0] for part in html.split('href="/')[1:]}
    assert len(links) > 20
    for link in sorted(links):
        if link.startswith("static/"):
            continue
        assert client.get(f"/{link}").status_code == 200, link


def test_correction_shows_as_an_update(client, seeded):
    story = Story.objects.get()
    Correction.objects.create(story=story, kind="correction", text="Fixed the premiere month.")
    html = client.get(STORY_URL).content.decode()
    assert "Fixed the premiere month." in html
    assert "· Updated <time" in html


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "unpublished"])
def test_unpublished_story_is_a_404_for_readers(client, state):
    story = make_story("Canary headline", published=False)
    if state == "scheduled":
        story.publish(at=timezone.now() + timedelta(hours=2))
    elif state == "unpublished":
        story.publish()
        story.status = Story.Status.UNPUBLISHED
        story.save()
    else:
        story.status = state
        story.save()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Canary headline" not in client.get("/").content.decode()


def test_guessed_slug_is_a_404(client):
    assert client.get("/stories/no-such-story/").status_code == 404
