"""Shows, their seasons and the companies that make them."""

import calendar
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import OuterRef, Subquery

from newsroom.core.images import ReencodedImageField
from newsroom.core.models import (
    ExternalIds,
    KnownAliases,
    KnownBySlug,
    KnownBySlugQuerySet,
    Versioned,
)
from newsroom.core.page_urls import page_url
from newsroom.core.rows import Row, Rows
from people.models import Person
from shows.models.base import ReferenceQuerySet, ShowPartQuerySet
from shows.models.companies import SourceMaterial
from shows.models.credits import Credit
from shows.models.status import StatusEvent


class ShowQuerySet(KnownBySlugQuerySet, ReferenceQuerySet):
    search_fields = ("title", "premise", "genre")
    reader_fields = {"title": "A", "premise": "B"}
    reader_document_fields = ("title", "premise")

    def with_status(self):
        """Annotates current_status from the newest published status event (tracker, lists, API)."""
        latest = (
            StatusEvent.objects.published()
            .filter(show=OuterRef("pk"))
            .order_by("-occurred_on", "-pk")
            .values("status")[:1]
        )
        return self.annotate(current_status=Subquery(latest))

    def for_api(self):
        """The partner API's show list: network, franchise, parent show and current status."""
        return self.with_status().select_related("network", "franchise", "spinoff_of")

    def for_api_detail(self):
        """A show in the partner API: four queries, for the show with its spinoffs, companies
        and sources in its row (newsroom/core/rows.py), its seasons, its status timeline and its
        credits."""
        return (
            self.for_api()
            .with_rows(**show_api_rows())
            .prefetch_related(
                models.Prefetch("seasons", queryset=Season.objects.select_related("show")),
                models.Prefetch(
                    "status_events", queryset=StatusEvent.objects.published().for_api()
                ),
                models.Prefetch("credits", queryset=Credit.objects.for_api().in_billing_order()),
            )
        )

    def for_admin_changelist(self):
        """The admin's show list: network and franchise columns."""
        return self.select_related("network", "franchise")

    def for_show_page(self):
        """Show and season pages: the universe, seasons, companies and the status timeline in
        the show's own row (newsroom/core/rows.py), and the credits in one more query."""
        return (
            self.select_related("network", "franchise", "spinoff_of")
            .with_rows(**show_page_rows())
            .prefetch_related(models.Prefetch("credits", queryset=Credit.objects.for_page()))
        )


@cache
def show_page_rows():
    """The show page's lists, carried in the show's row."""
    return {
        "spinoffs": Rows(Show.objects.filter(spinoff_of=OuterRef("pk")), "title", "slug"),
        "company_roles": Rows(
            ShowCompany.objects.filter(show=OuterRef("pk")), "role", company=Row("name", "slug")
        ),
        **show_rows(),
    }


@cache
def show_api_rows():
    """The partner API's show detail lists, carried in the show's row."""
    page = show_page_rows()
    return {
        "spinoffs": page["spinoffs"],
        "company_roles": page["company_roles"],
        "based_on": Rows(
            SourceMaterial.objects.filter(adaptations=OuterRef("pk")),
            "title",
            "kind",
            "first_published",
            authors=Rows(Person.objects.filter(works=OuterRef("pk")), "name", "slug"),
        ),
    }


@cache
def show_rows(show=""):
    """A show's seasons, sources and status events as JSON in the row of the show, or of the
    row whose foreign key `show` names it: the show page, the story page's show box."""
    outer = OuterRef(show or "pk")
    prefix = f"{show}__" if show else ""
    return {
        f"{prefix}seasons": Rows(
            Season.objects.filter(show=outer),
            "number",
            "premiere_date",
            "premiere_precision",
            "episode_count",
        ),
        f"{prefix}based_on": Rows(
            SourceMaterial.objects.filter(adaptations=outer),
            "title",
            authors=Rows(Person.objects.filter(works=OuterRef("pk")), "name", "slug"),
        ),
        f"{prefix}status_events": Rows(
            StatusEvent.objects.filter(show=outer),
            "status",
            "occurred_on",
            "public_from",
            "source_title",
            "source_url",
            season=Row("number"),
        ),
    }


