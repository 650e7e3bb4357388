"""The partner API's shows, seasons, companies, franchises, characters, credits, statuses."""

from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from newsroom.core.api.fields import (
    ApiUrlField,
    ExternalIdsSerializer,
    FilteredListUrlField,
    IdFilter,
    WebUrlField,
    full_text,
)
from people import api as people_api
from people.api import PersonSummarySerializer
from shows.models import (
    Character,
    Company,
    Credit,
    Franchise,
    Season,
    Show,
    ShowCompany,
    SourceMaterial,
    StatusEvent,
)


class CompanySummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:company-detail")

    class Meta:
        model = Company
        fields = ["id", "url", "name", "slug"]


class FranchiseSummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:franchise-detail")

    class Meta:
        model = Franchise
        fields = ["id", "url", "name", "slug"]


class ShowSummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:show-detail")

    class Meta:
        model = Show
        fields = ["id", "url", "title", "slug"]


class SeasonSummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:season-detail")

    class Meta:
        model = Season
        fields = ["id", "url", "number"]


class CompanySerializer(CompanySummarySerializer):
    parent = CompanySummarySerializer(allow_null=True)

    class Meta:
        model = Company
        fields = [*CompanySummarySerializer.Meta.fields, "kind", "parent", "updated_at"]


class CompanyDetailSerializer(CompanySerializer):
    web_url = WebUrlField()
    shows_url = FilteredListUrlField("api:show-list", "network")

    class Meta:
        model = Company
        fields = [
            *CompanySerializer.Meta.fields,
            "web_url",
            "description",
            "website",
            "wikidata_id",
            "shows_url",
        ]


class FranchiseSerializer(FranchiseSummarySerializer):
    web_url = WebUrlField()

    class Meta:
        model = Franchise
        fields = [*FranchiseSummarySerializer.Meta.fields, "web_url", "description"]


class FranchiseDetailSerializer(FranchiseSerializer):
    shows = ShowSummarySerializer(many=True)

    class Meta:
        model = Franchise
        fields = [*FranchiseSerializer.Meta.fields, "shows"]


class SeasonSerializer(SeasonSummarySerializer):
    web_url = WebUrlField()
    show = ShowSummarySerializer()
    premiere_display = serializers.CharField(help_text="“July 2025”: as precisely as known.")

    class Meta:
        model = Season
        fields = [
            *SeasonSummarySerializer.Meta.fields,
            "web_url",
            "show",
            "premiere_date",
            "premiere_precision",
            "premiere_display",
            "episode_count",
        ]


class CharacterSerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:character-detail")
    show = ShowSummarySerializer(allow_null=True)

    class Meta:
        model = Character
        fields = ["id", "url", "name", "show", "notes"]


class CharacterSummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:character-detail")

    class Meta:
        model = Character
        fields = ["id", "url", "name"]


class CreditSerializer(serializers.ModelSerializer):
    """A cast or crew credit, as a cast list or credits list shows it."""

    url = ApiUrlField(view_name="api:credit-detail")
    person = PersonSummarySerializer()
    show = ShowSummarySerializer()
    character = CharacterSummarySerializer(allow_null=True)
    company = CompanySummarySerializer(allow_null=True)
    seasons = serializers.SlugRelatedField(
        slug_field="number",
        many=True,
        read_only=True,
        help_text="Season numbers the credit is limited to; empty for the whole series.",
    )
    role = serializers.CharField(source="role_display", help_text="“as Renée Ballard (star)”.")

    class Meta:
        model = Credit
        fields = [
            "id",
            "url",
            "person",
            "show",
            "department",
            "character",
            "tier",
            "job",
            "company",
            "role",
            "billing_order",
            "seasons",
        ]


class StatusEventSerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:status-event-detail")
    show = ShowSummarySerializer()
    season = SeasonSummarySerializer(allow_null=True)
    network = CompanySummarySerializer(allow_null=True)

    class Meta:
        model = StatusEvent
        fields = ["id", "url", "show", "season", "status", "occurred_on", "network"]


class ShowCompanySerializer(serializers.ModelSerializer):
    company = CompanySummarySerializer()

    class Meta:
        model = ShowCompany
        fields = ["role", "company"]


