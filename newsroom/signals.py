"""Receivers for derived data (house style): the public cache's generation and the change feed.

Public pages are cached per publication generation; any change readers can see starts a new one.
Edits that the public cannot see (a draft's text, its blocks) keep the cache, so writers at work
do not empty it for readers. Shows and people tell the partners' change feed that they changed,
whatever saved them (the admin, the seed loader, a shell), once the transaction has committed."""

from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from newsroom.http import public_cache
from newsroom.models import (
    Block,
    BlockCredit,
    Byline,
    Change,
    Correction,
    Quote,
    QuoteSpeaker,
    StatusReport,
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
STORY_PART_MODELS = (
    Block,
    BlockCredit,
    Byline,
    Correction,
    StatusReport,
    StoryPerson,
    StoryShow,
    StoryCompany,
)
PRIVATE_STATUSES = {Story.Status.DRAFT, Story.Status.IN_REVIEW}


def schedule_new_generation(raw=False, **kwargs):
    if raw:  # loaddata and `manage.py restore`: the restore starts one generation at the end
        return
    # Now, so that reads later in this transaction see the change; and again at commit,
    # because another process may have cached the old content in between.
    public_cache.content_changed()
    transaction.on_commit(public_cache.content_changed)


def story_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # A draft that was never public changes nothing readers see; unpublishing does.
    if instance.status not in PRIVATE_STATUSES or instance.first_published_at:
        schedule_new_generation()


def story_saved(sender, instance, raw=False, **kwargs):
    if raw:  # restores load the events as they were
        return
    instance.keep_reports_in_step()


def story_part_changed(sender, instance, raw=False, **kwargs):
    if raw:  # the story may not be loaded yet
        return
    story = instance.block.story if sender is BlockCredit else instance.story
    story_changed(Story, story)


def connect_public_cache():
    for model in REFERENCE_MODELS:
        post_save.connect(schedule_new_generation, sender=model)
        post_delete.connect(schedule_new_generation, sender=model)
    for model in STORY_PART_MODELS:
        post_save.connect(story_part_changed, sender=model)
        post_delete.connect(story_part_changed, sender=model)
    post_save.connect(story_changed, sender=Story)
    post_save.connect(story_saved, sender=Story, dispatch_uid="status-reports-in-step")
    post_delete.connect(story_changed, sender=Story)
    # The change feed is public too, and show and people entries are written after the commit
    # that started a generation: a feed page read in between must not outlive the entry.
    post_save.connect(schedule_new_generation, sender=Change)
    for relation in (Credit.seasons, Show.based_on, SourceMaterial.authors):
        m2m_changed.connect(schedule_new_generation, sender=relation.through)


FEED_RESOURCES = {Show: Change.Resource.SHOW, Person: Change.Resource.PERSON}


def record_saved(sender, instance, created, raw=False, **kwargs):
    if raw:  # fixtures load rows as they were, not as news
        return
    action = Change.Action.CREATED if created else Change.Action.UPDATED
    record_on_commit(sender, instance, action)


def record_deleted(sender, instance, **kwargs):
    record_on_commit(sender, instance, Change.Action.DELETED)


def record_on_commit(sender, instance, action):
    record = partial(Change.objects.record, FEED_RESOURCES[sender], instance.pk, action)
    transaction.on_commit(record)


def connect_change_feed():
    for model in FEED_RESOURCES:
        post_save.connect(record_saved, sender=model, dispatch_uid=f"change-feed-save-{model}")
        post_delete.connect(
            record_deleted, sender=model, dispatch_uid=f"change-feed-delete-{model}"
        )


def connect():
    connect_public_cache()
    connect_change_feed()
