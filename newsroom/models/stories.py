"""Stories: what the desk publishes, when, and what publishing a story declares."""

from functools import cache, partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from newsroom.core.images import ReencodedImageField
from newsroom.core.models import FullTextQuerySet, KnownBySlug, KnownBySlugQuerySet, Versioned
from newsroom.core.page_urls import page_url
from newsroom.core.rows import Row, Rows
from newsroom.models.blocks import Block
from newsroom.models.change_feed import Change
from newsroom.models.corrections import Correction
from newsroom.models.links import StoryCompany, StoryPerson, StoryShow
from newsroom.models.status_reports import StatusReport
from people.models import Person
from shows.models import (
    Company,
    Credit,
    Franchise,
    Season,
    Show,
    SourceMaterial,
    StatusEvent,
    show_rows,
)

# The status a story of each kind records on its show when it is published.
DECLARED_STATUS = {
    "renewal": StatusEvent.Status.RENEWED,
    "cancellation": StatusEvent.Status.CANCELLED,
    "series_order": StatusEvent.Status.ORDERED,
    "ending": StatusEvent.Status.ENDING,
}


class StoryQuerySet(KnownBySlugQuerySet, FullTextQuerySet):
    search_fields = ("headline", "dek")
    reader_fields = {"headline": "A", "show__title": "A", "dek": "B"}
    reader_document_fields = ("headline", "dek")

    def reader_matches(self, query):
        """Stories whose headline or dek match (through their GIN index), or whose show's title
        does: shows are few, and a join would leave the stories' index unused."""
        shows = Show.objects.reader_matches(query, fields=["title"])
        # A union, as PostgreSQL reads no index for an OR of the two conditions.
        by_text = super().reader_matches(query).values("pk")
        by_show = Story.objects.filter(show__in=shows.values("pk")).values("pk")
        return self.filter(pk__in=by_text.union(by_show))

    def published(self, at=None):
        """The one definition of what the public may see: pages, API, feeds, sitemaps, search."""
        return self.filter(status__in=Story.PUBLIC_STATUSES, publish_at__lte=at or timezone.now())

    def about(self, subject):
        """Stories about a show, season, company, franchise or person: their pages and feeds."""
        if isinstance(subject, Show):
            return self.about_show(subject)
        if isinstance(subject, Season):
            return self.filter(season=subject)
        if isinstance(subject, Person):
            return self.featuring(subject)
        if isinstance(subject, Franchise):
            return self.in_franchise(subject)
        if isinstance(subject, Company):
            return self.about_company(subject)
        raise TypeError(f"No stories are filed under a {type(subject).__name__}.")

    def about_show(self, show):
        """Show pages and feeds: the show is the story's subject or one it links to."""
        linked = StoryShow.objects.filter(show=show).values("story")
        about = Story.objects.filter(show=show).values("pk")
        # Unions of indexed lookups here and below: an OR would test every public story.
        return self.filter(pk__in=about.union(linked))

    def about_company(self, company):
        """Company pages and feeds: its shows' stories and the stories that link to it."""
        linked = StoryCompany.objects.filter(company=company).values("story")
        aired = Story.objects.filter(show__network=company).values("pk")
        made = Story.objects.filter(show__in=company.show_roles.values("show")).values("pk")
        return self.filter(pk__in=aired.union(made, linked))

    def in_franchise(self, franchise):
        return self.filter(show__franchise=franchise)

    def featuring(self, person):
        """Person pages and feeds: stories that quote the person or link to them.

        A union of indexed lookups: testing each story in turn would walk every public story
        for someone quoted once."""
        quoting = Block.objects.filter(quote__speakers__person=person).values("story")
        linking = StoryPerson.objects.filter(person=person).values("story")
        return self.filter(pk__in=quoting.union(linking))

    def related_to(self, story, show=None, franchise=None):
        """The story page's related list: stories of the same show (`show`) or franchise, or
        with the same people, as `story`. Takes ids, or expressions giving them: the story page
        reads these in its story's row (newsroom/reader/story_page.py)."""
        people = StoryPerson.objects.filter(story=story).values("person")
        # A union of indexed lookups: an OR across them would walk every public story.
        candidates = StoryPerson.objects.filter(person__in=people).values("story")
        if show is not None:
            candidates = candidates.union(Story.objects.filter(show=show).values("pk"))
        if franchise is not None:
            same_franchise = Story.objects.filter(show__franchise=franchise)
            candidates = candidates.union(same_franchise.values("pk"))
        return self.filter(pk__in=candidates).exclude(pk=story)

    def for_listing(self):
        """Story teasers on the home page, lists, feeds and search: show and season."""
        return self.select_related("show__network", "season")

    def involving(self, person):
        """Stories that quote a person, mention them or are about a show they are credited on."""
        credited = Credit.objects.filter(show=OuterRef("show"), person=person)
        return self.filter(quoting_or_linking(person) | Exists(credited))

    def full_text_search(self, text):
        """The API's `q`: headline and dek, or the text of any paragraph."""
        in_body = Block.objects.filter(Block.objects.text_condition(text), story=OuterRef("pk"))
        return self.filter(self.text_condition(text) | Exists(in_body))

    def for_api(self):
        """The partner API's story list: rows of only the columns it shows, its show's and
        season's among them, as dicts. Converting the other columns, then building three model
        instances per story, took a good part of its time."""
        return self.values(*API_LIST_COLUMNS)

    def for_api_detail(self):
        """A story in the partner API and as ninjs: five queries, for the story with its short
        lists in its row (newsroom/core/rows.py), its blocks, their speakers, their chosen credits
        and the show's (newsroom/api/story_detail.py runs the same five, compiled)."""
        return self.with_api_detail_row().prefetch_related(
            Prefetch("blocks", queryset=Block.objects.for_api()),
            Prefetch("show__credits", queryset=Credit.objects.for_api().in_billing_order()),
        )

    def with_api_detail_row(self):
        """The API's story without its blocks: its show and season, its short lists in its row."""
        return self.select_related("show", "season__show").with_rows(**story_api_rows())

    def for_admin_changelist(self):
        """The admin's story list: show, season and author columns."""
        return self.select_related("show", "season__show", "created_by")

    def with_story_page_row(self):
        """The story page's story: its show box and bylines, with the short lists in its row
        (newsroom/core/rows.py). newsroom/reader/story_page.py adds its blocks and the show's
        credits."""
        return self.select_related(
            "show__network", "show__franchise", "show__spinoff_of", "season__show"
        ).with_rows(**story_page_rows())

    def for_revision(self):
        """Every part of the story a revision records (newsroom/workflow/revisions.py)."""
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


