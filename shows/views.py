from django.shortcuts import get_object_or_404
from django.views import generic

from shows.models import Company, Franchise, Season, Show


class ShowDetailView(generic.DetailView):
    template_name = "shows/show.html"
    context_object_name = "show"

    def get_queryset(self):
        return Show.objects.published().for_show_page()

    def get_context_data(self, **kwargs):
        # Stories and quotes live in the newsroom app; reverse relations reach them.
        stories = self.object.stories.published().select_related("season")[:20]
        quotes = self.object.quotes.published().for_listing()[:20]
        return super().get_context_data(stories=stories, quotes=quotes, **kwargs)


class SeasonDetailView(generic.DetailView):
    template_name = "shows/season.html"
    context_object_name = "season"

    def get_object(self, queryset=None):
        show = get_object_or_404(Show.objects.published().for_show_page(), slug=self.kwargs["slug"])
        season = get_object_or_404(Season, show=show, number=self.kwargs["number"])
        season.show = show
        return season


class CompanyDetailView(generic.DetailView):
    template_name = "shows/company.html"
    context_object_name = "company"

    def get_queryset(self):
        return Company.objects.published().for_company_page()


class FranchiseDetailView(generic.DetailView):
    template_name = "shows/franchise.html"
    context_object_name = "franchise"

    def get_queryset(self):
        return Franchise.objects.published().prefetch_related("shows__network")
