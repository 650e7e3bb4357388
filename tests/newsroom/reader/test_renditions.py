"""Headshots and key art are served as resized WebP copies with a fallback, made once."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import make_person, make_show, make_story

pytestmark = pytest.mark.django_db


def image_upload(name, size=(1000, 1500), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "teal").save(buffer, "PNG" if mode == "RGBA" else "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue())


def test_headshot_is_served_as_a_picture_with_webp_sizes_and_dimensions(client, media_root):
    person = make_person("Ada Reyes", headshot=image_upload("ada.jpg"))

    html = client.get(person.get_absolute_url()).content.decode()

    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert '<source type="image/webp" srcset="' in picture
    assert "160w" in picture and "640w" in picture and "1000w" in picture
    assert 'width="640" height="960"' in picture
    assert 'alt="Ada Reyes"' in picture
    webp = sorted(path.name for path in media_root.glob("renditions/*/*.webp"))
    assert webp == ["1000.webp", "160.webp", "320.webp", "640.webp"]
    assert len(list(media_root.glob("renditions/*/*.jpeg"))) == 4


def test_renditions_are_made_once_and_reused(client, media_root):
    person = make_person("Ada Reyes", headshot=image_upload("ada.jpg"))
    client.get(person.get_absolute_url())
    made = {path: path.stat().st_mtime_ns for path in media_root.glob("renditions/*/*")}

    cache.clear()
    client.get(person.get_absolute_url())

    assert {path: path.stat().st_mtime_ns for path in media_root.glob("renditions/*/*")} == made


def test_transparent_key_art_falls_back_to_png(client, media_root):
    show = make_show("Night Desk", key_art=image_upload("art.png", (800, 450), "RGBA"))
    html = client.get(show.get_absolute_url()).content.decode()
    assert re.search(r'<img src="[^"]+/640\.png"', html)
    assert 'width="640" height="360"' in html


def test_unreadable_image_renders_no_picture_and_no_error(client, media_root):
    person = make_person("Ada Reyes", headshot=SimpleUploadedFile("ada.jpg", b"not an image"))
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert "<picture" not in response.content.decode()


def test_story_image_is_shown_with_its_caption_and_description(client, media_root):
    story = make_story(
        "Night Desk renewed",
        image=image_upload("night.jpg", (1600, 900)),
        image_alt="The cast on set",
        image_caption="The cast on set in Vancouver.",
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'alt="The cast on set"' in html
    assert "<figcaption>The cast on set in Vancouver.</figcaption>" in html
    assert '<source type="image/webp"' in html
