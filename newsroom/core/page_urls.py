"""Page addresses by route name, without walking the URL resolver for every link, and made
absolute on the site's configured address (settings.SITE_URL), never on the request's Host.

reverse() costs some 25 µs a call, and a story page links to dozens of people, shows, seasons
and stories. `page_url()` reverses each route once per URL configuration and script prefix with
stand-in values, then puts the real values in their place: the address reverse() gives, for
values that slug and integer converters write unchanged. Anything else goes through reverse()."""

import re
from functools import cache
from urllib.parse import urljoin

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
DIGITS = re.compile(r"[0-9]+\Z")
# Digits, so that slug and int converters both take it, and long enough to appear in no route.
STAND_IN = "7305918264{:03d}"


def page_url(name, **kwargs):
    """reverse(name, kwargs=kwargs), for the routes of reader pages."""
    return address(name, kwargs, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


class PageUrls:
    """page_url() for the URL configuration and script prefix in force now, read once.

    Django keeps both per request, and reading them costs about 1 µs each: a third of what a
    page_url() call costs. A page that writes thirty addresses from its rows makes this once."""

    def __init__(self):
        self.urlconf, self.prefix = get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()

    def __call__(self, name, **kwargs):
        return address(name, kwargs, self.urlconf, self.prefix)

    def of(self, name, key):
        """`self(name, key=value)` as a function of the value alone, for the route a page links
        to most (the people in its credits and quotes): the route's pattern is found once, and
        each address is joined from its parts, in a third of the time of a call that names the
        route and its value."""
        pattern, (written_unchanged,) = address_pattern(name, (key,), self.urlconf, self.prefix)
        head, tail = (part.replace("{{", "{").replace("}}", "}") for part in
                      pattern.split(f"{{{key}}}"))  # fmt: skip

        def address_of(value):
            text = str(value)
            if written_unchanged(text):
                return head + text + tail
            return reverse(name, kwargs={key: value}, urlconf=self.urlconf)

        return address_of


def address(name, kwargs, urlconf, prefix):
    pattern, checks = address_pattern(name, tuple(kwargs), urlconf, prefix)
    # A story page asks for some forty addresses: a loop, not a generator, costs each less.
    for value, written_unchanged in zip(kwargs.values(), checks, strict=True):
        if not written_unchanged(str(value)):
            return reverse(name, kwargs=kwargs, urlconf=urlconf)
    return pattern.format_map(kwargs)


@cache
def address_pattern(name, keys, urlconf, prefix):
    """The route's address with a `{key}` for each value, and for each value, in the order of
    `keys`, the check that it is written unchanged: digits where the route takes only digits,
    else a slug."""
    stand_ins = {key: STAND_IN.format(index) for index, key in enumerate(keys)}
    pattern = reverse(name, kwargs=stand_ins, urlconf=urlconf).replace("{", "{{").replace("}", "}}")
    for key, stand_in in stand_ins.items():
        pattern = pattern.replace(stand_in, f"{{{key}}}")
    checks = tuple(
        (SLUG if takes_letters(name, stand_ins, key, urlconf) else DIGITS).match for key in keys
    )
    return pattern, checks


def takes_letters(name, stand_ins, key, urlconf):
    try:
        reverse(name, kwargs=stand_ins | {key: "x"}, urlconf=urlconf)
    except NoReverseMatch:
        return False
    return True


def site_origin():
    """SITE_URL's scheme and host (and port): the start of every absolute address we write.

    The Host header is the client's to choose (any alias in ALLOWED_HOSTS, or anything with
    "*"), and pages, feeds and API responses are stored and served to everyone: an address
    taken from it would send every later reader to that host (docs/security.md). settings.py
    checks the value and drops any trailing slash; Django keeps a setting once read, so this
    costs an attribute lookup."""
    return settings.SITE_URL


def absolute_urls():
    """`absolute(location)` on the site's origin, read once for a response: a story's
    structured data or an API page holds a full URL for each item in it."""
    origin = site_origin()

    def absolute(location):
        if location.startswith("/") and not location.startswith("//"):
            return origin + location
        # A full URL (a file on another host) stays as it is; anything else is the site's.
        return urljoin(origin + "/", location)

    return absolute


def absolute_url(location):
    """absolute_urls() for a single address."""
    return absolute_urls()(location)
