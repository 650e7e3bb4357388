"""A show's dated decisions: ordered, renewed, cancelled, ending, moved, revived."""

from django.db import models
from django.utils import timezone

from newsroom.core.models import Versioned


class StatusEventQuerySet(models.QuerySet):
    def published(self, at=None):
        """Events the public may see: those whose public_from has come (pages, API, tracker)."""
        return self.filter(public_from__lte=at or timezone.now())

    def for_api(self):
        """Status events in the partner API: show, season and network."""
        return self.select_related("show", "season", "network")


class ShowStatus(models.TextChoices):
    ORDERED = "ordered", "Ordered to series"
    RENEWED = "renewed", "Renewed"
    CANCELLED = "cancelled", "Cancelled"
    ENDING = "ending", "Ending"
    MOVED_NETWORK = "moved_network", "Moved network"
    REVIVED = "revived", "Revived"


class StatusEvent(Versioned):
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
    # An event a story reports is public exactly when the story is: the newsroom app keeps
    # these three in step with the story (newsroom/models/status_reports.py).
    public_from = models.DateTimeField(
        null=True,
        blank=True,
        default=timezone.now,
        help_text="When readers may see it. Empty: nobody outside the newsroom sees it yet. "
        "An event a story reports is public from the story's publication.",
    )
    source_title = models.CharField(
        max_length=300, blank=True, help_text="The report readers can follow, as its link reads."
    )
    source_url = models.CharField(
        max_length=500, blank=True, help_text="The report's address: one of our pages or a URL."
    )
    notes = models.CharField(max_length=300, blank=True)

    objects = StatusEventQuerySet.as_manager()

    class Meta:
        ordering = ["show_id", "occurred_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ShowStatus.values), name="status_event_status_valid"
            ),
        ]

    def __str__(self):
        season = f" season {self.season.number}" if self.season_id else ""
        return f"{self.show}{season}: {self.get_status_display().lower()} ({self.occurred_on})"

    @property
    def is_published(self):
        return self.public_from is not None and self.public_from <= timezone.now()
