"""Database and cache follow DATABASE_URL and REDIS_URL: CI's second leg really uses them, and
PostgreSQL connections are prepared and checked as settings and newsroom/core/postgresql/ say."""

import os
import select
import subprocess
import sys

import psycopg._queries
import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connection, connections
from psycopg.pq import Format

from newsroom.core.postgresql.base import OrjsonLoader
from tests.factories import make_story


def test_database_backend_follows_database_url():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_cache_backend_follows_redis_url_and_answers():
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "newsroom.http.outages.FailOpenRedisCache"
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"
    cache.set("settings-probe", "ok", 5)
    assert cache.get("settings-probe") == "ok"


@pytest.mark.parametrize("debug", ["0", "false"])
def test_production_refuses_to_start_without_a_secret_key(debug):
    env = {**os.environ, "DEBUG": debug, "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def settings_in_a_fresh_interpreter(code="", **env):
    """Imports settings with the environment plus `env`, as startup would, then runs `code`."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
    )


PRODUCTION_SECRET = "a-long-random-production-secret-key-0123456789-abcdefghijklmnop"


@pytest.mark.parametrize("debug", ["0", "false"])
def test_production_refuses_to_start_without_a_site_url(debug):
    result = settings_in_a_fresh_interpreter(DEBUG=debug, SECRET_KEY=PRODUCTION_SECRET, SITE_URL="")
    assert result.returncode != 0
    assert "SITE_URL must be set when DEBUG is off." in result.stderr


@pytest.mark.parametrize(
    "site_url",
    ["news.example.com", "ftp://news.example.com", "https://news.example.com/desk", "https://"],
)
def test_a_site_url_that_is_not_an_origin_is_refused(site_url):
    result = settings_in_a_fresh_interpreter(DEBUG="1", SITE_URL=site_url)
    assert result.returncode != 0
    assert "SITE_URL must be a scheme and host only" in result.stderr


def test_a_site_url_is_kept_without_its_trailing_slash():
    result = settings_in_a_fresh_interpreter(
        "from django.conf import settings; print(settings.SITE_URL)",
        DEBUG="0",
        SECRET_KEY=PRODUCTION_SECRET,
        SITE_URL="https://news.example.com:8443/",
    )
    assert result.stdout.strip() == "https://news.example.com:8443", result.stderr


def test_production_settings_pass_the_deployment_checklist():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": PRODUCTION_SECRET,
        "ALLOWED_HOSTS": "news.example.com",
        "SITE_URL": "https://news.example.com",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


@postgresql_only
@pytest.mark.django_db
def test_postgresql_prepares_a_statement_the_connection_repeats():
    assert connection.features.uses_server_side_binding
    for _ in range(6):
        assert len(ContentType.objects.filter(app_label="newsroom", model="story")) == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('"django_content_type"."app_label" = $1' in statement for statement in prepared)


@postgresql_only
def test_database_prepared_statements_0_binds_in_the_client_again():
    code = (
        "import django; django.setup(); from django.db import connection; "
        "print(connection.features.uses_server_side_binding, "
        "connection.get_connection_params()['prepare_threshold'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DATABASE_PREPARED_STATEMENTS": "0",
        },
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == ["False", "None"], result.stderr


def other_connection_runs(sql, params=()):
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None
    finally:
        other.close()


def last_query_of(pid):
    found = other_connection_runs("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
    return found[0][0] if found else None


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_the_server_closed_is_replaced_before_the_next_request(client):
    story = make_story("Night Desk renewed")
    pid = connection.connection.info.backend_pid
    other_connection_runs("SELECT pg_terminate_backend(%s)", [pid])
    assert something_to_read(connection)

    close_old_connections()  # what Django does as a request starts
    assert client.get(story.get_absolute_url()).status_code == 200
    assert connection.connection.info.backend_pid != pid


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_intact_connection_is_reused_without_a_round_trip(client):
    story = make_story("Night Desk renewed")
    assert client.get(story.get_absolute_url()).status_code == 200
    pid = connection.connection.info.backend_pid
    before = last_query_of(pid)

    close_old_connections()
    connection.cursor().close()  # a request's first query checks the connection first
    assert connection.connection.info.backend_pid == pid
    assert last_query_of(pid) == before != "SELECT 1"


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_with_a_message_waiting_gets_djangos_own_check():
    with connection.cursor() as cursor:
        cursor.execute("LISTEN newsroom_probe")
    pid = connection.connection.info.backend_pid
    try:
        other_connection_runs("NOTIFY newsroom_probe")
        assert something_to_read(connection)

        close_old_connections()
        connection.cursor().close()
        assert connection.connection.info.backend_pid == pid
        assert last_query_of(pid) == "SELECT 1"
    finally:
        # The connection outlives the test: it must not keep listening for later ones.
        with connection.cursor() as cursor:
            cursor.execute("UNLISTEN *")


def something_to_read(wrapper, seconds=5):
    """Waits for the server's message (or end of file) to reach the connection's socket."""
    readable, _, _ = select.select([wrapper.connection.pgconn.socket], [], [], seconds)
    return bool(readable)


@postgresql_only
@pytest.mark.django_db
def test_postgresql_json_is_read_by_orjson_and_jsonb_left_to_django():
    with connection.cursor() as cursor:
        cursor.execute("""SELECT '{"n": [1, "two"]}'::json, '{"n": 1}'::jsonb""")
        as_json, as_jsonb = cursor.fetchone()
    assert as_json == {"n": [1, "two"]}
    assert as_jsonb == '{"n": 1}'  # Django's JSONField decodes its own text
    json_oid = connection.connection.adapters.types["json"].oid
    assert connection.connection.adapters.get_loader(json_oid, Format.TEXT) is OrjsonLoader


@postgresql_only
@pytest.mark.django_db
def test_the_story_pages_long_statement_is_converted_for_the_driver_once(client):
    first, second = make_story("Night Desk renewed"), make_story("Night Desk cancelled")
    assert client.get(first.get_absolute_url()).status_code == 200
    before = psycopg._queries._query2pg.cache_info()
    assert client.get(second.get_absolute_url()).status_code == 200
    after = psycopg._queries._query2pg.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)
