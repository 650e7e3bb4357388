"""The partner API's address and error body, for code outside DRF's views.

Middleware and handler404 refuse API requests too (oversized bodies, paths that name nothing).
This module imports nothing of DRF: DRF's settings import newsroom.core.api.http, so middleware that
imported it would load it half-made."""

from django.http import JsonResponse

API_PREFIX = "/api/"


def error_response(message, status, **kwargs):
    """`{"errors": {"detail": [message]}}`, the shape every API refusal has."""
    return JsonResponse({"errors": {"detail": [message]}}, status=status, **kwargs)
