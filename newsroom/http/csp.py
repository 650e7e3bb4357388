"""A fresh Content-Security-Policy nonce in the header of every page.

Django's CSP middleware names the nonce only when something read it while the response was
made. Our cached and revalidated pages (the reader site, the API docs) deliberately never read
it: a nonce in a stored body would go stale on every cache hit and on every 304, whose headers
browsers copy onto the page they kept. Naming a fresh one anyway gives every page one policy,
whether or not its template happened to use the nonce."""

from django.middleware.csp import get_nonce


class NonceOnEveryPageMiddleware:
    """Generates the request's nonce for HTML responses; runs inside Django's CSP middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        nonce = get_nonce(request)
        if nonce is not None and response.get("Content-Type", "").startswith("text/html"):
            str(nonce)  # a LazyNonce is made when first read; the header names it from then on
        return response
