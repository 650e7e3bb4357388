"""People through the partner API: public reference data with links to their credits."""

import pytest

from tests.factories import make_crew_credit, make_person, make_show

pytestmark = pytest.mark.django_db


def names(client, query):
    response = client.get(f"/api/v1/people/?{query}")
    assert response.status_code == 200, response.content
    return [person["name"] for person in response.json()["results"]]


def test_people_filters_show_and_job_describe_one_credit(client):
    harbor, other = make_show("Harbor"), make_show("Other")
    ann, bob = make_person("Ann Author"), make_person("Bob Boss")
    make_crew_credit(harbor, person=ann, job="writer")
    make_crew_credit(other, person=ann, job="creator")
    make_crew_credit(harbor, person=bob, job="creator")

    assert names(client, f"show={harbor.pk}") == ["Ann Author", "Bob Boss"]
    assert names(client, "job=creator") == ["Ann Author", "Bob Boss"]
    assert names(client, f"show={harbor.pk}&job=creator") == ["Bob Boss"]
    assert names(client, "q=author") == ["Ann Author"]
    assert names(client, "ordering=-name") == ["Bob Boss", "Ann Author"]
    response = client.get("/api/v1/people/?job=grip")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["job"]


def test_person_detail_links_to_credits_quotes_and_stories(client):
    person = make_person("Ann Author", imdb_id="nm0000123", bio="Writes novels.")
    data = client.get(f"/api/v1/people/{person.pk}/").json()
    assert data["bio"] == "Writes novels."
    assert data["external_ids"]["imdb"] == "nm0000123"
    assert data["web_url"] == f"https://newsroom.example/people/{person.slug}/"
    assert data["credits_url"] == f"https://newsroom.example/api/v1/credits/?person={person.pk}"
    assert data["quotes_url"] == f"https://newsroom.example/api/v1/quotes/?speaker={person.pk}"
    assert data["headshot"] is None
    assert client.get("/api/v1/people/99999999999999999999/").status_code == 404
