"""What a request leaves in the logs: one JSON line per event on standard error, each carrying
the id of the request it happened in, and a mail to ADMINS for errors.

Every request gets an id: the proxy's `X-Request-ID` when it sent a sane one, else a new one.
The response carries it back in `X-Request-ID`, so a reader's or a partner's report of a
failure leads to its log lines, and from them to the proxy's own. LOGGING in newsroom/settings.py
names the classes below; this module imports nothing of the project, because logging is
configured before the apps are loaded."""

import json
import logging
import os
import re
from contextvars import ContextVar
from datetime import UTC, datetime

from django.utils.log import AdminEmailHandler

HEADER = "X-Request-ID"
# What proxies send (nginx's $request_id, UUIDs, trace ids): anything else, a newline or a
# kilobyte of text, would be copied into every log line and response of the request.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:+=/-]{1,128}")

# A context variable, not a thread-local: it follows the request under ASGI as well.
request_id = ContextVar("request_id", default=None)


class RequestIdMiddleware:
    """First of all middleware, so that every log line of the request has its id, and every
    response has the header, including refusals by the middleware after it and 500s."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        # 128 random bits, as a UUID has, in a quarter of uuid4()'s time.
        current = incoming if SANE_REQUEST_ID.fullmatch(incoming) else os.urandom(16).hex()
        token = request_id.set(current)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response[HEADER] = current
        return response


class JsonFormatter(logging.Formatter):
    """One line per event: time, level, logger, message, request id, and for a request's own
    records (django.request) its method, path and status; the traceback when there is one."""

    def format(self, record):
        event = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if current := request_id.get():
            event["request_id"] = current
        if (request := getattr(record, "request", None)) is not None:
            event["method"] = getattr(request, "method", None)
            event["path"] = getattr(request, "path", None)
        if (status := getattr(record, "status_code", None)) is not None:
            event["status"] = status
        if record.exc_info:
            event["traceback"] = self.formatException(record.exc_info)
        if record.stack_info:
            event["stack"] = self.formatStack(record.stack_info)
        # default=str: a message argument that JSON cannot hold must not lose the whole line.
        return json.dumps(event, default=str)


class NotAnOutage(logging.Filter):
    """Keeps the 503s of a database outage out of the mail: every request during one would send
    a mail. The outage is still logged, and /healthz is what monitors watch."""

    def filter(self, record):
        return getattr(record, "status_code", None) != 503


class RequestIdAdminEmailHandler(AdminEmailHandler):
    """Django's mail to ADMINS, with the request id in its subject, to find the log lines. First,
    because Django cuts long subjects (a 4 KB address) at the end."""

    def format_subject(self, subject):
        if current := request_id.get():
            subject = f"Request {current}: {subject}"
        return super().format_subject(subject)
