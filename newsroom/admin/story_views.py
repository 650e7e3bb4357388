"""The story admin's workflow pages: actions, corrections, history, previews, shared links and
the schedule. Each view finds the story, checks the user's rights and calls
newsroom/workflow/actions.py.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from newsroom.admin.forms import CompareForm, CorrectionForm, PreviewLinkForm, ScheduleForm
from newsroom.models import PreviewLink, Story
from newsroom.reader import story_page
from newsroom.reader.views import preview_response
from newsroom.workflow import actions as workflow
from newsroom.workflow import revisions


def story_or_404(model_admin, request, object_id, *, edit=False):
    story = model_admin.get_object(request, unquote(str(object_id)))
    if story is None:
        raise Http404("No such story.")
    if edit:
        allowed = model_admin.has_change_permission(request, story)
    else:
        allowed = model_admin.has_view_permission(request, story)
    if not allowed:
        raise PermissionDenied
    return story


def change_url(story):
    return reverse("admin:newsroom_story_change", args=[story.pk])


def page(request, model_admin, template, title, **context):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Story._meta,
        "title": title,
        **context,
    }
    return TemplateResponse(request, f"admin/newsroom/story/{template}", context)


def workflow_context(request, story):
    """What the change form's workflow panel shows `request.user` for `story`."""
    actions = story.available_actions(request.user)
    return {
        "workflow_actions": [(action, workflow.ACTION_LABELS[action]) for action in actions],
        "schedule_form": ScheduleForm(initial={"publish_at": story.publish_at}),
        "completeness_problems": [] if story.is_published else story.completeness_problems(),
    }


def submit(request, story):
    problems = workflow.submit_story(story=story, by=request.user)
    messages.success(request, "Submitted for review: editors find it under “In review”.")
    for problem in problems:
        messages.warning(request, f"Before an editor can publish it: {problem}")


def publish(request, story):
    workflow.publish_story(story=story, by=request.user)
    messages.success(request, "Published: the story is on the site, in feeds and sitemaps.")


def schedule_story(request, story):
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors["publish_at"])
    story = workflow.publish_story(story=story, by=request.user, at=form.cleaned_data["publish_at"])
    when = timezone.localtime(story.publish_at)
    messages.success(request, f"Scheduled: public everywhere from {when:%B %-d, %Y %H:%M}.")


def simple(function, done):
    def act(request, story):
        function(story=story, by=request.user)
        messages.success(request, done)

    return act


ACTIONS = {
    "submit": submit,
    "return_to_draft": simple(workflow.return_to_draft, "Back to draft: the writer can edit it."),
    "publish": publish,
    "schedule": schedule_story,
    "unschedule": simple(workflow.unschedule_story, "Taken off the schedule."),
    "unpublish": simple(workflow.unpublish_story, "Unpublished: readers get a 404 now."),
}


@require_POST
def act(request, object_id, action, *, model_admin):
    if action not in ACTIONS:
        raise Http404("No such action.")
    story = story_or_404(model_admin, request, object_id)
    try:
        ACTIONS[action](request, story)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(change_url(story))


def correct(request, object_id, *, model_admin):
    story = story_or_404(model_admin, request, object_id)
    try:
        workflow.check(story, request.user, "correct")
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(change_url(story))
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workflow.correct_story(story=story, by=request.user, **form.cleaned_data)
        messages.success(request, "The note is on the story page now. Notes cannot be edited.")
        return redirect(change_url(story))
    notes = story.corrections.select_related("noted_by")
    return page(
        request,
        model_admin,
        "correct.html",
        "Add a correction",
        story=story,
        form=form,
        notes=notes,
    )


def history(request, object_id, *, model_admin):
    story = story_or_404(model_admin, request, object_id)
    return page(
        request,
        model_admin,
        "history.html",
        f"History of “{story}”",
        story=story,
        revisions=story.revisions.for_history(),
        may_restore=story.editable_by(request.user),
        restores_as_copy=story.status in Story.PUBLIC_STATUSES,
    )


def compare(request, object_id, *, model_admin):
    story = story_or_404(model_admin, request, object_id)
    form = CompareForm(request.GET or None, story=story)
    if not form.is_valid():
        messages.error(request, "Pick two revisions to compare.")
        return redirect(reverse("admin:newsroom_story_history", args=[story.pk]))
    older, newer = form.revisions()
    return page(
        request,
        model_admin,
        "compare.html",
        f"Changes to “{story}”",
        story=story,
        older=older,
        newer=newer,
        lines=revisions.diff(older, newer),
    )


def preview(request, object_id, *, model_admin):
    story = story_or_404(model_admin, request, object_id)
    story = story_page.any_story(story.pk)
    return preview_response(request, story, label=f"Preview of the {story.get_status_display()}")


def preview_revision(request, object_id, revision_id, *, model_admin):
    story = story_or_404(model_admin, request, object_id)
    revision = get_object_or_404(story.revisions.select_related("user"), pk=revision_id)
    label = f"Preview of revision {revision.pk} ({revision.note}, by {revision.user_name})"
    return preview_response(request, revisions.as_story(revision), label=label)


@require_POST
def restore(request, object_id, revision_id, *, model_admin):
    story = story_or_404(model_admin, request, object_id, edit=True)
    revision = get_object_or_404(story.revisions, pk=revision_id)
    restored, lost = workflow.restore_revision(revision=revision, by=request.user)
    if restored.pk == story.pk:
        messages.success(request, f"Revision {revision.pk} restored: the story is a draft again.")
    else:
        messages.success(
            request, f"Revision {revision.pk} is a new draft story; the public one is unchanged."
        )
    for item in lost:
        messages.warning(request, f"Could not restore {item}: it was deleted since.")
    return redirect(change_url(restored))


def share(request, object_id, *, model_admin):
    story = story_or_404(model_admin, request, object_id, edit=True)
    form = PreviewLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = PreviewLink.lasting(form.cleaned_data["hours"], story=story, created_by=request.user)
        messages.success(
            request,
            "Preview link made: copy it below. Anyone with it can read the "
            "draft until it expires or you revoke it.",
        )
        return redirect(reverse("admin:newsroom_story_share", args=[story.pk]) + f"#link-{link.pk}")
    links = story.preview_links.select_related("created_by")
    return page(
        request,
        model_admin,
        "share.html",
        f"Share a preview of “{story}”",
        story=story,
        form=form,
        links=links,
    )


@require_POST
def revoke(request, object_id, link_id, *, model_admin):
    story = story_or_404(model_admin, request, object_id, edit=True)
    get_object_or_404(story.preview_links, pk=link_id).revoke()
    messages.success(request, "Link revoked: it shows “no longer available” from now on.")
    return redirect(reverse("admin:newsroom_story_share", args=[story.pk]))


def schedule(request, *, model_admin):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    upcoming = Story.objects.scheduled().for_schedule()
    days = [
        (day, list(stories))
        for day, stories in groupby(upcoming, key=lambda s: timezone.localdate(s.publish_at))
    ]
    in_review = Story.objects.filter(status=Story.Status.IN_REVIEW).count()
    return page(request, model_admin, "schedule.html", "Schedule", days=days, in_review=in_review)
