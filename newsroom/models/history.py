"""A story's history: revisions, the audit log and shareable preview links."""

import zlib
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

from newsroom.models.stories import Story, StoryStatus

# Signed preview links never outlive this, whatever an editor asks for.
PREVIEW_LINK_MAX_AGE = timedelta(hours=48)


class RevisionQuerySet(models.QuerySet):
    def for_history(self):
        """A story's history view: newest first, with who saved each revision."""
        return self.select_related("user").order_by("-created_at", "-pk")


class Revision(models.Model):
    """The whole story after one save or action, as JSON (newsroom/workflow/revisions.py)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(max_length=200, help_text="What happened: “Saved”, “Published”…")
    status = models.CharField(max_length=20, choices=StoryStatus)
    data = models.JSONField()

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["story", "-created_at"])]

    def __str__(self):
        return f"Revision {self.pk} of story {self.story_id}"

    @property
    def user_name(self):
        return self.user.get_username() if self.user_id else "someone no longer on the desk"


class AuditEntryQuerySet(models.QuerySet):
    def record(self, *, actor, action, subject, story=None, **details):
        """Appends one entry; `subject` is the words editors read, kept if the object goes."""
        return self.create(
            actor=actor,
            actor_name=actor.get_username() if actor else "",
            action=action,
            subject=str(subject)[:300],
            story=story,
            details=details,
        )

    def for_admin_changelist(self):
        """The audit log in the admin: the actor and story columns."""
        return self.select_related("actor", "story")


class AuditAction(models.TextChoices):
    PUBLISHED = "published", "Published"
    SCHEDULED = "scheduled", "Scheduled"
    UNSCHEDULED = "unscheduled", "Taken off the schedule"
    UNPUBLISHED = "unpublished", "Unpublished"
    CORRECTED = "corrected", "Correction added"
    RESTORED = "restored", "Revision restored"
    DELETED = "deleted", "Deleted"
    USER_FLAGS = "user_flags", "Account rights changed"
    USER_GROUPS = "user_groups", "Group membership changed"
    USER_PERMISSIONS = "user_permissions", "User permissions changed"
    GROUP_PERMISSIONS = "group_permissions", "Group permissions changed"


class AuditEntry(models.Model):
    """Who published, unpublished, scheduled, deleted or changed rights, and when: append-only."""

    Action = AuditAction

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, help_text="Kept when the account is deleted.")
    action = models.CharField(max_length=30, choices=Action)
    subject = models.CharField(max_length=300)
    story = models.ForeignKey(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=AuditAction.values), name="audit_action_valid"
            ),
        ]

    def __str__(self):
        return f"{self.actor_name or 'system'} · {self.get_action_display()} · {self.subject}"


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that still open: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A signed address that shows one story's current draft to someone without an account."""

    SALT = "newsroom.preview-link"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="preview_link_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"Preview of {self.story} until {self.expires_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("newsroom:preview", kwargs={"token": self.token})

    @classmethod
    def lasting(cls, hours, **fields):
        """A new link open for `hours`, never past PREVIEW_LINK_MAX_AGE."""
        now = timezone.now()
        lifetime = min(timedelta(hours=hours), PREVIEW_LINK_MAX_AGE)
        return cls.objects.create(created_at=now, expires_at=now + lifetime, **fields)

    @property
    def token(self):
        """Signed id and expiry: the same link always has the same address, and it cannot be
        forged or stretched; revoking is a database flag the view checks."""
        signer = signing.Signer(salt=self.SALT)
        return signer.sign_object([self.pk, int(self.expires_at.timestamp())])

    @classmethod
    def from_token(cls, token):
        """The link a token names, or None when the signature is wrong, the signed payload is
        not what `token` writes (two whole numbers, an id in range), or the row is gone."""
        try:
            payload = signing.Signer(salt=cls.SALT).unsign_object(token)
        except (signing.BadSignature, ValueError, TypeError, zlib.error, RecursionError):
            return None
        # A good signature vouches for who wrote the payload, not for its shape: anything but
        # the pair token writes (a word, a list or 2**70 for an id) would reach the query and
        # fail there with a 500.
        if not (
            isinstance(payload, list)
            and len(payload) == 2
            and all(type(number) is int for number in payload)
            and 0 < payload[0] < 2**63
        ):
            return None
        pk, expires = payload
        link = cls.objects.filter(pk=pk).select_related("story").first()
        if link is None or int(link.expires_at.timestamp()) != expires:
            return None
        return link

    @property
    def is_open(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
