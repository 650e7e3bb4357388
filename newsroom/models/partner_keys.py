"""Partners' API keys: only a hash is stored."""

import hashlib
import secrets
from datetime import timedelta

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from newsroom.core.models import Versioned

rate_validator = RegexValidator(
    r"^[1-9][0-9]{0,8}/(second|minute|hour|day)$",
    "A number of requests per second, minute, hour or day, for example “1000/hour”.",
)


class PartnerKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def matching(self, raw_key):
        """The API's authentication: the active key whose hash this raw key has, or None."""
        return self.active().filter(hashed_key=PartnerKey.hash(raw_key)).first()


class PartnerKey(Versioned):
    """A partner's key to the API. Only its hash is stored; the key is shown once, when made."""

    # Last-used times are written at most this often, not on every request.
    TOUCH_INTERVAL = timedelta(minutes=1)

    partner = models.CharField(max_length=200, help_text="Who holds the key: “TV Guide app”.")
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The key's first characters, to tell keys apart."
    )
    hashed_key = models.CharField(max_length=64, unique=True, editable=False)
    rate = models.CharField(
        max_length=20,
        default="10000/hour",
        validators=[rate_validator],
        help_text="Requests allowed per second, minute, hour or day, for example “10000/hour”.",
    )
    notes = models.TextField(blank=True, help_text="Contact, contract, what they use it for.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="A revoked key is refused at once."
    )

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        ordering = ["partner", "-created_at"]
        verbose_name = "partner API key"

    def __str__(self):
        return f"{self.partner} ({self.prefix}…)"

    @staticmethod
    def hash(raw_key):
        # Keys are long random strings, so a fast hash cannot be brute-forced back to one.
        return hashlib.sha256(raw_key.encode()).hexdigest()

    def generate_key(self):
        """Give this key a new secret and return it: the only time it can be read."""
        raw_key = f"nr_{secrets.token_urlsafe(32)}"
        self.prefix = raw_key[:11]
        self.hashed_key = self.hash(raw_key)
        return raw_key

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    def touch(self):
        """Record that the key was used, at most once per TOUCH_INTERVAL."""
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= self.TOUCH_INTERVAL:
            PartnerKey.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now

    @property
    def is_revoked(self):
        return self.revoked_at is not None
