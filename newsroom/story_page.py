"""What the story page reads, as queries compiled once per process (people/compiled.py).

The page is the desk's most read: building and compiling its queries cost Django about twenty
times what running them costs the database. The queries are the QuerySet methods the page has
always used; only their compiling is kept."""

from django.utils import timezone

from newsroom.models import Block, Story
from people.compiled import CompiledQuery
from people.rows import keep_as_prefetched
from shows.models import Credit

RELATED_STORIES = 5

PUBLISHED_BY_SLUG = CompiledQuery(
    lambda slug, now: Story.objects.published(at=now).with_story_page_row().filter(slug=slug)
)
ANY_BY_PK = CompiledQuery(lambda pk: Story.objects.with_story_page_row().filter(pk=pk))
BLOCKS = CompiledQuery(lambda story: Block.objects.for_story_page().filter(story=story))
SHOW_CREDITS = CompiledQuery(lambda show: Credit.objects.for_page().filter(show=show))
RELATED = CompiledQuery(
    lambda story, now, **show_and_franchise: (
        Story.objects.published(at=now)
        .related_to(story, **show_and_franchise)
        .for_listing()[:RELATED_STORIES]
    )
)


def published_story(slug):
    """The public story at `slug`, ready for the page (four queries with its related list), or
    None."""
    found = PUBLISHED_BY_SLUG.run(slug=slug, now=timezone.now())
    return with_lists(found[0]) if found else None


def any_story(pk):
    """A story in any state, as its page shows it: previews for editors and preview links."""
    found = ANY_BY_PK.run(pk=pk)
    return with_lists(found[0]) if found else None


def with_lists(story):
    blocks = BLOCKS.run(story=story.pk)
    keep_as_prefetched(story, "blocks", blocks)
    # A cast or credits list with no credits chosen lists the show's (Block.listed_credits).
    if story.show_id and any(block.lists_show_credits() for block in blocks):
        keep_as_prefetched(story.show, "credits", SHOW_CREDITS.run(show=story.show_id))
    return story


def related_stories(story):
    """Published stories of the same show or franchise, or with the same people."""
    ids = {}
    if story.show_id:
        ids["show"] = story.show_id
        if story.show.franchise_id:
            ids["franchise"] = story.show.franchise_id
    return RELATED.run(story=story.pk, now=timezone.now(), **ids)
