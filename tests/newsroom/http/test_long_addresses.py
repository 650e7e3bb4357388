"""An address over 8,000 bytes is a 414 that we answer, in JSON under /api/, not gunicorn's HTML
page: gunicorn's request line limit is raised to its highest (newsroom/gunicorn.conf.py), and a real
gunicorn serves the test."""

import http.client
import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gunicorn.config import Config

from newsroom.http.request_limits import MAX_URL_BYTES

ROOT = Path(__file__).resolve().parents[3]
CONFIG = ROOT / "newsroom" / "gunicorn.conf.py"


def test_an_api_address_over_the_limit_is_a_json_414(client):
    response = client.get("/api/v1/stories/?q=" + "x" * 8100)
    assert response.status_code == 414
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {"detail": ["Address too long: 8,000 bytes at most."]}}
    assert response["Cache-Control"] == "no-store"


def test_a_page_address_over_the_limit_is_a_plain_414(client):
    response = client.get("/search/?q=" + "x" * 8100)
    assert response.status_code == 414
    assert response.content == b"Address too long: 8,000 bytes at most.\n"


@pytest.mark.django_db
def test_an_address_just_under_the_limit_is_served(client):
    query = "/api/v1/shows/?q="
    response = client.get(query + "x" * (MAX_URL_BYTES - len(query)))
    assert response.status_code == 200


def test_gunicorn_times_out_before_a_proxy_and_after_the_database():
    config = runpy.run_path(str(CONFIG))
    # Below nginx's and most load balancers' 60 s, above the database's 5 s + 1 s.
    assert 6 < config["timeout"] < 60
    assert config["limit_request_line"] == 8190  # gunicorn's highest
    assert config["wsgi_app"] == "newsroom.wsgi"


@pytest.fixture(scope="module")
def gunicorn():
    """gunicorn with the project's config on a free port, for the length of this module."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "--bind", f"127.0.0.1:{port}"]
    if "control_socket_disable" in Config().settings:
        # Newer gunicorns open a control socket at one path per user: runs side by side would
        # take it from each other.
        command.append("--no-control-socket")
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start")
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(10)


def get(port, target):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", target)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_under_gunicorn_an_8_kb_api_address_gets_our_json_414(gunicorn):
    response, body = get(gunicorn, "/api/v1/stories/?q=" + "x" * 8100)
    assert response.status == 414
    assert response.getheader("Content-Type") == "application/json"
    assert b"Address too long" in body
    assert response.getheader("X-Request-ID")


def test_under_gunicorn_past_8_kb_gunicorn_refuses_the_line_itself(gunicorn):
    # Its own HTML page: what a proxy in front should refuse first (docs/operations.md).
    response, body = get(gunicorn, "/api/v1/stories/?q=" + "x" * 9000)
    assert response.status == 414
    assert response.getheader("Content-Type") == "text/html"
    assert response.getheader("X-Request-ID") is None
