"""Shows and people tell the partners' change feed that they changed.

The feed is derived data, so a signal (house style): whatever saves a show or a person — the
admin, the seed loader, a shell — records it, once the transaction has committed."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from newsroom.models import Change
from people.models import Person
from shows.models import Show

REFERENCE_RESOURCES = {Show: Change.Resource.SHOW, Person: Change.Resource.PERSON}


def record_saved(sender, instance, created, raw=False, **kwargs):
    if raw:  # fixtures load rows as they were, not as news
        return
    action = Change.Action.CREATED if created else Change.Action.UPDATED
    record_on_commit(sender, instance, action)


def record_deleted(sender, instance, **kwargs):
    record_on_commit(sender, instance, Change.Action.DELETED)


def record_on_commit(sender, instance, action):
    record = partial(Change.objects.record, REFERENCE_RESOURCES[sender], instance.pk, action)
    transaction.on_commit(record)


def connect():
    for model in REFERENCE_RESOURCES:
        post_save.connect(record_saved, sender=model, dispatch_uid=f"change-feed-save-{model}")
        post_delete.connect(
            record_deleted, sender=model, dispatch_uid=f"change-feed-delete-{model}"
        )
