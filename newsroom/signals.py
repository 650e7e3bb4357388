"""Public pages are cached per publication generation; these receivers start a new one.

Edits that the public cannot see (a draft's text, its blocks) keep the cache, so writers at
work do not empty it for readers."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from newsroom import public_cache
from newsroom.models import (
    Block,
    BlockCredit,
    Byline,
    Correction,
    Quote,
    QuoteSpeaker,
    Story,
    StoryCompany,
    StoryPerson,
    StoryShow,
)
from people.models import Person
from shows.models import (
    Character,
    Company,
    Credit,
    Franchise,
    Season,
    Show,
    ShowCompany,
    SourceMaterial,
    StatusEvent,
)

# Rows that readers may see as soon as they are saved, or through any public story.
REFERENCE_MODELS = (
    Person,
    Company,
    Franchise,
    SourceMaterial,
    Show,
    ShowCompany,
    Season,
    Character,
    Credit,
    StatusEvent,
    Quote,
    QuoteSpeaker,
)
# Rows that belong to one story: public only when the story is or was.
STORY_PART_MODELS = (Block, BlockCredit, Byline, Correction, StoryPerson, StoryShow, StoryCompany)
PRIVATE_STATUSES = {Story.Status.DRAFT, Story.Status.IN_REVIEW}


def schedule_new_generation(**kwargs):
    # Now, so that reads later in this transaction see the change; and again at commit,
    # because another process may have cached the old content in between.
    public_cache.content_changed()
    transaction.on_commit(public_cache.content_changed)


def story_changed(sender, instance, **kwargs):
    # A draft that was never public changes nothing readers see; unpublishing does.
    if instance.status not in PRIVATE_STATUSES or instance.first_published_at:
        schedule_new_generation()


def story_part_changed(sender, instance, **kwargs):
    story = instance.block.story if sender is BlockCredit else instance.story
    story_changed(Story, story)


def connect():
    for model in REFERENCE_MODELS:
        post_save.connect(schedule_new_generation, sender=model)
        post_delete.connect(schedule_new_generation, sender=model)
    for model in STORY_PART_MODELS:
        post_save.connect(story_part_changed, sender=model)
        post_delete.connect(story_part_changed, sender=model)
    post_save.connect(story_changed, sender=Story)
    post_delete.connect(story_changed, sender=Story)
    for relation in (Credit.seasons, Show.based_on, SourceMaterial.authors):
        m2m_changed.connect(schedule_new_generation, sender=relation.through)