API_LIST_COLUMNS = (
    *("pk", "headline", "slug", "dek", "kind", "exclusive", "publish_at", "updated_at"),
    *("show_id", "show__title", "show__slug", "season_id", "season__number"),
)


def show_box_lookups():
    """What the show box of a story page renders; previews of revisions use it too."""
    return [
        Prefetch("show__credits", queryset=Credit.objects.for_listing().in_billing_order()),
        "show__seasons",
        Prefetch("show__based_on", queryset=SourceMaterial.objects.prefetch_related("authors")),
        Prefetch(
            "show__status_events",
            queryset=StatusEvent.objects.select_related("season"),
        ),
    ]


PERSON_LINK = Row("name", "slug")


@cache
def story_page_rows():
    """The story page's short lists, carried in the story's row (see newsroom/core/rows.py)."""
    return {
        "byline_entries": Rows(
            Byline.objects.filter(story=OuterRef("pk")), "position", person=PERSON_LINK
        ),
        "person_links": Rows(
            StoryPerson.objects.filter(story=OuterRef("pk")), "relation", person=PERSON_LINK
        ),
        "corrections": Rows(
            Correction.objects.filter(story=OuterRef("pk")), "kind", "text", "noted_at"
        ),
        **show_rows("show"),
    }


@cache
def story_api_rows():
    """The partner API's and ninjs's story lists, carried in the story's row: the page's
    bylines, people and corrections, and the links and status events only the API shows."""
    page = story_page_rows()
    return {
        "byline_entries": page["byline_entries"],
        "person_links": page["person_links"],
        "corrections": page["corrections"],
        "show_links": Rows(
            StoryShow.objects.filter(story=OuterRef("pk")), "relation", show=Row("title", "slug")
        ),
        "company_links": Rows(
            StoryCompany.objects.filter(story=OuterRef("pk")),
            "relation",
            company=Row("name", "slug"),
        ),
        # Each event's story is the story itself, set as its rows are read.
        "status_events": Rows(
            StatusEvent.objects.filter(report__story=OuterRef("pk")),
            "status",
            "occurred_on",
            show=Row("title", "slug"),
            season=Row("number"),
            network=Row("name", "slug"),
        ),
    }


