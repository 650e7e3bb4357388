from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom import api_urls, views

story_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("stories/<slug:slug>/", views.StoryDetailView.as_view(), name="story"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_urls.urlpatterns, "api"))),
    path("", include((story_patterns, "newsroom"))),
    path("", include("shows.urls")),
    path("people/", include("people.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
