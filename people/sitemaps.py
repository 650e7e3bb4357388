from newsroom.core.sitemaps import CountedSitemap
from people.models import Person


class PersonSitemap(CountedSitemap):
    changefreq = "weekly"
    limit = 5000
    lastmod_field = "updated_at"

    def items(self):
        return Person.objects.published().order_by("pk")
