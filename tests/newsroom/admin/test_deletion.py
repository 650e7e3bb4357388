"""Deleting a fact that published content stands on is refused, with the reason."""

import pytest

from newsroom.models import Block
from people.models import Person
from shows.models import Show
from tests.factories import (
    make_cast_credit,
    make_person,
    make_quote,
    make_show,
    make_story,
    make_user_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_user_in("Editors"))
    return client


def test_deleting_a_quoted_person_is_refused_with_the_reason(editor_client):
    speaker = make_person("Cleo Hart")
    quote = make_quote(text="We are thrilled.", speakers=[speaker])
    Block.objects.create(story=make_story(), kind="quote", quote=quote, position=1)

    response = editor_client.post(f"/admin/people/person/{speaker.pk}/delete/", {"post": "yes"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in html
    assert "Cleo Hart" in html
    assert Person.objects.filter(pk=speaker.pk).exists()


def test_deleting_a_credited_person_in_bulk_is_refused(editor_client):
    actor = make_person("Ada Reyes")
    make_cast_credit(make_show(), person=actor)

    response = editor_client.post(
        "/admin/people/person/",
        {"action": "delete_selected", "_selected_action": [actor.pk], "post": "yes"},
    )

    assert response.status_code == 200
    assert "protected related objects" in response.content.decode()
    assert Person.objects.filter(pk=actor.pk).exists()


def test_deleting_a_show_with_stories_is_refused(editor_client):
    show = make_show("Night Desk")
    make_story("Night Desk renewed", show=show)

    response = editor_client.post(f"/admin/shows/show/{show.pk}/delete/", {"post": "yes"})

    assert response.status_code == 200
    assert "Night Desk renewed" in response.content.decode()
    assert Show.objects.filter(pk=show.pk).exists()


def test_deleting_an_unused_person_works(editor_client):
    person = make_person("Nobody Yet")
    response = editor_client.post(f"/admin/people/person/{person.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_writers_may_add_people_but_not_delete_them(client):
    client.force_login(make_user_in("Writers"))
    person = make_person()
    assert client.get("/admin/people/person/add/").status_code == 200
    response = client.post(f"/admin/people/person/{person.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()