class Show(KnownBySlug, ExternalIds, KnownAliases, Versioned):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Part of the public URL.")
    premise = models.TextField(blank=True, help_text="One or two sentences, in our own words.")
    genre = models.CharField(
        max_length=100, blank=True, help_text="For example “Police procedural”."
    )
    network = models.ForeignKey(
        "shows.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_shows",
        help_text="Where the show airs or streams now. A move is recorded as a status event.",
    )
    companies = models.ManyToManyField(
        "shows.Company", through="ShowCompany", related_name="produced_shows", blank=True
    )
    franchise = models.ForeignKey(
        "shows.Franchise", on_delete=models.PROTECT, null=True, blank=True, related_name="shows"
    )
    spinoff_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spinoffs",
        help_text="The show this one spun off from, for example Bosch for Ballard.",
    )
    based_on = models.ManyToManyField(
        "shows.SourceMaterial",
        related_name="adaptations",
        blank=True,
        help_text="Novels, comics or films the show adapts.",
    )
    key_art = ReencodedImageField(upload_to="shows/", blank=True)
    key_art_alt = models.CharField(
        "key art description",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    imdb_id = models.CharField(
        "IMDb id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^tt\d+$", "An IMDb title id looks like tt0123456.")],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShowQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["updated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(spinoff_of=models.F("pk")), name="show_not_own_spinoff"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return page_url("shows:show", slug=self.slug)

    def clean(self):
        if self.spinoff_of_id and self.spinoff_of_id == self.pk:
            raise ValidationError({"spinoff_of": "A show cannot be a spinoff of itself."})

    def published_status_events(self):
        """The status timeline, oldest first; uses prefetched status_events."""
        return sorted(
            (event for event in self.status_events.all() if event.is_published),
            key=lambda event: (event.occurred_on, event.pk),
        )

    def latest_status_event(self):
        events = self.published_status_events()
        return events[-1] if events else None

    def cast(self):
        return [credit for credit in self.credits.all() if credit.is_cast]

    def crew(self):
        return [credit for credit in self.credits.all() if not credit.is_cast]


class CompanyRole(models.TextChoices):
    STUDIO = "studio", "Studio"
    PRODUCTION_COMPANY = "production_company", "Production company"
    CO_PRODUCER = "co_producer", "Co-producer"
    DISTRIBUTOR = "distributor", "Distributor"


class ShowCompany(Versioned):
    Role = CompanyRole

    show = models.ForeignKey("shows.Show", on_delete=models.CASCADE, related_name="company_roles")
    company = models.ForeignKey(
        "shows.Company", on_delete=models.PROTECT, related_name="show_roles"
    )
    role = models.CharField(max_length=20, choices=Role)

    class Meta:
        ordering = ["role", "company__name"]
        verbose_name = "company on the show"
        verbose_name_plural = "companies on the show"
        constraints = [
            models.UniqueConstraint(
                fields=["show", "company", "role"], name="show_company_role_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=CompanyRole.values), name="show_company_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.company} ({self.get_role_display().lower()}) on {self.show}"


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


class SeasonQuerySet(ShowPartQuerySet):
    def get_by_natural_key(self, show_slug, number):
        """loaddata and `manage.py restore`: a season named by its show's slug and number."""
        return self.get(show__slug=show_slug, number=number)


class Season(Versioned):
    Precision = DatePrecision

    show = models.ForeignKey("shows.Show", on_delete=models.CASCADE, related_name="seasons")
    number = models.PositiveSmallIntegerField(help_text="1 for the first season.")
    premiere_date = models.DateField(
        null=True,
        blank=True,
        help_text="When only the month is known, enter its first day and choose “Month only”.",
    )
    premiere_precision = models.CharField(
        max_length=5,
        choices=Precision,
        blank=True,
        help_text="How much of the premiere date is known.",
    )
    episode_count = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = SeasonQuerySet.as_manager()

    class Meta:
        ordering = ["show_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["show", "number"], name="season_number_unique_per_show"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="season_number_positive"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(premiere_date__isnull=True, premiere_precision="")
                    | models.Q(
                        premiere_date__isnull=False, premiere_precision__in=DatePrecision.values
                    )
                ),
                name="season_premiere_precision_with_date",
            ),
        ]

    def __str__(self):
        return f"{self.show} season {self.number}"

    def get_absolute_url(self):
        return page_url("shows:season", slug=self.show.slug, number=self.number)

    def natural_key(self):
        """How backups name the season: its show's slug and its number, whatever its id."""
        return (*self.show.natural_key(), self.number)

    natural_key.dependencies = ["shows.show"]

    def clean(self):
        if self.premiere_date and not self.premiere_precision:
            self.premiere_precision = self.Precision.DAY
        if self.premiere_precision and not self.premiere_date:
            raise ValidationError({"premiere_date": "Enter the date whose precision you chose."})
        if self.premiere_precision == self.Precision.MONTH and self.premiere_date.day != 1:
            raise ValidationError(
                {"premiere_date": "With “Month only”, enter the first day of the month."}
            )

    def published_status_events(self):
        """Uses the show's prefetched status events."""
        return [e for e in self.show.published_status_events() if e.season_id == self.pk]

    def cast(self):
        """This season's cast: series-wide credits and those limited to it."""
        return [credit for credit in self.show.cast() if credit.covers_season(self.pk)]

    def crew(self):
        return [credit for credit in self.show.crew() if credit.covers_season(self.pk)]

    @property
    def premiere_display(self):
        return self.describe_premiere(self.premiere_date, self.premiere_precision)

    @classmethod
    def describe_premiere(cls, date, precision):
        """The premiere as precisely as we know it: “July 2025”, “2026” or “July 9, 2025”."""
        if not date:
            return ""
        if precision == cls.Precision.YEAR:
            return str(date.year)
        if precision == cls.Precision.MONTH:
            return f"{calendar.month_name[date.month]} {date.year}"
        return f"{calendar.month_name[date.month]} {date.day}, {date.year}"
