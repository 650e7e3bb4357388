"""Feeds carry editors' text as text: readers render a description as HTML, and XML 1.0 refuses
control characters, so a dek or a headline can neither run script in a feed reader nor stop
the feed."""

import xml.etree.ElementTree as ET

import pytest

from newsroom.models import Correction
from tests.factories import make_show, make_story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def story():
    show = make_show("Night Desk <svg onload=alert(1)>")
    story = make_story(
        "Night Desk\x0b renewed <script>alert(1)</script>",
        dek="A second season <img src=x onerror=alert(1)>",
        show=show,
    )
    Correction.objects.create(story=story, text="It is <b>two</b> seasons.")
    return story


def test_an_rss_description_is_escaped_html(client, story):
    response = client.get("/feeds/rss/")
    item = ET.fromstring(response.content).find("channel/item")

    assert item.find("title").text == "Night Desk renewed <script>alert(1)</script>"
    assert item.find("description").text == (
        "A second season &lt;img src=x onerror=alert(1)&gt; "
        "Correction: It is &lt;b&gt;two&lt;/b&gt; seasons."
    )


def test_an_atom_summary_and_a_show_feed_description_are_escaped_html(client, story):
    entry = ET.fromstring(client.get("/feeds/atom/").content).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}summary").text.startswith("A second season &lt;img")

    channel = ET.fromstring(client.get(f"/feeds/shows/{story.show.slug}/rss/").content)
    assert channel.find("channel/description").text == (
        "Stories about Night Desk &lt;svg onload=alert(1)&gt;."
    )


def test_the_news_sitemap_drops_control_characters(client, story):
    response = client.get("/news-sitemap.xml")
    title = ET.fromstring(response.content).find(
        ".//{http://www.google.com/schemas/sitemap-news/0.9}title"
    )
    assert title.text == "Night Desk renewed <script>alert(1)</script>"
