from django.contrib.sitemaps import Sitemap

from people.models import Person


class PersonSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Person.objects.published().order_by("pk")

    def lastmod(self, person):
        return person.updated_at
