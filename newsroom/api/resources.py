"""The partner API's stories, quotes and change feed: serializers, filters and viewsets."""

from django.http import Http404
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from newsroom.api import story_detail, story_list
from newsroom.api.ninjs import story_as_ninjs
from newsroom.api.status_events import ReportedStatusEventSerializer
from newsroom.core.api.fields import (
    MAX_ID,
    ApiUrlField,
    IdFilter,
    WebUrlField,
    api_address,
    api_url,
    full_text,
)
from newsroom.core.api.http import (
    ChangeFeedPagination,
    FeedCursorPagination,
    OnDemandFilterBackend,
    asks_to_filter,
)
from newsroom.core.api.input import UtcDateTimeFilter
from newsroom.core.page_urls import PageUrls, absolute_urls
from newsroom.models import (
    Block,
    Change,
    Correction,
    Quote,
    QuoteSpeaker,
    StatusReport,
    Story,
    StoryCompany,
    StoryPerson,
    StoryShow,
)
from people.api import PersonSummarySerializer
from shows.api import (
    CompanySummarySerializer,
    CreditSerializer,
    SeasonSummarySerializer,
    ShowSummarySerializer,
)


class SpeakerSerializer(serializers.ModelSerializer):
    """Who said it, with the title and organization they had then; or an organization itself."""

    type = serializers.SerializerMethodField()
    id = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    name = serializers.CharField()
    organization = CompanySummarySerializer(allow_null=True)

    class Meta:
        model = QuoteSpeaker
        fields = ["type", "id", "name", "url", "title", "organization"]

    def get_type(self, speaker) -> str:
        return "person" if speaker.person_id else "organization"

    def get_id(self, speaker) -> int:
        return speaker.person_id or speaker.organization_id

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, speaker):
        view_name = "api:person-detail" if speaker.person_id else "api:company-detail"
        return api_url(self.context, view_name, self.get_id(speaker))


class QuoteSerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:quote-detail")
    speakers = SpeakerSerializer(many=True)
    show = ShowSummarySerializer(allow_null=True)

    class Meta:
        model = Quote
        fields = [
            "id",
            "url",
            "text",
            "speakers",
            "show",
            "said_on",
            "medium",
            "source",
            "source_url",
        ]


class StorySummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:story-detail")

    class Meta:
        model = Story
        fields = ["id", "url", "headline", "slug"]


class QuoteDetailSerializer(QuoteSerializer):
    stories = serializers.SerializerMethodField(help_text="Published stories that use the quote.")

    class Meta:
        model = Quote
        fields = [*QuoteSerializer.Meta.fields, "stories"]

    @extend_schema_field(StorySummarySerializer(many=True))
    def get_stories(self, quote):
        stories = {block.story_id: block.story for block in quote.public_blocks}
        return StorySummarySerializer(stories.values(), many=True, context=self.context).data


class BlockSerializer(serializers.ModelSerializer):
    """A body block in page order. Each kind fills its own fields; the others are null."""

    html = serializers.SerializerMethodField(help_text="Paragraphs and update notes: sanitised.")
    quote = QuoteSerializer(allow_null=True)
    season = SeasonSummarySerializer(allow_null=True)
    job = serializers.SerializerMethodField()
    credits = serializers.SerializerMethodField(
        help_text="Cast and credits lists: the credits listed, from the show's credit data."
    )

    class Meta:
        model = Block
        fields = ["position", "kind", "html", "quote", "season", "job", "credits"]

    def get_html(self, block) -> str | None:
        return block.body if block.kind in (Block.Kind.PARAGRAPH, Block.Kind.UPDATE_NOTE) else None

    def get_job(self, block) -> str | None:
        return block.job or None

    @extend_schema_field(CreditSerializer(many=True))
    def get_credits(self, block):
        if block.department is None:
            return []
        return CreditSerializer(block.listed_credits(), many=True, context=self.context).data


class StoryPersonSerializer(serializers.ModelSerializer):
    person = PersonSummarySerializer()

    class Meta:
        model = StoryPerson
        fields = ["relation", "person"]


class StoryShowSerializer(serializers.ModelSerializer):
    show = ShowSummarySerializer()

    class Meta:
        model = StoryShow
        fields = ["relation", "show"]


class StoryCompanySerializer(serializers.ModelSerializer):
    company = CompanySummarySerializer()

    class Meta:
        model = StoryCompany
        fields = ["relation", "company"]


class LinksSerializer(serializers.Serializer):
    """The people, shows and companies a story is about or mentions."""

    people = StoryPersonSerializer(source="person_links", many=True)
    shows = StoryShowSerializer(source="show_links", many=True)
    companies = StoryCompanySerializer(source="company_links", many=True)


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ["kind", "text", "noted_at"]


