"""Corrections, clarifications and updates appended to a story."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"
    UPDATE = "update", "Update"


class Correction(models.Model):
    Kind = CorrectionKind

    story = models.ForeignKey(
        "newsroom.Story", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong and what is right, in one or two sentences.")
    noted_at = models.DateTimeField(default=timezone.now, editable=False)
    noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        # Append-only: the 0004 migration adds a trigger that refuses updates in the database.
        ordering = ["noted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=CorrectionKind.values), name="correction_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.story}"
