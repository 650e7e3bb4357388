"""The partner API's story detail and ninjs document, read with queries compiled once per
process (newsroom/core/compiled.py).

They read what StoryQuerySet.for_api_detail() reads, in the same five queries: the story with
its short lists in its row, its blocks, their quotes' speakers, their chosen credits and the
show's credits. Building and compiling those QuerySets, with their prefetches, had cost Django
about 18 ms a request, where the database spends about one running them; so each is built
once with marker values, and the lists are handed to their instances as prefetch_related would
(newsroom/core/rows.keep_as_prefetched)."""

from collections import defaultdict

from django.utils import timezone

from newsroom.core.compiled import CompiledQuery
from newsroom.core.rows import keep_as_prefetched
from newsroom.models import Block, BlockCredit, QuoteSpeaker, Story
from shows.models import Credit

STORY = CompiledQuery(
    lambda pk, now: Story.objects.published(at=now).with_api_detail_row().filter(pk=pk)
)
BLOCKS = CompiledQuery(lambda story: Block.objects.with_api_relations().filter(story=story))
SPEAKERS = CompiledQuery(
    lambda story: QuoteSpeaker.objects.for_api().filter(
        quote__in=Block.objects.filter(story=story).values("quote")
    )
)
CHOSEN_CREDITS = CompiledQuery(
    lambda story: BlockCredit.objects.for_api().filter(block__story=story)
)
SHOW_CREDITS = CompiledQuery(
    lambda show: Credit.objects.for_api().in_billing_order().filter(show=show)
)


def published_story(pk):
    """The published story `pk` (an int) as the API detail and ninjs read it, or None."""
    found = STORY.run(pk=pk, now=timezone.now())
    if not found:
        return None
    story = found[0]
    blocks = BLOCKS.run(story=pk)
    keep_as_prefetched(story, "blocks", blocks)
    if blocks:
        keep_lists(blocks, pk)
    if story.show_id:
        keep_as_prefetched(story.show, "credits", SHOW_CREDITS.run(show=story.show_id))
    return story


def keep_lists(blocks, story_pk):
    """Each block's chosen credits and each quote's speakers, as the prefetches would."""
    quoting = [block for block in blocks if block.quote_id]
    if quoting:
        speakers = defaultdict(list)
        for speaker in SPEAKERS.run(story=story_pk):
            speakers[speaker.quote_id].append(speaker)
        for block in quoting:  # a quote used twice is two instances, as select_related makes
            keep_as_prefetched(block.quote, "speakers", speakers[block.quote_id])
    chosen = defaultdict(list)
    for entry in CHOSEN_CREDITS.run(story=story_pk):
        chosen[entry.block_id].append(entry)
    for block in blocks:
        keep_as_prefetched(block, "chosen_credits", chosen[block.pk])