class SourceMaterialSerializer(serializers.ModelSerializer):
    authors = PersonSummarySerializer(many=True)

    class Meta:
        model = SourceMaterial
        fields = ["id", "title", "kind", "first_published", "authors"]


class ShowSerializer(ShowSummarySerializer):
    status = serializers.ChoiceField(
        source="current_status",
        choices=StatusEvent.Status.choices,
        allow_null=True,
        help_text="From the newest public status event; null before any.",
    )
    network = CompanySummarySerializer(allow_null=True)
    franchise = FranchiseSummarySerializer(allow_null=True)
    spinoff_of = ShowSummarySerializer(allow_null=True)

    class Meta:
        model = Show
        fields = [
            *ShowSummarySerializer.Meta.fields,
            "status",
            "genre",
            "network",
            "franchise",
            "spinoff_of",
            "updated_at",
        ]


class ShowDetailSerializer(ShowSerializer):
    web_url = WebUrlField()
    external_ids = ExternalIdsSerializer(source="*")
    companies = ShowCompanySerializer(source="company_roles", many=True)
    spinoffs = ShowSummarySerializer(many=True)
    based_on = SourceMaterialSerializer(many=True)
    seasons = SeasonSerializer(many=True)
    status_events = StatusEventSerializer(source="published_status_events", many=True)
    cast = CreditSerializer(many=True)
    crew = CreditSerializer(many=True)
    stories_url = FilteredListUrlField("api:story-list", "show")
    quotes_url = FilteredListUrlField("api:quote-list", "show")

    class Meta:
        model = Show
        fields = [
            *ShowSerializer.Meta.fields,
            "web_url",
            "premise",
            "companies",
            "spinoffs",
            "based_on",
            "key_art",
            "key_art_alt",
            "external_ids",
            "seasons",
            "status_events",
            "cast",
            "crew",
            "stories_url",
            "quotes_url",
            "created_at",
        ]


class ShowFilter(filters.FilterSet):
    network = IdFilter(help_text="Shows airing on this network or streamer (id).")
    franchise = IdFilter(help_text="Shows in this franchise (id).")
    spinoff_of = IdFilter(help_text="Spinoffs of this show (id).")
    status = filters.ChoiceFilter(
        field_name="current_status",
        choices=StatusEvent.Status.choices,
        help_text="The show's current status.",
    )
    q = filters.CharFilter(method=full_text, help_text="Full text search of title, premise, genre.")

    class Meta:
        model = Show
        fields = []


class ShowViewSet(viewsets.ReadOnlyModelViewSet):
    """TV shows with their network, franchise, seasons, status timeline and credits."""

    filterset_class = ShowFilter
    ordering = ["title", "pk"]
    ordering_fields = {"title": "title", "updated_at": "updated_at", "id": "pk"}

    def get_queryset(self):
        shows = Show.objects.published()
        return shows.for_api_detail() if self.action == "retrieve" else shows.for_api()

    def get_serializer_class(self):
        return ShowDetailSerializer if self.action == "retrieve" else ShowSerializer


class SeasonFilter(filters.FilterSet):
    show = IdFilter(help_text="Seasons of this show (id).")

    class Meta:
        model = Season
        fields = []


class SeasonViewSet(viewsets.ReadOnlyModelViewSet):
    """Seasons, numbered within their show, with the premiere date as precisely as known."""

    filterset_class = SeasonFilter
    serializer_class = SeasonSerializer
    ordering = ["show__title", "number"]
    ordering_fields = {"premiere_date": "premiere_date", "id": "pk"}

    def get_queryset(self):
        return Season.objects.published().for_api()


class CompanyFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Company.Kind.choices)
    q = filters.CharFilter(method=full_text, help_text="Full text search of name and description.")

    class Meta:
        model = Company
        fields = []


class CompanyViewSet(viewsets.ReadOnlyModelViewSet):
    """Networks and streamers, studios and production companies."""

    filterset_class = CompanyFilter
    ordering = ["name", "pk"]
    ordering_fields = {"name": "name", "updated_at": "updated_at", "id": "pk"}

    def get_queryset(self):
        return Company.objects.published().for_api()

    def get_serializer_class(self):
        return CompanyDetailSerializer if self.action == "retrieve" else CompanySerializer


