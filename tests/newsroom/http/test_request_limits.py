"""A 50 MB POST is refused with a 413 before its body is read: no 500, nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom.models import Story
from people.models import Person
from tests.admin_forms import form_data
from tests.factories import make_person, make_story

pytestmark = pytest.mark.django_db

FIFTY_MB = 50 * 1024 * 1024


def huge_file(name="huge.jpg"):
    return SimpleUploadedFile(name, b"\xff" * FIFTY_MB, "image/jpeg")


def assert_refused(response):
    assert response.status_code == 413
    assert "Request too large" in response.content.decode()


def test_a_50_mb_image_on_the_story_form_is_413_and_saves_nothing(editor_client, media_root):
    story = make_story("Night Desk renewed", published=False)
    url = f"/admin/newsroom/story/{story.pk}/change/"
    data = form_data(editor_client.get(url)) | {"headline": "Changed", "image": huge_file()}

    assert_refused(editor_client.post(url, data))
    story.refresh_from_db()
    assert story.headline == "Night Desk renewed" and not story.image
    assert not media_root.exists() or not any(media_root.rglob("*"))


def test_a_50_mb_headshot_on_the_person_form_is_413_and_saves_nothing(editor_client, media_root):
    person = make_person("Ada Reyes")
    url = f"/admin/people/person/{person.pk}/change/"
    data = form_data(editor_client.get(url)) | {"bio": "Changed.", "headshot": huge_file()}

    assert_refused(editor_client.post(url, data))
    person.refresh_from_db()
    assert person.bio == "" and not person.headshot
    assert not Person.objects.exclude(pk=person.pk).exists()


def test_a_50_mb_text_field_on_an_admin_form_is_413(editor_client):
    response = editor_client.post("/admin/newsroom/story/add/", {"headline": "x" * FIFTY_MB})
    assert_refused(response)
    assert not Story.objects.exists()


@pytest.mark.parametrize("url", ["/", "/search/", "/api/v1/stories/", "/admin/login/"])
def test_a_50_mb_post_to_a_public_url_is_413(client, url):
    client.raise_request_exception = False  # answer as the server would: a 500 must show
    assert_refused(client.post(url, {"file": huge_file()}))


def test_the_api_refuses_a_50_mb_post_with_its_json_error_body(client):
    response = client.post("/api/v1/stories/", {"file": huge_file()})
    assert_refused(response)
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]["detail"][0].startswith("Request too large: 25 MB")


def test_a_story_page_refuses_a_50_mb_post_with_413(client):
    story = make_story("Night Desk renewed")
    client.raise_request_exception = False
    assert_refused(client.post(story.get_absolute_url(), {"file": huge_file()}))


def test_an_image_over_20_mb_but_within_the_request_limit_is_a_form_message(
    editor_client, media_root
):
    person = make_person("Ada Reyes")
    url = f"/admin/people/person/{person.pk}/change/"
    big = SimpleUploadedFile("big.jpg", b"\xff" * (21 * 1024 * 1024), "image/jpeg")
    response = editor_client.post(url, form_data(editor_client.get(url)) | {"headshot": big})

    assert response.status_code == 200
    assert "The image is larger than 20 MB." in response.content.decode()
    person.refresh_from_db()
    assert not person.headshot
