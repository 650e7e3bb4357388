"""Writers write, editors decide: rights enforced on the server, not only hidden in the page."""

import pytest

from newsroom.models import Block, Quote, Story
from people.models import Person
from tests.admin_forms import form_data
from tests.conftest import login
from tests.factories import make_person, make_quote, make_story, make_user_in

pytestmark = pytest.mark.django_db


def change_url(story):
    return f"/admin/newsroom/story/{story.pk}/change/"


def test_writer_creates_a_story_as_its_author_whatever_they_post(writer_client, writer, editor):
    url = "/admin/newsroom/story/add/"
    data = form_data(writer_client.get(url)) | {
        "headline": "Pilot ordered",
        "slug": "pilot-ordered",
        "kind": "news",
        "status": "published",
        "publish_at_0": "2020-01-01",
        "publish_at_1": "09:00",
        "created_by": editor.pk,
        "first_published_at_0": "2020-01-01",
    }
    assert writer_client.post(url, data).status_code == 302
    story = Story.objects.get(slug="pilot-ordered")
    assert (story.status, story.publish_at, story.first_published_at) == ("draft", None, None)
    assert story.created_by == writer


def test_writer_edits_own_draft_but_forbidden_fields_change_nothing(writer_client, writer):
    story = make_story("Own draft", published=False, created_by=writer)
    data = form_data(writer_client.get(change_url(story))) | {
        "headline": "Own draft, improved",
        "status": "published",
        "publish_at_0": "2020-01-01",
        "publish_at_1": "09:00",
        "created_by": "",
    }
    assert writer_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.status, story.publish_at) == (
        "Own draft, improved",
        "draft",
        None,
    )
    assert story.created_by == writer


def test_writer_sees_another_writers_story_read_only_and_cannot_post(writer_client):
    other = make_user_in("Writers", username="other-writer")
    story = make_story("Theirs", published=False, created_by=other)
    page = writer_client.get(change_url(story))
    assert page.status_code == 200
    assert 'name="headline"' not in page.content.decode()
    data = form_data(login(other).get(change_url(story))) | {"headline": "Hijacked"}

    assert writer_client.post(change_url(story), data).status_code == 403

    story.refresh_from_db()
    assert story.headline == "Theirs"


def test_writer_cannot_edit_own_story_once_published_or_delete_it(writer_client, writer):
    story = make_story("Out", created_by=writer)
    data = form_data(login(make_user_in("Editors")).get(change_url(story)))
    assert writer_client.post(change_url(story), data | {"headline": "x"}).status_code == 403
    response = writer_client.post(f"/admin/newsroom/story/{story.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Story.objects.get(pk=story.pk).headline == "Out"


def test_writer_cannot_remove_blocks_from_someone_elses_story(writer_client):
    other = make_user_in("Writers", username="other-writer")
    story = make_story("Theirs", published=False, created_by=other)
    data = form_data(login(other).get(change_url(story)))
    data["blocks-0-DELETE"] = "on"
    assert writer_client.post(change_url(story), data).status_code == 403
    assert Block.objects.filter(story=story).count() == 1


def test_writer_bulk_delete_is_not_offered_and_deletes_nothing(writer_client, writer):
    story = make_story("Own", published=False, created_by=writer)
    changelist = writer_client.get("/admin/newsroom/story/").content.decode()
    assert "delete_selected" not in changelist
    response = writer_client.post(
        "/admin/newsroom/story/",
        {"action": "delete_selected", "_selected_action": [story.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert Story.objects.filter(pk=story.pk).exists()


def test_writer_adds_people_and_quotes_but_cannot_delete_them(writer_client):
    response = writer_client.post(
        "/admin/people/person/add/", {"name": "New Face", "slug": "new-face"}
    )
    assert response.status_code == 302
    person = Person.objects.get(slug="new-face")
    assert (
        writer_client.post(f"/admin/people/person/{person.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    quote = make_quote(speakers=[person])
    assert (
        writer_client.post(f"/admin/newsroom/quote/{quote.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert (
        Person.objects.filter(pk=person.pk).exists() and Quote.objects.filter(pk=quote.pk).exists()
    )


def test_a_quote_in_a_published_story_is_verbatim_for_writers(writer_client, editor_client):
    quote = make_quote("Exact words.", speakers=[make_person()])
    Block.objects.create(story=make_story(), kind="quote", quote=quote, position=1)
    url = f"/admin/newsroom/quote/{quote.pk}/change/"
    data = form_data(editor_client.get(url)) | {"text": "Improved words."}

    assert writer_client.post(url, data).status_code == 403
    assert editor_client.post(url, data).status_code == 302
    quote.refresh_from_db()
    assert quote.text == "Improved words."


def test_changelist_filter_shows_the_writer_their_own_stories(writer_client, writer):
    make_story("Mine", published=False, created_by=writer)
    make_story("Not mine", published=False)
    page = writer_client.get("/admin/newsroom/story/?author=me")
    assert [story.headline for story in page.context["cl"].result_list] == ["Mine"]
