"""A story's body: paragraphs, quotes, cast and credits lists, update notes, in order."""

from functools import cache

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, When
from django_prose_editor.fields import ProseEditorField

from newsroom.core.models import FullTextQuerySet, Versioned
from newsroom.core.rows import Row, Rows, RowsField, RowsQuerySet
from newsroom.models.quotes import Quote, QuoteSpeaker, speaker_rows
from shows.models import Credit, Season, credit_seasons

PARAGRAPH_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
    "History": True,
}


class BlockQuerySet(FullTextQuerySet):
    search_fields = ("body",)

    def for_api(self):
        """Blocks of a story in the API: three queries, for blocks with quotes, the quotes'
        speakers, and the chosen credits with their seasons in the credits' query."""
        return self.with_api_relations().prefetch_related(
            Prefetch("quote__speakers", queryset=QuoteSpeaker.objects.for_api()),
            Prefetch("chosen_credits", queryset=BlockCredit.objects.for_api()),
        )

    def with_api_relations(self):
        """Blocks in the API without their lists: each with its quote's show and its season."""
        return self.select_related("quote__show", "season")

    def for_rendering(self):
        """Blocks on the story page and in the API: quotes with speakers, chosen credits."""
        return self.select_related("quote", "season").prefetch_related(
            Prefetch(
                "quote__speakers",
                queryset=QuoteSpeaker.objects.select_related("person", "organization"),
            ),
            Prefetch(
                "chosen_credits",
                queryset=BlockCredit.objects.select_related(
                    "credit__person", "credit__character", "credit__company"
                ).prefetch_related("credit__seasons"),
            ),
        )

    def for_story_page(self):
        """Blocks on the story page: speakers and chosen credits come in the blocks' query."""
        return self.select_related("quote", "season").with_rows(**block_page_rows())


def listed_credit_relations(seasons):
    """A credit as a cast or credits list shows it: who, as whom, for whom, in which seasons
    (newsroom/core/rows.py: Row's relations)."""
    return {
        "person": Row("name", "slug"),
        "character": Row("name"),
        "company": Row("name", "slug"),
        "seasons": seasons,
    }


@cache
def block_page_rows():
    """Each block's quote speakers and chosen credits, as JSON in the block's row."""
    return {
        "quote__speakers": speaker_rows(OuterRef("quote")),
        "chosen_credits": Rows(
            BlockCredit.objects.filter(block=OuterRef("pk")),
            "position",
            credit=Row(*Credit.PAGE_FIELDS, **listed_credit_relations(credit_seasons("credit"))),
        ),
    }


@cache
def story_block_rows():
    """A story's blocks, each with its quote and speakers, season and chosen credits, as one
    JSON column of the story's row: the public story page (newsroom/reader/story_page.py)."""
    return Rows(
        Block.objects.filter(story=OuterRef("pk")),
        *("kind", "body", "job"),
        quote=Row("text", "said_on", speakers=speaker_rows(OuterRef("quote"))),
        season=Row("number"),
        chosen_credits=block_page_rows()["chosen_credits"],
    )


@cache
def listed_show_credits():
    """The story's show's credits, as JSON in the story's row, when one of its cast or credits
    lists chose none and so lists the show's (Block.listed_credits); else null."""
    lists_the_show = Block.objects.filter(
        ~Exists(BlockCredit.objects.filter(block=OuterRef("pk"))),
        story=OuterRef("pk"),
        kind__in=list(LISTED_DEPARTMENT),
    )
    credits = Credit.objects.filter(show=OuterRef("show")).in_billing_order()
    return Case(
        When(
            Exists(lists_the_show),
            then=Rows(credits, *Credit.PAGE_FIELDS, **listed_credit_relations(credit_seasons())),
        ),
        default=None,
        output_field=RowsField(),
    )


class BlockKind(models.TextChoices):
    PARAGRAPH = "paragraph", "Paragraph"
    QUOTE = "quote", "Quote"
    CAST_LIST = "cast_list", "Cast list"
    CREDITS = "credits", "Credits list"
    UPDATE_NOTE = "update_note", "Update note"


