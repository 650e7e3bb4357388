"""Characters, and who works on a show: cast with their characters, crew with their jobs."""

from functools import cache

from django.core.exceptions import ValidationError
from django.db import models

from newsroom.core.models import Versioned
from newsroom.core.rows import Rows
from people.models import Person
from shows.models.base import ReferenceQuerySet, ShowPartQuerySet


class Character(Versioned):
    name = models.CharField(max_length=200, help_text="For example “Renée Ballard”.")
    show = models.ForeignKey(
        "shows.Show",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="characters",
        help_text="The show the character belongs to. Crossovers are cast credits on other shows.",
    )
    source_material = models.ForeignKey(
        "shows.SourceMaterial",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="characters",
        help_text="Where the character first appeared, if not on screen.",
    )
    notes = models.TextField(blank=True, help_text="Rank, occupation, one-line description.")

    objects = ShowPartQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["show", "name"], name="character_name_unique_per_show"),
        ]

    def __str__(self):
        return f"{self.name} ({self.show})" if self.show_id else self.name

    def may_appear_on(self, show):
        """A character crosses over to its own show's spinoffs and franchise siblings."""
        home = self.show
        return (
            home is None
            or home.pk == show.pk
            or home.pk == show.spinoff_of_id
            or (home.franchise_id is not None and home.franchise_id == show.franchise_id)
        )


class CreditQuerySet(ReferenceQuerySet):
    def cast(self):
        return self.filter(department=Credit.Department.CAST)

    def crew(self):
        return self.filter(department=Credit.Department.CREW)

    def for_season(self, season):
        """Credits on a season page and cast lists: series-wide credits plus this season's."""
        limited = Credit.seasons.through.objects.filter(credit=models.OuterRef("pk"))
        return self.filter(~models.Exists(limited) | models.Exists(limited.filter(season=season)))

    def in_billing_order(self):
        tier_rank = models.Case(
            *(models.When(tier=tier, then=rank) for rank, tier in enumerate(Credit.Tier.values)),
            default=len(Credit.Tier.values),
        )
        job_rank = models.Case(
            *(models.When(job=job, then=rank) for rank, job in enumerate(Credit.Job.values)),
            default=len(Credit.Job.values),
        )
        return self.order_by(tier_rank, job_rank, "billing_order", "person__sort_name", "pk")

    def for_listing(self):
        """Cast lists and credit lists on pages and in the admin: who, as whom, for whom."""
        return self.select_related("person", "character", "company", "show").prefetch_related(
            "seasons"
        )

    def on_person_page(self, person):
        """A person's credits on their page: show, character, company and seasons, in the
        credits' own order (show, then billing)."""
        return (
            self.filter(person=person)
            .select_related("show")
            .for_page()
            .order_by(*self.model._meta.ordering)
        )

    def people_credited(self, *, show=None, job=None):
        """People with a credit on `show` in `job` (either may be None): the API's people
        filter, as a condition on Person rows."""
        credits = self.filter(person=models.OuterRef("pk"))
        if show is not None:
            credits = credits.filter(show=show)
        if job:
            credits = credits.filter(job=job)
        return models.Exists(credits)

    def for_page(self):
        """Cast and crew on reader pages, in billing order: seasons come in the credits' query."""
        return (
            self.select_related("person", "character", "company")
            .with_rows(seasons=credit_seasons())
            .in_billing_order()
        )

    def for_api(self):
        """Credits in the partner API, alone or nested in shows and stories: who, as whom, for
        whom, with the seasons in the credits' query (one query)."""
        return self.select_related("person", "character", "company", "show").with_rows(
            seasons=credit_seasons()
        )


@cache
def credit_seasons(credit="pk"):
    """The seasons a credit is limited to, as JSON in the row of the credit, or of the row whose
    foreign key `credit` names it (newsroom/core/rows.py): pages and the partner API."""
    season_model = Credit._meta.get_field("seasons").related_model
    return Rows(season_model.objects.filter(credits=models.OuterRef(credit)), "number")


class Department(models.TextChoices):
    CAST = "cast", "Cast"
    CREW = "crew", "Crew"


