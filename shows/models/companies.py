"""Networks, studios and production companies; franchises; the books and films shows adapt."""

from functools import cache

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import OuterRef

from newsroom.core.models import KnownAliases, KnownBySlug, KnownBySlugQuerySet, Versioned
from newsroom.core.page_urls import page_url
from newsroom.core.rows import Row, Rows
from people.models import Person
from shows.models.base import ReferenceQuerySet


def related(model, relation):
    """The model at the other end of a relation: shows, credits and stories are defined in
    modules that import this one, so they are reached by relation rather than by import."""
    return model._meta.get_field(relation).related_model


class CompanyKind(models.TextChoices):
    NETWORK = "network", "Network or streamer"
    STUDIO = "studio", "Studio"
    PRODUCTION_COMPANY = "production_company", "Production company"
    OTHER = "other", "Other organization"


class CompanyQuerySet(KnownBySlugQuerySet, ReferenceQuerySet):
    search_fields = ("name", "description")

    def for_api(self):
        """The partner API's companies: the parent company is shown with each."""
        return self.select_related("parent")

    def for_company_page(self):
        """The company page: shows it airs, shows it makes, people it employs, all in the
        company's own row (newsroom/core/rows.py)."""
        return self.select_related("parent").with_rows(**company_page_rows())


@cache
def company_page_rows():
    shows = related(Company, "network_shows").objects.filter(network=OuterRef("pk"))
    roles = related(Company, "show_roles").objects.filter(company=OuterRef("pk"))
    credits = related(Company, "credits").objects.filter(company=OuterRef("pk"))
    return {
        "network_shows": Rows(shows, "title", "slug"),
        "subsidiaries": Rows(Company.objects.filter(parent=OuterRef("pk")), "name", "slug"),
        "show_roles": Rows(roles, "role", show=Row("title", "slug")),
        "credits": Rows(
            credits, "department", "job", person=Row("name", "slug"), show=Row("title", "slug")
        ),
    }


class Company(KnownBySlug, KnownAliases, Versioned):
    Kind = CompanyKind

    name = models.CharField(
        max_length=200, help_text="As the company styles itself: “Prime Video”."
    )
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=20,
        choices=Kind,
        help_text="What the company mainly is. Its role on a show is set on the show.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subsidiaries",
        help_text="The owning company, for example Amazon for Prime Video.",
    )
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q\d+$", "A Wikidata id looks like Q1234.")],
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=CompanyKind.values), name="company_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_url("shows:company", slug=self.slug)


class FranchiseQuerySet(KnownBySlugQuerySet, ReferenceQuerySet):
    def for_franchise_page(self):
        """The franchise page: its shows with their networks and parents, in its own row."""
        return self.with_rows(shows=franchise_shows())


@cache
def franchise_shows():
    return Rows(
        related(Franchise, "shows").objects.filter(franchise=OuterRef("pk")),
        "title",
        "slug",
        network=Row("name", "slug"),
        spinoff_of=Row("title", "slug"),
    )


class Franchise(KnownBySlug, Versioned):
    name = models.CharField(max_length=200, help_text="For example “Bosch universe”.")
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    objects = FranchiseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return page_url("shows:franchise", slug=self.slug)


class SourceKind(models.TextChoices):
    NOVEL = "novel", "Novel"
    NOVEL_SERIES = "novel_series", "Novel series"
    COMIC = "comic", "Comic or graphic novel"
    FILM = "film", "Film"
    SERIES = "series", "TV series"
    NONFICTION = "nonfiction", "Nonfiction book or article"
    PODCAST = "podcast", "Podcast"
    GAME = "game", "Video game"
    OTHER = "other", "Other"


class SourceMaterialQuerySet(KnownBySlugQuerySet, ReferenceQuerySet):
    pass


@cache
def author_works():
    """What a person wrote, with the shows adapted from it, as JSON in the person's row."""
    return Rows(
        SourceMaterial.objects.filter(authors=OuterRef("pk")),
        "title",
        adaptations=Rows(
            related(SourceMaterial, "adaptations").objects.filter(based_on=OuterRef("pk")),
            "title",
            "slug",
        ),
    )


class SourceMaterial(KnownBySlug, Versioned):
    Kind = SourceKind

    title = models.CharField(max_length=200, help_text="For example “Renée Ballard novels”.")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.NOVEL_SERIES)
    authors = models.ManyToManyField(Person, related_name="works", blank=True)
    first_published = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year, for example 2017."
    )

    objects = SourceMaterialQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "source material"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SourceKind.values), name="source_material_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title
