import calendar

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from people.models import ExternalIds, FullTextQuerySet, KnownAliases, Person


class ReferenceQuerySet(FullTextQuerySet):
    def published(self):
        """Everything the public may see: reference data is public once entered.

        Facts that a story declares (status events) wait for that story: see
        StatusEventQuerySet.published()."""
        return self.all()

    def for_api(self):
        """The partner API's franchises and source material: nothing to join."""
        return self.all()


class ShowPartQuerySet(ReferenceQuerySet):
    def for_api(self):
        """The partner API's seasons and characters, each with its show."""
        return self.select_related("show")


class CompanyKind(models.TextChoices):
    NETWORK = "network", "Network or streamer"
    STUDIO = "studio", "Studio"
    PRODUCTION_COMPANY = "production_company", "Production company"
    OTHER = "other", "Other organization"


class CompanyQuerySet(ReferenceQuerySet):
    search_fields = ("name", "description")

    def for_api(self):
        """The partner API's companies: the parent company is shown with each."""
        return self.select_related("parent")

    def for_company_page(self):
        """The company page: shows it airs, shows it makes, people it employs."""
        return self.select_related("parent").prefetch_related(
            "network_shows",
            "subsidiaries",
            models.Prefetch("show_roles", queryset=ShowCompany.objects.select_related("show")),
            models.Prefetch("credits", queryset=Credit.objects.select_related("person", "show")),
        )


class Company(KnownAliases):
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
        return reverse("shows:company", kwargs={"slug": self.slug})

    def published_stories(self):
        """Published stories about its shows or linking to it (the newsroom app's Story)."""
        story_model = Show._meta.get_field("stories").related_model
        return story_model.objects.published().about_company(self)


class FranchiseQuerySet(ReferenceQuerySet):
    def for_franchise_page(self):
        """The franchise page: its shows with their networks and parents."""
        return self.prefetch_related(
            models.Prefetch("shows", queryset=Show.objects.select_related("network", "spinoff_of"))
        )


class Franchise(models.Model):
    name = models.CharField(max_length=200, help_text="For example “Bosch universe”.")
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    objects = FranchiseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shows:franchise", kwargs={"slug": self.slug})

    def published_stories(self):
        """Published stories about the franchise's shows (the newsroom app's Story)."""
        story_model = Show._meta.get_field("stories").related_model
        return story_model.objects.published().in_franchise(self)


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


class SourceMaterial(models.Model):
    Kind = SourceKind

    title = models.CharField(max_length=200, help_text="For example “Renée Ballard novels”.")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.NOVEL_SERIES)
    authors = models.ManyToManyField(Person, related_name="works", blank=True)
    first_published = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year, for example 2017."
    )

    objects = ReferenceQuerySet.as_manager()

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


class ShowQuerySet(ReferenceQuerySet):
    search_fields = ("title", "premise", "genre")

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
        """A show in the partner API: its companies, sources, seasons, timeline and credits."""
        return self.for_api().prefetch_related(
            "spinoffs",
            models.Prefetch("seasons", queryset=Season.objects.select_related("show")),
            models.Prefetch(
                "company_roles", queryset=ShowCompany.objects.select_related("company")
            ),
            models.Prefetch(
                "based_on", queryset=SourceMaterial.objects.prefetch_related("authors")
            ),
            models.Prefetch("status_events", queryset=StatusEvent.objects.published().for_api()),
            models.Prefetch("credits", queryset=Credit.objects.for_api().in_billing_order()),
        )

    def for_admin_changelist(self):
        """The admin's show list: network and franchise columns."""
        return self.select_related("network", "franchise")

    def for_tracker(self, today):
        """The tracker: each show with its newest public decision and newest premiered season.

        Only those two rows per show are fetched, so the scorecard of thousands of shows costs
        three queries and no pile of old events."""
        newest_decision = (
            StatusEvent.objects.published()
            .filter(show=OuterRef("show"))
            .order_by("-occurred_on", "-pk")
            .values("pk")[:1]
        )
        newest_premiere = (
            Season.objects.filter(show=OuterRef("show"), premiere_date__lte=today)
            .order_by("-number")
            .values("pk")[:1]
        )
        decisions = StatusEvent.objects.filter(pk=Subquery(newest_decision))
        return self.select_related("network").prefetch_related(
            models.Prefetch(
                "status_events",
                queryset=decisions.select_related("story", "season"),
                to_attr="newest_decisions",
            ),
            models.Prefetch(
                "seasons",
                queryset=Season.objects.filter(pk=Subquery(newest_premiere)),
                to_attr="newest_premieres",
            ),
        )

    def search(self, text):
        """Reader search: title and premise, ranked full text on PostgreSQL."""
        if connection.vendor == "postgresql":
            vector = SearchVector("title", weight="A") + SearchVector("premise", weight="B")
            query = SearchQuery(text, search_type="websearch", config="english")
            # Matching is @@; a rank alone is never 0 (non-matches get 1e-20).
            return (
                self.annotate(document=vector, rank=SearchRank(vector, query))
                .filter(document=query)
                .order_by("-rank", "title")
            )
        matches = models.Q()
        for word in text.split():
            matches &= models.Q(title__icontains=word) | models.Q(premise__icontains=word)
        return self.filter(matches)

    def for_show_page(self):
        """Show and season pages: the universe, seasons, credits and the status timeline."""
        return self.select_related("network", "franchise", "spinoff_of").prefetch_related(
            "seasons",
            "spinoffs",
            models.Prefetch(
                "company_roles", queryset=ShowCompany.objects.select_related("company")
            ),
            models.Prefetch(
                "based_on", queryset=SourceMaterial.objects.prefetch_related("authors")
            ),
            models.Prefetch(
                "status_events", queryset=StatusEvent.objects.select_related("story", "season")
            ),
            models.Prefetch("credits", queryset=Credit.objects.for_listing().in_billing_order()),
        )


