"""A show's dated decisions: ordered, renewed, cancelled, ending, moved, revived."""

from django.db import models


class StatusEventQuerySet(models.QuerySet):
    def published(self):
        """Events the public may see: entered as history, or reported by a published story."""
        story_model = self.model._meta.get_field("story").related_model
        # The event's own story, by primary key: `story__in` would list every public story,
        # once per show when the tracker asks for each show's newest event.
        public_story = story_model.objects.published().filter(pk=models.OuterRef("story"))
        return self.filter(models.Q(story__isnull=True) | models.Exists(public_story))

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

    show = models.ForeignKey("shows.Show", on_delete=models.CASCADE, related_name="status_events")
    season = models.ForeignKey(
        "shows.Season",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_events",
        help_text="The season the decision is about: season 2 for a renewal for a second season.",
    )
    status = models.CharField(max_length=20, choices=Status)
    occurred_on = models.DateField(help_text="When the decision was announced.")
    network = models.ForeignKey(
        "shows.Company",
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
