"""Sitemaps whose size and newest change cost one query, for every app's sitemaps, with every
address on SITE_URL: Django's views write the request's scheme and host into each, and
sitemaps are cached for every reader (newsroom/core/page_urls.py)."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Count, Max
from django.utils.functional import cached_property

from newsroom.core.page_urls import absolute_urls, site_origin


class CountedSitemap(Sitemap):
    """A sitemap whose size and newest change come from one aggregate query.

    Django's default finds the index's lastmod by loading every item; tens of thousands of
    stories made the sitemap index the slowest page of the site."""

    lastmod_field = None

    @cached_property
    def summary(self):
        found = {"count": Count("pk")}
        if self.lastmod_field:
            found["latest"] = Max(self.lastmod_field)
        return self.items().order_by().aggregate(**found)

    @cached_property
    def paginator(self):
        paginator = super().paginator
        paginator.count = self.summary["count"]
        return paginator

    def get_latest_lastmod(self):
        return self.summary.get("latest")

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None

    # Django's sitemap view passes the request's scheme and host to these two.
    def get_protocol(self, protocol=None):
        return urlsplit(site_origin()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_origin()).netloc


def index(request, sitemaps, **kwargs):
    """Django's sitemap index, with each sitemap's address moved onto SITE_URL: Django writes
    the request's host there, and no Sitemap method decides it."""
    response = sitemap_views.index(request, sitemaps, **kwargs)
    absolute = absolute_urls()
    for item in response.context_data["sitemaps"]:
        _, _, path, query, _ = urlsplit(item.location)
        item.location = absolute(f"{path}?{query}" if query else path)
    return response
