from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.utils.functional import cached_property

from people.models import Person


class CountedSitemap(Sitemap):
    """A sitemap whose size and newest change come from one aggregate query.

    Django's default finds the index's lastmod by loading every item; tens of thousands of
    stories made the sitemap index the slowest page of the site. Lives in the lowest app so
    every app's sitemaps can use it."""

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


class PersonSitemap(CountedSitemap):
    changefreq = "weekly"
    limit = 5000
    lastmod_field = "updated_at"

    def items(self):
        return Person.objects.published().order_by("pk")
