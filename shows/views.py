from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import generic

from newsroom.core.pages import PageLists
from people.views import person_page
from shows.models import Company, Credit, Franchise, Show
from shows.models.companies import author_works
from shows.tracker import GROUPS, Scorecard

# Stories and quotes about each: added by the newsroom app.
show_page = PageLists("the show page")
season_page = PageLists("the season page")
company_page = PageLists("the company page")
franchise_page = PageLists("the franchise page")


def add_person_page_lists():
    """A person's credits and what they wrote, on the person page (people's)."""
    person_page.add("credits", Credit.objects.on_person_page)
    person_page.add_rows(works=author_works())


class ShowDetailView(generic.DetailView):
    template_name = "shows/show.html"
    context_object_name = "show"

    def get_queryset(self):
        return Show.objects.published().for_show_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**show_page.lists_for(self.object), **kwargs)


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
        return super().get_context_data(**season_page.lists_for(self.object), **kwargs)


class CompanyDetailView(generic.DetailView):
    template_name = "shows/company.html"
    context_object_name = "company"

    def get_queryset(self):
        return Company.objects.published().for_company_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**company_page.lists_for(self.object), **kwargs)


class FranchiseDetailView(generic.DetailView):
    template_name = "shows/franchise.html"
    context_object_name = "franchise"

    def get_queryset(self):
        return Franchise.objects.published().for_franchise_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**franchise_page.lists_for(self.object), **kwargs)


TRACKER_OVERVIEW_LENGTH = 25
TRACKER_PAGE_LENGTH = 100


class TrackerFilter(forms.Form):
    network = forms.SlugField(required=False)
    group = forms.ChoiceField(choices=[("", "All"), *GROUPS.items()], required=False)
    page = forms.IntegerField(min_value=1, required=False)


def tracker(request):
    """The renewal scorecard: each group's count and first shows, or ?group=<group> for all of
    one group, a page at a time; ?network=<slug> narrows either to one network."""
    form = TrackerFilter(request.GET)
    if not form.is_valid():
        raise Http404("No such network, group or page.")
    shows = Show.objects.published()
    networks = list(Company.objects.published().filter(network_shows__isnull=False).distinct())
    network = None
    if slug := form.cleaned_data["network"]:
        network = next((option for option in networks if option.slug == slug), None)
        if network is None:
            raise Http404("No such network.")
        shows = shows.filter(network=network)
    scorecard = Scorecard(shows, timezone.localdate())
    counted = scorecard.counts()
    page = None
    if group := form.cleaned_data["group"]:
        paginator = Paginator(scorecard.groups[group], TRACKER_PAGE_LENGTH)
        try:
            page = paginator.page(form.cleaned_data["page"] or 1)
        except InvalidPage as error:
            raise Http404("No such page.") from error
        entries = {group: scorecard.entries(page.object_list)}
    else:
        entries = scorecard.leaders(TRACKER_OVERVIEW_LENGTH)
    context = {
        "groups": [(name, GROUPS[name], found, counted[name]) for name, found in entries.items()],
        "group": group,
        "page_obj": page,
        "network": network,
        "networks": networks,
    }
    return render(request, "shows/tracker.html", context)
