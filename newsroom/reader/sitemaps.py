from datetime import timedelta

from django.utils import timezone

from newsroom.core.sitemaps import CountedSitemap
from newsroom.models import Story

# Google News lists only articles published in the last two days.
NEWS_WINDOW = timedelta(hours=48)


class StorySitemap(CountedSitemap):
    changefreq = "daily"
    limit = 5000
    lastmod_field = "updated_at"

    def items(self):
        return Story.objects.published().order_by("-publish_at", "-pk")


class NewsSitemap(StorySitemap):
    """The Google News sitemap: the last 48 hours of stories, with their news metadata."""

    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return super().items().filter(first_published_at__gte=since)
