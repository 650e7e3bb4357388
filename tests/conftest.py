import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import make_user_in


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Tests share one real cache (Redis on CI): each starts from an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def writer(db):
    return make_user_in("Writers", username="wendy-writer")


@pytest.fixture
def editor(db):
    return make_user_in("Editors", username="eddie-editor")


def login(user):
    """A separate browser session for `user`: tests with two people need two clients."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def writer_client(writer):
    return login(writer)


@pytest.fixture
def editor_client(editor):
    return login(editor)
