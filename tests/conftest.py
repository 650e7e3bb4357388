import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import make_user_in


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes uploads to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# Not the test client's host (testserver): a test can tell an address made from SITE_URL from
# one made from the request's Host header.
SITE_URL = "https://newsroom.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    """Every test writes addresses on one known origin, whatever the environment's SITE_URL."""
    settings.SITE_URL = SITE_URL
    return SITE_URL


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


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Without these, Chromium keeps calling home over a network the test machines do not have.
QUIET_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium(monkeypatch):
    """Debian's headless Chromium under Playwright. Request it after the fixtures that fill the
    database: with Playwright's event loop running, Django would open a second connection for
    this thread and leave it open."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: .ci/run installs it.")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.1 s a password by design; tests make hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
