from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import generic

from shows.models import Company, Franchise, Show
from shows.tracker import GROUPS, scorecard

STORIES_PER_PAGE = 20


class ShowDetailView(generic.DetailView):
    template_name = "shows/show.html"
    context_object_name = "show"

    def get_queryset(self):
        return Show.objects.published().for_show_page()

    def get_context_data(self, **kwargs):
        show = self.object
        return super().get_context_data(
            stories=show.published_stories().for_listing()[:STORIES_PER_PAGE],
            quotes=show.quotes.published().for_page()[:STORIES_PER_PAGE],
            **kwargs,
        )


class SeasonDetailView(generic.DetailView):
    template_name = "shows/season.html"
    context_object_name = "season"

    def get_object(self, queryset=None):
        show = get_object_or_404(Show.objects.published().for_show_page(), slug=self.kwargs["slug"])
        season = next((s for s in show.seasons.all() if s.number == self.kwargs["number"]), None)
        if season is None:
            raise Http404("No such season.")
        season.show = show
        return season

    def get_context_data(self, **kwargs):
        season = self.object
        stories = season.stories.published().for_listing()[:STORIES_PER_PAGE]
        return super().get_context_data(stories=stories, **kwargs)


class CompanyDetailView(generic.DetailView):
    template_name = "shows/company.html"
    context_object_name = "company"

    def get_queryset(self):
        return Company.objects.published().for_company_page()

    def get_context_data(self, **kwargs):
        stories = self.object.published_stories().for_listing()[:STORIES_PER_PAGE]
        return super().get_context_data(stories=stories, **kwargs)


class FranchiseDetailView(generic.DetailView):
    template_name = "shows/franchise.html"
    context_object_name = "franchise"

    def get_queryset(self):
        return Franchise.objects.published().for_franchise_page()

    def get_context_data(self, **kwargs):
        stories = self.object.published_stories().for_listing()[:STORIES_PER_PAGE]
        return super().get_context_data(stories=stories, **kwargs)


class TrackerFilter(forms.Form):
    network = forms.SlugField(required=False)


def tracker(request):
    """The renewal scorecard; ?network=<slug> narrows it to one network."""
    form = TrackerFilter(request.GET)
    if not form.is_valid():
        raise Http404("No such network.")
    shows = Show.objects.published()
    network = None
    if slug := form.cleaned_data["network"]:
        network = get_object_or_404(Company.objects.published(), slug=slug)
        shows = shows.filter(network=network)
    context = {
        "groups": [
            (group, GROUPS[group], entries)
            for group, entries in scorecard(shows, timezone.localdate()).items()
        ],
        "network": network,
        "networks": Company.objects.published().filter(network_shows__isnull=False).distinct(),
    }
    return render(request, "shows/tracker.html", context)
