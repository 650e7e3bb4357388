"""Every uploaded image is re-encoded; anything else is refused with a form message."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from people.models import Person
from tests.admin_forms import form_data
from tests.factories import make_user_in

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/people/person/add/"


@pytest.fixture
def editor_client(client):
    client.force_login(make_user_in("Editors"))
    return client


def image_bytes(image_format, size=(60, 40), **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, image_format, **save)
    return buffer.getvalue()


def upload(editor_client, name, content):
    data = form_data(editor_client.get(ADD_URL)) | {"name": "Ada Reyes", "slug": "ada-reyes"}
    data["headshot"] = SimpleUploadedFile(name, content)
    return editor_client.post(ADD_URL, data)


def test_a_photo_is_stored_re_encoded_without_its_exif(editor_client, media_root):
    exif = Image.Exif()
    exif[0x010F] = "Camera of a source who must stay anonymous"
    exif[0x0112] = 6  # rotated: the stored image must come out upright
    response = upload(editor_client, "ada.jpg", image_bytes("JPEG", exif=exif.tobytes()))

    assert response.status_code == 302
    stored = Image.open(Person.objects.get().headshot.path)
    assert stored.format == "JPEG"
    assert stored.size == (40, 60)
    assert not stored.getexif()


def test_trailing_script_in_a_polyglot_does_not_survive(editor_client, media_root):
    polyglot = image_bytes("GIF") + b"<script>alert(document.cookie)</script>"
    assert upload(editor_client, "ada.gif", polyglot).status_code == 302
    stored = Person.objects.get().headshot
    assert b"<script" not in stored.read()
    assert stored.name.endswith(".gif")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "logo.png",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
            "This file is not an image we can read.",
        ),
        ("notes.jpg", b"just some text", "This file is not an image we can read."),
        ("scan.bmp", image_bytes("BMP"), "Upload a JPEG, PNG, WebP or GIF image."),
        ("bomb.png", image_bytes("PNG", size=(10_000, 5_000)), "more than 40 million pixels"),
        ("huge.jpg", image_bytes("JPEG") + bytes(21 * 1024 * 1024), "larger than 20 MB"),
    ],
    ids=["svg", "text", "bmp", "decompression-bomb", "over-20-mb"],
)
def test_refused_uploads_get_a_form_message_and_save_nothing(
    editor_client, media_root, name, content, message
):
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists()
    assert not list(media_root.rglob("*.*"))
