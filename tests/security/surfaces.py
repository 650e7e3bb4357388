"""Where the texts of a world are shown: each surface is a name, a URL and how to read it."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Surface:
    name: str
    url: str
    kind: str  # "html", "admin", "feed", "sitemap" or "json"


def admin(name, *args):
    return reverse(f"admin:{name}", args=args)


def public_pages(world):
    story, show, person = world.story, world.show, world.person
    pages = {
        "home": reverse("newsroom:home"),
        "story": story.get_absolute_url(),
        "show": show.get_absolute_url(),
        "season": world.season.get_absolute_url(),
        "person": person.get_absolute_url(),
        "network": world.network.get_absolute_url(),
        "studio": world.studio.get_absolute_url(),
        "franchise": world.franchise.get_absolute_url(),
        "tracker": reverse("shows:tracker"),
        "search": f"{reverse('newsroom:search')}?q={world.marker}",
    }
    return [Surface(f"page {name}", url, "html") for name, url in pages.items()]


def feeds(world):
    feeds = [("rss", reverse("newsroom:feed-rss")), ("atom", reverse("newsroom:feed-atom"))]
    subjects = (("show", world.show), ("person", world.person), ("company", world.network))
    for kind, subject in subjects:
        for form in ("rss", "atom"):
            url = reverse(f"newsroom:{kind}-feed-{form}", args=[subject.slug])
            feeds.append((f"{kind} {form}", url))
    return [Surface(f"feed {name}", url, "feed") for name, url in feeds]


SITEMAP_SECTIONS = ("stories", "shows", "people", "companies", "franchises")


def sitemaps():
    urls = [("index", "/sitemap.xml"), ("news", reverse("news-sitemap"))]
    urls += [(section, f"/sitemap-{section}.xml") for section in SITEMAP_SECTIONS]
    return [Surface(f"sitemap {name}", url, "sitemap") for name, url in urls]


def api(world):
    story, show = world.story.pk, world.show.pk
    many = f"?show={show}&page_size=100"
    urls = {
        "stories": "/api/v1/stories/?page_size=100",
        "story": f"/api/v1/stories/{story}/",
        "ninjs": f"/api/v1/stories/{story}/ninjs/",
        "show": f"/api/v1/shows/{show}/",
        "season": f"/api/v1/seasons/{world.season.pk}/",
        "person": f"/api/v1/people/{world.person.pk}/",
        "people": f"/api/v1/people/{many}",
        "network": f"/api/v1/companies/{world.network.pk}/",
        "studio": f"/api/v1/companies/{world.studio.pk}/",
        "companies": f"/api/v1/companies/?q={world.marker}&page_size=100",
        "franchise": f"/api/v1/franchises/{world.franchise.pk}/",
        "characters": f"/api/v1/characters/{many}",
        "credits": f"/api/v1/credits/{many}",
        "quotes": f"/api/v1/quotes/{many}",
        "quote": f"/api/v1/quotes/{world.quote.pk}/",
        "status events": f"/api/v1/status-events/{many}",
    }
    return [Surface(f"api {name}", url, "json") for name, url in urls.items()]


# The story and show change forms carry every block, credit and character as an inline form
# (about 40 kB a row): they are checked with the first world's hundred rows only.
BIG_FORMS = {"admin story change", "admin show change"}


def admin_pages(world):
    story, marker = world.story, world.marker
    first, second = world.revisions
    search = f"?q={marker}"
    pages = {
        "story change": admin("newsroom_story_change", story.pk),
        "story list": admin("newsroom_story_changelist") + search,
        "story history": admin("newsroom_story_history", story.pk),
        "story diff": admin("newsroom_story_compare", story.pk)
        + f"?older={first.pk}&newer={second.pk}",
        "story revision preview": admin("newsroom_story_revision_preview", story.pk, second.pk),
        "story preview": admin("newsroom_story_preview", story.pk),
        "story corrections": admin("newsroom_story_correct", story.pk),
        "audit log": admin("newsroom_auditentry_changelist") + search,
        "quote change": admin("newsroom_quote_change", world.quote.pk),
        "quote list": admin("newsroom_quote_changelist") + search,
        "show change": admin("shows_show_change", world.show.pk),
        "show list": admin("shows_show_changelist") + search,
        "person change": admin("people_person_change", world.person.pk),
        "person list": admin("people_person_changelist") + search,
        "network change": admin("shows_company_change", world.network.pk),
        "company list": admin("shows_company_changelist") + search,
        "franchise change": admin("shows_franchise_change", world.franchise.pk),
        "franchise list": admin("shows_franchise_changelist") + search,
        "source change": admin("shows_sourcematerial_change", world.source.pk),
        "source list": admin("shows_sourcematerial_changelist") + search,
        "character list": admin("shows_character_changelist") + search,
        "credit list": admin("shows_credit_changelist") + search,
        "status event list": admin("shows_statusevent_changelist") + search,
    }
    return [Surface(f"admin {name}", url, "admin") for name, url in pages.items()]


def of(world, *, with_big_forms=True):
    """Every surface that shows a text of `world`."""
    pages = admin_pages(world)
    if not with_big_forms:
        pages = [page for page in pages if page.name not in BIG_FORMS]
    return public_pages(world) + feeds(world) + api(world) + pages
