"""The partner API's people: serializers, filters and the viewset."""

from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from newsroom.core.api.fields import (
    ApiUrlField,
    ExternalIdsSerializer,
    FilteredListUrlField,
    WebUrlField,
    full_text,
)
from people.models import Person


class PersonSummarySerializer(serializers.ModelSerializer):
    url = ApiUrlField(view_name="api:person-detail")

    class Meta:
        model = Person
        fields = ["id", "url", "name", "slug"]


class PersonSerializer(PersonSummarySerializer):
    class Meta:
        model = Person
        fields = [*PersonSummarySerializer.Meta.fields, "sort_name", "updated_at"]


class PersonDetailSerializer(PersonSerializer):
    web_url = WebUrlField()
    external_ids = ExternalIdsSerializer(source="*")
    credits_url = FilteredListUrlField("api:credit-list", "person")
    quotes_url = FilteredListUrlField("api:quote-list", "speaker")
    stories_url = FilteredListUrlField("api:story-list", "person")

    class Meta:
        model = Person
        fields = [
            *PersonSerializer.Meta.fields,
            "web_url",
            "bio",
            "headshot",
            "headshot_credit",
            "external_ids",
            "credits_url",
            "quotes_url",
            "stories_url",
            "created_at",
        ]


class PersonFilter(filters.FilterSet):
    q = filters.CharFilter(method=full_text, help_text="Full text search of name and bio.")

    class Meta:
        model = Person
        fields = []


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People: actors, writers, producers and executives. Reference data, all public.

    shows' API adds the filters by credit (shows/api.py)."""

    filterset_class = PersonFilter
    ordering = ["sort_name", "pk"]
    ordering_fields = {"name": "sort_name", "updated_at": "updated_at", "id": "pk"}

    def get_queryset(self):
        return Person.objects.published().for_api()

    def get_serializer_class(self):
        return PersonDetailSerializer if self.action == "retrieve" else PersonSerializer