class StoryListSerializer(serializers.ListSerializer):
    """A page of stories, each item written as StorySerializer's fields write it, straight from
    the row for_api() loads: building and walking those fields for every page took half of the
    list's time. A test holds the two to the same output."""

    def to_representation(self, rows):
        # Each address's route is looked up once for the page, then filled in for each item.
        self.zone = timezone.get_current_timezone()
        self.story_url, self.show_url, self.season_url = (
            api_address(self.context, f"api:{name}-detail") for name in ("story", "show", "season")
        )
        story_page = PageUrls().of("newsroom:story", "slug")
        absolute = absolute_urls()
        self.web_url = lambda slug: absolute(story_page(slug))
        return [self.item(row) for row in rows]

    def item(self, row):
        return {
            "id": row["pk"],
            "url": self.story_url(row["pk"]),
            "headline": row["headline"],
            "slug": row["slug"],
            "web_url": self.web_url(row["slug"]),
            "dek": row["dek"],
            "kind": row["kind"],
            "exclusive": row["exclusive"],
            "show": self.show_summary(row),
            "season": self.season_summary(row),
            "published_at": iso_8601(row["publish_at"], self.zone),
            "updated_at": iso_8601(row["updated_at"], self.zone),
        }

    def show_summary(self, row):
        if row["show_id"] is None:
            return None
        return {
            "id": row["show_id"],
            "url": self.show_url(row["show_id"]),
            "title": row["show__title"],
            "slug": row["show__slug"],
        }

    def season_summary(self, row):
        if row["season_id"] is None:
            return None
        url = self.season_url(row["season_id"])
        return {"id": row["season_id"], "url": url, "number": row["season__number"]}


def iso_8601(moment, zone):
    """A date-time as DRF's DateTimeField writes it: in `zone`, with Z for UTC."""
    text = moment.astimezone(zone).isoformat()
    return f"{text[:-6]}Z" if text.endswith("+00:00") else text


class StorySerializer(StorySummarySerializer):
    web_url = WebUrlField()
    show = ShowSummarySerializer(allow_null=True)
    season = SeasonSummarySerializer(allow_null=True)
    published_at = serializers.DateTimeField(source="publish_at")

    class Meta:
        model = Story
        fields = [
            *StorySummarySerializer.Meta.fields,
            "web_url",
            "dek",
            "kind",
            "exclusive",
            "show",
            "season",
            "published_at",
            "updated_at",
        ]
        list_serializer_class = StoryListSerializer


class StoryDetailSerializer(StorySerializer):
    last_noted_at = serializers.DateTimeField(
        allow_null=True, help_text="When the newest correction or update note was appended."
    )
    bylines = serializers.SerializerMethodField()
    blocks = BlockSerializer(many=True)
    links = LinksSerializer(source="*")
    corrections = CorrectionSerializer(many=True)
    status_events = ReportedStatusEventSerializer(
        many=True, help_text="Show statuses the story reported."
    )
    ninjs_url = ApiUrlField(view_name="api:story-ninjs")

    class Meta:
        model = Story
        fields = [
            *StorySerializer.Meta.fields,
            "first_published_at",
            "last_noted_at",
            "bylines",
            "image",
            "image_alt",
            "image_caption",
            "blocks",
            "links",
            "corrections",
            "status_events",
            "ninjs_url",
        ]

    def to_representation(self, story):
        # Each event the story reports names the story itself: no query to find it.
        for event in story.status_events.all():
            event.report = StatusReport(story=story, event=event)
        return super().to_representation(story)

    @extend_schema_field(PersonSummarySerializer(many=True))
    def get_bylines(self, story):
        people = [byline.person for byline in story.byline_entries.all()]
        return PersonSummarySerializer(people, many=True, context=self.context).data


class StoryFilter(filters.FilterSet):
    show = IdFilter(method="filter_show", help_text="Stories about this show (id).")
    season = IdFilter(help_text="Stories about this season (id).")
    franchise = IdFilter(field_name="show__franchise", help_text="Stories about a show in it.")
    network = IdFilter(field_name="show__network", help_text="Stories about a show on it.")
    person = IdFilter(
        method="filter_person",
        help_text="Stories that quote this person (id), mention them, or are about a show "
        "they are credited on.",
    )
    # The story's own column never matches a story twice, so no DISTINCT: PostgreSQL could not
    # compare the JSON lists in a story detail's row (newsroom/core/rows.RowsField).
    kind = filters.MultipleChoiceFilter(
        choices=Story.Kind.choices, distinct=False, help_text="Repeatable."
    )
    exclusive = filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        help_text="`true`: our own reporting only.",
    )
    published_after = UtcDateTimeFilter(field_name="publish_at", lookup_expr="gte")
    published_before = UtcDateTimeFilter(field_name="publish_at", lookup_expr="lt")
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    q = filters.CharFilter(method=full_text, help_text="Full text search of headline, dek, text.")

    class Meta:
        model = Story
        fields = []

    def filter_show(self, queryset, name, value):
        return queryset.about_show(value)

    def filter_person(self, queryset, name, value):
        return queryset.involving(value)


