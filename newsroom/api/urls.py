"""The partner API's one router: every resource under /api/v1/, the schema and its docs."""

from django.urls import NoReverseMatch, path, reverse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.response import Response
from rest_framework.routers import APIRootView, DefaultRouter

from newsroom.api.resources import ChangeViewSet, QuoteViewSet, StoryViewSet
from newsroom.api.status_events import ShowViewSet, StatusEventViewSet
from newsroom.core.page_urls import absolute_urls
from shows.api import (
    CharacterViewSet,
    CompanyViewSet,
    CreditViewSet,
    FranchiseViewSet,
    PersonViewSet,
    SeasonViewSet,
)


class SiteRootView(APIRootView):
    """DRF's list of resources, with addresses on SITE_URL where DRF writes the request's host:
    the response is stored for every caller, as every API response is."""

    def get(self, request, *args, **kwargs):
        namespace = request.resolver_match.namespace
        absolute = absolute_urls()
        addresses = {}
        for key, url_name in self.api_root_dict.items():
            try:
                addresses[key] = absolute(
                    reverse(f"{namespace}:{url_name}" if namespace else url_name)
                )
            except NoReverseMatch:  # as DRF: a resource without a list route is left out
                continue
        return Response(addresses)


class IdRouter(DefaultRouter):
    """Every resource is addressed by its numeric id; anything else is a 404 without a query."""

    include_format_suffixes = False
    APIRootView = SiteRootView

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        return rf"(?P<{lookup_prefix}pk>[0-9]+)"


router = IdRouter()
router.register("stories", StoryViewSet, basename="story")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("changes", ChangeViewSet, basename="change")
router.register("shows", ShowViewSet, basename="show")
router.register("seasons", SeasonViewSet, basename="season")
router.register("people", PersonViewSet, basename="person")
router.register("companies", CompanyViewSet, basename="company")
router.register("franchises", FranchiseViewSet, basename="franchise")
router.register("characters", CharacterViewSet, basename="character")
router.register("credits", CreditViewSet, basename="credit")
router.register("status-events", StatusEventViewSet, basename="status-event")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from docs/?script, not inline, and our
    # template links its stylesheet: the page needs no nonce, so it can be cached and revalidated.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="newsroom/api_docs.html"
        ),
        name="docs",
    ),
    *router.urls,
]
