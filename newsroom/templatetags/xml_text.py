from django import template

from newsroom import xml_text as xml

register = template.Library()


@register.filter
def xml_text(text):
    """Text without the control characters XML 1.0 refuses (see newsroom/xml_text.py)."""
    return xml.xml_text(text)
