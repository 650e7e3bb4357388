import hashlib
import secrets
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django_prose_editor.fields import ProseEditorField

from newsroom import structured_data
from people.models import FullTextQuerySet, Person
from shows.models import Company, Credit, Season, Show, SourceMaterial, StatusEvent

# What an editor may put in a paragraph; the sanitizer allows exactly what the editor can make.
PARAGRAPH_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
    "History": True,
}

# Signed preview links never outlive this, whatever an editor asks for.
PREVIEW_LINK_MAX_AGE = timedelta(hours=48)

# The status a story of each kind records on its show when it is published.
DECLARED_STATUS = {
    "renewal": StatusEvent.Status.RENEWED,
    "cancellation": StatusEvent.Status.CANCELLED,
    "series_order": StatusEvent.Status.ORDERED,
    "ending": StatusEvent.Status.ENDING,
}


class StoryQuerySet(FullTextQuerySet):
    search_fields = ("headline", "dek")

    def published(self, at=None):
        """The one definition of what the public may see: pages, API, feeds, sitemaps, search."""
        return self.filter(status__in=Story.PUBLIC_STATUSES, publish_at__lte=at or timezone.now())

    def about_show(self, show):
        """Show pages and feeds: the show is the story's subject or one it links to."""
        linked = StoryShow.objects.filter(show=show).values("story")
        return self.filter(models.Q(show=show) | models.Q(pk__in=linked))

    def about_company(self, company):
        """Company pages and feeds: its shows' stories and the stories that link to it."""
        linked = StoryCompany.objects.filter(company=company).values("story")
        return self.filter(
            models.Q(show__network=company)
            | models.Q(show__in=company.show_roles.values("show"))
            | models.Q(pk__in=linked)
        )

    def in_franchise(self, franchise):
        return self.filter(show__franchise=franchise)

    def featuring(self, person):
        """Person pages and feeds: stories that quote the person or link to them."""
        quoting = Block.objects.filter(quote__speakers__person=person).values("story")
        linked = StoryPerson.objects.filter(person=person).values("story")
        return self.filter(models.Q(pk__in=quoting) | models.Q(pk__in=linked))

    def related_to(self, story):
        """The story page's related list: same show or franchise, or the same people."""
        people = StoryPerson.objects.filter(story=story).values("person")
        related = models.Q(pk__in=StoryPerson.objects.filter(person__in=people).values("story"))
        if story.show_id:
            related |= models.Q(show=story.show_id)
            if story.show.franchise_id:
                related |= models.Q(show__franchise=story.show.franchise_id)
        return self.filter(related).exclude(pk=story.pk)

    def search(self, text):
        """Reader search: ranked full text on PostgreSQL, every word contained elsewhere."""
        if connection.vendor == "postgresql":
            vector = (
                SearchVector("headline", weight="A")
                + SearchVector("show__title", weight="A")
                + SearchVector("dek", weight="B")
            )
            query = SearchQuery(text, search_type="websearch", config="english")
            # Matching is @@; a rank alone is never 0 (non-matches get 1e-20).
            return (
                self.annotate(document=vector, rank=SearchRank(vector, query))
                .filter(document=query)
                .order_by("-rank", "-publish_at")
            )
        matches = models.Q()
        for word in text.split():
            matches &= (
                models.Q(headline__icontains=word)
                | models.Q(dek__icontains=word)
                | models.Q(show__title__icontains=word)
            )
        return self.filter(matches)

    def for_listing(self):
        """Story teasers on the home page, lists, feeds and search: show and season."""
        return self.select_related("show__network", "season")

    def involving(self, person):
        """Stories that quote a person, mention them or are about a show they are credited on."""
        quoted = Block.objects.filter(story=OuterRef("pk"), quote__speakers__person=person)
        mentioned = StoryPerson.objects.filter(story=OuterRef("pk"), person=person)
        credited = Credit.objects.filter(show=OuterRef("show"), person=person)
        return self.filter(Exists(quoted) | Exists(mentioned) | Exists(credited))

    def full_text_search(self, text):
        """The API's `q`: headline and dek, or the text of any paragraph."""
        in_body = Block.objects.filter(Block.objects.text_condition(text), story=OuterRef("pk"))
        return self.filter(self.text_condition(text) | Exists(in_body))

    def for_api(self):
        """The partner API's story list: compact items with their show and season."""
        return self.select_related("show", "season__show")

    def for_api_detail(self):
        """A story in the partner API and as ninjs: blocks, credits, links and corrections."""
        return self.for_api().prefetch_related(
            Prefetch("byline_entries", queryset=Byline.objects.select_related("person")),
            Prefetch("blocks", queryset=Block.objects.for_rendering()),
            Prefetch("show__credits", queryset=Credit.objects.for_api().in_billing_order()),
            Prefetch("person_links", queryset=StoryPerson.objects.select_related("person")),
            Prefetch("show_links", queryset=StoryShow.objects.select_related("show")),
            Prefetch("company_links", queryset=StoryCompany.objects.select_related("company")),
            Prefetch("status_events", queryset=StatusEvent.objects.for_api()),
            "corrections",
        )

    def for_admin_changelist(self):
        """The admin's story list: show, season and author columns."""
        return self.select_related("show", "season__show", "created_by")

    def for_story_page(self):
        """The story page: everything its blocks, show box and bylines render."""
        return self.select_related(
            "show__network", "show__franchise", "show__spinoff_of", "season__show"
        ).prefetch_related(
            Prefetch("byline_entries", queryset=Byline.objects.select_related("person")),
            Prefetch("blocks", queryset=Block.objects.for_rendering()),
            Prefetch("person_links", queryset=StoryPerson.objects.select_related("person")),
            "corrections",
            *show_box_lookups(),
        )

    def for_revision(self):
        """Revisions: every part of the story a revision records (newsroom/revisions.py)."""
        return self.select_related("show", "season").prefetch_related(
            Prefetch("byline_entries", queryset=Byline.objects.select_related("person")),
            Prefetch("blocks", queryset=Block.objects.for_rendering()),
            Prefetch("person_links", queryset=StoryPerson.objects.select_related("person")),
            Prefetch("show_links", queryset=StoryShow.objects.select_related("show")),
            Prefetch("company_links", queryset=StoryCompany.objects.select_related("company")),
            "corrections",
        )

    def scheduled(self, after=None):
        """The editors' schedule: stories waiting for their publish time."""
        return self.filter(status=Story.Status.SCHEDULED, publish_at__gt=after or timezone.now())

    def for_schedule(self):
        """The schedule view: show, season and author beside each time."""
        return self.select_related("show", "season", "created_by").order_by("publish_at", "pk")


