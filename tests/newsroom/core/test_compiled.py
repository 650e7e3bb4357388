"""newsroom/core/compiled.py: a query compiled once runs with each call's values, or refuses to."""

from datetime import timedelta

import pytest
from django.db.models import Value
from django.utils import timezone

from newsroom.core.compiled import CompiledQuery
from newsroom.models import Story
from tests.factories import make_show, make_story

pytestmark = pytest.mark.django_db

PUBLISHED_BY_SLUG = CompiledQuery(
    lambda slug, now: Story.objects.published(at=now).select_related("show").filter(slug=slug)
)


def test_each_run_uses_its_own_values_in_the_sql_compiled_once(django_assert_num_queries):
    first = make_story("Night Desk renewed", show=make_show("Night Desk"))
    second = make_story("Day Shift cancelled")
    now = timezone.now()

    with django_assert_num_queries(3):
        found = [PUBLISHED_BY_SLUG.run(slug=story.slug, now=now) for story in (first, second)]
        missing = PUBLISHED_BY_SLUG.run(slug="no-such-story", now=now)

    assert [[story.headline for story in stories] for stories in found] == [
        ["Night Desk renewed"],
        ["Day Shift cancelled"],
    ]
    assert found[0][0].show.title == "Night Desk"  # select_related still fills the show
    assert found[1][0].show is None
    assert missing == []
    assert len(PUBLISHED_BY_SLUG.compiled) == 1


def test_a_datetime_value_decides_what_each_run_sees():
    story = make_story("Night Desk renewed")
    Story.objects.filter(pk=story.pk).update(publish_at=timezone.now() + timedelta(hours=1))

    assert PUBLISHED_BY_SLUG.run(slug=story.slug, now=timezone.now()) == []
    later = timezone.now() + timedelta(hours=2)
    assert [s.pk for s in PUBLISHED_BY_SLUG.run(slug=story.slug, now=later)] == [story.pk]


def test_optional_values_compile_one_query_per_set_of_names():
    show = make_show("Night Desk")
    on_show = make_story("Night Desk renewed", show=show)
    make_story("Day Shift cancelled")
    stories = CompiledQuery(
        lambda now, **show: Story.objects.published(at=now).filter(**show).order_by("pk")
    )
    now = timezone.now()

    assert len(stories.run(now=now)) == 2
    assert [s.pk for s in stories.run(now=now, show=show.pk)] == [on_show.pk]
    assert len(stories.compiled) == 2


def test_a_lookup_that_rewrites_its_value_is_refused_when_compiled():
    searching = CompiledQuery(lambda text: Story.objects.filter(headline__icontains=text))

    with pytest.raises(ValueError, match="did not become a plain SQL parameter"):
        searching.run(text="renewed")


def test_values_that_would_change_the_sql_are_refused():
    by_show = CompiledQuery(lambda show: Story.objects.filter(show=show))

    with pytest.raises(TypeError):
        by_show.run(show=None)  # `IS NULL` is another SQL
    with pytest.raises(TypeError):
        by_show.run(show=True)


def test_a_query_that_prefetches_is_refused():
    with_blocks = CompiledQuery(lambda pk: Story.objects.prefetch_related("blocks").filter(pk=pk))

    with pytest.raises(ValueError, match="cannot prefetch"):
        with_blocks.run(pk=1)


def test_constants_are_written_into_the_sql_and_only_the_callers_values_are_bound():
    story = make_story("It's 100% renewed, %s")
    awkward = {"quoted": Value("it's 50%s %% off"), "negative": Value(-3)}
    build = lambda slug: (  # noqa: E731
        Story.objects.filter(slug=slug, headline="It's 100% renewed, %s")
        .exclude(pk=-1)
        .annotate(**awkward)
        .values("headline", "quoted", "negative")
    )
    compiled_rows = CompiledQuery(build)

    assert compiled_rows.run(slug=story.slug) == list(build(story.slug))
    assert compiled_rows.run(slug=story.slug) == [
        {"headline": "It's 100% renewed, %s", "quoted": "it's 50%s %% off", "negative": -3}
    ]
    [compiled] = compiled_rows.compiled.values()
    assert len(compiled.params) == 1  # the slug: headline, pk and annotations are in the SQL
