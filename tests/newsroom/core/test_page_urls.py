"""newsroom/core/page_urls.py: the addresses reverse() gives, without a reverse() per link."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from newsroom.core.page_urls import PageUrls, page_url


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("newsroom:story", {"slug": "ballard-renewed-season-2"}),
        ("people:person", {"slug": "michael-connelly"}),
        ("shows:show", {"slug": "ballard"}),
        ("shows:season", {"slug": "ballard", "number": 2}),
        ("shows:season", {"slug": "bosch-legacy", "number": 12}),
        ("shows:company", {"slug": "prime-video"}),
        ("shows:franchise", {"slug": "bosch_universe"}),
    ],
)
def test_page_url_matches_reverse(name, kwargs):
    assert page_url(name, **kwargs) == reverse(name, kwargs=kwargs)


def test_page_url_follows_the_script_prefix_the_site_is_served_under():
    set_script_prefix("/news/")
    try:
        assert page_url("shows:show", slug="ballard") == "/news/shows/ballard/"
        assert page_url("shows:season", slug="ballard", number=2) == reverse(
            "shows:season", kwargs={"slug": "ballard", "number": 2}
        )
    finally:
        set_script_prefix("/")
    assert page_url("shows:show", slug="ballard") == "/shows/ballard/"


def test_values_a_route_would_refuse_are_refused_as_reverse_refuses_them():
    with pytest.raises(NoReverseMatch):
        page_url("shows:show", slug="not a slug")
    with pytest.raises(NoReverseMatch):
        page_url("shows:season", slug="ballard", number="two")


def test_page_urls_write_addresses_under_the_prefix_in_force_when_it_was_made():
    set_script_prefix("/news/")
    try:
        address = PageUrls()
    finally:
        set_script_prefix("/")
    assert address("shows:show", slug="ballard") == "/news/shows/ballard/"
    assert address("shows:season", slug="ballard", number=2) == "/news/shows/ballard/seasons/2/"
    assert page_url("shows:show", slug="ballard") == "/shows/ballard/"
    with pytest.raises(NoReverseMatch):
        address("shows:show", slug="not a slug")


@pytest.mark.parametrize(
    ("name", "key", "value"),
    [
        ("newsroom:story", "slug", "ballard-renewed-season-2"),
        ("people:person", "slug", "michael-connelly"),
        ("shows:company", "slug", "prime-video"),
        ("shows:franchise", "slug", "bosch_universe"),
    ],
)
def test_a_routes_address_function_gives_what_reverse_gives(name, key, value):
    assert PageUrls().of(name, key)(value) == reverse(name, kwargs={key: value})


def test_a_routes_address_function_keeps_the_prefix_and_refuses_what_reverse_refuses():
    set_script_prefix("/news/")
    try:
        person_url = PageUrls().of("people:person", "slug")
    finally:
        set_script_prefix("/")
    assert person_url("michael-connelly") == "/news/people/michael-connelly/"
    with pytest.raises(NoReverseMatch):
        person_url("not a slug")
    with pytest.raises(NoReverseMatch):
        person_url("")
