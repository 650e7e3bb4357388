from newsroom.core.sitemaps import CountedSitemap
from shows.models import Company, Franchise, Show


class ShowSitemap(CountedSitemap):
    changefreq = "weekly"
    limit = 5000
    lastmod_field = "updated_at"

    def items(self):
        return Show.objects.published().order_by("pk")


class CompanySitemap(CountedSitemap):
    changefreq = "weekly"

    def items(self):
        return Company.objects.published().order_by("pk")


class FranchiseSitemap(CountedSitemap):
    changefreq = "weekly"

    def items(self):
        return Franchise.objects.published().order_by("pk")