def quoting_or_linking(person):
    """A story condition: one of its blocks quotes the person, or it links to them."""
    quoted = Block.objects.filter(story=OuterRef("pk"), quote__speakers__person=person)
    linked = StoryPerson.objects.filter(story=OuterRef("pk"), person=person)
    return Exists(quoted) | Exists(linked)


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


class Story(KnownBySlug, Versioned):
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
    image = ReencodedImageField(upload_to="stories/", blank=True)
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

    status_events = models.ManyToManyField(
        "shows.StatusEvent",
        through="newsroom.StatusReport",
        related_name="reported_in",
        blank=True,
        help_text="The show's status events this story reports: public when the story is.",
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
            # Public lists, newest first: read in index order and stopped after a page instead
            # of sorting every public story; with status in it, a deep page's ids come from the
            # index alone. It replaces (status, publish_at), which planners preferred and then
            # had to sort.
            models.Index(fields=["-publish_at", "-id", "status"], name="story_newest_first"),
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
        return page_url("newsroom:story", slug=self.slug)

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
        return self.shows_publicly(self.status, self.publish_at, timezone.now())

    @classmethod
    def shows_publicly(cls, status, publish_at, now):
        """StoryQuerySet.published() for one story's values: also for rows (story_page.py)."""
        return status in cls.PUBLIC_STATUSES and publish_at is not None and publish_at <= now

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

    def stale_save_message(self):
        """Why a save from a form opened at an older version is refused (see Versioned), naming
        who changed the story and when. Revisions know more than the admin log: every workflow
        action leaves one too."""
        latest = self.revisions.for_history().first()
        who = latest.user_name if latest else "Someone"
        when = date_format(timezone.localtime(self.updated_at), "DATETIME_FORMAT")
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

        The story reports the event (StatusReport), so the event is public exactly when the
        story is (keep_reports_in_step)."""
        if not (self.declared_status and self.show_id):
            return None
        report = (
            StatusReport.objects.select_related("event")
            .filter(story=self, event__show=self.show, event__status=self.declared_status)
            .first()
        )
        event = report.event if report else StatusEvent(show=self.show, status=self.declared_status)
        event.season = self.season
        event.occurred_on = timezone.localdate(self.first_published_at)
        event.network = self.show.network
        event.public_from, event.source_title, event.source_url = self.report_state()
        event.save()
        if report is None:
            StatusReport.objects.create(story=self, event=event)
        return event

    def report_state(self):
        """What the status events this story reports show readers: when they may see them (with
        the story, never before) and the link to it."""
        public_from = self.publish_at if self.status in self.PUBLIC_STATUSES else None
        return public_from, self.headline, self.get_absolute_url()

    def keep_reports_in_step(self):
        """After every save: the events the story reports follow its publication and headline."""
        public_from, title, url = self.report_state()
        reported = StatusEvent.objects.filter(report__story=self)
        # Only the events that differ, and their versions move on: a status event's form opened
        # before would otherwise write the old time and link back (Versioned).
        reported.exclude(public_from=public_from, source_title=title, source_url=url).update(
            public_from=public_from,
            source_title=title,
            source_url=url,
            version=models.F("version") + 1,
        )


class Byline(Versioned):
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