class FranchiseViewSet(viewsets.ReadOnlyModelViewSet):
    """Franchises (“Bosch universe”) and, in detail, their shows."""

    ordering = ["name", "pk"]
    ordering_fields = {"name": "name", "id": "pk"}

    def get_queryset(self):
        franchises = Franchise.objects.published().for_api()
        return franchises.prefetch_related("shows") if self.action == "retrieve" else franchises

    def get_serializer_class(self):
        return FranchiseDetailSerializer if self.action == "retrieve" else FranchiseSerializer


class CharacterFilter(filters.FilterSet):
    show = IdFilter(help_text="Characters of this show (id).")

    class Meta:
        model = Character
        fields = []


class CharacterViewSet(viewsets.ReadOnlyModelViewSet):
    """Characters, with the show they belong to."""

    filterset_class = CharacterFilter
    serializer_class = CharacterSerializer
    ordering = ["name", "pk"]
    ordering_fields = {"name": "name", "id": "pk"}

    def get_queryset(self):
        return Character.objects.published().for_api()


class CreditFilter(filters.FilterSet):
    person = IdFilter(help_text="Credits of this person (id).")
    show = IdFilter(help_text="Credits on this show (id).")
    season = IdFilter(
        method="filter_season",
        help_text="Credits covering this season (id): series-wide ones and those limited to it.",
    )
    department = filters.ChoiceFilter(choices=Credit.Department.choices)
    job = filters.ChoiceFilter(choices=Credit.Job.choices, help_text="Crew credits in this job.")
    tier = filters.ChoiceFilter(choices=Credit.Tier.choices, help_text="Cast credits in this tier.")

    class Meta:
        model = Credit
        fields = []

    def filter_season(self, queryset, name, value):
        return queryset.for_season(value)


class CreditViewSet(viewsets.ReadOnlyModelViewSet):
    """Cast and crew credits: a person on a show, as a character or in a job."""

    filterset_class = CreditFilter
    serializer_class = CreditSerializer
    ordering = ["show__title", "department", "billing_order", "pk"]
    ordering_fields = {"billing_order": "billing_order", "id": "pk"}

    def get_queryset(self):
        return Credit.objects.published().for_api()


class StatusEventFilter(filters.FilterSet):
    show = IdFilter(help_text="The timeline of this show (id).")
    status = filters.ChoiceFilter(choices=StatusEvent.Status.choices)
    occurred_after = filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = StatusEvent
        fields = []


class StatusEventViewSet(viewsets.ReadOnlyModelViewSet):
    """Renewals, cancellations, orders, endings, moves and revivals, once public."""

    filterset_class = StatusEventFilter
    serializer_class = StatusEventSerializer
    ordering = ["-occurred_on", "-pk"]
    ordering_fields = {"occurred_on": "occurred_on", "id": "pk"}

    def get_queryset(self):
        return StatusEvent.objects.published().for_api()


class CreditedPersonFilter(people_api.PersonFilter):
    """People, also by their credits: the filters people's own API cannot know of."""

    show = IdFilter(method="filter_credited", help_text="People with a credit on this show (id).")
    job = filters.ChoiceFilter(
        choices=Credit.Job.choices,
        method="filter_credited",
        help_text="People with a crew credit in this job; with `show`, on that show.",
    )

    class Meta(people_api.PersonFilter.Meta):
        fields = ["show", "job", "q"]

    def filter_queryset(self, queryset):
        # `show` and `job` describe one credit together, so they are applied together.
        data = self.form.cleaned_data
        show, job = data.get("show"), data.get("job")
        if show is not None or job:
            queryset = queryset.filter(Credit.objects.people_credited(show=show, job=job))
        return super().filter_queryset(queryset)

    def filter_credited(self, queryset, name, value):
        return queryset  # applied in filter_queryset


class PersonViewSet(people_api.PersonViewSet):
    __doc__ = people_api.PersonViewSet.__doc__.split("\n\n")[0]
    filterset_class = CreditedPersonFilter