class Tier(models.TextChoices):
    STAR = "star", "Star"
    SERIES_REGULAR = "series_regular", "Series regular"
    RECURRING = "recurring", "Recurring"
    GUEST = "guest", "Guest"


class Job(models.TextChoices):
    CREATOR = "creator", "Creator"
    DEVELOPER = "developer", "Developed by"
    SHOWRUNNER = "showrunner", "Showrunner"
    CO_SHOWRUNNER = "co_showrunner", "Co-showrunner"
    EXECUTIVE_PRODUCER = "executive_producer", "Executive producer"
    CO_EXECUTIVE_PRODUCER = "co_executive_producer", "Co-executive producer"
    PRODUCER = "producer", "Producer"
    WRITER = "writer", "Writer"
    DIRECTOR = "director", "Director"
    COMPOSER = "composer", "Composer"
    CASTING_DIRECTOR = "casting_director", "Casting director"


class Credit(Versioned):
    Department = Department

    Tier = Tier

    Job = Job

    # What reader pages show of a credit, beside its person, character, company and seasons.
    PAGE_FIELDS = ("department", "tier", "job", "billing_order")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="credits")
    show = models.ForeignKey("shows.Show", on_delete=models.CASCADE, related_name="credits")
    seasons = models.ManyToManyField(
        "shows.Season",
        blank=True,
        related_name="credits",
        help_text="Leave empty when the credit covers the whole series.",
    )
    department = models.CharField(max_length=4, choices=Department)
    character = models.ForeignKey(
        "shows.Character",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
        help_text="Cast only.",
    )
    tier = models.CharField(max_length=20, choices=Tier, blank=True, help_text="Cast only.")
    job = models.CharField(max_length=30, choices=Job, blank=True, help_text="Crew only.")
    company = models.ForeignKey(
        "shows.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
        help_text="Crew only: the company the person works for on this show, as in "
        "“co-executive producer for Hieronymus Pictures”.",
    )
    billing_order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower comes first within a tier or job."
    )

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["show_id", "department", "billing_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(department="cast", job="", company__isnull=True)
                    & models.Q(tier__in=Tier.values)
                )
                | (
                    models.Q(department="crew", character__isnull=True, tier="")
                    & models.Q(job__in=Job.values)
                ),
                name="credit_fields_match_department",
            ),
            models.UniqueConstraint(
                fields=["person", "show", "character"],
                condition=models.Q(department="cast"),
                name="cast_credit_unique",
            ),
            models.UniqueConstraint(
                fields=["person", "show", "job"],
                condition=models.Q(department="crew"),
                name="crew_credit_unique",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.role_display} — {self.show}"

    def clean(self):
        errors = {}
        if self.department == self.Department.CAST:
            if self.job:
                errors["job"] = "A cast credit has no crew job."
            if self.company_id:
                errors["company"] = "A cast credit is not on behalf of a company."
            if not self.tier:
                errors["tier"] = "Choose the cast tier: star, series regular, recurring or guest."
        elif self.department == self.Department.CREW:
            if self.character_id:
                errors["character"] = "A crew credit has no character."
            if self.tier:
                errors["tier"] = "A crew credit has no cast tier."
            if not self.job:
                errors["job"] = "Choose the crew job."
        if self.character_id and self.show_id and not self.character.may_appear_on(self.show):
            errors["character"] = (
                f"{self.character.name} belongs to {self.character.show}, which is neither "
                f"{self.show}, its parent show nor in its franchise."
            )
        if errors:
            raise ValidationError(errors)

    def covers_season(self, season_id):
        """A series-wide credit covers every season; uses prefetched seasons."""
        season_ids = [season.pk for season in self.seasons.all()]
        return not season_ids or season_id in season_ids

    @property
    def is_cast(self):
        return self.department == self.Department.CAST

    @property
    def role_display(self):
        if self.is_cast:
            role = f"as {self.character.name}" if self.character_id else "cast"
            return f"{role} ({self.get_tier_display().lower()})"
        role = self.get_job_display()
        return f"{role} for {self.company}" if self.company_id else role
