"""Status events in the partner API with the story that reported each one.

shows' API knows nothing of stories; this app, which links events to the stories that report
them (StatusReport), adds that story to the status-events resource and to a show's timeline."""

from rest_framework import serializers

from newsroom.core.api.fields import ApiUrlField
from newsroom.models import StatusReport
from shows import api as shows_api


class StoryReferenceSerializer(serializers.Serializer):
    """The story that reported a fact."""

    id = serializers.IntegerField()
    url = ApiUrlField(view_name="api:story-detail")
    headline = serializers.CharField()


class ReportedStatusEventSerializer(shows_api.StatusEventSerializer):
    story = StoryReferenceSerializer(source="report.story", allow_null=True)

    class Meta(shows_api.StatusEventSerializer.Meta):
        fields = [*shows_api.StatusEventSerializer.Meta.fields, "story"]


class ShowDetailSerializer(shows_api.ShowDetailSerializer):
    status_events = ReportedStatusEventSerializer(source="published_status_events", many=True)

    def to_representation(self, show):
        # The timeline's reports in one query, set on the events the show prefetched.
        events = show.published_status_events()
        reports = StatusReport.objects.filter(event__in=events).select_related("story")
        reported = {report.event_id: report for report in reports}
        for event in events:
            event.report = reported.get(event.pk)
        return super().to_representation(show)


class ShowViewSet(shows_api.ShowViewSet):
    __doc__ = shows_api.ShowViewSet.__doc__

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ShowDetailSerializer
        return super().get_serializer_class()


class StatusEventViewSet(shows_api.StatusEventViewSet):
    __doc__ = shows_api.StatusEventViewSet.__doc__
    serializer_class = ReportedStatusEventSerializer

    def get_queryset(self):
        return super().get_queryset().select_related("report__story")
