"""Stories as IPTC ninjs 2.1, checked against the official JSON schema (tests/data/)."""

import json
from datetime import datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from newsroom.models import Story
from tests.api_helpers import load_seed

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parents[2] / "data" / "ninjs-schema_2.1.json").read_text())


@pytest.fixture
def ballard_ninjs(client, django_capture_on_commit_callbacks):
    load_seed(django_capture_on_commit_callbacks)
    story = Story.objects.get(slug="ballard-renewed-season-2-prime-video")
    response = client.get(f"/api/v1/stories/{story.pk}/ninjs/")
    assert response.status_code == 200
    return story, response.json()


def schema_errors(document, schema=SCHEMA):
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(document)]


def test_ballard_as_ninjs_is_valid_against_the_ninjs_2_1_schema(ballard_ninjs):
    _, document = ballard_ninjs
    associations = document.pop("associations")
    assert schema_errors(document) == []
    # The official 2.x schemas require `name` on an association but check the association
    # against ninjsType, whose own `unevaluatedProperties: false` then rejects `name`; so
    # each association is checked as a ninjs object plus its required name (tests/data/).
    assert associations
    for association in associations:
        assert isinstance(association.pop("name"), str)
        assert schema_errors(association) == []


def test_the_schema_would_reject_a_wrong_document(ballard_ninjs):
    _, document = ballard_ninjs
    validator = Draft202012Validator(SCHEMA)
    assert not validator.is_valid({**document, "pubstatus": "published"})
    assert not validator.is_valid({**document, "headline": "not a ninjs property"})
    assert not validator.is_valid({key: v for key, v in document.items() if key != "uri"})


def test_ninjs_fields_say_what_the_story_says(ballard_ninjs):
    story, document = ballard_ninjs
    assert document["uri"] == f"https://newsroom.example/api/v1/stories/{story.pk}/"
    assert document["pubstatus"] == "usable"
    assert document["type"] == "text"
    for field in ("firstcreated", "versioncreated"):
        assert datetime.fromisoformat(document[field]).tzinfo is not None
    assert document["version"].isdigit()
    assert document["headlines"][0] == {
        "role": "main",
        "value": "‘Ballard’ renewed for Season 2 at Prime Video",
        "contenttype": "text/plain",
    }
    body = document["bodies"][0]
    assert body["contenttype"] == "text/html"
    assert "Prime Video has renewed <em>Ballard</em>" in body["value"]
    assert "Maggie Q — as Renée Ballard (star)" in body["value"]
    assert body["wordcount"] > 100
    people = {(p["name"], p["rel"]) for p in document["people"]}
    assert {("Maggie Q", "mentions"), ("Michael Connelly", "quoted")} <= people
    assert ("Kendall Sherwood", "quoted") in people
    organisations = {(o["name"], o["rel"]) for o in document["organisations"]}
    assert ("Prime Video", "mentions") in organisations
    assert ("Amazon MGM Studios", "quoted") in organisations
    assert {s["name"] for s in document["subjects"]} >= {"Ballard", "Ballard season 2", "Bosch"}
    assert [a["name"] for a in document["associations"]] == ["quote1", "quote2", "quote3"]
    assert document["associations"][1]["by"].startswith("Michael Alaimo, Co-showrunner")
    assert {"role": "slug", "value": story.slug} in document["altids"]
    assert (
        document["renditions"][0]["href"] == f"https://newsroom.example{story.get_absolute_url()}"
    )
    assert document["by"] == "Dana Whitcombe"


def test_an_unpublished_story_has_no_ninjs(client, ballard_ninjs):
    story, _ = ballard_ninjs
    story.unpublish()
    assert client.get(f"/api/v1/stories/{story.pk}/ninjs/").status_code == 404
