"""Production (DEBUG=0): HTTPS only with HSTS, secure cookies, nosniff, a referrer policy, the
Content-Security-Policy enforced (or report-only on request), and no browsable API.

newsroom/settings.py reads the environment once, at import, so each test reads production's
values in a fresh interpreter, applies them to this one, and then asks the site."""

import functools
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "news.example.com",
    "SITE_URL": "https://news.example.com",
}
SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "SECURE_CSP",
    "SECURE_CSP_REPORT_ONLY",
]
PASSWORD = "correct horse battery staple"


@functools.cache  # one interpreter per environment, not per test
def production_settings(**env):
    """The security settings as newsroom/settings.py makes them with DEBUG=0 (and `env`)."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def apply(settings, values):
    for name, value in values.items():
        setattr(settings, name, value)


@pytest.fixture
def production(settings):
    apply(settings, production_settings())


def test_production_redirects_to_https_and_sends_hsts(client, production):
    plain = client.get("/robots.txt")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/robots.txt"

    for secure in (
        client.get("/robots.txt", secure=True),
        client.get("/robots.txt", HTTP_X_FORWARDED_PROTO="https"),  # behind the TLS proxy
    ):
        assert secure.status_code == 200
        assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_production_cookies_are_secure_and_the_session_is_out_of_scripts_reach(client, production):
    User.objects.create_superuser("ada", password=PASSWORD)
    login_page = client.get("/admin/login/", secure=True)
    assert login_page.cookies["csrftoken"]["secure"] is True

    logged_in = client.post(
        "/admin/login/?next=/admin/", {"username": "ada", "password": PASSWORD}, secure=True
    )
    assert logged_in.status_code == 302
    session = logged_in.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True


@pytest.mark.parametrize("url", ["/", "/api/v1/shows/", "/admin/login/"])
def test_production_sends_nosniff_referrer_policy_and_no_framing(client, production, url):
    # Twice: reader pages and the API answer the second from their caches, which run before
    # some of the middleware that sets these headers.
    for _ in range(2):
        response = client.get(url, secure=True)
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_stored_reader_page_is_served_before_sessions_and_authentication(client, production):
    client.get("/", secure=True)
    with CaptureQueriesContext(connection) as queries:
        stored = client.get("/", secure=True)
    assert stored.status_code == 200
    assert len(queries) == 0
    assert not hasattr(stored.wsgi_request, "session")
    assert not hasattr(stored.wsgi_request, "user")
    assert "Cookie" not in stored.get("Vary", "")
    assert not stored.cookies


def test_production_serves_no_browsable_api(client, production):
    assert django_settings.DEBUG is False
    assert client.get("/api/v1/shows/", HTTP_ACCEPT="text/html", secure=True).status_code == 406
    browser = client.get("/api/v1/shows/", HTTP_ACCEPT="text/html,*/*;q=0.8", secure=True)
    assert browser["Content-Type"] == "application/json"
    assert client.get("/api/v1/shows/?format=api", secure=True).status_code == 404


def test_production_enforces_the_content_security_policy(client, production):
    response = client.get("/", secure=True)
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response


def test_csp_report_only_reports_instead_of_blocking(client, settings):
    apply(
        settings,
        production_settings(CSP_REPORT_ONLY="1", CSP_REPORT_URI="https://reports.example.com/csp"),
    )
    response = client.get("/", secure=True)
    assert "Content-Security-Policy" not in response
    policy = response["Content-Security-Policy-Report-Only"]
    assert "script-src 'self' 'nonce-" in policy
    assert policy.endswith("; report-uri https://reports.example.com/csp")
