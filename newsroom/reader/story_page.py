"""What the story page reads, as queries compiled once per process (newsroom/core/compiled.py).

The page is the desk's most read. Building and compiling its queries cost Django about twenty
times what running them costs the database, so they are compiled once. The public page reads
values, made into the dicts its templates read by newsroom/reader/story_rows.py; editors'
previews read model instances."""

from django.db.models import Subquery
from django.utils import timezone

from newsroom.core.compiled import CompiledQuery
from newsroom.core.rows import Row, Rows, keep_as_prefetched
from newsroom.models import Block, Story
from newsroom.models.blocks import listed_show_credits, story_block_rows
from newsroom.reader.story_rows import TEASER_FIELDS, story_row
from shows.models import Credit

RELATED_STORIES = 5

# Editors' previews: a story in any state, as model instances (revisions.as_story builds the
# same from a revision).
ANY_BY_PK = CompiledQuery(lambda pk: Story.objects.with_story_page_row().filter(pk=pk))
BLOCKS = CompiledQuery(lambda story: Block.objects.for_story_page().filter(story=story))
SHOW_CREDITS = CompiledQuery(lambda show: Credit.objects.for_page().filter(show=show))

# The public page, as values: the story with its blocks, the show's credits when a list shows
# them, and its related stories, in one row.
STORY_COLUMNS = (
    *("pk", "headline", "slug", "dek", "exclusive", "first_published_at"),
    *("image", "image_alt", "image_caption", "show_id", "season_id"),
    *("season__number", "season__show__slug", "show__title", "show__slug", "show__key_art"),
    *("show__network_id", "show__network__name", "show__network__slug"),
    *("show__franchise_id", "show__franchise__name", "show__franchise__slug"),
    *("show__spinoff_of_id", "show__spinoff_of__title", "show__spinoff_of__slug"),
    *("rows_byline_entries", "rows_person_links", "rows_corrections"),
    *("rows_show__seasons", "rows_show__based_on", "rows_show__status_events"),
    *("rows_blocks", "listed_show_credits", "rows_related"),
)


def related_rows(slug, now):
    """The published stories related to the story at `slug` (StoryQuerySet.related_to), newest
    first, as a column of its row: they had been a second query, a round trip and a statement's
    fixed cost on the server for five short rows. The story is found again by its slug, in
    subqueries that do not refer to the row, so PostgreSQL runs each once (an InitPlan)."""
    story = Story.objects.filter(slug=slug).order_by()

    def column(name):
        return Subquery(story.values(name)[:1])

    related = Story.objects.published(at=now).related_to(
        column("pk"), show=column("show_id"), franchise=column("show__franchise_id")
    )
    return Rows(related[:RELATED_STORIES], *TEASER_FIELDS, show=Row("title"))


PUBLISHED_ROW = CompiledQuery(
    lambda slug, now: (
        Story.objects.published(at=now)
        .with_story_page_row()
        .annotate(
            rows_blocks=story_block_rows(),
            listed_show_credits=listed_show_credits(),
            rows_related=related_rows(slug, now),
        )
        .filter(slug=slug)
        .values(*STORY_COLUMNS)
    )
)


def published_page(slug):
    """The public story at `slug` as the page's rows, with its related stories, or None."""
    now = timezone.now()
    found = PUBLISHED_ROW.run(slug=slug, now=now)
    if not found:
        return None
    return story_row(found[0], now)


def any_story(pk):
    """A story in any state, as its page shows it: previews for editors and preview links."""
    found = ANY_BY_PK.run(pk=pk)
    if not found:
        return None
    story = found[0]
    blocks = BLOCKS.run(story=story.pk)
    keep_as_prefetched(story, "blocks", blocks)
    # A cast or credits list with no credits chosen lists the show's (Block.listed_credits).
    if story.show_id and any(block.lists_show_credits() for block in blocks):
        keep_as_prefetched(story.show, "credits", SHOW_CREDITS.run(show=story.show_id))
    return story
