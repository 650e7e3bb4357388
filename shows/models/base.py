"""Reading rules shared by the shows app's models."""

from newsroom.core.models import FullTextQuerySet


class ReferenceQuerySet(FullTextQuerySet):
    def published(self):
        """Everything the public may see: reference data is public once entered.

        Facts that a story declares (status events) wait for that story: see
        StatusEventQuerySet.published()."""
        return self.all()

    def for_api(self):
        """The partner API's franchises and source material: nothing to join."""
        return self.all()


class ShowPartQuerySet(ReferenceQuerySet):
    def for_api(self):
        """The partner API's seasons and characters, each with its show."""
        return self.select_related("show")
