"""Quotes: attributed speech, verbatim, with each speaker's title and organization at the time."""

from functools import cache

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Coalesce, TruncDate

from newsroom.core.models import FullTextQuerySet, Versioned
from newsroom.core.rows import Row, Rows
from people.models import Person
from shows.models import Company, Show


class QuoteQuerySet(FullTextQuerySet):
    search_fields = ("text", "source")

    def published(self):
        """Quotes the public may see: those used in at least one published story."""
        return self.filter(Exists(public_uses().filter(quote=OuterRef("pk"))))

    def for_listing(self):
        """Quote lists on person and show pages, the admin and the API: speakers in order."""
        return self.select_related("show").prefetch_related(
            Prefetch(
                "speakers", queryset=QuoteSpeaker.objects.select_related("person", "organization")
            )
        )

    def for_page(self):
        """Quotes on show pages: speakers with their titles come in the quotes' query."""
        return self.with_rows(speakers=speaker_rows(OuterRef("pk")))

    def for_api(self):
        """The partner API's quotes; `said_on_sort` orders undated quotes by when we added them."""
        return self.for_listing().annotate(
            said_on_sort=Coalesce("said_on", TruncDate("created_at"))
        )

    def for_api_detail(self):
        """A quote in the partner API, with the published stories that use it."""
        return self.for_api().prefetch_related(
            Prefetch(
                "blocks", queryset=public_uses().select_related("story"), to_attr="public_blocks"
            )
        )

    def spoken_by(self, *, person=None, organization=None):
        """Quotes with a speaker who is `person`, or speaks for `organization`: API filters."""
        speakers = QuoteSpeaker.objects.filter(quote=OuterRef("pk"))
        if person is not None:
            speakers = speakers.filter(person=person)
        if organization is not None:
            speakers = speakers.filter(organization=organization)
        return self.filter(Exists(speakers))


@cache
def speaker_rows(quote):
    """A quote's speakers, in order, as JSON in the row that names the quote (core/rows.py)."""
    return Rows(
        QuoteSpeaker.objects.filter(quote=quote),
        "position",
        "title",
        person=Row("name", "slug"),
        organization=Row("name", "slug"),
    )


def public_uses():
    """Blocks of published stories that carry a quote.

    Block and Story import this module, so they are reached through the relations."""
    block_model = Quote._meta.get_field("blocks").related_model
    story_model = block_model._meta.get_field("story").related_model
    # Each block's own story, by primary key: `story__in` would list every public story first.
    public_story = story_model.objects.published().filter(pk=OuterRef("story"))
    return block_model.objects.filter(Exists(public_story))


class QuoteMedium(models.TextChoices):
    STATEMENT = "statement", "Statement"
    INTERVIEW = "interview", "Interview"
    PRESS_RELEASE = "press_release", "Press release"
    SOCIAL_POST = "social_post", "Social media post"
    EVENT = "event", "Panel or event"


class Quote(Versioned):
    Medium = QuoteMedium

    text = models.TextField(
        help_text="The words exactly as said. A quote split around its attribution is one "
        "quote: join its pieces with one space."
    )
    show = models.ForeignKey(
        Show,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The show the quote is about, if any.",
    )
    said_on = models.DateField(null=True, blank=True)
    medium = models.CharField(max_length=20, choices=Medium, default=Medium.STATEMENT)
    source = models.CharField(
        max_length=300,
        blank=True,
        help_text="Who published it first, for example “Amazon MGM Studios”.",
    )
    source_url = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["-said_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text__regex=r"^\s*$"), name="quote_text_not_blank"
            ),
            models.CheckConstraint(
                condition=models.Q(medium__in=QuoteMedium.values), name="quote_medium_valid"
            ),
        ]

    def __str__(self):
        words = self.text if len(self.text) <= 60 else f"{self.text[:57].rstrip()}…"
        speakers = " and ".join(speaker.name for speaker in self.speakers.all())
        return f"{speakers}: “{words}”" if speakers else f"“{words}”"

    @property
    def attribution(self):
        """“Michael Alaimo, co-showrunner, and Kendall Sherwood, co-showrunner”."""
        return " and ".join(speaker.attribution for speaker in self.speakers.all())


class QuoteSpeakerQuerySet(models.QuerySet):
    def published(self):
        """Speaker entries of published quotes: a person's quotes on their page and in the API."""
        return self.filter(Exists(public_uses().filter(quote=OuterRef("quote"))))

    def for_api(self):
        """Speakers of quotes in the API: the person or the company, as each was titled."""
        return self.select_related("person", "organization")

    def for_person_page(self):
        """A person's quotes, newest first, with the title and organization they had then."""
        return self.select_related("quote__show", "organization").order_by(
            "-quote__said_on", "-quote__pk"
        )


class QuoteSpeaker(Versioned):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="speakers")
    position = models.PositiveSmallIntegerField(default=0)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes_spoken",
        help_text="Leave empty when an organization itself is the speaker (“FX said”).",
    )
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text="The speaker's title when the quote was said, for example “co-showrunner”. "
        "A later promotion does not change it.",
    )
    organization = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes_spoken",
        help_text="The speaker's organization when the quote was said, or the speaker itself.",
    )

    objects = QuoteSpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organization__isnull=False),
                name="quote_speaker_is_person_or_organization",
            ),
            models.UniqueConstraint(fields=["quote", "person"], name="quote_speaker_person_unique"),
        ]

    def __str__(self):
        return self.attribution

    def clean(self):
        if not self.person_id and not self.organization_id:
            raise ValidationError("Choose the person who said it, or the organization that did.")
        if not self.person_id and self.title:
            raise ValidationError({"title": "A title belongs to a person speaker."})

    @property
    def name(self):
        return self.person.name if self.person_id else self.organization.name

    @property
    def role(self):
        """“Head of Development, Amazon MGM Studios”: the title and organization at the time."""
        if not self.person_id:
            return ""
        return ", ".join(part for part in (self.title, self.organization_name) if part)

    @property
    def organization_name(self):
        return self.organization.name if self.organization_id else ""

    @property
    def attribution(self):
        return f"{self.name}, {self.role}" if self.role else self.name
