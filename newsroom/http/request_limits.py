"""Requests larger than anything an editor sends are refused before their body is read.

The largest legitimate request is an admin form with one image (20 MB at most,
newsroom/core/images.py) and its fields. Anything bigger gets a 413 at once: Django would
otherwise stream the whole body to a temporary file before the form could refuse it. Form
fields without files are limited separately by Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)."""

from django.conf import settings
from django.http import HttpResponse

from newsroom.core.api.errors import API_PREFIX, error_response


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if declared_length(request) > settings.MAX_REQUEST_BYTES:
            return too_large(request)
        return self.get_response(request)


def too_large(request):
    limit_mb = settings.MAX_REQUEST_BYTES // (1024 * 1024)
    message = f"Request too large: {limit_mb} MB at most (images 20 MB)."
    headers = {"Cache-Control": "no-store"}
    if request.path.startswith(API_PREFIX):
        # The partner API's error shape, as for every other refusal it makes.
        return error_response(message, 413, headers=headers)
    return HttpResponse(
        f"{message}\n", status=413, content_type="text/plain; charset=utf-8", headers=headers
    )


def declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
