"""Input that API fuzzing found crashing the API, now a 400 or a JSON 404; declared statuses."""

import base64
from datetime import date, timedelta, timezone
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from newsroom.api.urls import router
from newsroom.core.api.fields import MAX_ID
from newsroom.models import Block
from tests.factories import add_block, make_quote, make_story

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("parameter", ["published_after", "published_before", "updated_since"])
@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59.999999-23:59", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59"]
)
def test_date_times_with_no_utc_equivalent_are_400_naming_the_parameter(
    client, django_assert_max_num_queries, parameter, value
):
    make_story("Out of range")
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/stories/", {parameter: value})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [parameter]


def test_date_times_with_offsets_filter_in_utc(client, django_assert_max_num_queries):
    story = make_story("Offset")
    india = timezone(timedelta(hours=5, minutes=30))
    published = story.publish_at.astimezone(india).isoformat(timespec="seconds")
    with django_assert_max_num_queries(4):
        later = client.get("/api/v1/stories/", {"published_after": published}).json()
        earlier = client.get("/api/v1/stories/", {"published_before": published}).json()
    assert [item["headline"] for item in later["results"]] == ["Offset"]
    assert earlier["results"] == []


def quotes_in_stories(count):
    for day in range(1, count + 1):
        quote = make_quote(f"Said on day {day}.", said_on=date(2025, 1, day))
        add_block(make_story(f"Story {day}"), Block.Kind.QUOTE, quote=quote)


def with_query(url, **changes):
    parts = urlsplit(url)
    query = {name: values[0] for name, values in parse_qs(parts.query).items()} | changes
    return f"{parts.path}?{urlencode(query)}"


def test_a_cursor_given_out_for_one_ordering_is_400_with_another(
    client, django_assert_max_num_queries
):
    quotes_in_stories(3)
    first = client.get("/api/v1/quotes/?ordering=said_on&page_size=1").json()
    assert client.get(first["next"]).status_code == 200
    # Its position is a date; read as an id it would reach the database as one.
    with django_assert_max_num_queries(2):
        response = client.get(with_query(first["next"], ordering="id"))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["cursor"]


@pytest.mark.parametrize("path", ["/api/v1/stories/", "/api/v1/quotes/"])
@pytest.mark.parametrize(
    "position", ["p=garbage", "p=2025-01-01", "o=5&r=1&p=9999-12-31T23:59:59-23:59"]
)
def test_cursors_written_by_the_caller_are_400(
    client, django_assert_max_num_queries, path, position
):
    quotes_in_stories(2)
    cursor = base64.b64encode(position.encode()).decode()
    with django_assert_max_num_queries(2):
        response = client.get(path, {"cursor": cursor})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"cursor": ["Not a cursor we gave out: follow a `next` link."]}
    }


@pytest.mark.parametrize(
    "path", ["/api/v1/stories/abc/", "/api/v1/stories/%00/", "/api/v1/nothing/", "/api/v2/"]
)
def test_api_paths_that_name_nothing_are_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"errors": {"detail": ["Not found."]}}


def test_reader_paths_that_name_nothing_are_still_the_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_accept_header_we_cannot_satisfy_is_a_documented_406(client):
    response = client.get("/api/v1/shows/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert list(response.json()["errors"]) == ["detail"]
    schema = client.get("/api/v1/schema/?format=json").json()
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert "406" in operation["responses"]


def test_the_schema_states_the_range_of_ids_and_page_sizes(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    people = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/v1/people/"]["get"]["parameters"]
    }
    stories = schema["paths"]["/api/v1/stories/"]["get"]["parameters"]
    person = next(p["schema"] for p in stories if p["name"] == "person")
    for id_schema in (people["show"], person):
        assert id_schema == {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    assert people["page"] == {"type": "integer", "minimum": 1}
    assert people["page_size"] == {"type": "integer", "minimum": 1, "maximum": 100}


def test_no_api_filter_asks_for_distinct():
    """A DISTINCT query cannot carry the JSON lists of newsroom/core/rows.py on PostgreSQL (json has
    no equality), and DRF applies a list's filters to its details too: a filter that could repeat
    a row narrows with Exists instead. Caught here on every database, not only on PostgreSQL."""
    distinct = [
        f"{prefix}?{name}"
        for prefix, viewset, _ in router.registry
        if getattr(viewset, "filterset_class", None)
        for name, declared in viewset.filterset_class.base_filters.items()
        if declared.distinct
    ]
    assert distinct == []