class StoryPagination(FeedCursorPagination):
    ordering = ["-publish_at", "-pk"]


class StoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published stories, newest first. Withdrawn and unpublished stories are 404."""

    filterset_class = StoryFilter
    pagination_class = StoryPagination
    ordering = ["-publish_at", "-pk"]
    ordering_fields = {"published_at": "publish_at", "updated_at": "updated_at"}

    def get_queryset(self):
        stories = Story.objects.published()
        if self.action in ("retrieve", "ninjs"):
            return stories.for_api_detail()
        return stories.for_api()

    def get_serializer_class(self):
        return StoryDetailSerializer if self.action == "retrieve" else StorySerializer

    def list(self, request, *args, **kwargs):
        # The whole feed, as partners page through it: its pages come from compiled SQL.
        if asks_to_filter(self.filterset_class, request.query_params):
            return super().list(request, *args, **kwargs)
        page = self.paginator.paginate(story_list.published_page, request, self)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self):
        # As partners ask for a story, with no query: its compiled queries. A query may name
        # the list's filters, which DRF applies to a detail too, so it takes the general way.
        if self.request.query_params:
            return super().get_object()
        pk = self.kwargs["pk"]
        story = None
        if pk.isascii() and pk.isdigit() and 0 < int(pk) <= MAX_ID:
            story = story_detail.published_story(int(pk))
        if story is None:
            raise Http404("No Story matches the given query.")
        self.check_object_permissions(self.request, story)
        return story

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        description="The story as an IPTC ninjs 2.1 document "
        "(https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json).",
    )
    @action(detail=True, url_path="ninjs", filter_backends=[], pagination_class=None)
    def ninjs(self, request, pk=None):
        return Response(story_as_ninjs(self.get_object()))


class QuoteFilter(filters.FilterSet):
    speaker = IdFilter(method="filter_speaker", help_text="Quotes said by this person (id).")
    organization = IdFilter(
        method="filter_organization",
        help_text="Quotes said by this company (id) or by a speaker for it.",
    )
    show = IdFilter(help_text="Quotes about this show (id).")
    said_after = filters.DateFilter(field_name="said_on", lookup_expr="gte")
    said_before = filters.DateFilter(field_name="said_on", lookup_expr="lte")
    q = filters.CharFilter(method=full_text, help_text="Full text search of the words and source.")

    class Meta:
        model = Quote
        fields = []

    def filter_speaker(self, queryset, name, value):
        return queryset.spoken_by(person=value)

    def filter_organization(self, queryset, name, value):
        return queryset.spoken_by(organization=value)


class QuotePagination(FeedCursorPagination):
    ordering = ["-said_on_sort", "-pk"]


class QuoteViewSet(viewsets.ReadOnlyModelViewSet):
    """Quotes used in published stories, with their speakers' titles as of the quote."""

    filterset_class = QuoteFilter
    pagination_class = QuotePagination
    ordering = ["-said_on_sort", "-pk"]
    ordering_fields = {"said_on": "said_on_sort", "id": "pk"}

    def get_queryset(self):
        quotes = Quote.objects.published()
        return quotes.for_api_detail() if self.action == "retrieve" else quotes.for_api()

    def get_serializer_class(self):
        return QuoteDetailSerializer if self.action == "retrieve" else QuoteSerializer


class ChangeSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="object_id", help_text="The changed object's id.")
    url = serializers.SerializerMethodField()
    tombstone = serializers.BooleanField(
        source="is_tombstone", help_text="True: take the object down; its url answers 404."
    )
    changed_at = serializers.DateTimeField(source="visible_at")

    class Meta:
        model = Change
        fields = ["resource", "id", "url", "action", "tombstone", "changed_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, change):
        view_name = f"api:{change.resource}-detail"
        return api_url(self.context, view_name, change.object_id)


class ChangeFilter(filters.FilterSet):
    resource = filters.ChoiceFilter(choices=Change.Resource.choices)

    class Meta:
        model = Change
        fields = []


class ChangeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The change feed, oldest first: what to fetch again, and tombstones of what to take down.

    Start without `since`; store the `since` of each page and pass it next time."""

    serializer_class = ChangeSerializer
    filterset_class = ChangeFilter
    pagination_class = ChangeFeedPagination
    filter_backends = [OnDemandFilterBackend]

    def get_queryset(self):
        return Change.objects.visible()
