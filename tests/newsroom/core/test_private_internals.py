"""Canaries for the private internals of Django, DRF, Jinja2, markupsafe and psycopg that the
project uses (docs/performance.md, "Private internals" lists each one, what it saves and its
canary).

Each test fails on the upgrade that would break what the internal buys, or silently undo it:
it checks that the private name is still there and still does what we rely on, and it holds
our way's output to the public way's on real data. Canaries that already live elsewhere (the
psycopg statement cache, the health check, the Redis client, the admin's shared choices…)
are named in that table, not repeated here."""

import inspect
import json
from datetime import timedelta

import markupsafe
import orjson
import pytest

# Before newsroom's API modules: DRF's views load them through the settings, and the other
# order is a circular import.
import rest_framework.views  # noqa: F401
from django.core.management import call_command
from django.db.models import prefetch_related_objects
from django.db.models.sql.compiler import SQLCompiler
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone
from jinja2.compiler import CodeGenerator
from psycopg.types.json import JsonLoader
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request

from newsroom.api import story_detail, story_list
from newsroom.core.api.http import FeedCursorPagination
from newsroom.core.postgresql.base import OrjsonLoader
from newsroom.core.rows import RowsIterable, keep_as_prefetched
from newsroom.models import Correction, Story
from newsroom.models.stories import story_page_rows
from newsroom.reader import story_page
from newsroom.reader.environment import EscapingOutput
from shows.models import Credit
from tests.factories import make_story

pytestmark = pytest.mark.django_db

SEED_STORY = "ballard-renewed-season-2-prime-video"


@pytest.fixture
def story():
    """The seed story (a show with seasons and credits, ten blocks, quotes with speakers), with
    a correction, a credit that lists seasons, and published stories on the same show."""
    call_command("load_seeds", verbosity=0)
    story = Story.objects.get(slug=SEED_STORY)
    Correction.objects.create(story=story, kind="update", text='Tom & Jerry\'s "season" count.')
    credit = Credit.objects.filter(show=story.show).order_by("pk").first()
    credit.seasons.set(story.show.seasons.all())
    for headline in ("Ballard casts a new lead", "Ballard adds a writer", "Ballard sets a date"):
        make_story(headline, show=story.show)
    return story


def loaded(instance):
    """An instance's loaded column values, as the ORM set them."""
    return {name: value for name, value in vars(instance).items() if not name.startswith("_")}


def test_compiled_queries_run_without_djangos_compiler_and_return_the_querysets_rows(
    story, monkeypatch
):
    """newsroom/core/compiled.py keeps a compiler whose as_sql() and get_converters() it
    replaces, and a shallow QuerySet copy with its own `_query`."""
    assert {"_query", "_prefetch_related_lookups"} <= set(vars(Story.objects.all()))
    assert list(inspect.signature(SQLCompiler.get_converters).parameters) == [
        "self",
        "expressions",
    ]
    now = timezone.now()
    page_row = list(story_page.PUBLISHED_ROW.build(slug=story.slug, now=now))
    [detail] = story_detail.STORY.build(pk=story.pk, now=now)
    assert page_row and page_row[0]["rows_blocks"]  # real rows, with their lists
    # Compiled once, with Django's compiler; every later run must not compile again.
    story_page.PUBLISHED_ROW.run(slug=story.slug, now=now)
    story_detail.STORY.run(pk=story.pk, now=now)

    def compiled_again(*args, **kwargs):
        raise AssertionError("A compiled query was compiled again by Django.")

    monkeypatch.setattr(SQLCompiler, "as_sql", compiled_again)
    monkeypatch.setattr(SQLCompiler, "get_converters", compiled_again)
    assert story_page.PUBLISHED_ROW.run(slug=story.slug, now=now) == page_row
    [compiled] = story_detail.STORY.run(pk=story.pk, now=now)
    assert loaded(compiled) == loaded(detail)
    assert loaded(compiled.show) == loaded(detail.show)  # select_related
    assert [loaded(c) for c in compiled.corrections.all()] == [
        loaded(c) for c in detail.corrections.all()
    ]


def test_lists_in_the_row_fill_the_cache_prefetch_related_objects_fills_however_read(
    story, django_assert_num_queries
):
    """newsroom/core/rows.py writes Django's prefetch cache (`_prefetched_objects_cache`, a
    QuerySet's `_result_cache` and `_prefetch_done`) and reads rows through `_iterable_class`."""
    credit = Credit.objects.filter(show=story.show).order_by("pk").first()
    for instance, relation in ((story, "corrections"), (credit, "seasons")):
        prefetched = type(instance).objects.get(pk=instance.pk)
        prefetch_related_objects([prefetched], relation)
        handed = type(instance).objects.get(pk=instance.pk)
        keep_as_prefetched(handed, relation, list(getattr(handed, relation).all()))
        expected = vars(prefetched)["_prefetched_objects_cache"]
        cache = vars(handed)["_prefetched_objects_cache"]
        assert cache.keys() == expected.keys()
        [name] = cache
        assert type(cache[name]) is type(expected[name])
        assert vars(cache[name])["_prefetch_done"] is vars(expected[name])["_prefetch_done"]
        assert cache[name]._result_cache == expected[name]._result_cache
        with django_assert_num_queries(0):
            assert [loaded(item) for item in getattr(handed, relation).all()] == [
                loaded(item) for item in getattr(prefetched, relation).all()
            ]
    # A reverse foreign key's rows point back at their parent, as prefetching leaves them.
    prefetched = Story.objects.get(pk=story.pk)
    prefetch_related_objects([prefetched], "corrections")
    keep_as_prefetched(story, "corrections", list(Correction.objects.filter(story=story)))
    with django_assert_num_queries(0):
        assert all(item.story is prefetched for item in prefetched.corrections.all())
        assert all(item.story is story for item in story.corrections.all())

    corrections = story_page_rows()["corrections"]
    rows = Story.objects.filter(pk=story.pk).with_rows(corrections=corrections)
    assert rows._iterable_class is RowsIterable
    expected = [loaded(c) for c in Correction.objects.filter(story=story)]
    assert expected
    for read in (lambda: rows.get(), lambda: rows.first(), lambda: next(rows.iterator())):
        with django_assert_num_queries(1):  # the story; its list came in its row
            listed = [loaded(c) for c in read().corrections.all()]
        # Only the list's named fields are loaded; the others are deferred.
        assert len(listed) == len(expected)
        assert all(row.items() <= full.items() for row, full in zip(listed, expected, strict=True))


