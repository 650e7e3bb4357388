"""What the reader search page lists, read from its HTML as a reader sees it."""

import re
from html import unescape

SECTION = re.compile(
    r'<section aria-labelledby="(stories|shows|people)-heading">(.*?)</section>', re.S
)
LINK = re.compile(r'<a href="/[a-z]+/([^/"]+)/">(.*?)</a>', re.S)


def search_results(client, query):
    """Each kind's results in the page's order, as (slug, link text) pairs."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    found = {"stories": [], "shows": [], "people": []}
    for kind, section in SECTION.findall(response.content.decode()):
        found[kind] = [(slug, unescape(text)) for slug, text in LINK.findall(section)]
    return found