def show_box_lookups():
    """What the show box of a story page renders; previews of revisions use it too."""
    return [
        Prefetch("show__credits", queryset=Credit.objects.for_listing().in_billing_order()),
        "show__seasons",
        Prefetch("show__based_on", queryset=SourceMaterial.objects.prefetch_related("authors")),
        Prefetch(
            "show__status_events",
            queryset=StatusEvent.objects.select_related("story", "season"),
        ),
    ]


class StoryKind(models.TextChoices):
    RENEWAL = "renewal", "Renewal"
    CANCELLATION = "cancellation", "Cancellation"
    SERIES_ORDER = "series_order", "Series order"
    ENDING = "ending", "Ending (final season)"
    CASTING = "casting", "Casting"
    NEWS = "news", "News"


class StoryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


class Story(models.Model):
    Kind = StoryKind

    Status = StoryStatus

    PUBLIC_STATUSES = (Status.SCHEDULED, Status.PUBLISHED)

    # What a writer may still change in their own story: nothing once an editor has scheduled it.
    WRITER_STATUSES = (Status.DRAFT, Status.IN_REVIEW)

    # Stories whose publication records a show status cannot go out without the show.
    KINDS_NEEDING_SHOW = (Kind.RENEWAL, Kind.CANCELLATION, Kind.SERIES_ORDER, Kind.ENDING)

    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Part of the public URL; do not change it once public.",
    )
    dek = models.TextField(blank=True, help_text="The one-sentence summary under the headline.")
    kind = models.CharField(
        max_length=20,
        choices=Kind,
        default=Kind.NEWS,
        help_text="A renewal, cancellation, series order or ending records the show's status "
        "when the story is published.",
    )
    show = models.ForeignKey(
        Show, on_delete=models.PROTECT, null=True, blank=True, related_name="stories"
    )
    season = models.ForeignKey(
        Season,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stories",
        help_text="The season the news is about: season 2 for a renewal for a second season.",
    )
    bylines = models.ManyToManyField(
        Person, through="Byline", related_name="bylined_stories", blank=True
    )
    exclusive = models.BooleanField(
        default=False, help_text="Our own reporting (“has learned”), marked as exclusive."
    )
    image = models.ImageField(upload_to="stories/", blank=True)
    image_alt = models.CharField(
        "image description", max_length=300, blank=True, help_text="For readers who cannot see it."
    )
    image_caption = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The story is public from this time on when it is published or scheduled.",
    )
    first_published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Set on first publication; never changes."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        editable=False,
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name_plural = "stories"
        permissions = [
            ("publish_story", "Can publish, schedule, unpublish and correct stories"),
            ("edit_any_story", "Can edit any writer's story, also once public"),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"]),
            models.Index(fields=["updated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=StoryKind.values), name="story_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=StoryStatus.values), name="story_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "in_review"])
                | models.Q(publish_at__isnull=False, first_published_at__isnull=False),
                name="story_public_has_publish_times",
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("newsroom:story", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.season_id and not self.show_id:
            self.show = self.season.show
        if self.season_id and self.season.show_id != self.show_id:
            errors["season"] = f"This season is not a season of {self.show}."
        if self.status == self.Status.SCHEDULED and not self.publish_at:
            errors["publish_at"] = "Choose when the scheduled story goes public."
        if self.status == self.Status.UNPUBLISHED and not self.first_published_at:
            errors["status"] = "Only a story that has been published can be unpublished."
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self):
        """The instance form of StoryQuerySet.published()."""
        return (
            self.status in self.PUBLIC_STATUSES
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    def structured_data(self, absolute):
        """The schema.org NewsArticle for search engines (see newsroom/structured_data.py)."""
        return structured_data.news_article(self, absolute)

    def open_graph(self, absolute):
        return structured_data.open_graph(self, absolute)

    def image_path(self):
        """The story's image, else its show's key art: what social cards and schema.org show."""
        if self.image:
            return self.image.url
        if self.show_id and self.show.key_art:
            return self.show.key_art.url
        return ""

    def first_paragraph(self):
        """Uses prefetched blocks."""
        paragraphs = (
            block.body for block in self.blocks.all() if block.kind == Block.Kind.PARAGRAPH
        )
        return next(paragraphs, "")

    @property
    def last_noted_at(self):
        """When the newest correction or update was appended: what readers see as “Updated”.

        Not updated_at, which moves with every save, typo fixes and reloads included."""
        return max((note.noted_at for note in self.corrections.all()), default=None)

    @property
    def declared_status(self):
        return DECLARED_STATUS.get(self.kind)

    @property
    def has_been_public(self):
        """First publication has happened, not merely been scheduled: corrections make sense."""
        return self.first_published_at is not None and self.first_published_at <= timezone.now()

    def editable_by(self, user):
        """Editors change any story; writers their own, until an editor schedules it."""
        if not user.has_perm("newsroom.change_story"):
            return False
        if user.has_perm("newsroom.edit_any_story"):
            return True
        return self.created_by_id == user.pk and self.status in self.WRITER_STATUSES

    def changed_since(self, version):
        """Why a save based on `version` (the updated_at the form was opened with) must be
        refused, naming who changed the story and when; None when nobody did. Locks the row
        until the save commits, so the check and the save cannot be overtaken."""
        current = Story.objects.select_for_update().filter(pk=self.pk).values("updated_at")
        updated_at = current.get()["updated_at"]
        if version == updated_at:
            return None
        latest = self.revisions.for_history().first()
        who = latest.user_name if latest else "Someone"
        when = date_format(timezone.localtime(updated_at), "DATETIME_FORMAT")
        return (
            f"{who} changed this story at {when}, after you opened it. Nothing was saved, so "
            "their changes are safe: open the story again (your text is still below to copy), "
            "or compare the versions in its history."
        )

    def completeness_problems(self):
        """Why the story cannot go public yet, in an editor's words; drafts may lack any of it."""
        problems = []
        if not self.headline.strip():
            problems.append("Write a headline.")
        if not self.slug:
            problems.append("Give the story a slug: it is part of the public address.")
        if not self.blocks.exists():
            problems.append("Write the body: a story needs at least one block.")
        if self.kind in self.KINDS_NEEDING_SHOW and not self.show_id:
            problems.append(
                f"Choose the show: a {self.get_kind_display().lower()} story records "
                "the show's status."
            )
        if self.kind == self.Kind.RENEWAL and not self.season_id:
            problems.append("Choose the season the show is renewed for.")
        return problems

    def available_actions(self, user):
        """The workflow buttons `user` gets on this story: the one list views check too."""
        may_edit, may_publish = self.editable_by(user), user.has_perm("newsroom.publish_story")
        public = self.is_published
        offered = {
            "submit": may_edit and self.status == self.Status.DRAFT,
            "return_to_draft": may_edit and self.status == self.Status.IN_REVIEW,
            "publish": may_publish and not public,
            "schedule": may_publish and not public,
            "unschedule": may_publish and self.status == self.Status.SCHEDULED and not public,
            "unpublish": may_publish and public,
            "correct": may_publish and self.has_been_public,
        }
        return [action for action, allowed in offered.items() if allowed]

    @transaction.atomic
    def publish(self, at=None):
        """Make the story public now, or schedule it for `at`, and record the facts it declares."""
        was_public = self.was_public()
        now = timezone.now()
        self.publish_at = at or now
        self.status = self.Status.SCHEDULED if self.publish_at > now else self.Status.PUBLISHED
        if self.first_published_at is None or self.first_published_at > now:
            self.first_published_at = self.publish_at
        self.save()
        self.record_declared_status()
        self.announce(was_public=was_public)

    @transaction.atomic
    def unpublish(self, status=StoryStatus.UNPUBLISHED):
        """Take the story down (or back to draft or review); partners get a tombstone."""
        was_public = self.was_public()
        self.status = status
        self.save()
        self.announce(was_public=was_public)

    def correct(self, text, kind="correction", by=None):
        """Append a correction, clarification or update note and tell partners."""
        correction = self.corrections.create(text=text, kind=kind, noted_by=by)
        self.note_correction()
        return correction

    def note_correction(self):
        """A public story's appended note sends partners to fetch it again."""
        if self.is_published:
            Change.objects.record(Change.Resource.STORY, self.pk, Change.Action.CORRECTED)

    def was_public(self):
        """Whether the stored row, not this possibly edited instance, is public now."""
        return self.pk is not None and Story.objects.published().filter(pk=self.pk).exists()

    def announce(self, *, was_public):
        """Write the change feed entries for a publication, an edit or a withdrawal.

        Entries no partner can have seen yet (a scheduled publication) are replaced, so a
        rescheduled or withdrawn story never surfaces at its old time."""
        changes = Change.objects.filter(resource=Change.Resource.STORY, object_id=self.pk)
        changes.pending().delete()
        record = partial(Change.objects.record, Change.Resource.STORY, self.pk)
        is_public_now = self.is_published
        if was_public and is_public_now:
            record(Change.Action.UPDATED)
            return
        if was_public:
            record(Change.Action.WITHDRAWN)
        if self.status in self.PUBLIC_STATUSES:
            record(Change.Action.CREATED, at=self.publish_at)

    def submit_for_review(self):
        """A writer hands the draft to the editors."""
        self.status = self.Status.IN_REVIEW
        self.save(update_fields=["status", "updated_at"])

    def return_to_draft(self):
        """An editor hands a story in review back to its writer, or the writer takes it back."""
        self.status = self.Status.DRAFT
        self.save(update_fields=["status", "updated_at"])

    @transaction.atomic
    def unschedule(self):
        """Take a story off the schedule before its time; its feed entry goes too."""
        was_public = self.was_public()
        if self.has_been_public:
            self.status = self.Status.UNPUBLISHED
        else:
            # A first publication that never happened is not a fact to keep.
            self.status = self.Status.DRAFT
            self.publish_at = self.first_published_at = None
        self.save(update_fields=["status", "publish_at", "first_published_at", "updated_at"])
        self.announce(was_public=was_public)

    def record_declared_status(self):
        """A renewal, cancellation, order or ending becomes a status event of the show.

        The event points at this story, so it is public exactly when the story is."""
        if not (self.declared_status and self.show_id):
            return None
        event, _ = StatusEvent.objects.update_or_create(
            story=self,
            show=self.show,
            status=self.declared_status,
            defaults={
                "season": self.season,
                "occurred_on": timezone.localdate(self.first_published_at),
                "network": self.show.network,
            },
        )
        return event


class Byline(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="byline_entries")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["story", "person"], name="byline_unique_per_story"),
        ]

    def __str__(self):
        return f"{self.person} on {self.story}"


class QuoteQuerySet(FullTextQuerySet):
    search_fields = ("text", "source")

    def published(self):
        """Quotes the public may see: those used in at least one published story."""
        return self.filter(
            Exists(Block.objects.filter(quote=OuterRef("pk"), story__in=Story.objects.published()))
        )

    def for_listing(self):
        """Quote lists on person and show pages, the admin and the API: speakers in order."""
        return self.select_related("show").prefetch_related(
            Prefetch(
                "speakers", queryset=QuoteSpeaker.objects.select_related("person", "organization")
            )
        )

    def for_api(self):
        """The partner API's quotes; `said_on_sort` orders undated quotes by when we added them."""
        return self.for_listing().annotate(
            said_on_sort=Coalesce("said_on", TruncDate("created_at"))
        )

    def for_api_detail(self):
        """A quote in the partner API, with the published stories that use it."""
        public_uses = Block.objects.filter(story__in=Story.objects.published()).select_related(
            "story"
        )
        return self.for_api().prefetch_related(
            Prefetch("blocks", queryset=public_uses, to_attr="public_blocks")
        )

    def spoken_by(self, *, person=None, organization=None):
        """Quotes with a speaker who is `person`, or speaks for `organization`: API filters."""
        speakers = QuoteSpeaker.objects.filter(quote=OuterRef("pk"))
        if person is not None:
            speakers = speakers.filter(person=person)
        if organization is not None:
            speakers = speakers.filter(organization=organization)
        return self.filter(Exists(speakers))


class QuoteMedium(models.TextChoices):
    STATEMENT = "statement", "Statement"
    INTERVIEW = "interview", "Interview"
    PRESS_RELEASE = "press_release", "Press release"
    SOCIAL_POST = "social_post", "Social media post"
    EVENT = "event", "Panel or event"


class Quote(models.Model):
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
        return self.filter(quote__in=Quote.objects.published())

    def for_person_page(self):
        """A person's quotes, newest first, with the title and organization they had then."""
        return self.select_related("quote__show", "organization").order_by(
            "-quote__said_on", "-quote__pk"
        )


class QuoteSpeaker(models.Model):
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


class BlockQuerySet(FullTextQuerySet):
    search_fields = ("body",)

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


class BlockKind(models.TextChoices):
    PARAGRAPH = "paragraph", "Paragraph"
    QUOTE = "quote", "Quote"
    CAST_LIST = "cast_list", "Cast list"
    CREDITS = "credits", "Credits list"
    UPDATE_NOTE = "update_note", "Update note"


class Block(models.Model):
    Kind = BlockKind

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="blocks")
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
        return {
            self.Kind.CAST_LIST: Credit.Department.CAST,
            self.Kind.CREDITS: Credit.Department.CREW,
        }.get(self.kind)

    def choose_credits(self, credits):
        """Show exactly `credits`, in that order; an empty list shows every credit."""
        if [entry.credit_id for entry in self.chosen_credits.all()] == [c.pk for c in credits]:
            return
        self.chosen_credits.all().delete()
        BlockCredit.objects.bulk_create(
            BlockCredit(block=self, credit=credit, position=position)
            for position, credit in enumerate(credits)
        )

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