# What a cast or credits list lists of the show's credits.
LISTED_DEPARTMENT = {
    BlockKind.CAST_LIST: Credit.Department.CAST,
    BlockKind.CREDITS: Credit.Department.CREW,
}


class Block(Versioned):
    Kind = BlockKind

    story = models.ForeignKey("newsroom.Story", on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PARAGRAPH)
    body = ProseEditorField(
        config={"extensions": PARAGRAPH_EXTENSIONS},
        sanitize=True,
        blank=True,
        help_text="Paragraphs and update notes: the text.",
    )
    quote = models.ForeignKey(
        Quote,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blocks",
        help_text="Quote blocks: pick the quote, or add it with its speakers using “+”.",
    )
    season = models.ForeignKey(
        Season,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blocks",
        help_text="Cast and credits lists: only this season's credits. Empty: the whole series.",
    )
    job = models.CharField(
        max_length=30,
        choices=Credit.Job,
        blank=True,
        help_text="Credits lists: only this job, for example executive producers. Empty: all crew.",
    )
    credits = models.ManyToManyField(
        Credit,
        through="BlockCredit",
        related_name="blocks",
        blank=True,
        help_text="Cast and credits lists: a chosen subset, in this order. Empty: every credit.",
    )

    objects = BlockQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=BlockKind.values), name="block_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="quote", quote__isnull=False)
                | (~models.Q(kind="quote") & models.Q(quote__isnull=True)),
                name="block_quote_only_on_quote_blocks",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["paragraph", "update_note"], body=""),
                name="block_text_blocks_have_text",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.position} of {self.story}"

    def clean(self):
        errors = {}
        if self.kind == self.Kind.QUOTE and not self.quote_id:
            errors["quote"] = "A quote block needs a quote."
        if self.kind != self.Kind.QUOTE and self.quote_id:
            errors["quote"] = "Only a quote block carries a quote."
        if self.kind in (self.Kind.PARAGRAPH, self.Kind.UPDATE_NOTE) and not self.body.strip():
            errors["body"] = "Write the text of this block."
        if self.kind != self.Kind.CREDITS and self.job:
            errors["job"] = "Only a credits list is filtered by job."
        if errors:
            raise ValidationError(errors)

    @property
    def department(self):
        return LISTED_DEPARTMENT.get(self.kind)

    def choose_credits(self, credits):
        """Show exactly `credits`, in that order; an empty list shows every credit."""
        if [entry.credit_id for entry in self.chosen_credits.all()] == [c.pk for c in credits]:
            return
        self.chosen_credits.all().delete()
        BlockCredit.objects.bulk_create(
            BlockCredit(block=self, credit=credit, position=position)
            for position, credit in enumerate(credits)
        )

    def lists_show_credits(self):
        """A cast or credits list with no credits chosen: it lists its show's."""
        return self.department is not None and not self.chosen_credits.all()

    def listed_credits(self):
        """The credits a cast or credits list shows, from prefetched rows, never retyped."""
        chosen = [entry.credit for entry in self.chosen_credits.all()]
        if chosen:
            return chosen
        if not self.story.show_id:
            return []
        return [
            credit
            for credit in self.story.show.credits.all()
            if credit.department == self.department
            and (not self.job or credit.job == self.job)
            and (not self.season_id or credit.covers_season(self.season_id))
        ]


class BlockCreditQuerySet(RowsQuerySet):
    def for_api(self):
        """Chosen credits in the API: who, as whom, for whom, with the credit's seasons."""
        return self.select_related(
            "credit__person", "credit__character", "credit__company", "credit__show"
        ).with_rows(credit__seasons=credit_seasons("credit"))


class BlockCredit(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="chosen_credits")
    credit = models.ForeignKey(Credit, on_delete=models.CASCADE, related_name="block_entries")
    position = models.PositiveSmallIntegerField(default=0)

    objects = BlockCreditQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["block", "credit"], name="block_credit_unique"),
        ]

    def __str__(self):
        return str(self.credit)
