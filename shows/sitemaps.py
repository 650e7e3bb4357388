from django.contrib.sitemaps import Sitemap

from shows.models import Company, Franchise, Show


class ShowSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Show.objects.published().order_by("pk")

    def lastmod(self, show):
        return show.updated_at


class CompanySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Company.objects.published().order_by("pk")


class FranchiseSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Franchise.objects.published().order_by("pk")
