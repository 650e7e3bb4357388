"""The reader pages' templates (templates/) are Jinja2; the admin's stay Django templates.

Rendering was half of what the story page cost the app server: Django's template language took
1.2 ms for a page Jinja2 writes, byte for byte, in 0.4 ms. Names are looked up as Django's
templates look them up, so that one template renders model instances (show pages, editors'
previews) and the story page's rows (newsroom/reader/story_rows.py) alike, and a template reads
as a Django one: `{{ story.get_absolute_url }}` calls the method, `{{ show.seasons.all }}` the
manager's. A callable marked `do_not_call_in_templates` is left as it is, and one marked
`alters_data` is never called.

What Django's tags and filters did, the environment's globals and filters do: `url()`,
`static()`, `page_url()`, `absolute_url()` (a path on SITE_URL, for canonical links and
robots.txt: never on the request's host, as pages are cached for everyone), `picture()`;
`date`, `day`, `day_and_time`, `iso` (in the site's time zone, as Django's date filters write
it), `pluralize`, `truncatechars`, `regroup`, `json_ld`, `xml_text`."""

import inspect
from datetime import datetime
from itertools import groupby
from typing import NamedTuple

import jinja2
import markupsafe
from django.conf import settings
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.timezone import get_default_timezone
from jinja2.compiler import CodeGenerator

from newsroom.core import reader_dates
from newsroom.core.page_urls import absolute_url, page_url
from newsroom.reader.renditions import picture
from newsroom.reader.structured_data import json_ld
from newsroom.reader.xml_text import xml_text

# markupsafe's escaping of a str, without the Markup it wraps the result in (markupsafe 3
# names it so; without it, escaping falls back to escape() itself).
escape_text = getattr(markupsafe, "_escape_inner", markupsafe.escape)


def escape_output(value):
    """markupsafe.escape() for what `{{ }}` writes into a page: the same HTML, left plain text
    when the value is plain text.

    A story page writes some hundred and seventy values. escape() wraps each in Markup, through
    two calls in Python, a sixth of the whole render, so that the value can go on being used as
    safe HTML; written straight into the page's output, it never is."""
    if type(value) is str:
        return escape_text(value)
    return markupsafe.escape(value)


class EscapingOutput(CodeGenerator):
    """Templates whose `{{ }}` output is escaped by escape_output() (Jinja2 lets an environment
    name its code generator, to change the Python a template compiles to)."""

    def visit_Template(self, node, frame=None):
        self.writeline(f"from {__name__} import escape_output")
        super().visit_Template(node, frame)

    def _output_child_pre(self, node, frame, finalize):
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("escape_output(")
        else:
            super()._output_child_pre(node, frame, finalize)


class ReaderEnvironment(jinja2.Environment):
    code_generator_class = EscapingOutput

    def getattr(self, obj, attribute):
        if type(obj) is dict:  # the story page's rows: most lookups of its page
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return self.getitem(obj, attribute)  # a form's fields, a mapping's keys
        if not callable(value) or getattr(value, "do_not_call_in_templates", False):
            return value
        if getattr(value, "alters_data", False):
            return self.undefined(obj=obj, name=attribute)
        try:
            return value()
        except TypeError:
            if takes_arguments(value):  # Django's templates show nothing for such a method
                return self.undefined(obj=obj, name=attribute)
            raise


def takes_arguments(function):
    try:
        inspect.signature(function).bind()
    except TypeError:
        return True
    except ValueError:  # no signature to read
        return False
    return False


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def in_readers_zone(date_filter):
    """A date filter applied, as Django's are, to a datetime in the site's time zone.

    Reader pages are the same for every reader and cached whole, so they are written in the
    site's zone (settings.TIME_ZONE), never in a zone activated for one request."""

    def applied(value, *args):
        # Django's template_localtime(), less the checks that only Django's own templates need
        # (it tests naivety twice and looks for a marker its {% localtime %} tag sets), and
        # with the site's zone, which is cached, where it asks for the current one: that costs
        # some 2 µs a date, as Django finds no zone activated by catching an exception.
        if isinstance(value, datetime) and settings.USE_TZ and value.utcoffset() is not None:
            value = value.astimezone(get_default_timezone())
        return date_filter(value, *args)

    return applied


class Group(NamedTuple):
    grouper: object
    list: list


def regroup(items, attribute, *, environment):
    """Django's {% regroup %}: runs of consecutive items with the same `attribute`."""
    found = groupby(items, key=lambda item: environment.getattr(item, attribute))
    return [Group(grouper, list(members)) for grouper, members in found]


def environment(**options):
    # Django's templates write nothing for a missing name, however deep, and keep each
    # file's last newline.
    options |= {"undefined": jinja2.ChainableUndefined, "keep_trailing_newline": True}
    env = ReaderEnvironment(**options)
    env.globals.update(
        url=url, static=static, page_url=page_url, absolute_url=absolute_url, picture=picture
    )
    env.filters.update(
        date=in_readers_zone(defaultfilters.date),
        day=in_readers_zone(reader_dates.day),
        day_and_time=in_readers_zone(reader_dates.day_and_time),
        iso=in_readers_zone(reader_dates.iso),
        pluralize=defaultfilters.pluralize,
        truncatechars=defaultfilters.truncatechars,
        regroup=lambda items, attribute: regroup(items, attribute, environment=env),
        json_ld=json_ld,
        xml_text=xml_text,
    )
    return env
