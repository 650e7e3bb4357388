"""The partners' change feed: what to fetch again, or take down."""

from django.db import models
from django.utils import timezone


class ChangeQuerySet(models.QuerySet):
    def visible(self, at=None):
        """The change feed: entries whose time has come; a scheduled story's waits for it."""
        return self.filter(visible_at__lte=at or timezone.now())

    def pending(self, at=None):
        """Entries no partner can have read yet: a scheduled story's publication."""
        return self.filter(visible_at__gt=at or timezone.now())

    def after(self, visible_at, pk):
        """Entries after a feed cursor, in feed order."""
        return self.filter(
            models.Q(visible_at__gt=visible_at) | models.Q(visible_at=visible_at, pk__gt=pk)
        )

    def record(self, resource, object_id, action, at=None):
        """Append an entry; it shows in the feed from `at`, never before now.

        Never before now: a partner who already read past now would miss it."""
        now = timezone.now()
        return self.create(
            resource=resource, object_id=object_id, action=action, visible_at=max(at or now, now)
        )


class ChangeResource(models.TextChoices):
    STORY = "story", "Story"
    SHOW = "show", "Show"
    PERSON = "person", "Person"


class ChangeAction(models.TextChoices):
    CREATED = "created", "Created or published"
    UPDATED = "updated", "Updated"
    CORRECTED = "corrected", "Corrected"
    WITHDRAWN = "withdrawn", "Withdrawn (unpublished)"
    DELETED = "deleted", "Deleted"


class Change(models.Model):
    """One entry of the partners' change feed (/api/v1/changes/): what to fetch or take down.

    Entries name the object and the action only, so a story withdrawn later never leaks
    through an older entry: partners fetch it and get a 404, then read the tombstone."""

    Resource = ChangeResource

    Action = ChangeAction

    TOMBSTONES = (Action.WITHDRAWN, Action.DELETED)

    resource = models.CharField(max_length=10, choices=Resource)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action)
    visible_at = models.DateTimeField(
        help_text="When the entry enters the feed: now, or a scheduled story's publish time."
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        ordering = ["visible_at", "pk"]
        indexes = [
            models.Index(fields=["visible_at", "id"]),
            models.Index(fields=["resource", "object_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resource__in=ChangeResource.values), name="change_resource_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(action__in=ChangeAction.values), name="change_action_valid"
            ),
        ]

    def __str__(self):
        return f"{self.resource} {self.object_id} {self.action} at {self.visible_at}"

    @property
    def is_tombstone(self):
        return self.action in self.TOMBSTONES
