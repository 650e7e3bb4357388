"""Requests larger than anything an editor sends are refused before their body is read.

The largest legitimate request is an admin form with one image (20 MB at most,
newsroom/core/images.py) and its fields. Anything bigger gets a 413 at once: Django would
otherwise stream the whole body to a temporary file before the form could refuse it. Form
fields without files are limited separately by Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB).

An address longer than 8,000 bytes gets a 414. gunicorn refuses one itself, with an HTML page,
but only past its limit_request_line, which newsroom/gunicorn.conf.py raises to its highest (8190
bytes, method and protocol included): below that the refusal is ours, and under /api/ it is JSON
like every other."""

from django.conf import settings
from django.http import HttpResponse

from newsroom.core.api.errors import API_PREFIX, error_response

# Under gunicorn's raised limit_request_line with room for the method and protocol, so that every
# address gunicorn lets through gets our answer; long enough for a reader's 5,000-character search.
MAX_URL_BYTES = 8000


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if declared_length(request) > settings.MAX_REQUEST_BYTES:
            return too_large(request)
        if url_length(request) > MAX_URL_BYTES:
            return refusal(request, "Address too long: 8,000 bytes at most.", 414)
        return self.get_response(request)


def too_large(request):
    limit_mb = settings.MAX_REQUEST_BYTES // (1024 * 1024)
    return refusal(request, f"Request too large: {limit_mb} MB at most (images 20 MB).", 413)


def refusal(request, message, status):
    headers = {"Cache-Control": "no-store"}
    if request.path.startswith(API_PREFIX):
        # The partner API's error shape, as for every other refusal it makes.
        return error_response(message, status, headers=headers)
    return HttpResponse(
        f"{message}\n", status=status, content_type="text/plain; charset=utf-8", headers=headers
    )


def url_length(request):
    """The path and query as they came, percent-escapes and all: gunicorn passes them on as
    RAW_URI; elsewhere they are written again from PATH_INFO, which is decoded."""
    raw = request.META.get("RAW_URI")
    return len(raw) if raw is not None else len(request.get_full_path())


def declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
