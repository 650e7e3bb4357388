"""“New story from text” in the admin: review first, nothing written before confirmation."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from newsroom.models import Block, Quote, QuoteSpeaker, Story
from people.models import Person
from shows.models import Character, Company, Credit, Season, Show, StatusEvent
from tests.factories import make_user_in

pytestmark = pytest.mark.django_db

URL = "/admin/newsroom/story/ingest/"
SEED_ARTICLE = settings.BASE_DIR.parent / "shared" / "seed" / "ballard-renewal-variety.txt"
STAND_IN = Path(__file__).with_name("ballard_renewal_stand_in.txt")
ARTICLES = [STAND_IN] + ([SEED_ARTICLE] if SEED_ARTICLE.exists() else [])
WRITTEN = [Story, Block, Quote, QuoteSpeaker, Person, Credit, Company, Show, Season, Character]


@pytest.fixture
def seeded():
    call_command("load_seeds", stdout=StringIO())


@pytest.fixture
def editor_client(client):
    client.force_login(make_user_in("Editors"))
    return client


def row_counts():
    return {model.__name__: model.objects.count() for model in WRITTEN}


def read_text(client, text):
    assert client.get(URL).status_code == 200
    return client.post(URL, {"text": text})


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.stem)
def test_reading_an_article_shows_what_links_and_writes_nothing(seeded, editor_client, article):
    before = row_counts()
    response = read_text(editor_client, article.read_text(encoding="utf-8"))
    assert response.status_code == 200
    review = response.context["review"]
    assert review.show.record == Show.objects.get(slug="ballard")
    assert review.network.record == Company.objects.get(slug="prime-video")
    speakers = [link for row in review.quotes for link in row.speakers]
    assert [link.record.slug for link in speakers] == [
        "lauren-lancaster",
        "michael-alaimo",
        "kendall-sherwood",
        "michael-connelly",
    ]
    assert all(not row.person.is_new for row in review.cast + review.credits)
    assert b"Create draft" in response.content
    assert row_counts() == before


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.stem)
def test_confirming_creates_a_draft_linked_to_the_seeded_people(seeded, editor_client, article):
    people_before = Person.objects.count()
    review_page = read_text(editor_client, article.read_text(encoding="utf-8"))
    text = review_page.context["form"].cleaned_data["text"]
    response = editor_client.post(URL, {"text": text, "confirm": "Create draft"})

    story = Story.objects.exclude(slug="ballard-renewed-season-2-prime-video").get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/newsroom/story/{story.pk}/change/"
    assert (story.status, story.kind) == (Story.Status.DRAFT, Story.Kind.RENEWAL)
    assert (story.show.slug, story.season.number) == ("ballard", 2)
    assert not story.is_published
    assert not StatusEvent.objects.filter(reported_in=story).exists()
    assert Person.objects.count() == people_before

    blocks = list(story.blocks.order_by("position"))
    assert [block.kind for block in blocks] == ["quote", "quote", "quote", "cast_list", "credits"]
    speakers = [
        [speaker.person.slug for speaker in block.quote.speakers.all()] for block in blocks[:3]
    ]
    assert speakers == [
        ["lauren-lancaster"],
        ["michael-alaimo", "kendall-sherwood"],
        ["michael-connelly"],
    ]
    lancaster = blocks[0].quote.speakers.get()
    assert lancaster.organization.slug == "amazon-mgm-studios"
    cast = [entry.credit for entry in blocks[3].chosen_credits.all()]
    assert {credit.person.slug for credit in cast} >= {"maggie-q", "titus-welliver"}
    assert all(credit.show.slug == "ballard" for credit in cast[:1])
    maggie = next(credit for credit in cast if credit.person.slug == "maggie-q")
    assert maggie.character.name == "Renée Ballard"
    crew = {
        (entry.credit.person.slug, entry.credit.job) for entry in blocks[4].chosen_credits.all()
    }
    assert ("theresa-snider", "co_executive_producer") in crew
    assert ("michael-connelly", "executive_producer") in crew
    assert ("michael-alaimo", "co_showrunner") in crew or "stand_in" in article.stem


def test_the_story_list_offers_new_story_from_text(editor_client):
    response = editor_client.get("/admin/newsroom/story/")
    assert b"New story from text" in response.content


def test_an_article_about_a_new_show_creates_its_records(editor_client):
    cases = settings.BASE_DIR / "tests" / "ingest_cases"
    text = (cases / "hbo-lantern-keepers-renewal.txt").read_text(encoding="utf-8")
    review_page = read_text(editor_client, text)
    editor_client.post(
        URL, {"text": review_page.context["form"].cleaned_data["text"], "confirm": "1"}
    )

    story = Story.objects.get()
    assert story.show.title == "The Lantern Keepers"
    assert story.show.network.name == "HBO"
    assert story.season.number == 3
    assert Person.objects.filter(name="Imogen Vance").count() == 1
    vance_jobs = set(
        Credit.objects.filter(person__name="Imogen Vance").values_list("job", flat=True)
    )
    assert vance_jobs == {"creator", "showrunner", "executive_producer"}
    assert Character.objects.filter(show=story.show, name="Morag Kerr").exists()
    orlov = QuoteSpeaker.objects.get(person__name="Francesca Orlov")
    assert (orlov.title, orlov.organization.name) == (
        "executive vice president of programming",
        "HBO",
    )


BAD_INPUT = {
    "empty": ({"text": "   \n  "}, "There is no text to ingest"),
    "no quotes": ({"text": "HBO has renewed “Lanterns” for a second season."}, "No quotes found"),
    "binary upload": (
        {"upload": SimpleUploadedFile("release.txt", b"\x89PNG\x00\x00\x01\x02" * 100)},
        "This file is binary",
    ),
    "5 MB upload": (
        {"upload": SimpleUploadedFile("release.txt", b"word " * 1_000_000)},
        "This file is 5.0 MB",
    ),
    "5 MB paste": ({"text": "word " * 1_000_000}, "too large to be one article"),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=str)
def test_bad_input_gets_a_clear_message_and_writes_nothing(seeded, editor_client, case):
    data, message = BAD_INPUT[case]
    before = row_counts()
    response = editor_client.post(URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert row_counts() == before


def test_confirming_bad_input_writes_nothing(editor_client):
    response = editor_client.post(URL, {"text": "", "confirm": "Create draft"})
    assert response.status_code == 200
    assert Story.objects.count() == 0


def test_staff_without_add_story_permission_is_refused(client):
    client.force_login(User.objects.create_user("intern", password="x", is_staff=True))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"text": STAND_IN.read_text(encoding="utf-8")}).status_code == 403
    assert Story.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_writer_who_may_not_add_shows_is_told_so_and_nothing_is_written(client):
    client.force_login(make_user_in("Writers"))
    text = STAND_IN.read_text(encoding="utf-8")
    review_page = read_text(client, text)
    response = client.post(
        URL, {"text": review_page.context["form"].cleaned_data["text"], "confirm": "1"}
    )
    assert "shows.add_show" in response.content.decode()
    assert row_counts()["Story"] == 0
