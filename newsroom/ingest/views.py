"""The admin's “New story from text”: paste → review what was found → confirm → draft story."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from newsroom.ingest.drafting import create_draft
from newsroom.ingest.forms import IngestForm
from newsroom.ingest.review import Review

TOO_BIG = "This text is too large to be one article: paste a single press release or story."


def new_story_from_text(request, model_admin):
    """Nothing is written until the editor presses “Create draft” on the review page."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    try:
        data = request.POST if request.method == "POST" else None
        files = request.FILES if request.method == "POST" else None
    except RequestDataTooBig:
        data, files = None, None
        messages.error(request, TOO_BIG)
    form = IngestForm(data, files)
    if not form.is_valid():
        return render(request, model_admin, "admin/newsroom/story/ingest.html", form=form)
    review = Review.of(form.cleaned_data["extraction"])
    confirmed = "confirm" in request.POST
    missing = review.missing_permissions(request.user) if confirmed else []
    if missing:
        messages.error(
            request, f"Ask an editor: this draft needs permissions you lack ({', '.join(missing)})."
        )
    if not confirmed or missing:
        template = "admin/newsroom/story/ingest_review.html"
        return render(request, model_admin, template, form=form, review=review)
    story = create_draft(review=review, by=request.user)
    messages.success(
        request,
        f"Draft “{story}” created from the text. Write its paragraphs, then send it for review.",
    )
    return redirect(reverse("admin:newsroom_story_change", args=[story.pk]))


def render(request, model_admin, template, **context):
    opts = model_admin.model._meta
    context |= {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": "New story from text",
        "has_view_permission": model_admin.has_view_permission(request),
    }
    return TemplateResponse(request, template, context)
