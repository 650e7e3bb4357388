from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from newsroom.api import urls as api_urls
from newsroom.core import sitemaps
from newsroom.http import outages
from newsroom.reader import feeds, views
from newsroom.reader.sitemaps import NewsSitemap, StorySitemap
from people.sitemaps import PersonSitemap
from shows.sitemaps import CompanySitemap, FranchiseSitemap, ShowSitemap

SITEMAPS = {
    "stories": StorySitemap,
    "shows": ShowSitemap,
    "people": PersonSitemap,
    "companies": CompanySitemap,
    "franchises": FranchiseSitemap,
}

story_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("stories/<slug:slug>/", views.story_detail, name="story"),
    path("search/", views.search, name="search"),
    path("preview/<str:token>/", views.shared_preview, name="preview"),
    path("feeds/rss/", feeds.StoriesFeed(), name="feed-rss"),
    path("feeds/atom/", feeds.AtomStoriesFeed(), name="feed-atom"),
    path("feeds/shows/<slug:slug>/rss/", feeds.ShowFeed(), name="show-feed-rss"),
    path("feeds/shows/<slug:slug>/atom/", feeds.AtomShowFeed(), name="show-feed-atom"),
    path("feeds/people/<slug:slug>/rss/", feeds.PersonFeed(), name="person-feed-rss"),
    path("feeds/people/<slug:slug>/atom/", feeds.AtomPersonFeed(), name="person-feed-atom"),
    path("feeds/companies/<slug:slug>/rss/", feeds.CompanyFeed(), name="company-feed-rss"),
    path("feeds/companies/<slug:slug>/atom/", feeds.AtomCompanyFeed(), name="company-feed-atom"),
]

discovery_patterns = [
    path("healthz", outages.healthz, name="healthz"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "news-sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "newsroom/news_sitemap.xml"},
        name="news-sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

handler404 = "newsroom.core.api.http.not_found"
handler500 = "newsroom.http.outages.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_urls.urlpatterns, "api"))),
    path("", include((story_patterns, "newsroom"))),
    path("", include("shows.urls")),
    path("people/", include("people.urls")),
    *discovery_patterns,
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
if settings.BENCHMARK:
    urlpatterns.append(path("bench/hello/", views.hello, name="bench-hello"))
