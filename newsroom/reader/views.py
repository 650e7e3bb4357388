from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import generic

from newsroom.core.page_urls import absolute_urls
from newsroom.core.pagination import DeferredJoinPaginator
from newsroom.core.prepared import not_prepared
from newsroom.models import PreviewLink, Story
from newsroom.reader import story_page, structured_data
from newsroom.reader.forms import SearchForm
from people.models import Person
from shows.models import Show
from shows.tracker import GROUPS, Scorecard

SEARCH_RESULTS_PER_KIND = 20


class HomeView(generic.ListView):
    template_name = "newsroom/home.html"
    context_object_name = "stories"
    paginate_by = 20
    paginator_class = DeferredJoinPaginator

    def get_queryset(self):
        return Story.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        counted = Scorecard(Show.objects.published(), timezone.localdate()).counts()
        summary = [(group, GROUPS[group], count) for group, count in counted.items()]
        return super().get_context_data(tracker_summary=summary, **kwargs)


def story_detail(request, slug):
    """The public story page, from rows (newsroom/reader/story_page.py)."""
    story = story_page.published_page(slug)
    if story is None:
        raise Http404("No published story here.")
    absolute = absolute_urls()
    context = {
        "story": story,
        "related": story["related"],
        "structured_data": structured_data.news_article(story, absolute),
        "open_graph": structured_data.open_graph(story, absolute),
    }
    return render(request, "newsroom/story.html", context)


def search(request):
    form = SearchForm(request.GET)
    query = form.query()
    results = {}
    if query:
        results = {
            "stories": Story.objects.published().search(query).for_listing(),
            "shows": Show.objects.published().search(query).select_related("network"),
            "people": Person.objects.published().search(query),
        }
        with not_prepared():  # the search indexes are read only by a plan for the words
            results = {
                kind: list(found[:SEARCH_RESULTS_PER_KIND]) for kind, found in results.items()
            }
    return render(request, "newsroom/search.html", {"form": form, "query": query, **results})


def hello(request):
    """The framework's ceiling in `make bench`: routing and middleware, no database."""
    return HttpResponse("Hello, world.", content_type="text/plain")


def preview_response(request, story, *, label, status=200):
    """A story that is not (or not yet) public, on the real story page, marked as a preview.

    Previews are for one person: never indexed, never stored by a shared cache, and the
    address (it may carry a preview token) is not sent on to sites the story links to."""
    context = {"story": story, "preview": label, "related": [], "open_graph": []}
    response = render(request, "newsroom/story.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def shared_preview(request, token):
    """A signed preview link: the story's current draft for someone without an account."""
    link = PreviewLink.from_token(token)
    if link is None:
        return preview_gone(request, "This preview link is not valid.", status=404)
    if not link.is_open:
        reason = "was revoked" if link.revoked_at else "has expired"
        return preview_gone(request, f"This preview link {reason}.", status=410)
    story = story_page.any_story(link.story_id)
    expires = timezone.localtime(link.expires_at)
    return preview_response(request, story, label=f"Draft preview, until {expires:%B %-d %H:%M}")


def preview_gone(request, message, *, status):
    response = render(request, "newsroom/preview_gone.html", {"message": message}, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
