"""The desk's story actions: each checks who may act and when, changes the story and records it.

Every action leaves a revision (what the story looked like after it) and, when the public sees a
difference or rights change, an audit log entry. Views call these; nothing else changes status.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from newsroom.models import AuditEntry, Correction, Story
from newsroom.workflow import revisions

# What each action is called on its button; messages quote these words.
ACTION_LABELS = {
    "submit": "Submit for review",
    "return_to_draft": "Back to draft",
    "publish": "Publish now",
    "schedule": "Schedule",
    "unschedule": "Take off the schedule",
    "unpublish": "Unpublish",
    "correct": "Add correction",
}
EDITOR_ACTIONS = {"publish", "schedule", "unschedule", "unpublish", "correct"}


def check(story, by, action):
    """Refuses (403) someone without the right; explains an action the story's state rules out."""
    if action in EDITOR_ACTIONS:
        allowed = by.has_perm("newsroom.publish_story")
    else:
        allowed = story.editable_by(by)
    if not allowed:
        raise PermissionDenied(f"Only editors may {ACTION_LABELS[action].lower()} this story.")
    if action not in story.available_actions(by):
        raise ValidationError(
            f"“{ACTION_LABELS[action]}” is not possible: the story is "
            f"{story.get_status_display().lower()}."
        )


def locked(story):
    """The story's current row, locked until the action commits: two clicks act once."""
    return Story.objects.select_for_update().get(pk=story.pk)


@transaction.atomic
def submit_story(*, story: Story, by) -> list[str]:
    """Hands a draft to the editors; returns what still stands between it and publication."""
    story = locked(story)
    check(story, by, "submit")
    story.submit_for_review()
    revisions.record(story=story, by=by, note="Submitted for review")
    return story.completeness_problems()


@transaction.atomic
def return_to_draft(*, story: Story, by) -> None:
    story = locked(story)
    check(story, by, "return_to_draft")
    story.return_to_draft()
    revisions.record(story=story, by=by, note="Returned to draft")


@transaction.atomic
def publish_story(*, story: Story, by, at=None) -> Story:
    """Publishes now, or schedules for `at`; a story that is not complete is left as it was."""
    story = locked(story)
    action = "schedule" if at else "publish"
    check(story, by, action)
    problems = story.completeness_problems()
    if at and at <= timezone.now():
        problems.append("Choose a time in the future to schedule, or publish now.")
    if problems:
        raise ValidationError(problems)
    story.publish(at=at)
    when = date_format(timezone.localtime(story.publish_at), "DATETIME_FORMAT")
    note = f"Scheduled for {when}" if at else "Published"
    revisions.record(story=story, by=by, note=note)
    audit(story, by, AuditEntry.Action.SCHEDULED if at else AuditEntry.Action.PUBLISHED)
    return story


def unschedule_story(*, story: Story, by) -> None:
    take_down(story, by, "unschedule", AuditEntry.Action.UNSCHEDULED, "Taken off the schedule")


def unpublish_story(*, story: Story, by) -> None:
    take_down(story, by, "unpublish", AuditEntry.Action.UNPUBLISHED, "Unpublished")


@transaction.atomic
def take_down(story, by, action, logged_as, note):
    """Unschedule or unpublish: the story leaves (or never reaches) the public."""
    story = locked(story)
    check(story, by, action)
    getattr(story, action)()
    revisions.record(story=story, by=by, note=note)
    audit(story, by, logged_as)


@transaction.atomic
def correct_story(*, story: Story, by, kind: str, text: str) -> Correction:
    """Appends a correction, clarification or update note, shown to readers at once."""
    story = locked(story)
    check(story, by, "correct")
    note = story.correct(text, kind=kind, by=by)
    revisions.record(story=story, by=by, note=f"{note.get_kind_display()} added")
    audit(story, by, AuditEntry.Action.CORRECTED, kind=kind, text=text)
    return note


@transaction.atomic
def restore_revision(*, revision, by) -> tuple[Story, list[str]]:
    """Brings a revision back as a draft; returns the draft and what could not come back.

    A story that is not public goes back to draft with the revision's content: its current
    content is already the newest revision, so nothing is lost. A public story is never
    overwritten: the revision becomes a new draft story beside it."""
    story = locked(revision.story)
    if not story.editable_by(by):
        raise PermissionDenied("You may not edit this story.")
    if story.status in Story.PUBLIC_STATUSES:
        story = Story(created_by=by, slug=f"{revision.data['slug'][:180]}-restored-{revision.pk}")
    else:
        story.status = Story.Status.DRAFT
    lost = revisions.restore_into(story, revision.data)
    revisions.record(story=story, by=by, note=f"Restored from revision {revision.pk}")
    audit(story, by, AuditEntry.Action.RESTORED, revision=revision.pk, source=revision.story_id)
    return story, lost


def record_deletion(*, story: Story, by) -> None:
    """Before a delete: the log keeps who deleted what, with the whole story as it was."""
    data = revisions.snapshot(Story.objects.for_revision().get(pk=story.pk))
    audit(story, by, AuditEntry.Action.DELETED, story_id=story.pk, snapshot=data)


def audit(story, by, action, **details):
    if story.publish_at:
        details.setdefault("publish_at", story.publish_at.isoformat())
    AuditEntry.objects.record(
        actor=by, action=action, subject=f"Story “{story.headline}”", story=story, **details
    )