def test_templates_escape_with_escape_output_and_write_what_jinja2s_own_escaping_writes(
    client, settings, story, monkeypatch
):
    """newsroom/reader/environment.py overrides Jinja2's CodeGenerator._output_child_pre and
    escapes text with markupsafe's _escape_inner."""
    assert list(inspect.signature(CodeGenerator._output_child_pre).parameters) == [
        "self",
        "node",
        "frame",
        "finalize",
    ]
    text = 'Tom & Jerry\'s <b>"show"</b>'
    assert type(markupsafe._escape_inner(text)) is str
    assert markupsafe._escape_inner(text) == str(markupsafe.escape(text))
    backend = engines["jinja2"]
    assert backend.env.code_generator_class is EscapingOutput
    source = backend.env.loader.get_source(backend.env, "newsroom/story.html")[0]
    assert "escape_output(" in backend.env.compile(source, raw=True)

    settings.PUBLIC_CACHE_ENABLED = False
    ours = client.get(story.get_absolute_url())
    plain = backend.env.overlay(cache_size=0)
    plain.code_generator_class = CodeGenerator
    assert "escape_output(" not in plain.compile(source, raw=True)
    monkeypatch.setattr(backend, "env", plain)
    public = client.get(story.get_absolute_url())
    assert ours.status_code == public.status_code == 200
    assert b"&#39;" in ours.content or b"&amp;" in ours.content  # escaping was exercised
    assert ours.content == public.content


def test_psycopgs_json_loader_decodes_with_the_loads_its_subclass_names():
    """newsroom/core/postgresql/base.py sets psycopg's private JsonLoader._loads to orjson's."""
    assert JsonLoader._loads is json.loads
    loader = OrjsonLoader(0, None)
    assert loader.loads is orjson.loads
    text = b'{"headline": "Ballard renewed", "blocks": [{"position": 1, "share": 0.5}]}'
    assert loader.load(text) == loader.load(memoryview(text)) == json.loads(text)
    # Only orjson refuses a lone surrogate: this decode went through orjson, not json.loads.
    assert json.loads(b'"\\ud800"') == "\ud800"
    with pytest.raises(orjson.JSONDecodeError):
        loader.load(b'"\\ud800"')


def api_request(path, **params):
    return Request(RequestFactory().get(path, params))


def test_feed_pages_and_cursors_are_those_drfs_cursor_pagination_gives(story):
    """newsroom/core/api/http.py's paginate() is DRF's paginate_queryset() with the page read
    by compiled SQL: it calls DRF's private _get_position_from_instance() and sets the state
    DRF's own link writers read."""
    assert list(inspect.signature(CursorPagination._get_position_from_instance).parameters) == [
        "self",
        "instance",
        "ordering",
    ]
    # Stories that share a publish time (DRF's cursors then carry an offset too), and stories
    # that do not (read by compiled SQL from the cursor's position).
    shared = timezone.now() - timedelta(hours=1)
    Story.objects.filter(headline__startswith="Ballard").update(publish_at=shared)
    for minutes, headline in enumerate(("Night Desk renewed", "Day Shift ends", "Ash Park ends")):
        later = make_story(headline)
        Story.objects.filter(pk=later.pk).update(publish_at=shared + timedelta(minutes=minutes + 1))
    ordering = ("-publish_at", "-pk")
    ours_request = api_request("/api/v1/stories/", page_size=2)
    drf_request = api_request("/api/v1/stories/")
    followed = 0
    while True:
        # A paginator serves one request, as a view makes a new one for each.
        ours, drf = FeedCursorPagination(), CursorPagination()
        ours.ordering = drf.ordering = ordering
        drf.page_size = 2
        page = ours.paginate(story_list.published_page, ours_request)
        expected = drf.paginate_queryset(Story.objects.published().for_api(), drf_request)
        assert page == expected
        for state in ("has_next", "next_position", "has_previous", "previous_position"):
            # DRF sets a position only when there is a page that way.
            assert getattr(ours, state, None) == getattr(drf, state, None), state
        assert set(vars(drf)) <= set(vars(ours))  # the state DRF's link writers read
        if not ours.has_next:
            break
        ours_request = api_request(ours.get_next_link())
        drf_request = api_request(drf.get_next_link())
        assert ours.verified_cursor(ours_request) == drf.decode_cursor(drf_request)
        followed += 1
    assert followed == 3  # seven stories, two a page
