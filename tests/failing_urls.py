"""The site's URLs plus two views that fail, for the error pages (`@pytest.mark.urls`)."""

from django.db import OperationalError
from django.urls import path

from newsroom.urls import handler500  # noqa: F401 (handler500)
from newsroom.urls import urlpatterns as site_patterns


def fails(request):
    raise RuntimeError("a bug in a view")


def database_down(request):
    raise OperationalError("connection refused")


urlpatterns = [
    path("fails/", fails),
    path("database-down/", database_down),
    *site_patterns,
]