class Show(ExternalIds, KnownAliases):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Part of the public URL.")
    premise = models.TextField(blank=True, help_text="One or two sentences, in our own words.")
    genre = models.CharField(
        max_length=100, blank=True, help_text="For example “Police procedural”."
    )
    network = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_shows",
        help_text="Where the show airs or streams now. A move is recorded as a status event.",
    )
    companies = models.ManyToManyField(
        Company, through="ShowCompany", related_name="produced_shows", blank=True
    )
    franchise = models.ForeignKey(
        Franchise, on_delete=models.PROTECT, null=True, blank=True, related_name="shows"
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
        SourceMaterial,
        related_name="adaptations",
        blank=True,
        help_text="Novels, comics or films the show adapts.",
    )
    key_art = models.ImageField(upload_to="shows/", blank=True)
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
        return reverse("shows:show", kwargs={"slug": self.slug})

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

    def published_stories(self):
        """Published stories about the show; the newsroom app's Story, reached by relation."""
        story_model = self._meta.get_field("stories").related_model
        return story_model.objects.published().about_show(self)

    def cast(self):
        return [credit for credit in self.credits.all() if credit.is_cast]

    def crew(self):
        return [credit for credit in self.credits.all() if not credit.is_cast]


class CompanyRole(models.TextChoices):
    STUDIO = "studio", "Studio"
    PRODUCTION_COMPANY = "production_company", "Production company"
    CO_PRODUCER = "co_producer", "Co-producer"
    DISTRIBUTOR = "distributor", "Distributor"


class ShowCompany(models.Model):
    Role = CompanyRole

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="company_roles")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="show_roles")
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


class Season(models.Model):
    Precision = DatePrecision

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="seasons")
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

    objects = ShowPartQuerySet.as_manager()

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
        return reverse("shows:season", kwargs={"slug": self.show.slug, "number": self.number})

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
        """The premiere as precisely as we know it: “July 2025”, “2026” or “July 9, 2025”."""
        if not self.premiere_date:
            return ""
        date = self.premiere_date
        if self.premiere_precision == self.Precision.YEAR:
            return str(date.year)
        if self.premiere_precision == self.Precision.MONTH:
            return f"{calendar.month_name[date.month]} {date.year}"
        return f"{calendar.month_name[date.month]} {date.day}, {date.year}"


class Character(models.Model):
    name = models.CharField(max_length=200, help_text="For example “Renée Ballard”.")
    show = models.ForeignKey(
        Show,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="characters",
        help_text="The show the character belongs to. Crossovers are cast credits on other shows.",
    )
    source_material = models.ForeignKey(
        SourceMaterial,
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
        return self.filter(models.Q(seasons=None) | models.Q(seasons=season)).distinct()

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

    def for_api(self):
        """Credits in the partner API, alone or nested in shows and stories: as listed on pages."""
        return self.for_listing()


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


class Credit(models.Model):
    Department = Department

    Tier = Tier

    Job = Job

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="credits")
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="credits")
    seasons = models.ManyToManyField(
        Season,
        blank=True,
        related_name="credits",
        help_text="Leave empty when the credit covers the whole series.",
    )
    department = models.CharField(max_length=4, choices=Department)
    character = models.ForeignKey(
        Character,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credits",
        help_text="Cast only.",
    )
    tier = models.CharField(max_length=20, choices=Tier, blank=True, help_text="Cast only.")
    job = models.CharField(max_length=30, choices=Job, blank=True, help_text="Crew only.")
    company = models.ForeignKey(
        Company,
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


class StatusEventQuerySet(models.QuerySet):
    def published(self):
        """Events the public may see: entered as history, or reported by a published story."""
        story_model = self.model._meta.get_field("story").related_model
        return self.filter(
            models.Q(story__isnull=True) | models.Q(story__in=story_model.objects.published())
        )

    def for_api(self):
        """Status events in the partner API: show, season, network and the reporting story."""
        return self.select_related("show", "season", "network", "story")


class ShowStatus(models.TextChoices):
    ORDERED = "ordered", "Ordered to series"
    RENEWED = "renewed", "Renewed"
    CANCELLED = "cancelled", "Cancelled"
    ENDING = "ending", "Ending"
    MOVED_NETWORK = "moved_network", "Moved network"
    REVIVED = "revived", "Revived"


class StatusEvent(models.Model):
    Status = ShowStatus

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="status_events")
    season = models.ForeignKey(
        Season,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_events",
        help_text="The season the decision is about: season 2 for a renewal for a second season.",
    )
    status = models.CharField(max_length=20, choices=Status)
    occurred_on = models.DateField(help_text="When the decision was announced.")
    network = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_events",
        help_text="For orders, revivals and moves: the network that made the decision.",
    )
    story = models.ForeignKey(
        "newsroom.Story",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_events",
        help_text="The story that reported it. The event becomes public with that story.",
    )
    notes = models.CharField(max_length=300, blank=True)

    objects = StatusEventQuerySet.as_manager()

    class Meta:
        ordering = ["show_id", "occurred_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ShowStatus.values), name="status_event_status_valid"
            ),
            models.UniqueConstraint(
                fields=["show", "status", "season", "story"],
                name="status_event_unique_per_story",
            ),
        ]

    def __str__(self):
        season = f" season {self.season.number}" if self.season_id else ""
        return f"{self.show}{season}: {self.get_status_display().lower()} ({self.occurred_on})"

    @property
    def is_published(self):
        return self.story_id is None or self.story.is_published
