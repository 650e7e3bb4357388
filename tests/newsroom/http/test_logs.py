"""Errors that someone sees: a 500 writes one JSON line with its traceback and the request's id to
standard error, answers with that id in X-Request-ID, and mails ADMINS; a database outage's
503s are logged but not mailed, one per request."""

import io
import json
import logging
import os
import subprocess
import sys
from contextlib import contextmanager

import pytest
from django.core import mail

from newsroom.http.logs import JsonFormatter

pytestmark = [pytest.mark.urls("tests.failing_urls"), pytest.mark.django_db]


@contextmanager
def stderr_lines():
    """The lines LOGGING's standard-error handler writes meanwhile, as parsed JSON."""
    (handler,) = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)]
    written = io.StringIO()
    lines = []
    previous = handler.setStream(written)
    try:
        yield lines
    finally:
        handler.setStream(previous)
        lines.extend(json.loads(line) for line in written.getvalue().splitlines())


def test_a_500_logs_one_json_line_with_the_traceback_and_the_request_id(client):
    client.raise_request_exception = False  # answer as the server would: log, then the 500 page
    with stderr_lines() as lines:
        response = client.get("/fails/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32

    (error,) = [line for line in lines if line["level"] == "ERROR"]
    assert error["logger"] == "django.request"
    assert error["message"] == "Internal Server Error: /fails/"
    assert error["request_id"] == request_id
    assert (error["method"], error["path"], error["status"]) == ("GET", "/fails/", 500)
    assert error["traceback"].startswith("Traceback (most recent call last):")
    assert error["traceback"].endswith("RuntimeError: a bug in a view")
    assert error["time"].endswith("+00:00")


def test_a_sane_incoming_request_id_is_kept_and_anything_else_replaced(client):
    client.raise_request_exception = False
    with stderr_lines() as lines:
        response = client.get("/fails/", HTTP_X_REQUEST_ID="edge-7f3a9c01")
    assert response["X-Request-ID"] == "edge-7f3a9c01"
    assert [line["request_id"] for line in lines] == ["edge-7f3a9c01"]

    for unfit in ["two words", "x" * 129, "a\u00e9", ""]:
        response = client.get("/robots.txt", HTTP_X_REQUEST_ID=unfit)
        assert response["X-Request-ID"] != unfit
        assert len(response["X-Request-ID"]) == 32
    assert client.get("/robots.txt")["X-Request-ID"] != client.get("/robots.txt")["X-Request-ID"]


def test_refusals_by_middleware_carry_the_request_id_too(client):
    response = client.get("/api/v1/stories/?q=" + "x" * 8100, HTTP_X_REQUEST_ID="edge-414")
    assert response.status_code == 414
    assert response["X-Request-ID"] == "edge-414"


def test_a_500_mails_the_admins_with_the_request_id_and_the_traceback(client, settings):
    settings.ADMINS = ["desk-ops@example.com"]
    client.raise_request_exception = False
    response = client.get("/fails/")

    (message,) = mail.outbox  # Django's tests send mail to its local-memory backend
    assert message.to == ["desk-ops@example.com"]
    assert response["X-Request-ID"] in message.subject
    assert "Internal Server Error: /fails/" in message.subject
    assert "RuntimeError at /fails/\na bug in a view" in message.body
    assert "Traceback (most recent call last):" in message.body


def test_a_database_outage_is_logged_but_not_mailed_for_every_request(client, settings):
    settings.ADMINS = ["desk-ops@example.com"]
    client.raise_request_exception = False
    with stderr_lines() as lines:
        response = client.get("/database-down/")
    assert response.status_code == 503
    assert not mail.outbox
    assert {"newsroom.http.outages", "django.request"} <= {line["logger"] for line in lines}
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}


def test_no_admins_no_mail(client, settings):
    settings.ADMINS = []
    client.raise_request_exception = False
    assert client.get("/fails/").status_code == 500
    assert not mail.outbox


def startup_settings(code, **env):
    """Runs `code` after settings are built from the environment plus `env`, as startup would."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
    )


def test_admins_and_the_mail_server_come_from_the_environment():
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.ADMINS, s.SERVER_EMAIL, s.MAILERS['default']]))"
    )
    result = startup_settings(
        code,
        ADMINS="desk-ops@example.com, night-editor@example.com",
        SERVER_EMAIL="newsroom@news.example.com",
        EMAIL_URL="smtp+tls://newsroom:p%40ss%3Aword@mail.example.com:587",
    )
    assert result.returncode == 0, result.stderr
    admins, sender, mailer = json.loads(result.stdout.splitlines()[-1])
    assert admins == ["desk-ops@example.com", "night-editor@example.com"]
    assert sender == "newsroom@news.example.com"
    assert mailer == {
        "OPTIONS": {
            "host": "mail.example.com",
            "port": 587,
            "use_tls": True,
            "use_ssl": False,
            "timeout": 5,
            "username": "newsroom",
            "password": "p@ss:word",
        }
    }


def test_an_unknown_mail_scheme_stops_startup():
    result = startup_settings("", EMAIL_URL="imap://mail.example.com")
    assert result.returncode != 0
    assert "EMAIL_URL must be smtp://, smtp+tls://, smtps:// or console://" in result.stderr
