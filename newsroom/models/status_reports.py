"""Which story reported which of a show's status events.

The link lives here, above shows: a status event knows only when readers may see it and where its
report is (public_from, source_title, source_url). Story.keep_reports_in_step() sets those from
the story whenever it is saved, so a renewal a draft reports stays out of sight until the story
runs, and follows it when it is scheduled, unpublished or retitled."""

from django.db import models


class StatusReport(models.Model):
    story = models.ForeignKey(
        "newsroom.Story", on_delete=models.PROTECT, related_name="status_reports"
    )
    event = models.OneToOneField(
        "shows.StatusEvent", on_delete=models.CASCADE, related_name="report"
    )

    class Meta:
        ordering = ["story", "event"]

    def __str__(self):
        return f"{self.event} in {self.story}"
