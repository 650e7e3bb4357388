"""Linking extracted names: exact, known alias, without accents, fuzzy, or new."""

import pytest

from newsroom.ingest.matching import (
    companies_directory,
    link_character,
    people_directory,
    shows_directory,
)
from shows.models import Character
from tests.factories import make_company, make_person, make_show

pytestmark = pytest.mark.django_db


def test_people_link_exactly_by_alias_without_accents_or_fuzzily():
    renee = make_person("Renée Lachance", aliases="Renee La Chance")
    trish = make_person("Trish Hofmann")
    people = people_directory()
    assert (people.link("Renée Lachance").record, people.link("Renée Lachance").how) == (
        renee,
        "exact",
    )
    assert (people.link("renee la chance").record, people.link("renee la chance").how) == (
        renee,
        "alias",
    )
    assert (people.link("Renee Lachance").record, people.link("Renee Lachance").how) == (
        renee,
        "accents",
    )
    assert (people.link("Trish Hoffman").record, people.link("Trish Hoffman").how) == (
        trish,
        "fuzzy",
    )


def test_a_different_person_with_a_similar_name_is_new():
    make_person("Michael Mosley")
    link = people_directory().link("Michael Alaimo")
    assert link.is_new and link.how == "new"


def test_a_company_is_known_by_its_parent_name_first():
    amazon = make_company("Amazon", kind="other")
    prime = make_company("Prime Video", parent=amazon)
    assert companies_directory().link("Amazon Prime Video").record == prime


def test_shows_link_by_title_and_alias():
    show = make_show("Law & Order: Special Victims Unit", aliases="Law & Order: SVU")
    assert shows_directory().link("Law & Order: SVU").record == show


def test_a_character_links_within_the_show_and_its_parent():
    parent = make_show("Bosch")
    spinoff = make_show("Ballard", spinoff_of=parent)
    bosch = Character.objects.create(name="Harry Bosch", show=parent)
    assert link_character("retired Det. Harry Bosch", spinoff).record == bosch
    assert link_character("Renée Ballard", spinoff).is_new
