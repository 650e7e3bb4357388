from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import generic

from newsroom.forms import SearchForm
from newsroom.models import Story
from people.models import Person
from shows.models import Show
from shows.tracker import GROUPS, scorecard

SEARCH_RESULTS_PER_KIND = 20


class HomeView(generic.ListView):
    template_name = "newsroom/home.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        return Story.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        groups = scorecard(Show.objects.published(), timezone.localdate())
        summary = [(group, GROUPS[group], len(entries)) for group, entries in groups.items()]
        return super().get_context_data(tracker_summary=summary, **kwargs)


class StoryDetailView(generic.DetailView):
    template_name = "newsroom/story.html"
    context_object_name = "story"

    def get_queryset(self):
        return Story.objects.published().for_story_page()

    def get_context_data(self, **kwargs):
        story = self.object
        related = Story.objects.published().related_to(story).for_listing()[:5]
        return super().get_context_data(
            related=related,
            structured_data=story.structured_data(self.request.build_absolute_uri),
            open_graph=story.open_graph(self.request.build_absolute_uri),
            **kwargs,
        )


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
        results = {kind: found[:SEARCH_RESULTS_PER_KIND] for kind, found in results.items()}
    return render(request, "newsroom/search.html", {"form": form, "query": query, **results})


def hello(request):
    """The framework's ceiling in `make bench`: routing and middleware, no database."""
    return HttpResponse("Hello, world.", content_type="text/plain")
