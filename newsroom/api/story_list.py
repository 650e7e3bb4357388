"""The partner API's story list without filters, its pages read with SQL compiled once per
process (newsroom/core/compiled.py).

It is the feed partners page through, newest first or by an ordering of the whitelist. Building
`published().for_api()` and compiling it with its ordering, bound and slice was a third of a
page's time; here each ordering and page size is built once, with marker values for the time
and the cursor's position, and runs with each request's. A page with an offset (stories that
share their position) is read the general way."""

from functools import lru_cache

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsroom.core.api.http import page_of, starting_at
from newsroom.core.compiled import CompiledQuery
from newsroom.models import Story


def published_page(ordering, position, offset, limit):
    """What page_of() reads from the published stories' API rows, for FeedCursorPagination."""
    bound = None if position is None else aware_datetime(position)
    if offset or (position is not None and bound is None):
        return page_of(Story.objects.published().for_api(), ordering, position, offset, limit)
    values = {"now": timezone.now()}
    if bound is not None:
        values["position"] = bound
    return compiled_page(tuple(ordering), limit).run(**values)


def aware_datetime(text):
    """A cursor's position as the aware datetime the compiled query binds, read as a
    DateTimeField reads it on the general way (parse_datetime), or None if it is not one (a
    position of another kind is read the general way)."""
    try:
        moment = parse_datetime(text)
    except ValueError:
        return None
    return moment if moment is not None and timezone.is_aware(moment) else None


# A few page sizes and orderings are in use at once; each entry holds a compiled query per
# database, with its bound and without.
@lru_cache(maxsize=32)
def compiled_page(ordering, limit):
    def build(now, position=None):
        stories = Story.objects.published(at=now).for_api().order_by(*ordering)
        if position is not None:
            stories = starting_at(stories, ordering, position)
        return stories[:limit]

    return CompiledQuery(build)
