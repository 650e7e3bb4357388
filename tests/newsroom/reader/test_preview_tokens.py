"""A shared preview link whose token is signed with our key but carries something other than the
link's id and expiry is a 404, never a 500: whatever the signed payload, nothing past the
signature trusts its shape."""

import base64
import zlib

import pytest
from django.core import signing

from newsroom.models import PreviewLink
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def signed(payload):
    return signing.Signer(salt=PreviewLink.SALT).sign_object(payload)


def signed_raw(text):
    """A payload as sign_object() would write it, but of any bytes: compressed or not."""
    return signing.Signer(salt=PreviewLink.SALT).sign(text)


@pytest.fixture
def link():
    return PreviewLink.lasting(1, story=make_story("Secret renewal", published=False))


def bad_payloads(link):
    expires = int(link.expires_at.timestamp())
    return {
        "a string id": signed([str(link.pk), expires]),
        "a word for an id": signed(["x", expires]),
        "a fraction for an id": signed([link.pk + 0.5, expires]),
        "an id past 64 bits": signed([2**70, expires]),
        "a negative id": signed([-1, expires]),
        "no id": signed([None, expires]),
        "a list for an id": signed([[link.pk], expires]),
        "an object for an id": signed([{"pk": link.pk}, expires]),
        "true for an id": signed([True, expires]),
        "infinity for an id": signed_raw(
            base64.urlsafe_b64encode(b"[Infinity,1]").decode().rstrip("=")
        ),
        "not a number for an expiry": signed([link.pk, float("nan")]),
        "a string for an expiry": signed([link.pk, str(expires)]),
        "three items": signed([link.pk, expires, 1]),
        "one item": signed([link.pk]),
        "a two-letter string": signed("ab"),
        "an object": signed({"pk": link.pk, "expires": expires}),
        "a number": signed(link.pk),
        "null": signed(None),
        "not JSON": signed_raw(base64.urlsafe_b64encode(b"{oops").decode().rstrip("=")),
        "not base64": signed_raw("!!!"),
        "compressed garbage": signed_raw(
            "." + base64.urlsafe_b64encode(b"not zlib").decode().rstrip("=")
        ),
        "compressed, not JSON": signed_raw(
            "." + base64.urlsafe_b64encode(zlib.compress(b"\xff\xfe")).decode().rstrip("=")
        ),
        "nested a thousand deep": signed_raw(
            base64.urlsafe_b64encode(b"[" * 1000 + b"]" * 1000).decode().rstrip("=")
        ),
    }


def test_a_signed_token_with_a_bad_payload_is_404(client, link):
    client.raise_request_exception = False  # answer as the server would: a 500 must show
    for name, token in bad_payloads(link).items():
        response = client.get(f"/preview/{token}/")
        assert response.status_code == 404, name
        assert "This preview link is not valid." in response.content.decode(), name
        assert PreviewLink.from_token(token) is None, name


def test_the_links_own_token_still_opens_it(client, link):
    assert PreviewLink.from_token(link.token) == link
    assert client.get(link.get_absolute_url()).status_code == 200