class BlockCredit(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="chosen_credits")
    credit = models.ForeignKey(Credit, on_delete=models.CASCADE, related_name="block_entries")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["block", "credit"], name="block_credit_unique"),
        ]

    def __str__(self):
        return str(self.credit)


class StoryLink(models.Model):
    class Relation(models.TextChoices):
        ABOUT = "about", "About"
        MENTIONS = "mentions", "Mentions"

    story = models.ForeignKey(Story, on_delete=models.CASCADE)
    relation = models.CharField(max_length=10, choices=Relation, default=Relation.MENTIONS)

    class Meta:
        abstract = True


class StoryPerson(StoryLink):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="story_links")

    class Meta:
        verbose_name = "person in the story"
        verbose_name_plural = "people in the story"
        default_related_name = "person_links"
        constraints = [
            models.UniqueConstraint(fields=["story", "person"], name="story_person_unique"),
        ]

    def __str__(self):
        return f"{self.story} {self.relation} {self.person}"


class StoryShow(StoryLink):
    show = models.ForeignKey(Show, on_delete=models.PROTECT, related_name="story_links")

    class Meta:
        verbose_name = "show in the story"
        verbose_name_plural = "shows in the story"
        default_related_name = "show_links"
        constraints = [
            models.UniqueConstraint(fields=["story", "show"], name="story_show_unique"),
        ]

    def __str__(self):
        return f"{self.story} {self.relation} {self.show}"


class StoryCompany(StoryLink):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="story_links")

    class Meta:
        verbose_name = "company in the story"
        verbose_name_plural = "companies in the story"
        default_related_name = "company_links"
        constraints = [
            models.UniqueConstraint(fields=["story", "company"], name="story_company_unique"),
        ]

    def __str__(self):
        return f"{self.story} {self.relation} {self.company}"


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"
    UPDATE = "update", "Update"


class Correction(models.Model):
    Kind = CorrectionKind

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="corrections")
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


class PartnerKey(models.Model):
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


class RevisionQuerySet(models.QuerySet):
    def for_history(self):
        """A story's history view: newest first, with who saved each revision."""
        return self.select_related("user").order_by("-created_at", "-pk")


class Revision(models.Model):
    """The whole story as it was after one save or action, as JSON (see newsroom/revisions.py)."""

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
        """The link a token names, or None when the signature is wrong or the row is gone."""
        try:
            pk, expires = signing.Signer(salt=cls.SALT).unsign_object(token)
        except (signing.BadSignature, ValueError, TypeError):
            return None
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
