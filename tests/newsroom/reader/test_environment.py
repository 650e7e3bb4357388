"""newsroom/reader/environment.py: `{{ }}` escapes as Jinja2's own escaping does."""

import pytest
from django.template import engines
from django.utils.safestring import mark_safe
from markupsafe import Markup, escape


class Linked:
    def __html__(self):
        return '<a href="/people/x/">X</a>'

    def __str__(self):
        return "<not used>"


@pytest.mark.parametrize(
    "value",
    [
        'Tom & Jerry\'s <b>"show"</b>',
        "",
        Markup("<em>kept</em>"),
        mark_safe("<strong>kept</strong>"),
        Linked(),
        2,
        None,
    ],
)
def test_output_is_escaped_as_markupsafe_escapes_it(value):
    template = engines["jinja2"].from_string(
        "<p>{{ value }}</p>{% for x in [value] %}{{ x }}{% endfor %}"
    )
    expected = f"<p>{escape(value)}</p>{escape(value)}"
    assert template.render({"value": value}) == expected


def test_text_marked_safe_by_a_filter_is_written_as_it_is():
    template = engines["jinja2"].from_string("{{ body|safe }} {{ body }}")
    assert template.render({"body": "<p>A & B</p>"}) == "<p>A & B</p> &lt;p&gt;A &amp; B&lt;/p&gt;"
