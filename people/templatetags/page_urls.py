"""`{% page_url "newsroom:home" %}`: a reader page's address, as people/page_urls.page_url()
writes it, for the links every page carries (base.html), without a reverse() each."""

from django import template

from people import page_urls

register = template.Library()


@register.simple_tag
def page_url(name, **kwargs):
    return page_urls.page_url(name, **kwargs)
